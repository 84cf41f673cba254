package org.fieldcast.relay;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fmp4Wire;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.hls.HlsMirror;
import org.fieldcast.hls.TimelineDelta;

/**
 * A node's side of a stream's relay when another node owns the stream: it keeps an {@link HlsMirror}
 * equal to the owner's segmenter and hands the owner's tap media to this node's taps.
 * <p>
 * It starts from a snapshot, then applies the changes numbered after it, each exactly once: a
 * number already applied is a duplicate and dropped; a number skipped means something was lost, so
 * it asks for a snapshot and ignores the changes until one comes (asking again every
 * {@link #RETRY_AFTER} messages, should the request itself be lost). A message of an older lease
 * generation is ignored; one of a newer generation means a new owner: it waits for that owner's
 * snapshot (which a starting owner sends unasked), whose timeline the new owner continued from the
 * old one's, so the mirror goes on with a discontinuity. Called on the transport's delivery thread.
 */
public final class RelaySubscriber implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RelaySubscriber.class.getName());
    /** Messages ignored while waiting for a snapshot before asking again: 2 s of a 25 fps camera. */
    static final int RETRY_AFTER = 50;

    private final String stream;
    private final RelayTransport transport;
    private final HlsMirror mirror;
    private final Fmp4StreamParser.Listener taps;
    private RelayTransport.Subscription subscription;
    /** Volatile as well: {@link #watching} reads it without the lock the delivery holds while it applies. */
    private volatile long generation = Long.MIN_VALUE;
    private long applied;
    private boolean synced;
    private int ignoredSinceRequest;
    private long snapshots;

    /**
     * @param taps this node's taps of the stream (the MSE and JPEG views), fed the owner's tap media
     */
    public RelaySubscriber(String stream, RelayTransport transport, HlsMirror mirror, Fmp4StreamParser.Listener taps) {
        this.stream = stream;
        this.transport = transport;
        this.mirror = mirror;
        this.taps = taps;
    }

    /** Listens first, then asks: a snapshot cannot pass by unheard. */
    public synchronized RelaySubscriber start() {
        subscription = transport.listen(RelayTopics.media(stream), this::onMessage);
        requestSnapshot();
        return this;
    }

    synchronized void onMessage(byte[] bytes) {
        RelayMessage m;
        try {
            m = RelayMessage.decode(bytes);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "a relay message of " + stream + " that is not one", e);
            return;
        }
        if (m.generation() < generation) {
            return; // an owner that lost its lease: not heard any more
        }
        if (m.generation() > generation) {
            generation = m.generation(); // a new owner: only its snapshot can start this node again
            synced = false;
        }
        if (m.type() == RelayMessage.Type.SNAPSHOT) {
            if (!synced) {
                start(m);
            }
            return; // a snapshot another node asked for, of what this one holds already
        }
        if (!synced) {
            if (++ignoredSinceRequest >= RETRY_AFTER) {
                requestSnapshot();
            }
            return;
        }
        if (m.sequence() <= applied) {
            return; // delivered twice
        }
        if (m.sequence() != applied + 1) {
            lost("message " + (applied + 1) + " never came, " + m.sequence() + " did");
            return;
        }
        try {
            apply(m);
            applied = m.sequence();
        } catch (RuntimeException e) {
            lost("message " + m.sequence() + " could not be applied: " + e.getMessage());
        }
    }

    private void start(RelayMessage m) {
        try {
            RelaySnapshot s = RelaySnapshot.decode(m.payload());
            mirror.apply(TimelineDelta.decode(s.timeline()));
            if (s.tapInit() != null) {
                taps.onInit(s.tapInit());
                s.gop().forEach(taps::onFragment);
            }
            applied = m.sequence();
            synced = true;
            snapshots++;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a relay snapshot of " + stream + " that is not one", e);
            requestSnapshot();
        }
    }

    private void apply(RelayMessage m) {
        switch (m.type()) {
            case TIMELINE -> mirror.apply(TimelineDelta.decode(m.payload()));
            case TAP_INIT -> taps.onInit(readInit(m));
            case TAP_FRAGMENT -> taps.onFragment(readFragment(m));
            default -> {
                // a request on the wrong topic: nothing to apply
            }
        }
    }

    private static InitSegment readInit(RelayMessage m) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(m.payload()))) {
            return Fmp4Wire.readInit(in);
        } catch (IOException e) {
            throw new RelayMessage.RelayFormatException("a tap init cut short: " + e);
        }
    }

    private static Fragment readFragment(RelayMessage m) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(m.payload()))) {
            return Fmp4Wire.readFragment(in);
        } catch (IOException e) {
            throw new RelayMessage.RelayFormatException("a tap fragment cut short: " + e);
        }
    }

    private void lost(String what) {
        LOG.log(Level.INFO, "relay of {0}: {1}; asking for a snapshot", new Object[] {stream, what});
        synced = false;
        requestSnapshot();
    }

    private void requestSnapshot() {
        ignoredSinceRequest = 0;
        // The newest generation this node has heard (none yet: the lowest), so an owner older than that keeps quiet.
        transport.send(RelayTopics.requests(stream), new RelayMessage(RelayMessage.Type.SNAPSHOT_REQUEST, generation, 0,
                new byte[0]).encode());
    }

    /** Tells the owner this node still has viewers of the stream, so it keeps pulling; call every second. */
    public void watching() {
        long heard = generation; // no lock: the caller may hold its stream's, which the delivery may be waiting for
        transport.send(RelayTopics.requests(stream), new RelayMessage(RelayMessage.Type.WATCHING, heard, 0, new byte[0]).encode());
    }

    /** Whether the mirror follows the owner now (a snapshot came, and no change was lost since). */
    public synchronized boolean synced() {
        return synced;
    }

    /** How many snapshots this node started from: one, unless something was lost or the owner changed. */
    public synchronized long snapshots() {
        return snapshots;
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
