package org.fieldcast.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Fans the publisher's RTP out to the playing viewers of one camera: one upstream, many readers.
 * <p>
 * The publisher's thread rewrites the H.264 payload type to Bosch's 35 once, keeps the current GOP
 * and offers each packet to every viewer's queue; offering never blocks. A new publisher (ffmpeg
 * restarted) replaces the old one, whose late packets are ignored.
 */
final class StreamRelay {
    /** Where a new viewer's stream starts, for the RTP-Info header of the PLAY reply. */
    record PlayStart(int track, int sequence, long timestamp) {
    }

    private final String sessionName;
    private final List<ReaderSession> playing = new ArrayList<>();
    private final GopCache gop = new GopCache();
    private final CountDownLatch firstPacket = new CountDownLatch(1);
    private Object publisher;
    private SdpRewriter.ReaderSdp sdp;
    private long totalPlays;
    private volatile boolean stalled;

    StreamRelay(String sessionName) {
        this.sessionName = sessionName;
    }

    synchronized void announce(Object newPublisher, String announcedSdp) {
        publisher = newPublisher;
        sdp = SdpRewriter.forReaders(announcedSdp, sessionName);
        gop.clear();
        notifyAll(); // viewers waiting in DESCRIBE for an encoder started on demand
    }

    /** The readers' SDP, waiting up to {@code timeout} for the first announce; null if none came. */
    synchronized SdpRewriter.ReaderSdp awaitReaderSdp(Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); sdp == null && left > 0; left = until - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return sdp;
    }

    /** The last announced SDP stays, so viewers can still DESCRIBE while ffmpeg restarts. */
    synchronized void publisherGone(Object oldPublisher) {
        if (publisher == oldPublisher) {
            publisher = null;
            gop.clear();
        }
    }

    synchronized SdpRewriter.ReaderSdp readerSdp() {
        return sdp;
    }

    void onPacket(Object from, int track, boolean rtcp, byte[] data) {
        RelayedPacket packet;
        synchronized (this) {
            if (from != publisher || sdp == null || track >= sdp.tracks()) {
                return;
            }
            boolean h264 = sdp.payloadTypes()[track] >= 0;
            if (!rtcp && data.length >= 12 && h264) {
                // Keep the marker bit, replace the payload type.
                data[1] = (byte) ((data[1] & 0x80) | sdp.payloadTypes()[track]);
            }
            packet = new RelayedPacket(track, rtcp, data);
            if (!rtcp && h264) {
                gop.add(packet);
            }
            if (!stalled) {
                for (ReaderSession reader : playing) {
                    reader.offer(packet);
                }
            }
        }
        firstPacket.countDown();
    }

    /** Starts a viewer: queues the current GOP, then every live packet. Returns where it starts, or null. */
    synchronized PlayStart attach(ReaderSession reader) {
        PlayStart start = null;
        if (!stalled) {
            for (RelayedPacket p : gop.snapshot()) {
                if (start == null) {
                    start = new PlayStart(p.track(), p.sequence(), p.timestamp());
                }
                reader.offer(p);
            }
        }
        playing.add(reader);
        totalPlays++;
        return start;
    }

    synchronized void detach(ReaderSession reader) {
        playing.remove(reader);
    }

    synchronized int playingCount() {
        return playing.size();
    }

    synchronized long totalPlays() {
        return totalPlays;
    }

    void setStalled(boolean on) {
        stalled = on;
    }

    boolean awaitFirstPacket(Duration timeout) throws InterruptedException {
        return firstPacket.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
