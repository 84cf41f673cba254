package org.fieldcast.ptz;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What operators do with one camera: held moves, presets, its position and its virtual alarms. The
 * camera's one command queue runs on one node ({@link PtzCamera}); on any other node of a cluster the same
 * calls travel to that node ({@link RemoteControl}), so the 100 ms spacing and the move lease hold
 * whichever node an operator's browser reaches.
 */
public interface CameraControl {

    /**
     * Starts or renews the move lease. A stop speed stops. {@code owner} identifies who holds the
     * lease (a socket), so that its going away stops only its own move; null for plain HTTP.
     * {@code started} runs when the speeds differ from the move already running (a move starts, or
     * changes), not when a lease is only renewed.
     */
    CompletableFuture<MoveAccepted> move(PtzVelocity v, String owner, Runnable started);

    default CompletableFuture<MoveAccepted> move(PtzVelocity v, String owner) {
        return move(v, owner, () -> { });
    }

    /** Stops now, whoever moved the camera. Always sent, even when Fieldcast believes it stopped. */
    CompletableFuture<Void> stop();

    /** The owner is gone (its socket closed): stops the camera if that owner's move is running. */
    void release(String owner);

    /** Ends any lease, then recalls preset n. */
    CompletableFuture<Void> recallPreset(int n);

    /** Stores the current position as preset n. */
    CompletableFuture<Void> storePreset(int n);

    /** Where the dome points now. */
    CompletableFuture<PtzPosition> position();

    CompletableFuture<PtzCapabilities> capabilities();

    /** Reads virtual alarm n. */
    CompletableFuture<AlarmState> alarm(int n);

    /** Reads every virtual alarm the camera has. */
    CompletableFuture<List<AlarmState>> alarms();

    /** Raises (true) or clears virtual alarm n. */
    CompletableFuture<AlarmState> setAlarm(int n, boolean active);

    /** Raises virtual alarm n and clears it again after {@code duration}; completes once it is raised. */
    CompletableFuture<AlarmState> pulseAlarm(int n, Duration duration);
}
