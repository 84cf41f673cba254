package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The latency ruler as real ffmpeg draws it reads back as the wall clock of the moment it was drawn. */
class ClockBlocksIT {

    @Test
    void aRenderedFrameCarriesTheWallClock() throws IOException, InterruptedException {
        int width = 640;
        int height = 360;
        SimulatedCameraSpec spec = SimulatedCameraSpec.of("ruler", "Ruler", false).withPicture(width, height, 25, 500);
        long before = System.currentTimeMillis();
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
                "-i", PictureCommand.sourceGraph(spec, true), "-frames:v", "1", "-pix_fmt", "gray", "-f", "rawvideo", "-")
                .start();
        byte[] gray = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        long after = System.currentTimeMillis();
        assertEquals(width * height, gray.length, new String(p.getErrorStream().readAllBytes()));

        long clock = ClockBlocks.read(width, (x, y) -> gray[y * width + x] & 0xFF);
        long sinceStart = ClockBlocks.latencyMillis(clock, after);
        assertTrue(sinceStart >= 0 && sinceStart <= after - before,
                "the ruler says " + clock + ", drawn " + sinceStart + " ms before the end of a " + (after - before) + " ms run");
    }

    @Test
    void latencyWrapsAround() {
        assertEquals(5, ClockBlocks.latencyMillis(ClockBlocks.MODULUS - 2, 3));
        assertEquals(List.of(0L), List.of(ClockBlocks.latencyMillis(7, 7)));
    }
}
