package org.fieldcast.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An independent client: the ffmpeg command line tool reading what Fieldcast serves. */
public final class FfmpegClient {
    private FfmpegClient() {
    }

    /** The outcome of one run: exit code and everything ffmpeg printed at level error. */
    public record Result(int exit, String errors) {
        public boolean clean() {
            return exit == 0 && errors.isBlank();
        }
    }

    /** Decodes {@code seconds} of video from {@code url} and throws the frames away. */
    public static Result decode(String url, double seconds, String... inputOptions) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error"));
        cmd.addAll(List.of(inputOptions));
        cmd.addAll(List.of("-i", url, "-t", Double.toString(seconds), "-f", "null", "-"));
        return run(cmd, (long) (seconds * 1000) + 30_000);
    }

    static Result run(List<String> cmd, long timeoutMillis) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return new Result(-1, "timed out after " + timeoutMillis + " ms");
                }
                return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } finally {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
