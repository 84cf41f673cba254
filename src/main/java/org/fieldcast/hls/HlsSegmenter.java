package org.fieldcast.hls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.TrackInfo;
import org.fieldcast.stream.PullOutput;

/**
 * Cuts one camera's fragments into parts and segments, as gohlslib's segmenter does:
 * <ul>
 *   <li>a part closes when one more frame would take it past PART-TARGET, so parts are a whole
 *       number of frames and never longer than PART-TARGET (RFC 8216bis 4.4.4.9);</li>
 *   <li>PART-TARGET is fixed by the first segment: the configured target rounded down to whole
 *       frames of the camera's typical frame interval, plus headroom for the jitter of real
 *       cameras' timestamps, so that every part but a segment's last holds the same number of
 *       frames and fills at least 85 % of it;</li>
 *   <li>a segment closes at the first keyframe at least {@code minSegment} after the last cut (less
 *       half a frame of jitter), so segments follow the camera's GOP;</li>
 *   <li>TARGETDURATION is fixed by the first segment and never grows: a longer GOP later is cut
 *       early, without a keyframe, rather than break the rule that EXTINF rounds to at most it.</li>
 * </ul>
 * Fed by one thread (the pipe pump); readers get immutable {@link Timeline}s and may wait for one
 * that satisfies a condition (blocking playlist reload). One listener may be told of each new
 * timeline (the cluster's relay), and a segmenter may {@linkplain #continuing continue} a timeline
 * another node made, as a restart continues its own.
 */
public final class HlsSegmenter implements PullOutput, HlsWindow {
    /**
     * PART-TARGET's headroom over whole frames. Cameras' timestamps jitter (GStreamer's x264 camera:
     * 39.9 and 40.1 ms in turn; others: a frame 7 ms late now and then), so five frames of a 25 fps
     * camera may last 200.1 or 207 ms; parts must stay within PART-TARGET (RFC 8216bis 4.4.4.9: "MUST
     * be less than or equal to") and, but for a segment's last, fill at least 85 % of it (4.4.4.9 of
     * draft 22, and Apple). 8 % leaves the same margin on both sides: five frames may run 8 % long or
     * 8 % short (0.85 x 1.08 = 0.918) and still be one part.
     */
    static final double JITTER_HEADROOM = 0.08;
    /** A frame measured this fraction of a frame too long still fits the configured target whole. */
    private static final double WHOLE_FRAME_SLACK = 0.05;

    private final double configuredPartTarget;
    private final double minSegment;
    private final int window;
    private final Clock clock;

    private final Map<Integer, InitSegment> inits = new HashMap<>();
    private final List<Segment> segments = new ArrayList<>();
    private final List<Part> openParts = new ArrayList<>();
    private final List<byte[]> partChunks = new ArrayList<>();
    private final TimelineWaiters waiters = new TimelineWaiters();
    /** The stream's first segment, held until it ends: its frames fix PART-TARGET before any part is cut. */
    private final List<Fragment> firstSegment = new ArrayList<>();

    private InitSegment init;
    private int generation;
    private boolean started;
    private boolean discontinuityPending;
    private int targetDuration;
    /** PART-TARGET: whole frames of the configured target plus {@link #JITTER_HEADROOM}, fixed by the first segment. */
    private double partTarget;
    private boolean partTargetFixed;
    /** The camera's typical frame interval: the median of the first segment's, in seconds and in its ticks. */
    private double nominalFrame;
    private long nominalFrameTicks;
    private long nextMsn;
    private long nextPartId;
    private long discontinuitySequence;
    private long partTicks;
    private boolean partIndependent;
    private long segmentTicks;
    private long segmentStartTime;
    private Instant generationWall;
    /** The end of the inherited window, before which a continuation dates nothing (RFC 8216bis 6.2.1: dates must not be ambiguous). */
    private Instant datesFrom = Instant.MIN;
    private long generationStartTime;
    private volatile Timeline timeline;
    private volatile Consumer<Timeline> listener;

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

