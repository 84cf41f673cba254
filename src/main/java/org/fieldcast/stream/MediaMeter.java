package org.fieldcast.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
/**
 * Measures what actually arrives from the camera: frames per second and bit rate over the last
 * {@link #WINDOW_NANOS}, and the age of the last frame (which is how a stall shows). Fed on the pump
 * thread, read by timers and the health endpoint.
 */
final class MediaMeter implements Fmp4StreamParser.Listener {
    static final long WINDOW_NANOS = 2_000_000_000L;

    private final LongSupplier nanoClock;
    private final Deque<long[]> recent = new ArrayDeque<>(); // {arrival nanos, bytes}
    private int leadTrackId = -1;
    private long lastFrameNanos;
    private boolean anyFrame;

    MediaMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void onInit(InitSegment init) {
        leadTrackId = init.leadTrack().trackId();
    }

    @Override
    public synchronized void onFragment(Fragment fragment) {
        long now = nanoClock.getAsLong();
        if (fragment.trackId() == leadTrackId) {
            lastFrameNanos = now;
            anyFrame = true;
            recent.addLast(new long[] {now, fragment.bytes().length});
        } else if (!recent.isEmpty()) {
            recent.peekLast()[1] += fragment.bytes().length; // audio counts towards the bit rate
        }
        trim(now);
    }

    synchronized double fps() {
        trim(nanoClock.getAsLong());
        return recent.size() * 1e9 / WINDOW_NANOS;
    }

    synchronized long bitsPerSecond() {
        trim(nanoClock.getAsLong());
        return Math.round(recent.stream().mapToLong(r -> r[1]).sum() * 8 * 1e9 / WINDOW_NANOS);
    }

    /** Milliseconds since the last video frame, or -1 before the first one. */
    synchronized long lastFrameAgeMillis() {
        return anyFrame ? (nanoClock.getAsLong() - lastFrameNanos) / 1_000_000 : -1;
    }

    /** Nanos of the last video frame, or of {@code since} when none came after it. */
    synchronized long lastFrameSince(long since) {
        return anyFrame && lastFrameNanos - since > 0 ? lastFrameNanos : since;
    }

    private void trim(long now) {
        while (!recent.isEmpty() && now - recent.peekFirst()[0] > WINDOW_NANOS) {
            recent.removeFirst();
        }
    }
}
