package org.fieldcast.rtp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.fieldcast.fmp4.AvcSpsRewrite;
import org.fieldcast.fmp4.Fmp4Fixture;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.testing.Chromium;
import org.openqa.selenium.JavascriptExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a rule: does the test machine's Chromium hold decoded pictures back when the SPS
 * lacks bitstream_restriction? The same 100 High profile pictures go into MSE one fragment every 40 ms, once as a
 * camera without the restriction sends them and once rewritten; for each picture the page notes how
 * long after its fragment was appended it was presented (requestVideoFrameCallback). Prints both.
 * <p>
 * Not part of the test run (its name ends in neither Test nor IT): {@code mvn verify -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ReorderDelayCheck}.
 */
class ReorderDelayCheck {
    private static final String PAGE = """
            const [mime, initB64, fragmentsB64, done] = [arguments[0], arguments[1], arguments[2], arguments[3]];
            const bytes = b => Uint8Array.from(atob(b), c => c.charCodeAt(0));
            const video = document.createElement('video');
            video.muted = true;
            document.body.appendChild(video);
            const ms = new MediaSource();
            video.src = URL.createObjectURL(ms);
            const appended = [], lags = [];
            ms.addEventListener('sourceopen', async () => {
              const sb = ms.addSourceBuffer(mime);
              const append = b => new Promise(r => { sb.addEventListener('updateend', r, { once: true }); sb.appendBuffer(b); });
              await append(bytes(initB64));
              const onFrame = (now, meta) => {
                const i = Math.round(meta.mediaTime * 25);
                if (appended[i] !== undefined) lags.push(now - appended[i]);
                video.requestVideoFrameCallback(onFrame);
              };
              video.requestVideoFrameCallback(onFrame);
              for (let i = 0; i < fragmentsB64.length; i++) {
                appended[i] = performance.now();
                await append(bytes(fragmentsB64[i]));
                if (i === 0) video.play().catch(() => {});
                await new Promise(r => setTimeout(r, 40));
              }
              setTimeout(() => done({ lags, presented: lags.length }), 500);
            });
            """;

    @TempDir
    Path dir;

    /** High profile without B-frames, 1280x720, as a Bosch camera sends it, 100 pictures one fragment each. */
    private Fmp4Fixture highProfileRecording() throws Exception {
        Path mp4 = dir.resolve("high.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc2=size=1280x720:rate=25", "-frames:v", "100", "-c:v", "libx264", "-profile:v", "high",
                "-preset", "veryfast", "-bf", "0", "-g", "50", "-pix_fmt", "yuv420p", "-f", "mp4", "-movflags",
                "empty_moov+default_base_moof+frag_every_frame", mp4.toString()).inheritIO().start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg failed");
        } finally {
            p.destroyForcibly();
        }
        return Fmp4Fixture.parse(mp4, 64 * 1024);
    }

    @Test
    void measuresHowLongChromiumHoldsPicturesWithAndWithoutTheRestriction() throws Exception {
        Fmp4Fixture x264 = highProfileRecording();
        InitSegment cameraInit = AvcSpsRewrite.inInit(x264.inits.get(0), Fmp4SpsTest::withoutRestriction);
        String mime = "video/mp4; codecs=\"" + cameraInit.leadTrack().codec() + "\"";
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            for (int round = 0; round < 2; round++) {
                for (boolean rewritten : new boolean[] {false, true}) {
                    InitSegment init = rewritten ? Fmp4Sps.withoutReorderDelay(cameraInit) : cameraInit;
                    List<String> fragments = new ArrayList<>();
                    for (Fragment f : x264.fragments) {
                        fragments.add(Base64.getEncoder().encodeToString(f.bytes()));
                    }
                    chromium.driver().get("about:blank");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) chromium.driver())
                            .executeAsyncScript(PAGE, mime, Base64.getEncoder().encodeToString(init.bytes()), fragments);
                    @SuppressWarnings("unchecked")
                    List<Number> lags = (List<Number>) result.get("lags");
                    List<Double> sorted = lags.stream().map(Number::doubleValue).sorted().toList();
                    System.out.printf("%s, SPS %s: %d of %d pictures presented, lag from append to presentation median %.0f ms,"
                            + " 90th percentile %.0f ms%n", mime, rewritten ? "rewritten (max_num_reorder_frames 0)"
                                    : "without bitstream_restriction", sorted.size(), x264.fragments.size(),
                            percentile(sorted, 0.5), percentile(sorted, 0.9));
                    assertTrue(sorted.size() > 0, "no picture presented");
                }
            }
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size()));
    }
}
