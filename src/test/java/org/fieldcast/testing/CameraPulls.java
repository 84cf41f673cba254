package org.fieldcast.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The camera pulls of a running Fieldcast as the process list shows them: each ffmpeg reads its
 * camera through a loopback proxy, {@code rtsp://127.0.0.1:port/<camera-id>/...}, so its command
 * line names the camera and nothing secret.
 */
public final class CameraPulls {
    private static final Pattern PROXY_INPUT = Pattern.compile("rtsp://127\\.0\\.0\\.1:\\d+/([a-z0-9][a-z0-9-]*)/");

    private CameraPulls() {
    }

    /** Camera id to the pid of its ffmpeg pull. */
    public static Map<String, Long> of(FieldcastServer server) {
        Map<String, Long> pulls = new TreeMap<>();
        for (ProcessHandle ffmpeg : server.ffmpegProcesses()) {
            Matcher m = PROXY_INPUT.matcher(commandLine(ffmpeg.pid()));
            if (ffmpeg.isAlive() && m.find()) {
                pulls.put(m.group(1), ffmpeg.pid());
            }
        }
        return pulls;
    }

    /** The pids of every ffmpeg reading this camera: during a restart the old one may still be quitting. */
    public static java.util.Set<Long> of(FieldcastServer server, String cameraId) {
        java.util.Set<Long> pids = new java.util.TreeSet<>();
        for (ProcessHandle ffmpeg : server.ffmpegProcesses()) {
            Matcher m = PROXY_INPUT.matcher(commandLine(ffmpeg.pid()));
            if (ffmpeg.isAlive() && m.find() && m.group(1).equals(cameraId)) {
                pids.add(ffmpeg.pid());
            }
        }
        return pids;
    }

    /** The command line as {@code ps} shows it (arguments joined by spaces); empty once the process is gone. */
    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }
}
