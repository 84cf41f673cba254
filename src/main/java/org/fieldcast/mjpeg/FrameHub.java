package org.fieldcast.mjpeg;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The latest JPEG frame of one camera in one profile, and the viewers that want every next one.
 * <p>
 * Nothing queues here: the hub keeps one frame and hands each new one to every viewer at once; a
 * viewer that is still busy sending keeps only the newest (see {@link FrameSink}), so a slow viewer
 * skips frames and holds at most two, and never slows the others. A new viewer gets the latest frame
 * immediately, if it is recent. Frames come from the camera's transcoder or, while RTSP fails, from
 * whoever publishes snapshots ({@link #publish}).
 */
public final class FrameHub {
    /** A frame older than this is history, not "the latest picture": its transcoder stopped or the camera went quiet. */
    static final long STALE_AFTER_NANOS = 10_000_000_000L;

    private final String cameraId;
    private final JpegProfile profile;
    private final Runnable demandChanged;
    private final LongSupplier nanos;
    private final List<FrameSink> sinks = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Published latest;

    private record Published(JpegFrame frame, long atNanos) {
    }

    /**
     * @param demandChanged called (outside any lock of the hub) after the number of viewers went from
     *                      zero to one or back; the callee reads {@link #viewers()} to see which
     */
    public FrameHub(String cameraId, JpegProfile profile, Runnable demandChanged) {
        this(cameraId, profile, demandChanged, System::nanoTime);
    }

    FrameHub(String cameraId, JpegProfile profile, Runnable demandChanged, LongSupplier nanos) {
        this.cameraId = cameraId;
        this.profile = profile;
        this.demandChanged = demandChanged;
        this.nanos = nanos;
    }

    public String cameraId() {
        return cameraId;
    }

    public JpegProfile profile() {
        return profile;
    }

    /**
     * Makes a JPEG this camera's latest frame and offers it to every viewer. For the transcoder and
     * for external sources, e.g. the camera's HTTP snapshots while its RTSP stream fails.
     *
     * @param jpeg        a whole JPEG image; kept and shared, so the caller must not change it afterwards
     * @param epochMillis when Fieldcast got it (wall clock milliseconds)
     */
    public void publish(byte[] jpeg, long epochMillis) {
        JpegFrame frame = new JpegFrame(cameraId, jpeg, epochMillis, sequence.incrementAndGet());
        latest = new Published(frame, nanos.getAsLong());
        for (FrameSink sink : sinks) {
            sink.offer(frame);
        }
    }

    /** Adds a viewer; it is offered the latest frame at once if there is a recent one. */
    public void subscribe(FrameSink sink) {
        boolean first;
        synchronized (this) {
            first = sinks.isEmpty();
            sinks.add(sink);
        }
        if (first) {
            demandChanged.run();
        }
        latest().ifPresent(sink::offer);
    }

    /** Removes a viewer; harmless if it is not subscribed. */
    public void unsubscribe(FrameSink sink) {
        boolean last;
        synchronized (this) {
            last = sinks.remove(sink) && sinks.isEmpty();
        }
        if (last) {
            demandChanged.run();
        }
    }

    public int viewers() {
        return sinks.size();
    }

    /** The latest frame, if it is recent. */
    public Optional<JpegFrame> latest() {
        Published p = latest;
        return p != null && nanos.getAsLong() - p.atNanos() <= STALE_AFTER_NANOS ? Optional.of(p.frame()) : Optional.empty();
    }

    /**
     * The latest frame if it is recent, else the next one published. Counts as a viewer until it
     * completes, so a transcoder starts for it; cancel or time it out to give up.
     */
    public CompletableFuture<JpegFrame> nextFrame() {
        CompletableFuture<JpegFrame> next = new CompletableFuture<>();
        FrameSink once = next::complete;
        subscribe(once);
        next.whenComplete((frame, failure) -> unsubscribe(once));
        return next;
    }

    /** Forgets the latest frame: its source stopped, so it will soon be history. */
    void forgetLatest() {
        latest = null;
    }

    public long framesPublished() {
        return sequence.get();
    }
}
