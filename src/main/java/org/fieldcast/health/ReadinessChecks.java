package org.fieldcast.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.fieldcast.cluster.ClusterNode;
import org.fieldcast.cluster.ClusterView;
import org.fieldcast.ffmpeg.FfmpegInstallation;
import org.fieldcast.http.RateLimitedLog;
import org.fieldcast.station.StationDatabase;
import org.fieldcast.stream.CameraStreams;
/**
 * MicroProfile Health: ready when the station database answers and ffmpeg is there; live while the
 * stream supervisors are being ticked. {@code /health} answers anyone, so each check says only UP or
 * DOWN: the database URL, ffmpeg's directory and version, and error texts go to the log instead
 * (once, then a count a minute: probes poll every few seconds). In cluster mode the cluster check alone
 * carries data: the members this node sees, the expected size and whether that is a quorum (counts, no
 * addresses).
 */
@ApplicationScoped
public class ReadinessChecks {
    private static final RateLimitedLog LOG = new RateLimitedLog(Logger.getLogger(ReadinessChecks.class.getName()));

    @Inject
    StationDatabase database;

    @Inject
    FfmpegInstallation ffmpeg;

    @Inject
    CameraStreams streams;

    @Inject
    ClusterNode cluster;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try {
                database.read(em -> em.createNativeQuery("select 1").getSingleResult());
                return HealthCheckResponse.up("station-database");
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "not ready: station database", database.safeUrl() + " does not answer: " + e.getMessage());
                return HealthCheckResponse.down("station-database");
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck ffmpeg() {
        return () -> {
            if (Files.isExecutable(ffmpeg.directory().resolve("ffmpeg"))) {
                return HealthCheckResponse.up("ffmpeg");
            }
            LOG.log(Level.WARNING, "not ready: ffmpeg", "no executable ffmpeg in " + ffmpeg.directory());
            return HealthCheckResponse.down("ffmpeg");
        };
    }

    /** A cluster node without a quorum pulls nothing (the split rule), so a load balancer should send viewers elsewhere. */
    @Produces
    @Readiness
    HealthCheck cluster() {
        return () -> {
            ClusterView view = cluster.view();
            if (!view.quorum()) {
                LOG.log(Level.WARNING, "not ready: cluster", "sees " + view.membersSeen() + " of " + view.expectedSize()
                        + " members, no quorum");
            }
            if (!view.clustered()) {
                return HealthCheckResponse.up("cluster"); // a single node: nothing to count
            }
            return HealthCheckResponse.named("cluster").status(view.quorum())
                    .withData("members", view.membersSeen())
                    .withData("expected", view.expectedSize())
                    .withData("quorum", view.quorum())
                    .build();
        };
    }

    @Produces
    @Liveness
    HealthCheck supervision() {
        return () -> {
            if (streams.sinceLastTick().toSeconds() < 10) {
                return HealthCheckResponse.up("stream-supervision");
            }
            LOG.log(Level.WARNING, "not live: stream supervision", "no tick for " + streams.sinceLastTick().toMillis() + " ms");
            return HealthCheckResponse.down("stream-supervision");
        };
    }
}
