package org.fieldcast.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        assertEquals(List.of("-map", "0:v:0", "-c", "copy",
                        "-movflags", "empty_moov+default_base_moof+frag_every_frame+skip_trailer", "-flush_packets", "1"),
                new PullProfile(Duration.ofSeconds(5)).outputArguments());
    }
}
