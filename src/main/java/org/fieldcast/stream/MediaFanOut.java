package org.fieldcast.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.SampleFragment;
import org.fieldcast.fmp4.TrackInfo;
import org.fieldcast.rtp.AccessUnit;
import org.fieldcast.rtp.Fmp4Sps;
import org.fieldcast.rtp.SdpVideo;
import org.fieldcast.rtp.VideoRtpTap;
/**
 * One ffmpeg run's media, handed to the stream's output (the HLS segmenter) and the camera's taps while the run is
 * still the current one. Per run, so that what a stopped run still writes (its last fragments, or its
 * init when it was stopped as it connected) never reaches the segmenter the next run feeds: a late
 * init there would describe the next run's fragments with the wrong tracks.
 * <p>
 * The taps (the sub-second path) take their frames from whichever source is earlier: the access
 * units the RTSP proxy reads from RTP (H.264), two frame intervals ahead of ffmpeg, or ffmpeg's own
 * fragments. The choice is made once per run, at its first video fragment, because the two sources count
 * time from different starts and a decoder must not see time jump; should RTP go quiet later, the
 * taps get a fresh init and ffmpeg's fragments from the next keyframe on. ffmpeg's pump thread and
 * the proxy's thread both call in; this object serialises them.
 * <p>
 * Audio always comes from ffmpeg (it copies the camera's AAC or transcodes G.711 to it), synchronised the
 * way ffmpeg synchronised it: with RTP pictures it is moved onto their time line ({@link AudioAlignment}).
 * <p>
 * The taps get their init only once the source is chosen, so a viewer sees one init per run. When RTP
 * wins, the init and every picture carry an SPS declaring max_num_reorder_frames 0 ({@link Fmp4Sps}):
 * hardware decoders (and WebRTC's own SPS rewriter does this for the same reason) may hold up to the
 * level's DPB size of pictures back when bitstream_restriction is absent; Chromium's software decoder
 * was measured holding none back here ({@code ReorderDelayCheck}). Only the RTP pictures, which this
 * path already assumes have no B-frames (composition offset 0); ffmpeg's fragments and HLS stay as
 * the camera sent them.
 */
final class MediaFanOut implements Fmp4StreamParser.Listener {
    /** Access units kept while the source is not chosen yet: a GOP of a few seconds at most. */
    private static final int MAX_EARLY = 300;
    /** ffmpeg fragments after the last access unit at which RTP counts as gone quiet: 2 s at 25 fps. */
    private static final int QUIET_FRAGMENTS = 50;

    private enum Source { UNDECIDED, RTP, FFMPEG }

    private final PullOutput segmenter;
    private final MediaTaps taps;
    private final BooleanSupplier current;
    private final List<AccessUnit> early = new ArrayList<>();
    private VideoRtpTap rtp;
    private Source source = Source.UNDECIDED;
    private InitSegment init;
    private int sequence;
    private long lastUnitTime = -1;
    private int fragmentsSinceUnit;
    private boolean awaitingKeyframe;
    /** While the taps' pictures come from RTP: how ffmpeg's audio joins their time line. */
    private AudioAlignment alignment;

    MediaFanOut(PullOutput segmenter, MediaTaps taps, BooleanSupplier current) {
        this.segmenter = segmenter;
        this.taps = taps;
        this.current = current;
    }

    /** Takes the access units the proxy reads, for the taps. Call before ffmpeg connects. */
    void takeVideoFrom(VideoRtpTap tap) {
        rtp = tap;
        tap.listen(this::onAccessUnit);
    }

    @Override
    public void onInit(InitSegment newInit) {
        if (current.getAsBoolean()) {
            segmenter.onInit(newInit);
        }
        synchronized (this) {
            init = newInit;
            if (source != Source.UNDECIDED) {
                initTaps(); // a run writes one init; should it write another, the taps follow it
            }
            if (source == Source.RTP) {
                flushEarly();
            }
        }
    }

    @Override
    public void onFragment(Fragment fragment) {
        if (current.getAsBoolean()) {
            segmenter.onFragment(fragment);
        }
        synchronized (this) {
            boolean video = init != null && fragment.trackId() == init.leadTrack().trackId();
            if (source == Source.UNDECIDED && video) {
                // Decided on video: ffmpeg may write the camera's audio before its first keyframe.
                source = rtpUsable() && !early.isEmpty() ? Source.RTP : Source.FFMPEG;
                initTaps();
                if (source == Source.RTP) {
                    alignment = new AudioAlignment(init.leadTrack());
                    flushEarly();
                    alignment.ffmpegPicture(fragment);
                } else {
                    early.clear();
                }
            } else if (source == Source.RTP) {
                fromRtpRun(fragment, video);
            }
            if (source == Source.FFMPEG && current.getAsBoolean()) {
                if (awaitingKeyframe && fragment.independent() && video) {
                    awaitingKeyframe = false;
                    taps.onInit(init);
                }
                if (!awaitingKeyframe) {
                    taps.onFragment(fragment);
                }
            }
        }
    }

    /**
     * ffmpeg's fragment while the taps' pictures come from RTP: a picture serves to align the audio (and
     * to notice RTP going quiet); audio reaches the taps on the RTP pictures' time line.
     */
    private void fromRtpRun(Fragment fragment, boolean video) {
        if (video) {
            alignment.ffmpegPicture(fragment);
            if (++fragmentsSinceUnit > QUIET_FRAGMENTS) {
                source = Source.FFMPEG; // RTP went quiet while ffmpeg still reads: a new init restarts the decoders
                awaitingKeyframe = true;
            }
            return;
        }
        init.track(fragment.trackId()).filter(t -> !t.isVideo()).map(t -> alignment.shift(fragment, t))
                .filter(shifted -> current.getAsBoolean()).ifPresent(taps::onFragment);
    }

    private synchronized void onAccessUnit(AccessUnit unit) {
        if (source == Source.FFMPEG) {
            return;
        }
        fragmentsSinceUnit = 0;
        if (source == Source.RTP && init != null) {
            deliver(unit);
            return;
        }
        if (unit.keyframe() || early.size() >= MAX_EARLY) {
            early.clear();
        }
        if (unit.keyframe() || !early.isEmpty()) {
            early.add(unit);
        }
    }

    /** The init for the taps, as the chosen source's pictures need it. */
    private void initTaps() {
        if (current.getAsBoolean()) {
            taps.onInit(source == Source.RTP ? Fmp4Sps.withoutReorderDelay(init) : init);
        }
    }

    /** The init describes H.264 in one video track: what the RTP frames can be written into. */
    private boolean rtpUsable() {
        return rtp != null && init != null && init.leadTrack().codec().startsWith("avc1");
    }

    private void flushEarly() {
        if (init == null) {
            return;
        }
        early.forEach(this::deliver);
        early.clear();
    }

    private void deliver(AccessUnit camerasUnit) {
        AccessUnit unit = Fmp4Sps.withoutReorderDelay(camerasUnit);
        TrackInfo track = init.leadTrack();
        int clockRate = rtp.video().map(SdpVideo::clockRate).orElse(90_000);
        long decodeTime = unit.timestamp() * track.timescale() / clockRate;
        int duration = lastUnitTime < 0 ? 0 : (int) Math.max(0, decodeTime - lastUnitTime);
        lastUnitTime = decodeTime;
        alignment.rtpPicture(decodeTime, unit.nalUnits());
        if (current.getAsBoolean()) {
            taps.onFragment(SampleFragment.of(++sequence, track.trackId(), decodeTime, duration, unit.keyframe(), unit.nalUnits()));
        }
    }
}
