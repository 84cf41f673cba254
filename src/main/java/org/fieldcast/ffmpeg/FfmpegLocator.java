package org.fieldcast.ffmpeg;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds ffmpeg and ffprobe: a configured directory (or the path of the ffmpeg file itself), else
 * the PATH. Plain Java so that the simulator, the tests and the server share it.
 */
public final class FfmpegLocator {
    /** Fragmented MP4 to a pipe with {@code frag_every_frame}, and the RTSP socket {@code -timeout}, need 5.0 or newer. */
    public static final int MINIMUM_MAJOR = 5;
    private static final Pattern VERSION = Pattern.compile("(?:ffmpeg|ffprobe) version n?(\\d+)\\.(\\d+)\\S*");

    private FfmpegLocator() {
    }

    /** The directory holding ffmpeg and ffprobe (what Jaffree's {@code atPath} wants). */
    public static Path directory(String configured) {
        Path dir = configured == null || configured.isBlank() ? fromPath() : fromConfigured(Path.of(configured.trim()));
        for (String tool : new String[] {"ffmpeg", "ffprobe"}) {
            if (!Files.isExecutable(dir.resolve(tool))) {
                throw new FfmpegMissingException(tool + " is missing in " + dir + ". " + howToInstall());
            }
        }
        return dir;
    }

    /** The version line's number, e.g. {@code 5.1.8-0+deb12u1}, after checking it is new enough. */
    public static String checkVersion(Path dir) {
        String out = run(dir.resolve("ffmpeg").toString(), "-hide_banner", "-version");
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            // Builds from git say "ffmpeg version N-12345-g..."; accept them as new.
            return out.lines().findFirst().orElse("unknown");
        }
        if (Integer.parseInt(m.group(1)) < MINIMUM_MAJOR) {
            throw new FfmpegMissingException("ffmpeg " + m.group(1) + "." + m.group(2) + " in " + dir
                    + " is too old: Fieldcast needs " + MINIMUM_MAJOR + ".0 or newer. " + howToInstall());
        }
        return m.group().replaceFirst("^\\S+ version ", "");
    }

    public static String howToInstall() {
        return "On Debian or Ubuntu run ffmpeg/install.sh (it installs the distribution's ffmpeg package); "
                + "elsewhere install FFmpeg 5 or newer (https://ffmpeg.org/download.html) and put it on the PATH, "
                + "or set FIELDCAST_FFMPEG_PATH to the directory that holds ffmpeg and ffprobe.";
    }

    private static Path fromConfigured(Path configured) {
        if (Files.isDirectory(configured)) {
            return configured;
        }
        if (Files.isExecutable(configured) && configured.getParent() != null) {
            return configured.getParent();
        }
        throw new FfmpegMissingException("fieldcast.ffmpeg.path is set to " + configured
                + ", which is neither a directory nor an executable ffmpeg. " + howToInstall());
    }

    private static Path fromPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "ffmpeg"))) {
                return Path.of(entry);
            }
        }
        throw new FfmpegMissingException("ffmpeg was not found on the PATH. " + howToInstall());
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            throw new FfmpegMissingException("cannot run " + command[0] + ": " + e.getMessage() + ". " + howToInstall());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FfmpegMissingException("interrupted while checking " + command[0]);
        }
    }
}
