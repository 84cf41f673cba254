package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * AAC on {@code /ws/mse} in a real Chromium: a simulated camera with a microphone (a tone), played by the
 * embed page with {@code view=mse}. Muted and video-only at first; its speaker button subscribes again
 * with the audio, which the browser then decodes while the picture keeps moving; pressed again, it goes
 * back to the picture alone. The glass-to-glass latency (the camera's clock blocks, read from each
 * presented picture) is measured without and with audio on the same camera in the same run.
 */
class MseAudioIT {
    private static final String CAM = "mse-aac";
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final long MEASURE_MS = 8000;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("fieldcast.build-dir", "target"), "screenshots");
    private static final String VIDEO = "[data-embed] video";

    static ExecutorService pool;
    static SimulatedCamera camera;
    static FieldcastServer server;
    static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        pool = Executors.newCachedThreadPool();
        Path ffmpeg = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path")).resolve("ffmpeg");
        camera = new SimulatedCamera(SimulatedCameraSpec.of(CAM, "MSE audio camera", false).withPicture(640, 360, 25, 500)
                .withAudio(), ffmpeg, pool);
        camera.start();
        assertTrue(camera.awaitStreaming(Duration.ofSeconds(30)));
        server = FieldcastServer.onStations("""
                {"sites":[{"id":"aac-site","name":"Audio test site","cameras":[
                  {"id":"%s","name":"MSE audio camera","type":"FIXED","host":"127.0.0.1","rtspPort":%d,"httpPort":%d,"rtspPath":"/?inst=1"}
                ]}]}
                """.formatted(CAM, camera.rtspPort(), camera.httpPort()), Map.of());
        chromium = Chromium.start();
        chromium.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
        if (camera != null) {
            camera.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void theSpeakerButtonAddsTheCamerasAudioAndTakesItAwayAgain() throws Exception {
        chromium.driver().get(server.uri("embed.html?camera=" + CAM + "&view=mse").toString());
        await("the embed page to play MSE", () -> "mse".equals(js("return document.querySelector('[data-embed] "
                + "[data-view-label]').dataset.view")) && frames() > 25);
        await("the speaker button", () -> Boolean.FALSE.equals(js("return document.querySelector('[data-speaker]').hidden")));
        assertTrue(server.get("api/cameras/" + CAM).body().contains("\"audio\":true"), "the camera list says so too");
        assertEquals(Boolean.TRUE, js("return document.querySelector(arguments[0]).muted", VIDEO), "muted at first");
        assertEquals(0L, audioBytes(), "no audio subscribed: none decoded");
        Map<?, ?> without = latency();

        chromium.driver().findElement(By.cssSelector("[data-speaker]")).click(); // the user's gesture
        await("audio decoded", () -> audioBytes() > 0);
        assertEquals(Boolean.FALSE, js("return document.querySelector(arguments[0]).muted", VIDEO));
        assertFramesGrow();
        long audioBefore = audioBytes();
        Map<?, ?> with = latency();
        assertTrue(audioBytes() > audioBefore, "audio keeps coming");
        assertFramesGrow();

        System.out.println("MSE glass-to-glass on the same camera, without audio: " + without + "; with audio: " + with);
        assertTrue(((Number) without.get("p50")).longValue() < 1000, "sub-second without audio: " + without);
        assertTrue(((Number) with.get("p50")).longValue() < 1000, "sub-second with audio: " + with);
        chromium.screenshot(SCREENSHOTS.resolve("embed-mse-audio.png"));

        long inits = dataLong("inits");
        chromium.driver().findElement(By.cssSelector("[data-speaker]")).click();
        assertEquals(Boolean.TRUE, js("return document.querySelector(arguments[0]).muted", VIDEO), "muted again");
        await("the video-only init again, in a new MediaSource", () -> dataLong("inits") > inits && audioBytes() == 0);
        assertFramesGrow();
        assertEquals(0L, audioBytes(), "no audio any more");
    }

    /**
     * The age of each presented picture for {@link #MEASURE_MS}: the camera's clock blocks read off the
     * picture (ClockBlocks, as the benchmarks' ruler reads them) against the wall clock.
     */
    private static Map<?, ?> latency() {
        return (Map<?, ?>) ((JavascriptExecutor) chromium.driver()).executeAsyncScript("""
                const [selector, ms, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
                const video = document.querySelector(selector);
                const canvas = document.createElement('canvas');
                const g = canvas.getContext('2d', { willReadFrequently: true });
                const ages = [];
                const end = performance.now() + ms;
                const onFrame = () => {
                  const w = video.videoWidth, h = video.videoHeight;
                  if (w) {
                    canvas.width = w; canvas.height = h;
                    g.drawImage(video, 0, 0);
                    const now = Date.now();
                    const b = Math.max(8, Math.floor(w / 32)), m = Math.floor(b / 2);
                    let v = 0;
                    for (let bit = 0; bit < 24; bit++) {
                      const d = g.getImageData(m + bit * b + Math.floor(b / 2), m + Math.floor(b / 2), 1, 1).data;
                      if ((d[0] * 299 + d[1] * 587 + d[2] * 114) / 1000 > 128) v += 2 ** bit;
                    }
                    ages.push((((now - v) % 2 ** 24) + 2 ** 24) % 2 ** 24);
                  }
                  if (performance.now() < end) {
                    video.requestVideoFrameCallback(onFrame);
                  } else {
                    ages.sort((a, b) => a - b);
                    const at = (q) => ages[Math.min(ages.length - 1, Math.floor(q * ages.length))];
                    done({ pictures: ages.length, p50: at(0.5), p95: at(0.95) });
                  }
                };
                video.requestVideoFrameCallback(onFrame);
                """, VIDEO, MEASURE_MS);
    }

    private static long audioBytes() {
        return ((Number) js("return document.querySelector(arguments[0]).webkitAudioDecodedByteCount || 0", VIDEO)).longValue();
    }

    private static long frames() {
        return dataLong("frames");
    }

    private static long dataLong(String key) {
        return Long.parseLong((String) js("const e = document.querySelector(arguments[0]); return e ? e.dataset[arguments[1]] || '0' : '0'",
                VIDEO, key));
    }

    private static Object js(String script, Object... args) {
        return chromium.js(script, args);
    }

    private static void assertFramesGrow() throws InterruptedException {
        long before = frames();
        Thread.sleep(1000);
        long after = frames();
        assertTrue(after - before >= 10, "the picture moves: " + before + " then " + after + " a second later");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                chromium.screenshot(SCREENSHOTS.resolve("mse-audio-timeout.png"));
                throw new AssertionError("timed out waiting for " + what + "; " + List.of(frames(), audioBytes()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
