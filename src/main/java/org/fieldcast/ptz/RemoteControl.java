package org.fieldcast.ptz;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A camera steered by another node's queue: each call goes there and its answer comes back. A move's
 * owner (an operator's socket here) is named with this node's name, so the queue's node tells apart
 * sockets of different nodes; if this node dies mid-move, its renewals stop and the queue's node stops
 * the camera when the lease lapses, as it would for a socket that went silent.
 */
final class RemoteControl implements CameraControl {
    private final String cameraId;
    private final String node;
    private final ControlPlacement placement;
    private final Executor answers;

    /**
     * @param answers where the answers are handled: a call is answered on a cluster thread, which lacks
     *                the application's context that what runs next (the audit's events) needs
     */
    RemoteControl(String cameraId, String node, ControlPlacement placement, Executor answers) {
        this.cameraId = cameraId;
        this.node = node;
        this.placement = placement;
        this.answers = answers;
    }

    String node() {
        return node;
    }

    @Override
    public CompletableFuture<MoveAccepted> move(PtzVelocity v, String owner, Runnable started) {
        return send(ControlMessages.move(cameraId, v, owner(owner)), answer -> {
            if (answer.getBoolean("started", false)) {
                started.run();
            }
            return ControlMessages.moveAccepted(answer);
        });
    }

    @Override
    public CompletableFuture<Void> stop() {
        return send(ControlMessages.plain(cameraId, "stop"), answer -> null);
    }

    @Override
    public void release(String owner) {
        if (owner != null) {
            send(ControlMessages.release(cameraId, owner(owner)), answer -> null); // the lease lapses anyway if this is lost
        }
    }

    @Override
    public CompletableFuture<Void> recallPreset(int n) {
        return send(ControlMessages.numbered(cameraId, "recallPreset", n), answer -> null);
    }

    @Override
    public CompletableFuture<Void> storePreset(int n) {
        return send(ControlMessages.numbered(cameraId, "storePreset", n), answer -> null);
    }

    @Override
    public CompletableFuture<PtzPosition> position() {
        return send(ControlMessages.plain(cameraId, "position"), ControlMessages::position);
    }

    @Override
    public CompletableFuture<PtzCapabilities> capabilities() {
        return send(ControlMessages.plain(cameraId, "capabilities"), ControlMessages::capabilities);
    }

    @Override
    public CompletableFuture<AlarmState> alarm(int n) {
        return send(ControlMessages.numbered(cameraId, "alarm", n), ControlMessages::alarm);
    }

    @Override
    public CompletableFuture<List<AlarmState>> alarms() {
        return send(ControlMessages.plain(cameraId, "alarms"), ControlMessages::alarms);
    }

    @Override
    public CompletableFuture<AlarmState> setAlarm(int n, boolean active) {
        return send(ControlMessages.setAlarm(cameraId, n, active), ControlMessages::alarm);
    }

    @Override
    public CompletableFuture<AlarmState> pulseAlarm(int n, Duration duration) {
        return send(ControlMessages.pulseAlarm(cameraId, n, duration), ControlMessages::alarm);
    }

    private String owner(String owner) {
        return owner == null ? null : placement.localNode() + "/" + owner;
    }

    private <T> CompletableFuture<T> send(byte[] call, Function<JsonObject, T> result) {
        return placement.call(node, call)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(new RemoteControlException(503,
                        "the node that steers camera '" + cameraId + "' did not answer")))
                .thenComposeAsync(ControlMessages::answer, answers)
                .thenApply(result);
    }
}
