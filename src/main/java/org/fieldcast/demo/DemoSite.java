package org.fieldcast.demo;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.ffmpeg.FfmpegInstallation;
import org.fieldcast.sim.SimAuth;
import org.fieldcast.sim.SimulatedSite;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.StationImport;
import org.fieldcast.station.StationImporter;
import org.fieldcast.stream.StreamExecutors;
/**
 * Starts the demo site (one PTZ and one fixed simulated camera on loopback) after the station
 * database is ready, and registers its cameras there like any other site's.
 */
@ApplicationScoped
public class DemoSite {
    private static final Logger LOG = Logger.getLogger(DemoSite.class.getName());

    /** Run the built-in simulated site. On by default so that a first run shows something. */
    @Inject
    @ConfigProperty(name = "fieldcast.demo.enabled", defaultValue = "true")
    boolean enabled;

    /** RTSP port of the first demo camera; the second uses the next one. 0 picks free ports. */
    @Inject
    @ConfigProperty(name = "fieldcast.demo.rtsp-port", defaultValue = "8554")
    int rtspPort;

    /** HTTP port (snap.jpg, rcp.xml) of the first demo camera; the second uses the next one. 0 picks free ports. */
    @Inject
    @ConfigProperty(name = "fieldcast.demo.http-port", defaultValue = "8654")
    int httpPort;

    /** Picture size of the demo cameras, WIDTHxHEIGHT. */
    @Inject
    @ConfigProperty(name = "fieldcast.demo.size", defaultValue = "1280x720")
    String size;

    @Inject
    StationImporter importer;

    @Inject
    StationDirectory directory;

    @Inject
    FfmpegInstallation ffmpeg;

    @Resource(lookup = StreamExecutors.STREAMS)
    ManagedExecutorService executor;

    private SimulatedSite site;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled) {
            return;
        }
        String[] wh = size.toLowerCase().split("x");
        try {
            site = SimulatedSite.start("demo", 2, rtspPort, httpPort, SimAuth.DIGEST, "user", "fieldcast-demo",
                    Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), ffmpeg.directory().resolve("ffmpeg"), executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo site (set FIELDCAST_DEMO_ENABLED=false to run without it, "
                    + "or FIELDCAST_DEMO_RTSP_PORT / FIELDCAST_DEMO_HTTP_PORT to other ports): " + e.getMessage(), e);
        }
        StationImport result = importer.importJson(site.stationJson(), "demo site");
        directory.reload();
        LOG.info(() -> "Demo site running: " + result.summary());
    }

    @PreDestroy
    void stop() {
        if (site != null) {
            site.close();
        }
    }
}
