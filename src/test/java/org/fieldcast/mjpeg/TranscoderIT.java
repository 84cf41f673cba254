package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.fieldcast.ffmpeg.JaffreeRuns;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;

/**
 * The transcoders on their own, in this JVM: a simulated camera, a pull like the camera stream's
 * (ffmpeg copying RTSP into fragmented MP4), and {@link JpegTranscoders} as its tap. The clock drawn
 * in every picture gives the latency from the camera's frame to Fieldcast's JPEG.
 */
class TranscoderIT {
    private static final JpegProfile HD = new JpegProfile("default", 1280, 720, 25, 5);
    private static final JpegProfile SMALL = new JpegProfile("small", 640, 360, 10, 8);

    static ExecutorService executor;
    static ScheduledExecutorService scheduler;
    static SimulatedCamera camera;
    static TestPull pull;
    static JpegTranscoders transcoders;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        executor = Executors.newCachedThreadPool();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        camera = new SimulatedCamera(SimulatedCameraSpec.of("it-cam", "Transcoder test", false), TestPull.FFMPEG_DIRECTORY.resolve("ffmpeg"), executor);
        camera.start();
        assertTrue(camera.awaitStreaming(Duration.ofSeconds(20)), "the simulated camera streams");
        transcoders = new JpegTranscoders("it-cam", new JaffreeRuns(TestPull.FFMPEG_DIRECTORY, executor, Duration.ofSeconds(2)),
                scheduler, Duration.ofMillis(300));
        pull = TestPull.start(camera.rtspUrl("/?inst=1"), transcoders, executor);
        Thread.sleep(2500); // warm: the pull runs and the last GOP is kept
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (transcoders != null) {
            transcoders.close();
        }
        if (pull != null) {
            pull.close();
        }
        if (camera != null) {
            camera.close();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (transcoders != null && transcoders.processAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(transcoders != null && transcoders.processAlive(), "no transcoder left");
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void aWarmCameraGivesCurrentJpegsFromTheFirstOn() throws InterruptedException {
        awaitNoTranscoder();
        FrameRecorder recorder = new FrameRecorder();
        FrameHub hub = transcoders.hub(HD);
        long subscribed = System.nanoTime();
        hub.subscribe(recorder);
        List<FrameRecorder.Received> frames = recorder.await(150, Duration.ofSeconds(20));
        hub.unsubscribe(recorder);

        double firstMillis = (frames.get(0).nanos() - subscribed) / 1e6;
        Latencies latency = Latencies.of(frames.stream().map(FrameRecorder.Received::latencyMillis).toList());
        double fps = (frames.size() - 1) * 1e9 / (frames.get(frames.size() - 1).nanos() - frames.get(0).nanos());
        System.out.printf("transcoder 720p: first JPEG %.0f ms after subscribing, camera-to-JPEG %s, %.1f fps%n",
                firstMillis, latency, fps);

        assertEquals(1280, frames.get(0).width());
        // Loose bounds: this machine is shared; the figures themselves are printed and go to the README.
        assertTrue(latency.p50() < 500, "camera-to-JPEG latency " + latency);
        assertTrue(latency.at(0) < 900, "the first JPEG is the current picture, not the GOP's start: " + latency.at(0) + " ms");
        assertTrue(fps > 20, "about 25 fps: " + fps);
    }

    @Test
    void eachProfileHasItsTranscoderAndItsSize() throws InterruptedException {
        awaitNoTranscoder();
        FrameRecorder hd = new FrameRecorder();
        FrameRecorder small = new FrameRecorder();
        transcoders.hub(HD).subscribe(hd);
        transcoders.hub(SMALL).subscribe(small);
        List<FrameRecorder.Received> smallFrames = small.await(40, Duration.ofSeconds(30));
        assertEquals(2, transcoders.runningTranscoders());
        transcoders.hub(HD).unsubscribe(hd);
        transcoders.hub(SMALL).unsubscribe(small);

        assertEquals(640, smallFrames.get(smallFrames.size() - 1).width());
        List<FrameRecorder.Received> settled = smallFrames.subList(10, smallFrames.size()); // past the start-up catch-up
        double fps = (settled.size() - 1) * 1e9 / (settled.get(settled.size() - 1).nanos() - settled.get(0).nanos());
        assertTrue(fps > 7 && fps < 13, "thinned to about 10 fps: " + fps);

        awaitNoTranscoder();
        assertEquals(0, transcoders.runningTranscoders(), "stopped after the linger");
        assertEquals(1, camera.totalRtspSessions(), "one RTSP session for everything");
    }

    private static void awaitNoTranscoder() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (transcoders.runningTranscoders() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
