package org.fieldcast.health;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What players report about their playback, per camera: the latency behind live (hls.js's own
 * estimate), stalls, and how long parts take to load. Smoothed over recent reports. Only reports that
 * passed the health socket's checks reach it ({@link TelemetryReport}: a watcher of the camera, figures
 * in range, at most {@code fieldcast.health.telemetry-rate} a second).
 */
@ApplicationScoped
public class PlayerTelemetry {
    /** Weight of a new report in the moving average. */
    static final double SMOOTHING = 0.2;

    /**
     * Reports one health socket may send about one camera per second; more are dropped. A player sends
     * one every 5 s: 2 a second leaves room for a page playing one camera in several players, and cuts
     * a client that floods the averages with its own figures.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.health.telemetry-rate", defaultValue = "2")
    double ratePerSecond;

    /** One camera's figures; updated by any client's report. */
    public static final class Figures {
        private double latencySeconds = Double.NaN;
        private double partLoadSeconds = Double.NaN;
        private long stalls;
        private long reports;

        synchronized void add(TelemetryReport r) {
            latencySeconds = smooth(latencySeconds, r.latencySeconds());
            partLoadSeconds = smooth(partLoadSeconds, r.partLoadSeconds());
            stalls += r.stalls();
            reports++;
        }

        public synchronized double latencySeconds() {
            return latencySeconds;
        }

        public synchronized double partLoadSeconds() {
            return partLoadSeconds;
        }

        public synchronized long stalls() {
            return stalls;
        }

        public synchronized long reports() {
            return reports;
        }

        private static double smooth(double current, Double sample) {
            if (sample == null) {
                return current; // this report had no such figure, or one out of range
            }
            return Double.isNaN(current) ? sample : current + SMOOTHING * (sample - current);
        }
    }

    private final Map<String, Figures> cameras = new ConcurrentHashMap<>();

    /** Creating the bean at start-up is what checks the setting: a mistake stops the deployment. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        ratePerSecond();
    }

    @PostConstruct
    void check() {
        if (!(ratePerSecond > 0 && ratePerSecond <= 100)) {
            throw new IllegalArgumentException("fieldcast.health.telemetry-rate must be above 0 and at most 100: " + ratePerSecond);
        }
    }

    /** @param report checked already: of a camera that exists, by a client that watches it */
    public void report(TelemetryReport report) {
        cameras.computeIfAbsent(report.camera(), c -> new Figures()).add(report);
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    public Optional<Figures> figures(String camera) {
        return Optional.ofNullable(cameras.get(camera));
    }
}