    /**
     * A segmenter that continues a timeline made elsewhere (the previous owner's, as this node's
     * mirror holds it) as a restart continues its own: it keeps that window, TARGETDURATION and
     * PART-TARGET (RFC 8216bis 6.2.1: "the server MUST NOT change" EXT-X-TARGETDURATION; Apple 14.4:
     * PART-TARGET neither), closes what was open as the last segment before the break, numbers on
     * after it, and starts its first segment with EXT-X-DISCONTINUITY and a new EXT-X-MAP. A player
     * sees a camera that reconnected, not a new stream. A timeline nobody could play yet is not kept.
     */
    public static HlsSegmenter continuing(Timeline previous, Duration partTarget, Duration minSegment, int window, Clock clock) {
        HlsSegmenter s = new HlsSegmenter(partTarget, minSegment, window, clock);
        if (!previous.playable()) {
            return s; // no player has seen anything of it: a stream of its own, numbered from this clock
        }
        s.nextMsn = previous.openMsn();
        s.nextPartId = previous.nextPartId();
        s.discontinuitySequence = previous.discontinuitySequence();
        s.generation = previous.generation();
        s.segments.addAll(previous.segments());
        s.inits.putAll(previous.inits());
        s.targetDuration = previous.targetDuration();
        s.partTarget = previous.partTarget();
        s.partTargetFixed = true;
        s.closeInherited(previous);
        Segment last = s.segments.get(s.segments.size() - 1);
        s.datesFrom = last.programDateTime().plusNanos(Math.round(last.duration() * 1e9));
        s.discontinuityPending = true;
        s.timeline = new Timeline(s.targetDuration, s.partTarget, List.copyOf(s.segments), s.nextMsn, List.of(),
                s.discontinuitySequence, Map.copyOf(s.inits), s.nextPartId, s.generation);
        return s;
    }

    /** The previous owner's open parts become a segment of their own, as a restart closes its open segment. */
    private void closeInherited(Timeline previous) {
        if (previous.openParts().isEmpty()) {
            return;
        }
        Segment last = segments.get(segments.size() - 1);
        double duration = previous.openParts().stream().mapToDouble(Part::duration).sum();
        Instant pdt = last.programDateTime().plusNanos(Math.round(last.duration() * 1e9));
        segments.add(new Segment(nextMsn++, previous.openParts(), duration, pdt, false, previous.generation()));
        trimWindow();
    }

    /**
     * Tells the listener of every timeline published from now on, on the feeding thread and under the
     * segmenter's lock: it must only hand the timeline on, never block. Without one, publishing costs
     * nothing more.
     */
    public void onTimeline(Consumer<Timeline> newListener) {
        listener = newListener;
    }

