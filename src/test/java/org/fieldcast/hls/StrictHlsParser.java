package org.fieldcast.hls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A strict HLS parser this project did not write: the npm package hls-parser (pinned in
 * {@code src/test/sh/hls-parser.sh}, which installs it and Node.js into the build directory) in strict
 * mode, run by {@code src/test/js/strict-parse.cjs}. Playlists go through files in the build directory,
 * so that a failure leaves the playlist behind to read.
 */
final class StrictHlsParser {
    private final Path project;
    private final Path modules;
    private final Path workDir;
    private int written;

    private StrictHlsParser(Path project, Path modules, Path workDir) {
        this.project = project;
        this.modules = modules;
        this.workDir = workDir;
    }

    /** Installs the parser if needed; playlists of this run go to {@code <build dir>/strict-hls/<name>}. */
    static StrictHlsParser install(String name) {
        Path project = Path.of(System.getProperty("fieldcast.project-dir", ".")).toAbsolutePath();
        Path build = buildDir();
        String out = run(List.of("bash", project.resolve("src/test/sh/hls-parser.sh").toString(), build.toString()), 300);
        String[] lines = out.strip().split("\n");
        Path modules = Path.of(lines[lines.length - 1].strip());
        if (!Files.isDirectory(modules.resolve("hls-parser"))) {
            throw new IllegalStateException("hls-parser was not installed:\n" + out);
        }
        try {
            Path workDir = build.resolve("strict-hls").resolve(name);
            Files.createDirectories(workDir);
            return new StrictHlsParser(project, modules, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What hls-parser in strict mode says of each playlist, by its label; null where it accepts it. */
    Map<String, String> rejections(Map<String, String> playlistsByLabel) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> command = new ArrayList<>(List.of("node", project.resolve("src/test/js/strict-parse.cjs").toString(),
                modules.toString()));
        try {
            for (Map.Entry<String, String> p : playlistsByLabel.entrySet()) {
                Path file = workDir.resolve(String.format("%05d-%s.m3u8", written++, p.getKey().replaceAll("[^A-Za-z0-9._-]+", "_")));
                Files.writeString(file, p.getValue(), StandardCharsets.UTF_8);
                labels.put(file.toString(), p.getKey());
                command.add(file.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String line : run(command, 120).split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length == 3 && f[0].equals("OK") && labels.containsKey(f[2])) {
                verdicts.put(labels.get(f[2]), null);
            } else if (f.length == 3 && f[0].equals("FAIL") && labels.containsKey(f[1])) {
                verdicts.put(labels.get(f[1]), f[2] + " (" + f[1] + ")");
            } else if (!line.isBlank()) {
                throw new IllegalStateException("strict-parse.cjs said: " + line);
            }
        }
        if (!verdicts.keySet().containsAll(playlistsByLabel.keySet())) {
            throw new IllegalStateException("strict-parse.cjs left playlists unjudged: " + verdicts.keySet());
        }
        return verdicts;
    }

    /** The failsafe plugin names it; a unit test finds it above its own classes. */
    private static Path buildDir() {
        String configured = System.getProperty("fieldcast.build-dir");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        try {
            return Path.of(StrictHlsParser.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command, int timeoutSeconds) {
        Path output = null;
        try {
            output = Files.createTempFile("strict-hls", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " exited " + p.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
