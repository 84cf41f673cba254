package org.fieldcast.stream;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything an operator's screen shows about one camera's stream at a moment, as the health
 * WebSocket and the metrics report it.
 *
 * @param mode            {@code live}, {@code fallback} or {@code none}
 * @param lastFrameAgeMs  milliseconds since the last video frame, -1 before the first
 * @param viewers         connected viewers (held leases) plus HLS players seen in the last seconds
 * @param lastError       the last failure (sanitised), kept after recovery
 * @param fallbackEvery   seconds between snapshots while in fallback
 * @param owner           in a cluster, the node that pulls the stream (its address); null on a single node
 */
public record StreamHealth(String camera, StreamState state, String mode, String reason, Instant since,
                           double fps, long bitrate, long lastFrameAgeMs, int viewers, int reconnects,
                           String lastError, double fallbackEvery, String owner) {

    static StreamHealth of(String camera, StreamStatus status, MediaMeter meter, int viewers, int reconnects,
                           String lastError, Duration fallbackEvery, String owner) {
        String mode = switch (status.state()) {
            case LIVE -> "live";
            case FALLBACK -> "fallback";
            default -> "none";
        };
        return new StreamHealth(camera, status.state(), mode, status.reason(), status.since(), meter.fps(),
                meter.bitsPerSecond(), meter.lastFrameAgeMillis(), viewers, reconnects, lastError,
                fallbackEvery.toMillis() / 1000.0, owner);
    }
}
