package org.fieldcast.mse;

import java.util.Optional;
import java.util.Set;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.Mp4FormatException;
import org.fieldcast.fmp4.Mp4Rewrites;
import org.fieldcast.fmp4.TrackInfo;

/**
 * The init segment a browser's MediaSource gets for one camera, and how its fragments are made fit
 * for it. Video alone unless the viewer asked for audio and the stream has AAC: an init declaring an
 * audio track makes the browser wait for its samples before it shows a picture, so a muted tile must
 * not get one.
 *
 * @param bytes       ftyp + moov declaring the video track, and the audio track in {@link #withAudio}
 * @param mime        for {@code MediaSource.isTypeSupported} and {@code addSourceBuffer}
 * @param audio       the AAC track this init declares, or null
 * @param hasAudio    the camera's stream has AAC audio (a viewer may ask for it), whether or not this init declares it
 * @param epochMillis when the server got the init
 */
public record MseInit(byte[] bytes, String mime, TrackInfo video, TrackInfo audio, boolean hasAudio,
                      long nominalDuration, long epochMillis) {
    /** The frame rate assumed when the stream does not say how long a picture lasts. */
    static final int NOMINAL_FPS = 25;
    /** Samples in one AAC-LC frame (ISO/IEC 14496-3); ffmpeg's audio timescale is the sample rate. */
    static final int AAC_FRAME = 1024;

    /** The video track alone. @throws Mp4FormatException if the stream has no video track */
    public static MseInit of(InitSegment init, long epochMillis) {
        TrackInfo video = videoOf(init);
        InitSegment only = init.tracks().size() == 1 ? init : Mp4Rewrites.onlyTracks(init, Set.of(video.trackId()));
        return new MseInit(only.bytes(), mimeOf(video, null), video, null, aacOf(init).isPresent(),
                nominal(video), epochMillis);
    }

    /** The video track and the stream's AAC track, or empty when it has none. */
    public static Optional<MseInit> withAudio(InitSegment init, long epochMillis) {
        TrackInfo video = videoOf(init);
        return aacOf(init).map(audio -> {
            InitSegment both = init.tracks().size() == 2 ? init
                    : Mp4Rewrites.onlyTracks(init, Set.of(video.trackId(), audio.trackId()));
            return new MseInit(both.bytes(), mimeOf(video, audio), video, audio, true, nominal(video), epochMillis);
        });
    }

    private static TrackInfo videoOf(InitSegment init) {
        TrackInfo video = init.leadTrack();
        if (!video.isVideo()) {
            throw new Mp4FormatException("the stream has no video track");
        }
        return video;
    }

    /** AAC only: what every browser's MSE decodes in MP4 (the pull copies AAC or transcodes to it). */
    private static Optional<TrackInfo> aacOf(InitSegment init) {
        return init.tracks().stream().filter(t -> "soun".equals(t.handler()) && t.codec().startsWith("mp4a.40."))
                .findFirst();
    }

    private static String mimeOf(TrackInfo video, TrackInfo audio) {
        return "video/mp4; codecs=\"" + video.codec() + (audio == null ? "" : "," + audio.codec()) + "\"";
    }

    private static long nominal(TrackInfo video) {
        return video.defaultSampleDuration() > 0 ? video.defaultSampleDuration() : Math.max(1, video.timescale() / NOMINAL_FPS);
    }

    public int width() {
        return video.width();
    }

    public int height() {
        return video.height();
    }

    /** A fragment of a track this init declares as the browser gets it, or null for one of another track. */
    MseFragment fragment(Fragment fragment, long arrivalMillis) {
        if (audio != null && fragment.trackId() == audio.trackId()) {
            // ffmpeg writes each AAC frame as it comes, and from RTP it knows no duration yet: 0, which a browser
            // takes as a frame lasting no time, leaving the audio track, and so playback, full of holes.
            Fragment fit = fragment.duration() == 0 ? Mp4Rewrites.withDuration(fragment, AAC_FRAME) : fragment;
            return new MseFragment(fit.bytes(), false, true, arrivalMillis,
                    fragment.decodeTime() * 1000 / Math.max(1, audio.timescale()));
        }
        if (fragment.trackId() != video.trackId()) {
            return null;
        }
        // A picture of duration 0 (the first after an init, whose length is known only with the next) would be
        // dropped or held by the browser: it gets the nominal duration instead.
        Fragment fit = fragment.duration() == 0 ? Mp4Rewrites.withDuration(fragment, nominalDuration) : fragment;
        return new MseFragment(fit.bytes(), fit.independent(), false, arrivalMillis,
                fragment.decodeTime() * 1000 / Math.max(1, video.timescale()));
    }
}
