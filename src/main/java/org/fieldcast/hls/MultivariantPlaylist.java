package org.fieldcast.hls;

import java.util.stream.Collectors;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.TrackInfo;

/** The multivariant playlist: one variant (the camera's own stream, not re-encoded) with its codecs. */
public final class MultivariantPlaylist {
    private MultivariantPlaylist() {
    }

    /** @param bandwidth peak bits per second measured over the window, or an estimate */
    public static String render(InitSegment init, long bandwidth) {
        String codecs = init.tracks().stream().map(TrackInfo::codec).collect(Collectors.joining(","));
        TrackInfo video = init.leadTrack();
        StringBuilder m = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n");
        m.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(bandwidth, 1)).append(",CODECS=\"").append(codecs).append('"');
        if (video.isVideo() && video.width() > 0) {
            m.append(",RESOLUTION=").append(video.width()).append('x').append(video.height());
        }
        m.append("\nstream.m3u8\n");
        return m.toString();
    }

    /** Peak bit rate of the segments in the window (BANDWIDTH must not be below any segment's rate). */
    public static long peakBandwidth(Timeline t) {
        return t.segments().stream()
                .filter(s -> s.duration() > 0)
                .mapToLong(s -> Math.round(s.size() * 8 / s.duration()))
                .max().orElse(2_000_000);
    }
}
