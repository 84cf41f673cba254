package org.fieldcast.hls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Cuts one camera's fragments into parts and segments, as gohlslib's segmenter does:
 * <ul>
 *   <li>a part closes when one more frame would take it past the part target, so parts are a whole
 *       number of frames and never longer than PART-TARGET (RFC 8216bis 4.4.4.9);</li>
 *   <li>a segment closes at the first keyframe at least {@code minSegment} after the last cut, so
 *       segments follow the camera's GOP;</li>
 *   <li>TARGETDURATION is fixed by the first segment and never grows: a longer GOP later is cut
 *       early, without a keyframe, rather than break the rule that EXTINF rounds to at most it.</li>
 * </ul>
 * Fed by one thread (the pipe pump); readers get immutable {@link Timeline}s and may wait for one
 * that satisfies a condition (blocking playlist reload).
 */
public final class HlsSegmenter implements Fmp4StreamParser.Listener {
    private final double configuredPartTarget;
    private final double minSegment;
    private final int window;
    private final Clock clock;

    private final Map<Integer, InitSegment> inits = new HashMap<>();
    private final List<Segment> segments = new ArrayList<>();
    private final List<Part> openParts = new ArrayList<>();
    private final List<byte[]> partChunks = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();

    private InitSegment init;
    private int generation;
    private boolean started;
    private boolean discontinuityPending;
    private int targetDuration;
    /** PART-TARGET: the configured target rounded down to whole frames, fixed by the stream's first frame. */
    private double partTarget;
    private boolean partTargetFixed;
    private long nextMsn;
    private long nextPartId;
    private long discontinuitySequence;
    private long partTicks;
    private boolean partIndependent;
    private long segmentTicks;
    private long segmentStartTime;
    private Instant generationWall;
    private long generationStartTime;
    private volatile Timeline timeline;

    public HlsSegmenter(Duration partTarget, Duration minSegment, int window, Clock clock) {
        this.configuredPartTarget = partTarget.toNanos() / 1e9;
        this.partTarget = configuredPartTarget;
        this.minSegment = minSegment.toNanos() / 1e9;
        this.window = window;
        this.clock = clock;
        // Parts and segments are served as immutable, so their URIs must never repeat, not even after a
        // restart of Fieldcast: sequence numbers start at the clock's epoch second, and segments last at
        // least a second, so a later stream always starts above an earlier one.
        this.nextMsn = clock.instant().getEpochSecond();
        this.nextPartId = clock.millis(); // parts last at least a millisecond: unique across restarts too
        this.generation = (int) (clock.instant().getEpochSecond() % 1_000_000_000);
        this.timeline = Timeline.empty(configuredPartTarget);
    }

    public Timeline timeline() {
        return timeline;
    }

    /**
     * A new ffmpeg run begins: what was open is closed as the last segment of the old run, and the
     * next segment carries EXT-X-DISCONTINUITY, so attached players continue instead of failing.
     */
    @Override
    public synchronized void onInit(InitSegment newInit) {
        if (started) {
            closeSegment();
            discontinuityPending = true;
        }
        generation++;
        init = newInit;
        inits.put(generation, newInit);
        started = false;
    }

    @Override
    public synchronized void onFragment(Fragment f) {
        TrackInfo lead = init.leadTrack();
        boolean isLead = f.trackId() == lead.trackId();
        if (!started) {
            if (!isLead || !f.independent()) {
                return; // a player can only start at a keyframe
            }
            startGeneration(f);
        }
        if (isLead) {
            cutBefore(f);
        }
        partChunks.add(f.bytes());
        if (isLead) {
            partTicks += f.duration();
            segmentTicks += f.duration();
            // Assume the next frame lasts as long as this one: close the part now rather than one frame late.
            if (seconds(partTicks + f.duration(), lead) > partTarget + 1e-9) {
                closePart();
            }
        }
    }

