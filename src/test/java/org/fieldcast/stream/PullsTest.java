package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.fieldcast.ffmpeg.AudioPlan;
import org.fieldcast.ffmpeg.PullProfile;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.station.AudioMode;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.station.VideoMode;
import org.junit.jupiter.api.Test;

/** The pull's command line (golden) and its audio plan. */
class PullsTest {
    private static final Fmp4StreamParser.Listener NOWHERE = new Fmp4StreamParser.Listener() {
        @Override
        public void onInit(InitSegment init) {
        }

        @Override
        public void onFragment(Fragment fragment) {
        }
    };

    private static CameraConfig camera(AudioMode audio) {
        return new CameraConfig("cam", "Camera", "site", "Site", CameraType.FIXED, null, "10.0.0.1", 554, 80, 443, null,
                "/?inst=1", AuthMode.NONE, null, null, true, false, null, List.of(), VideoMode.COPY, audio);
    }

    @Test
    void goldenCommandLine() {
        List<String> args = Pulls.command(camera(AudioMode.AUTO), "rtsp://127.0.0.1:40000/cam/", new PullProfile(Duration.ofSeconds(5)),
                AudioPlan.COPY, NOWHERE).arguments();

        // The pipe's loopback port is Jaffree's choice; everything else is fixed.
        assertEquals(List.of(
                "-loglevel", "level+info", // Jaffree's default: the stderr tail needs ffmpeg's error lines
                "-rtsp_transport", "tcp", "-timeout", "5000000", "-fflags", "nobuffer", "-analyzeduration", "500000",
                "-probesize", "500000", "-i", "rtsp://127.0.0.1:40000/cam/",
                "-y",
                "-f", "mp4", "-map", "0:v:0", "-map", "0:a:0?", "-c:v", "copy", "-c:a", "copy",
                "-movflags", "empty_moov+default_base_moof+frag_every_frame+skip_trailer", "-flush_packets", "1"),
                args.subList(0, args.size() - 1));
    }

    @Test
    void audioIsCopiedOnlyWhenTheCameraLastDescribedAac() {
        assertEquals(AudioPlan.COPY, Pulls.audioPlan(camera(AudioMode.AUTO), Optional.of("MPEG4-GENERIC")));
        assertEquals(AudioPlan.NONE, Pulls.audioPlan(camera(AudioMode.AUTO), Optional.of("PCMA")));
        assertEquals(AudioPlan.NONE, Pulls.audioPlan(camera(AudioMode.AUTO), Optional.empty()));
        assertEquals(AudioPlan.AAC, Pulls.audioPlan(camera(AudioMode.AAC), Optional.of("PCMA")));
        assertEquals(AudioPlan.NONE, Pulls.audioPlan(camera(AudioMode.NONE), Optional.of("MPEG4-GENERIC")));
    }
}