    @Override
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
            if (!partTargetFixed) {
                fixPartTarget(); // the first run ended within its first segment
            }
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
        boolean isLead = f.trackId() == init.leadTrack().trackId();
        if (!started) {
            if (!isLead || !f.independent()) {
                return; // a player can only start at a keyframe
            }
            startGeneration(f);
        }
        if (partTargetFixed && nominalFrame == 0 && isLead && f.duration() > 0) {
            // A continuation inherits PART-TARGET but not the frame interval behind it: the first frame's
            // stands in (it only decides whether a part closes at once or one frame later).
            nominalFrameTicks = f.duration();
            nominalFrame = seconds(nominalFrameTicks, init.leadTrack());
        }
        if (!partTargetFixed) {
            if (!isLead || !endsSegment(f)) {
                // Nobody can play before the first segment is complete (Timeline#playable), so its frames
                // wait to be cut until their own timing has fixed PART-TARGET.
                firstSegment.add(f);
                segmentTicks += isLead ? f.duration() : 0;
                return;
            }
            fixPartTarget();
        }
        append(f);
    }

    private void append(Fragment f) {
        boolean isLead = f.trackId() == init.leadTrack().trackId();
        if (isLead) {
            cutBefore(f);
        }
        partChunks.add(f.bytes());
        if (isLead) {
            // RFC 8216bis 4.4.4.9: INDEPENDENT=YES "if the Partial Segment contains an independent frame",
            // also one that a GOP shorter than the minimum segment put in a part's middle.
            partIndependent |= f.independent();
            partTicks += f.duration();
            segmentTicks += f.duration();
            // Assume the next frame lasts the typical interval: close the part now rather than one frame late.
            if (seconds(partTicks, init.leadTrack()) + nominalFrame > partTarget + 1e-9) {
                closePart();
            }
        }
    }

    private void startGeneration(Fragment f) {
        started = true;
        Instant now = clock.instant();
        // Another node's clock may run a little ahead of this one's: a date never goes back.
        generationWall = now.isBefore(datesFrom) ? datesFrom : now;
        generationStartTime = f.decodeTime();
        segmentStartTime = f.decodeTime();
        partIndependent = true;
    }

    /**
     * Fixes PART-TARGET from the first segment's frames, then cuts them into parts. The median frame
     * interval is the camera's nominal one whatever the first frame's jitter (a first frame of 39.9 ms
     * made a PART-TARGET of 0.1995 s that five 40.1 ms frames never fit). Apple: parts other than a
     * segment's last must be at least 85 % of PART-TARGET; with a frame rate that does not divide the
     * configured target (12.5 fps, 80 ms frames) whole-frame parts would fall short of it, so the
     * advertised target is itself a whole number of frames, plus the jitter headroom, rounded up to
     * whole milliseconds so that it reads plainly.
     */
    private void fixPartTarget() {
        TrackInfo lead = init.leadTrack();
        long[] frames = firstSegment.stream().filter(fr -> fr.trackId() == lead.trackId())
                .mapToLong(Fragment::duration).filter(d -> d > 0).sorted().toArray();
        if (frames.length > 0) {
            nominalFrameTicks = frames[frames.length / 2];
            nominalFrame = seconds(nominalFrameTicks, lead);
            double wholeFrames = Math.max(1, Math.floor(configuredPartTarget / nominalFrame + WHOLE_FRAME_SLACK));
            partTarget = Math.ceil(wholeFrames * nominalFrame * (1 + JITTER_HEADROOM) * 1000 - 1e-6) / 1000;
        }
        partTargetFixed = true;
        List<Fragment> held = List.copyOf(firstSegment);
        firstSegment.clear();
        segmentTicks = 0;
        held.forEach(this::append);
    }

    /**
     * A keyframe at least {@code minSegment} after the last cut, less half a frame: a GOP of exactly
     * the minimum that jitter left a fraction of a millisecond short still ends its segment, instead of
     * doubling it.
     */
    private boolean endsSegment(Fragment f) {
        double reached = seconds(2 * segmentTicks + f.duration(), init.leadTrack()) / 2;
        return f.independent() && segmentTicks > 0 && reached >= minSegment - 1e-9;
    }

    private void cutBefore(Fragment f) {
        TrackInfo lead = init.leadTrack();
        // Apple's HLS authoring specification 7.7: "Media Segments MUST NOT exceed the target duration by
        // more than 0.5 seconds"; at exactly 0.5 s more, EXTINF would round above TARGETDURATION.
        boolean forcedCut = targetDuration > 0 && seconds(segmentTicks + f.duration(), lead) >= targetDuration + 0.5;
        if ((endsSegment(f) || forcedCut) && segmentTicks > 0) {
            closeSegment();
            segmentStartTime = f.decodeTime();
        } else if (!partChunks.isEmpty() && seconds(partTicks + f.duration(), lead) > partTarget + 1e-9) {
            closePart(); // RFC 8216bis 4.4.4.9: "MUST be less than or equal to the Part Target Duration"
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
            targetDuration = targetDurationFor(segmentTicks, lead);
        }
        nextMsn++;
        openParts.clear();
        segmentTicks = 0;
        trimWindow();
        publish();
    }

    /**
     * TARGETDURATION from the first segment: its duration rounded up, less a frame of timing jitter
     * (25 frames of a 25 fps camera may last 1.0004 s: that is a 1 s segment, not a 2 s one), and never
     * below its rounding, as RFC 8216bis 4.4.3.1 requires: "The EXTINF duration of each Media Segment
     * in a Playlist file, when rounded to the nearest integer, MUST be less than or equal to the Target
     * Duration." Whole ticks, so that a segment of exactly whole seconds plus a frame is not rounded up.
     */
    private int targetDurationFor(long ticks, TrackInfo lead) {
        long timescale = lead.timescale();
        long roundedUpLessAFrame = Math.floorDiv(ticks - nominalFrameTicks + timescale - 1, timescale);
        long rounded = Math.round((double) ticks / timescale);
        return (int) Math.max(1, Math.max(rounded, roundedUpLessAFrame));
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
        Consumer<Timeline> l = listener;
        if (l != null) {
            l.accept(t);
        }
        waiters.publish(t);
    }

    @Override
    public synchronized CompletableFuture<Timeline> await(Predicate<Timeline> condition) {
        return waiters.await(timeline, condition);
    }

    /**
     * The next run is playable once the timeline has moved to a new generation (the run's init), is
     * playable, and has something of that run in it: an open part, or a last segment of its generation.
     */
    @Override
    public CompletableFuture<?> playableFromNextRun() {
        int before = timeline.generation();
        return await(t -> t.generation() != before && t.playable() && producedByCurrentRun(t));
    }

    private static boolean producedByCurrentRun(Timeline t) {
        return !t.openParts().isEmpty() || t.segments().get(t.segments().size() - 1).generation() == t.generation();
    }

    @Override
    public boolean playable() {
        return timeline.playable();
    }

    /** Ends every wait, e.g. when the stream stops for good. */
    @Override
    public synchronized void failWaiters(RuntimeException reason) {
        waiters.fail(reason);
    }

    private static double seconds(long ticks, TrackInfo track) {
        return (double) ticks / track.timescale();
    }
}
