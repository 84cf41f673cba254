package org.fieldcast.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** GStreamer's RTSP server (src/test/python/gst_rtsp_camera.py): a camera this project did not write. */
public final class GstreamerCamera implements AutoCloseable {
    private final Process process;
    private final int port;
    private final AtomicInteger sessions = new AtomicInteger();

    private GstreamerCamera(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static GstreamerCamera start() {
        int port = FieldcastServer.freePort();
        Path script = Path.of(System.getProperty("fieldcast.project-dir", "."), "src/test/python/gst_rtsp_camera.py");
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(port))
                    .redirectErrorStream(true).start();
            GstreamerCamera camera = new GstreamerCamera(p, port);
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> camera.readOutput(ready), "gst-camera-output");
            reader.setDaemon(true);
            reader.start();
            ready.get(20, TimeUnit.SECONDS);
            return camera;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("GStreamer RTSP server did not start (src/test/sh/prerequisites.sh installs it)", e);
        }
    }

    private void readOutput(CompletableFuture<Void> ready) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.equals("READY")) {
                    ready.complete(null);
                } else if (line.startsWith("SESSIONS ")) {
                    sessions.set(Integer.parseInt(line.substring(9).trim()));
                }
            }
        } catch (IOException e) {
            // process ended
        }
        ready.completeExceptionally(new IllegalStateException("gst_rtsp_camera.py ended"));
    }

    public int port() {
        return port;
    }

    /** RTSP client connections the server has seen. */
    public int sessions() {
        return sessions.get();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
