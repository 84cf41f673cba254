package org.fieldcast.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What players report about their playback, per camera: the latency behind live (hls.js's own
 * estimate), stalls, and how long parts take to load. Smoothed over recent reports.
 */
@ApplicationScoped
public class PlayerTelemetry {
    /** Weight of a new report in the moving average. */
    static final double SMOOTHING = 0.2;

    /** One camera's figures; updated by any client's report. */
    public static final class Figures {
        private double latencySeconds = Double.NaN;
        private double partLoadSeconds = Double.NaN;
        private long stalls;
        private long reports;

        synchronized void add(Double latency, Double partLoad, long newStalls) {
            latencySeconds = smooth(latencySeconds, latency);
            partLoadSeconds = smooth(partLoadSeconds, partLoad);
            stalls += Math.max(0, newStalls);
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
            if (sample == null || sample.isNaN() || sample < 0 || sample > 3600) {
                return current; // an absurd report is ignored rather than poison the average
            }
            return Double.isNaN(current) ? sample : current + SMOOTHING * (sample - current);
        }
    }

    private final Map<String, Figures> cameras = new ConcurrentHashMap<>();

    void report(String camera, Double latencySeconds, Double partLoadSeconds, long stalls) {
        cameras.computeIfAbsent(camera, c -> new Figures()).add(latencySeconds, partLoadSeconds, stalls);
    }

    public Optional<Figures> figures(String camera) {
        return Optional.ofNullable(cameras.get(camera));
    }
}
