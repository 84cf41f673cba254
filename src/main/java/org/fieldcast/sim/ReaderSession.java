package org.fieldcast.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One viewer's RTSP session: which tracks it set up on which interleaved channels, and its own
 * bounded queue drained by its own writer task. The publisher only ever offers to the queue, so a
 * slow viewer cannot slow it; a viewer whose queue overflows is dropped, as losing random packets
 * would only give it a broken picture.
 */
final class ReaderSession {
    /** About ten seconds of 2 Mbit/s video, enough for a full GOP burst plus a slow moment. */
    static final int QUEUE_CAPACITY = 2048;
    private static final int BATCH = 64;
    private static final Logger LOG = Logger.getLogger(ReaderSession.class.getName());

    private final String id = Long.toString(ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L));
    private final Map<Integer, Integer> rtpChannelByTrack = new ConcurrentHashMap<>();
    private final Map<Integer, String> setupUrlByTrack = new ConcurrentHashMap<>();
    private final BlockingQueue<RelayedPacket> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean overflowed;
    private volatile boolean ended;
    private volatile boolean playing;

    String id() {
        return id;
    }

    void setUp(int track, int rtpChannel, String url) {
        rtpChannelByTrack.put(track, rtpChannel);
        setupUrlByTrack.put(track, url);
    }

    boolean hasTracks() {
        return !rtpChannelByTrack.isEmpty();
    }

    String setupUrl(int track) {
        return setupUrlByTrack.get(track);
    }

    boolean playing() {
        return playing;
    }

    void markPlaying() {
        playing = true;
    }

    /** Called by the publisher's thread; never blocks. False when this viewer has fallen too far behind. */
    boolean offer(RelayedPacket packet) {
        if (ended || overflowed || !rtpChannelByTrack.containsKey(packet.track())) {
            return true;
        }
        if (!queue.offer(packet)) {
            overflowed = true;
            return false;
        }
        return true;
    }

    void end() {
        ended = true;
    }

    boolean overflowed() {
        return overflowed;
    }

    /**
     * The writer task: sends queued packets until the session ends, the queue overflows or the
     * socket fails; then runs {@code onDone} so the connection closes.
     */
    void pump(RtspOutput output, Runnable onDone) {
        try {
            while (!ended && !overflowed) {
                writeBatch(output, 250);
            }
            if (overflowed) {
                LOG.warning(() -> "RTSP viewer session " + id + " fell " + QUEUE_CAPACITY + " packets behind; dropping it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.FINE, "RTSP viewer session " + id + " write failed", e);
        } finally {
            ended = true;
            queue.clear();
            onDone.run();
        }
    }

    /** Writes what is queued, waiting up to {@code waitMillis} for a first packet; false when none came. */
    boolean writeBatch(RtspOutput output, long waitMillis) throws IOException, InterruptedException {
        RelayedPacket first = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        List<RelayedPacket> batch = new ArrayList<>(BATCH);
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        output.frames(batch, channels(batch));
        return true;
    }

    private int[] channels(List<RelayedPacket> batch) {
        int[] channels = new int[batch.size()];
        for (int i = 0; i < channels.length; i++) {
            RelayedPacket p = batch.get(i);
            channels[i] = rtpChannelByTrack.get(p.track()) + (p.rtcp() ? 1 : 0);
        }
        return channels;
    }
}
