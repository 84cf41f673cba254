package org.fieldcast.health;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How often one health socket may report on one camera: a token bucket per camera, filled at
 * {@code perSecond} and holding as many, so a player's steady report every 5 s always passes and a
 * client flooding the averages with its own figures is cut to the rate. One per socket; its map holds
 * only cameras the caller has checked exist.
 */
public final class TelemetryRate {
    private final double perSecond;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long atNanos;
    }

    public TelemetryRate(double perSecond, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.nanos = nanos;
    }

    /** Whether a report on this camera may be taken now; takes it from the allowance if so. */
    public synchronized boolean allow(String camera) {
        long now = nanos.getAsLong();
        Bucket b = buckets.get(camera);
        if (b == null) {
            b = new Bucket();
            b.tokens = Math.max(1, perSecond);
            b.atNanos = now;
            buckets.put(camera, b);
        }
        b.tokens = Math.min(Math.max(1, perSecond), b.tokens + (now - b.atNanos) / 1e9 * perSecond);
        b.atNanos = now;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }
}
