package org.fieldcast.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.fieldcast.ffmpeg.FfmpegInstallation;
import org.fieldcast.station.StationDatabase;
import org.fieldcast.stream.CameraStreams;

/**
 * MicroProfile Health: ready when the station database answers and ffmpeg is there; live while the
 * stream supervisors are being ticked.
 */
@ApplicationScoped
public class ReadinessChecks {

    @Inject
    StationDatabase database;

    @Inject
    FfmpegInstallation ffmpeg;

    @Inject
    CameraStreams streams;

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try {
                database.read(em -> em.createNativeQuery("select 1").getSingleResult());
                return HealthCheckResponse.named("station-database").up().withData("url", database.safeUrl()).build();
            } catch (RuntimeException e) {
                return HealthCheckResponse.named("station-database").down().withData("url", database.safeUrl())
                        .withData("error", String.valueOf(e.getMessage())).build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck ffmpeg() {
        return () -> HealthCheckResponse.named("ffmpeg")
                .status(Files.isExecutable(ffmpeg.directory().resolve("ffmpeg")))
                .withData("version", ffmpeg.version()).withData("directory", ffmpeg.directory().toString()).build();
    }

    @Produces
    @Liveness
    HealthCheck supervision() {
        return () -> HealthCheckResponse.named("stream-supervision")
                .status(streams.sinceLastTick().toSeconds() < 10)
                .withData("sinceLastTickMs", streams.sinceLastTick().toMillis()).build();
    }
}
