package org.fieldcast.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.fieldcast.station.CameraConfig;

/**
 * Who watches one camera's stream: connected viewers holding leases, HLS players remembered for a
 * while after their last request, and the time of the last watch, which together say whether the
 * stream is still wanted. Guarded by the stream's lock.
 */
final class Viewers {
    /** An HLS player polls at least every few seconds; one not seen for this long has left. */
    static final Duration HLS_PLAYER_MEMORY = Duration.ofSeconds(10);

    private final Clock clock;
    private final Duration idleTimeout;
    private final Map<String, Instant> hlsPlayers = new HashMap<>();
    private Instant lastWatch;
    private int leases;

    Viewers(Clock clock, Duration idleTimeout) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /** @param player a key telling HLS players apart (address and user agent), or null */
    void watched(String player) {
        lastWatch = clock.instant();
        if (player != null) {
            hlsPlayers.put(player, lastWatch);
        }
    }

    void leased() {
        leases++;
    }

    void released() {
        leases = Math.max(0, leases - 1);
        lastWatch = clock.instant();
    }

    void forgetLeftPlayers() {
        Instant now = clock.instant();
        hlsPlayers.values().removeIf(seen -> Duration.between(seen, now).compareTo(HLS_PLAYER_MEMORY) > 0);
    }

    /** The stream stopped: its players are gone with it (leases stay, they are connections). */
    void forgetPlayers() {
        hlsPlayers.clear();
    }

    /** Held leases plus HLS players seen lately. */
    int count() {
        return leases + hlsPlayers.size();
    }

    /** An enabled camera that is always on, leased, or watched within the idle timeout. */
    boolean wanted(CameraConfig camera) {
        return camera.enabled() && (camera.alwaysOn() || leases > 0 || recentlyWatched());
    }

    private boolean recentlyWatched() {
        return lastWatch != null && Duration.between(lastWatch, clock.instant()).compareTo(idleTimeout) < 0;
    }
}
