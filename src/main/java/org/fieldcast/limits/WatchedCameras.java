package org.fieldcast.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which cameras each client address watches over HLS now: the HLS servlet notes every request, and
 * what players report about a camera is believed only from an address that plays it (player
 * telemetry describes HLS playback: latency behind live, part load times, stalls). Entries are kept for
 * {@link #MEMORY}, as long as the camera's own count of HLS players remembers one.
 */
@ApplicationScoped
public class WatchedCameras {
    /** An LL-HLS player asks several times a second and any HLS player every few seconds. */
    static final Duration MEMORY = Duration.ofSeconds(10);

    private final LongSupplier nanos;
    /** "address camera" -> when last seen (nanos). */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private volatile long nextCleanup;

    public WatchedCameras() {
        this(System::nanoTime);
    }

    WatchedCameras(LongSupplier nanos) {
        this.nanos = nanos;
        this.nextCleanup = nanos.getAsLong() + MEMORY.toNanos();
    }

    /** An HLS request of this client for this camera (which exists: its stream answered). */
    public void seen(String client, String camera) {
        long now = nanos.getAsLong();
        seen.put(key(client, camera), now);
        if (now - nextCleanup > 0) {
            // At most every MEMORY, by whoever comes first: no timer, and the map never holds more than
            // the pairs of about two MEMORY periods.
            nextCleanup = now + MEMORY.toNanos();
            seen.values().removeIf(at -> now - at > MEMORY.toNanos());
        }
    }

    /** Whether this client played this camera over HLS within {@link #MEMORY}. */
    public boolean watching(String client, String camera) {
        if (client == null || camera == null) {
            return false;
        }
        Long at = seen.get(key(client, camera));
        return at != null && nanos.getAsLong() - at <= MEMORY.toNanos();
    }

    int size() {
        return seen.size();
    }

    private static String key(String client, String camera) {
        return client + ' ' + camera; // camera ids have no space
    }
}
