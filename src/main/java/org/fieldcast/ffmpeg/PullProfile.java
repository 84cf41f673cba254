package org.fieldcast.ffmpeg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fieldcast.station.VideoMode;
/**
 * The ffmpeg arguments of a camera pull: RTSP in, the camera's own video copied (never re-encoded)
 * into fragmented MP4 with one fragment per frame, so the HLS segmenter can cut low-latency parts.
 *
 * @param rtspTimeout how long a silent RTSP socket may stay open before ffmpeg gives up
 */
public record PullProfile(Duration rtspTimeout) {

    public List<String> inputArguments() {
        return List.of(
                // TCP interleaved: survives NAT gateways and loses nothing on thin links.
                "-rtsp_transport", "tcp",
                // Socket timeout (microseconds): a dead camera or gateway ends ffmpeg instead of hanging it.
                "-timeout", Long.toString(rtspTimeout.toNanos() / 1000),
                // Hand packets on as they arrive instead of buffering them for probing.
                "-fflags", "nobuffer",
                // The SDP carries SPS/PPS; half a second of probing is plenty and keeps start-up fast.
                "-analyzeduration", "500000",
                "-probesize", "500000");
    }

    /** The camera's video remuxed as it is, no audio. */
    public List<String> outputArguments() {
        return outputArguments(VideoMode.COPY, AudioPlan.NONE);
    }

    public List<String> outputArguments(VideoMode mode, AudioPlan audio) {
        List<String> out = new ArrayList<>(List.of(
                // The first video stream, and the first audio stream when there is one to keep ("?": if any).
                "-map", "0:v:0"));
        if (audio != AudioPlan.NONE) {
            out.addAll(List.of("-map", "0:a:0?"));
        }
        if (mode == VideoMode.H264) {
            out.addAll(List.of(
                    // For players that cannot decode the camera's codec (H.265 in Chromium): H.264 that any
                    // browser plays, encoded for latency (no B-frames, no lookahead) at a quality-bound rate.
                    "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                    "-crf", "23", "-maxrate", "4M", "-bufsize", "4M",
                    // A keyframe every second, whatever the camera's GOP: segments are cut at keyframes.
                    "-force_key_frames", "expr:gte(t,n_forced*1)", "-sc_threshold", "0"));
        } else {
            // Remux, never re-encode: the camera's H.264 or H.265 goes to the player as it is.
            out.addAll(List.of("-c:v", "copy"));
        }
        if (audio == AudioPlan.COPY) {
            out.addAll(List.of("-c:a", "copy"));
        } else if (audio == AudioPlan.AAC) {
            // G.711 and the like to AAC-LC: a few kB/s, and every HLS player decodes it.
            out.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
        }
        out.addAll(List.of(
                // empty_moov: the init segment comes first; default_base_moof: fragments can be cut apart;
                // frag_every_frame: one moof+mdat per frame, the unit LL-HLS parts are built from;
                // skip_trailer: a pipe cannot seek back to write an index.
                "-movflags", "empty_moov+default_base_moof+frag_every_frame+skip_trailer",
                // Write each fragment out at once rather than filling ffmpeg's I/O buffer first.
                "-flush_packets", "1"));
        return List.copyOf(out);
    }
}
