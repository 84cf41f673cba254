package org.fieldcast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.sim.SimulatedSite;
/**
 * Simulated cameras in the test's own JVM (so the test can count their RTSP sessions or switch them
 * off) and a real Fieldcast whose station file lists them; the demo site is off.
 */
public final class SimulatedSiteServer implements AutoCloseable {
    private final ExecutorService pool;
    private final SimulatedSite site;
    private final Path stations;
    private final FieldcastServer server;

    private SimulatedSiteServer(ExecutorService pool, SimulatedSite site, Path stations, FieldcastServer server) {
        this.pool = pool;
        this.site = site;
        this.stations = stations;
        this.server = server;
    }

    /** @param settings more environment for the server, e.g. {@code FIELDCAST_STREAM_IDLE_TIMEOUT} */
    public static SimulatedSiteServer start(String siteId, List<SimulatedCameraSpec> cameras, Map<String, String> settings) {
        ExecutorService pool = Executors.newCachedThreadPool();
        SimulatedSite site = null;
        try {
            site = SimulatedSite.start(siteId, "Test site " + siteId, cameras, FfmpegLocator.directory(null).resolve("ffmpeg"), pool);
            for (SimulatedCamera c : site.cameras()) {
                if (!c.awaitStreaming(Duration.ofSeconds(20))) {
                    throw new IllegalStateException("simulated camera " + c.spec().id() + " does not stream");
                }
            }
            Path stations = Files.createTempFile("stations-" + siteId + "-", ".json");
            Files.writeString(stations, site.stationJson());
            Map<String, String> env = new HashMap<>(settings);
            env.put("FIELDCAST_STATIONS_FILE", stations.toString());
            env.put("FIELDCAST_DEMO_ENABLED", "false");
            return new SimulatedSiteServer(pool, site, stations, FieldcastServer.start(env));
        } catch (IOException e) {
            close(site, pool);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(site, pool);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            close(site, pool);
            throw e;
        }
    }

    public FieldcastServer server() {
        return server;
    }

    public SimulatedCamera camera(int index) {
        return site.cameras().get(index);
    }

    @Override
    public void close() {
        server.close();
        close(site, pool);
        try {
            Files.deleteIfExists(stations);
        } catch (IOException e) {
            // a temporary file
        }
    }

    private static void close(SimulatedSite site, ExecutorService pool) {
        if (site != null) {
            site.close();
        }
        pool.shutdownNow();
    }
}
