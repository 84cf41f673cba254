package org.fieldcast.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.fieldcast.station.VideoMode;

/** Golden table of the pull's command line: a change here is a change in behaviour, so it is spelled out. */
class PullProfileTest {

    @Test
    void inputArguments() {
        assertEquals(List.of("-rtsp_transport", "tcp", "-timeout", "5000000", "-fflags", "nobuffer",
                        "-analyzeduration", "500000", "-probesize", "500000"),
                new PullProfile(Duration.ofSeconds(5)).inputArguments());
    }

    @Test
    void outputArguments() {
        assertEquals(List.of("-map", "0:v:0", "-c:v", "copy",
                        "-movflags", "empty_moov+default_base_moof+frag_every_frame+skip_trailer", "-flush_packets", "1"),
                new PullProfile(Duration.ofSeconds(5)).outputArguments());
    }

    @Test
    void outputArgumentsReencodingToH264() {
        assertEquals(List.of("-map", "0:v:0", "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency",
                        "-pix_fmt", "yuv420p", "-crf", "23", "-maxrate", "4M", "-bufsize", "4M",
                        "-force_key_frames", "expr:gte(t,n_forced*1)", "-sc_threshold", "0",
                        "-movflags", "empty_moov+default_base_moof+frag_every_frame+skip_trailer", "-flush_packets", "1"),
                new PullProfile(Duration.ofSeconds(5)).outputArguments(VideoMode.H264, AudioPlan.NONE));
    }

    @Test
    void outputArgumentsWithAudio() {
        assertEquals(List.of("-map", "0:v:0", "-map", "0:a:0?", "-c:v", "copy", "-c:a", "copy",
                        "-movflags", "empty_moov+default_base_moof+frag_every_frame+skip_trailer", "-flush_packets", "1"),
                new PullProfile(Duration.ofSeconds(5)).outputArguments(VideoMode.COPY, AudioPlan.COPY));
        assertEquals(List.of("-map", "0:v:0", "-map", "0:a:0?", "-c:v", "copy", "-c:a", "aac", "-b:a", "64k",
                        "-movflags", "empty_moov+default_base_moof+frag_every_frame+skip_trailer", "-flush_packets", "1"),
                new PullProfile(Duration.ofSeconds(5)).outputArguments(VideoMode.COPY, AudioPlan.AAC));
    }
}
