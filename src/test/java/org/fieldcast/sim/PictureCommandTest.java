package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PictureCommandTest {
    private static final SimulatedCameraSpec SPEC = SimulatedCameraSpec.of("sim-ptz-1", "Simulated PTZ 1", true)
            .withPicture(640, 360, 25, 1500);

    @Test
    void goldenCommandLine() {
        List<String> args = arguments();

        // The JPEG pipe's loopback port is Jaffree's choice; everything else is fixed.
        assertTrue(args.get(args.size() - 1).startsWith("tcp://127.0.0.1:"), args.get(args.size() - 1));
        assertEquals(List.of(
                "-loglevel", "level+warning",
                "-f", "lavfi", "-re", "-i", PictureCommand.sourceGraph(SPEC, java.nio.file.Files.isReadable(PictureCommand.FONT)),
                "-n",
                "-f", "rtsp", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
                "-bf", "0", "-b:v", "1500k", "-maxrate", "1500k", "-bufsize", "1500k", "-bsf:v", "dump_extra",
                "-rtsp_transport", "tcp", "rtsp://127.0.0.1:8554/__publish",
                "-f", "image2pipe", "-c:v", "mjpeg", "-pix_fmt", "yuv420p",
                "-vf", "fps=2,scale=out_range=full", "-color_range", "pc", "-strict", "unofficial", "-q:v", "5"),
                args.subList(0, args.size() - 1));
    }

    @Test
    void theSecondInstanceIsTheSameSceneAt640x360OnItsOwnPathWithoutSnapshots() {
        SimulatedCameraSpec camera = SimulatedCameraSpec.of("cam", "Gate", false);
        SimulatedCameraSpec small = PictureCommand.substream(camera);

        List<String> args = PictureCommand.configure(small, 8554, StreamPath.SUB, null).arguments();

        assertEquals(List.of(
                "-loglevel", "level+warning",
                "-f", "lavfi", "-re", "-i", PictureCommand.sourceGraph(small, java.nio.file.Files.isReadable(PictureCommand.FONT)),
                "-n",
                "-f", "rtsp", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
                "-bf", "0", "-b:v", "500k", "-maxrate", "500k", "-bufsize", "500k", "-bsf:v", "dump_extra",
                "-rtsp_transport", "tcp", "rtsp://127.0.0.1:8554/__publish2"), args);
        assertTrue(args.get(6).startsWith("testsrc2=size=640x360:rate=25,drawtext="), args.get(6));
        assertTrue(args.get(6).endsWith(ClockBlocks.filters(640)), "the latency ruler is drawn at the small size");
    }

    @Test
    void sourceGraphDrawsTheNameAndAMillisecondWallClock() {
        String graph = PictureCommand.sourceGraph(SPEC, true);

        assertEquals("testsrc2=size=640x360:rate=25,drawtext=fontfile=" + PictureCommand.FONT
                + ":text='Simulated PTZ 1 %{localtime\\:%H\\\\\\:%M\\\\\\:%S}.%{eif\\:mod(floor(time(0)*1000)\\,1000)\\:d\\:3}'"
                + ":fontsize=25:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6:x=10:y=h-th-16,"
                + ClockBlocks.filters(640), graph);
        assertTrue(PictureCommand.sourceGraph(SPEC, false).startsWith("testsrc2=size=640x360:rate=25,drawtext=text='"));
    }

    @Test
    void namesLoseCharactersThatDrawtextWouldInterpret() {
        assertEquals("Gate_ north_ 50_ _x_", PictureCommand.drawtextSafe("Gate: north, 50% 'x'"));
    }

    private static List<String> arguments() {
        return PictureCommand.configure(SPEC, 8554, OutputStream.nullOutputStream()).arguments();
    }
}
