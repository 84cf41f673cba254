package org.fieldcast.relay;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fmp4Wire;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.hls.Timeline;
import org.fieldcast.hls.TimelineDelta;

/**
 * The owner's side of a stream's relay: told each timeline its segmenter publishes and each piece of
 * media its taps get, it sends them on in one numbered sequence, and answers a node that asks with a
 * snapshot. It announces itself with a snapshot when it starts, so nodes that waited for an owner, or
 * followed the previous one, begin at once. Called on the camera's media threads (the segmenter's
 * pump, the RTSP proxy's thread) and on the transport's for requests; one lock keeps the sequence in
 * the order things were sent. It never blocks beyond the transport's own send.
 */
public final class RelayPublisher implements Fmp4StreamParser.Listener, Consumer<Timeline>, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RelayPublisher.class.getName());
    /** The taps' GOP kept for a snapshot is cut here (12 s at 25 fps), as the MSE tap cuts its own. */
    static final int MAX_GOP_FRAGMENTS = 300;
    static final int MAX_GOP_BYTES = 16 * 1024 * 1024;
    /** A following node says it watches every second; three seconds of silence and it counts as gone. */
    static final long FOLLOWED_FOR_NANOS = 3_000_000_000L;

    private final String stream;
    private final long generation;
    private final RelayTransport transport;
    private final List<Fragment> gop = new ArrayList<>();
    private RelayTransport.Subscription requests;
    private Timeline last;
    private InitSegment tapInit;
    private int gopBytes;
    private long sequence;
    private boolean sendFailed;
    private volatile long lastWatched = Long.MIN_VALUE;

    /**
     * @param stream     the stream's name on every node
     * @param generation the lease generation under which this node owns the stream
     * @param empty      the segmenter's timeline before anything was published (the base of the first change)
     */
    public RelayPublisher(String stream, long generation, RelayTransport transport, Timeline empty) {
        this.stream = stream;
        this.generation = generation;
        this.transport = transport;
        this.last = empty;
    }

    /** Answers snapshot requests from now on, and sends the first snapshot. */
    public synchronized RelayPublisher start() {
        requests = transport.listen(RelayTopics.requests(stream), this::onRequest);
        sendSnapshot();
        return this;
    }

    @Override
    public synchronized void accept(Timeline t) {
        byte[] change = TimelineDelta.between(last, t).encode();
        last = t;
        send(RelayMessage.Type.TIMELINE, ++sequence, change);
    }

    @Override
    public synchronized void onInit(InitSegment init) {
        tapInit = init;
        gop.clear();
        gopBytes = 0;
        send(RelayMessage.Type.TAP_INIT, ++sequence, bytes(out -> Fmp4Wire.writeInit(out, init)));
    }

    @Override
    public synchronized void onFragment(Fragment f) {
        keep(f);
        send(RelayMessage.Type.TAP_FRAGMENT, ++sequence, bytes(out -> Fmp4Wire.writeFragment(out, f)));
    }

    /** The pictures since the latest keyframe (and the audio between them), so a snapshot starts decodable. */
    private void keep(Fragment f) {
        boolean lead = tapInit != null && f.trackId() == tapInit.leadTrack().trackId();
        if (lead && f.independent()) {
            gop.clear();
            gopBytes = 0;
        }
        if (gop.isEmpty() && !(lead && f.independent())) {
            return; // nothing decodable before the first keyframe
        }
        if (gop.size() >= MAX_GOP_FRAGMENTS || gopBytes + f.bytes().length > MAX_GOP_BYTES) {
            gop.clear(); // a GOP this long is not kept: a new node's taps wait for the next keyframe
            gopBytes = 0;
            return;
        }
        gop.add(f);
        gopBytes += f.bytes().length;
    }

    private synchronized void onRequest(byte[] message) {
        try {
            RelayMessage request = RelayMessage.decode(message);
            if (request.type() == RelayMessage.Type.SNAPSHOT_REQUEST && request.generation() <= generation) {
                sendSnapshot(); // a node that follows a newer owner asks that one, not this one
            } else if (request.type() == RelayMessage.Type.WATCHING) {
                lastWatched = System.nanoTime();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "a relay request that is not one, for " + stream, e);
        }
    }

    private void sendSnapshot() {
        RelaySnapshot s = new RelaySnapshot(TimelineDelta.whole(last).encode(), tapInit, List.copyOf(gop));
        send(RelayMessage.Type.SNAPSHOT, sequence, s.encode());
    }

    /**
     * A failed send (the cluster shutting down, a member cut off) must not stop the camera's media
     * thread: the nodes see the gap in the sequence and ask for a snapshot.
     */
    private void send(RelayMessage.Type type, long seq, byte[] payload) {
        try {
            transport.send(RelayTopics.media(stream), new RelayMessage(type, generation, seq, payload).encode());
            sendFailed = false;
        } catch (RuntimeException e) {
            if (!sendFailed) {
                LOG.log(Level.WARNING, "relay of " + stream + " could not send; its nodes will ask for a snapshot", e);
            }
            sendFailed = true;
        }
    }

    /** Whether a node that follows this stream said in the last seconds that it has viewers. */
    public boolean followed() {
        long last = lastWatched;
        return last != Long.MIN_VALUE && System.nanoTime() - last < FOLLOWED_FOR_NANOS;
    }

    @Override
    public synchronized void close() {
        if (requests != null) {
            requests.close();
            requests = null;
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }
}
