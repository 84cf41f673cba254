package org.fieldcast.mjpeg;

import java.util.ArrayList;
import java.util.List;

/**
 * The ffmpeg arguments of a JPEG transcoder: the camera's fragmented MP4 in (from Fieldcast, over a
 * loopback socket), decoded, thinned, scaled and encoded into concatenated JPEGs out. Every choice
 * here is about latency first: each frame goes in, and its JPEG comes out, without waiting for
 * another.
 *
 * @param profile      what the viewers asked for
 * @param sourceWidth  the camera's picture, from the init segment
 * @param skipFrames   decoded but not encoded: the older frames of the GOP that a new transcoder
 *                     is fed to reach the current picture (see {@link LatestGop})
 */
record TranscoderArguments(JpegProfile profile, int sourceWidth, int sourceHeight, int skipFrames) {

    List<String> input() {
        return List.of(
                // Known format: no probing of the first bytes.
                "-f", "mp4",
                // Tiny probe: the init segment describes the stream; probing would wait for frames. Not
                // "-fflags nobuffer": with it the packets read while probing are dropped, and with them
                // the keyframe a new transcoder is started with, so it would wait a whole GOP.
                "-probesize", "32",
                "-analyzeduration", "0",
                // The socket's receive buffer, fixed and small (see Fmp4Feed): without it Linux grows it to MBs.
                "-recv_buffer_size", Integer.toString(Fmp4Feed.SOCKET_BUFFER),
                // One decoder thread: frame threading holds back (threads - 1) frames, 80 ms at 25 fps on
                // two cores. This is where an ffmpeg RTSP client loses to GStreamer's.
                "-threads", "1",
                // Output each frame as soon as it is decoded; cameras send no B-frames to reorder.
                "-flags", "low_delay");
    }

    List<String> output() {
        List<String> out = new ArrayList<>(List.of(
                "-map", "0:v:0",
                "-vf", filters(),
                // One JPEG per decoded frame, with no frame-rate conversion that could hold one back.
                "-fps_mode", "passthrough",
                // The JPEG encoder's frame threads would delay every picture by a frame, too.
                "-threads", "1",
                "-c:v", "mjpeg",
                "-q:v", Integer.toString(profile.quality()),
                // 4:2:0 as cameras send it; full range is what a JPEG decoder assumes, so it is tagged so;
                // ffmpeg 5 wants "unofficial" to take full-range yuv420p for MJPEG (yuvj420p is deprecated).
                "-pix_fmt", "yuv420p",
                "-color_range", "pc",
                "-strict", "unofficial",
                // Write each JPEG out the moment it is encoded...
                "-flush_packets", "1",
                // ...and let the socket send it at once rather than wait to fill a segment (Nagle).
                "-tcp_nodelay", "1",
                "-f", "image2pipe"));
        return out;
    }

    /** The picture size: the profile's box, keeping the camera's aspect, never larger than the camera's. */
    int[] outputSize() {
        double scale = Math.min(1.0, Math.min((double) profile.width() / sourceWidth, (double) profile.height() / sourceHeight));
        return new int[] {even(sourceWidth * scale), even(sourceHeight * scale)};
    }

    String filters() {
        int[] size = outputSize();
        return select() + ","
                // zimg is the cheapest way here to full range (about 1 ms a 720p frame, a third of swscale's),
                // and it reads the input's range from each frame, so a full-range camera passes unchanged.
                + "zscale=w=" + size[0] + ":h=" + size[1] + ":filter=bilinear:range=full";
    }

    /**
     * Frame thinning without waiting: a frame passes when it falls into a later slot of the profile's
     * frame grid than the last one that passed ({@code fps} would hold a frame back to compare
     * timestamps). The first {@code skipFrames} frames only serve as references for the next.
     */
    String select() {
        int f = profile.fps();
        return "select='gte(n\\," + skipFrames + ")*(isnan(prev_selected_t)+gt(floor(t*" + f + "+0.5)\\,floor(prev_selected_t*"
                + f + "+0.5)))'";
    }

    private static int even(double v) {
        return Math.max(2, 2 * (int) Math.round(v / 2));
    }
}
