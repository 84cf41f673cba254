package org.fieldcast.mse;

import java.util.Set;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.Mp4FormatException;
import org.fieldcast.fmp4.Mp4Rewrites;
import org.fieldcast.fmp4.TrackInfo;

/**
 * The init segment a browser's MediaSource gets for one camera, and how its fragments are made fit
 * for it. Video only: the sub-second path's fragments come from RTP (video) or from ffmpeg, and an
 * init declaring an audio track whose samples never come makes the browser wait for them.
 *
 * @param bytes       ftyp + moov declaring the video track alone
 * @param mime        for {@code MediaSource.isTypeSupported} and {@code addSourceBuffer}
 * @param epochMillis when the server got the init
 */
public record MseInit(byte[] bytes, String mime, TrackInfo video, long nominalDuration, long epochMillis) {
    /** The frame rate assumed when the stream does not say how long a picture lasts. */
    static final int NOMINAL_FPS = 25;

    /** @throws Mp4FormatException if the stream has no video track */
    public static MseInit of(InitSegment init, long epochMillis) {
        TrackInfo video = init.leadTrack();
        if (!video.isVideo()) {
            throw new Mp4FormatException("the stream has no video track");
        }
        InitSegment only = init.tracks().size() == 1 ? init : Mp4Rewrites.onlyTracks(init, Set.of(video.trackId()));
        long nominal = video.defaultSampleDuration() > 0 ? video.defaultSampleDuration()
                : Math.max(1, video.timescale() / NOMINAL_FPS);
        return new MseInit(only.bytes(), "video/mp4; codecs=\"" + video.codec() + "\"", video, nominal, epochMillis);
    }

    public int width() {
        return video.width();
    }

    public int height() {
        return video.height();
    }

    /** A fragment of the video track as the browser gets it, or null for one of another track. */
    MseFragment fragment(Fragment fragment, long arrivalMillis) {
        if (fragment.trackId() != video.trackId()) {
            return null;
        }
        // A picture of duration 0 (the first after an init, whose length is known only with the next) would be
        // dropped or held by the browser: it gets the nominal duration instead.
        Fragment fit = fragment.duration() == 0 ? Mp4Rewrites.withDuration(fragment, nominalDuration) : fragment;
        return new MseFragment(fit.bytes(), fit.independent(), arrivalMillis,
                fragment.decodeTime() * 1000 / Math.max(1, video.timescale()));
    }
}