    private void startGeneration(Fragment f) {
        if (!partTargetFixed && f.duration() > 0) {
            // Apple: parts other than a segment's last must be at least 85 % of PART-TARGET. With a frame
            // rate that does not divide the target (12.5 fps, 80 ms frames) whole-frame parts would fall
            // short, so the advertised target is itself a whole number of frames.
            double frame = seconds(f.duration(), init.leadTrack());
            partTarget = Math.max(1, Math.floor(configuredPartTarget / frame + 1e-9)) * frame;
            partTargetFixed = true;
        }
        started = true;
        generationWall = clock.instant();
        generationStartTime = f.decodeTime();
        segmentStartTime = f.decodeTime();
        partIndependent = true;
    }

    private void cutBefore(Fragment f) {
        TrackInfo lead = init.leadTrack();
        double segmentSeconds = seconds(segmentTicks, lead);
        boolean keyframeCut = f.independent() && segmentSeconds >= minSegment - 1e-9;
        boolean forcedCut = targetDuration > 0 && seconds(segmentTicks + f.duration(), lead) > targetDuration + 0.5;
        if ((keyframeCut || forcedCut) && segmentTicks > 0) {
            closeSegment();
            segmentStartTime = f.decodeTime();
        } else if (!partChunks.isEmpty() && seconds(partTicks + f.duration(), lead) > partTarget + 1e-9) {
            closePart();
        }
        if (partChunks.isEmpty()) {
            partIndependent = f.independent();
        }
    }

    private void closePart() {
        if (partChunks.isEmpty()) {
            return;
        }
        int size = partChunks.stream().mapToInt(b -> b.length).sum();
        byte[] bytes = new byte[size];
        int at = 0;
        for (byte[] chunk : partChunks) {
            System.arraycopy(chunk, 0, bytes, at, chunk.length);
            at += chunk.length;
        }
        openParts.add(new Part(nextPartId++, nextMsn, openParts.size(), bytes, seconds(partTicks, init.leadTrack()),
                partIndependent));
        partChunks.clear();
        partTicks = 0;
        partIndependent = false;
        publish();
    }

    private void closeSegment() {
        closePart();
        if (openParts.isEmpty()) {
            return;
        }
        TrackInfo lead = init.leadTrack();
        double duration = seconds(segmentTicks, lead);
        Instant pdt = generationWall.plusNanos(Math.round((segmentStartTime - generationStartTime) * 1e9 / lead.timescale()));
        segments.add(new Segment(nextMsn, List.copyOf(openParts), duration, pdt, discontinuityPending, generation));
        discontinuityPending = false;
        if (targetDuration == 0) {
            targetDuration = Math.max(1, (int) Math.ceil(duration - 1e-3));
        }
        nextMsn++;
        openParts.clear();
        segmentTicks = 0;
        trimWindow();
        publish();
    }

    private void trimWindow() {
        while (segments.size() > window) {
            if (segments.remove(0).discontinuity()) {
                discontinuitySequence++; // RFC 8216bis 4.4.3.3: counts the tags that left the playlist
            }
        }
        inits.keySet().removeIf(g -> g != generation && segments.stream().noneMatch(s -> s.generation() == g));
    }

    private void publish() {
        Timeline t = new Timeline(targetDuration, partTarget, List.copyOf(segments), nextMsn, List.copyOf(openParts),
                discontinuitySequence, Map.copyOf(inits), nextPartId, generation);
        timeline = t;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.future.isDone()) {
                it.remove();
            } else if (w.condition.test(t)) {
                it.remove();
                w.future.complete(t);
            }
        }
    }

    /**
     * A future that completes with the first timeline meeting the condition (at once if the current
     * one does). The caller bounds the wait by completing or cancelling the future.
     */
    public synchronized CompletableFuture<Timeline> await(Predicate<Timeline> condition) {
        Timeline t = timeline;
        if (condition.test(t)) {
            return CompletableFuture.completedFuture(t);
        }
        Waiter w = new Waiter(condition, new CompletableFuture<>());
        waiters.add(w);
        return w.future;
    }

    /** Ends every wait, e.g. when the stream stops for good. */
    public synchronized void failWaiters(RuntimeException reason) {
        waiters.forEach(w -> w.future.completeExceptionally(reason));
        waiters.clear();
    }

    private static double seconds(long ticks, TrackInfo track) {
        return (double) ticks / track.timescale();
    }

    private record Waiter(Predicate<Timeline> condition, CompletableFuture<Timeline> future) {
    }
}
