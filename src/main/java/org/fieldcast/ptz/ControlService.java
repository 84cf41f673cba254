package org.fieldcast.ptz;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Answers other nodes' calls for cameras whose queue runs here: each call is done on the local control
 * exactly as a request to this node would do it, and its result or failure goes back as the answer.
 */
final class ControlService {
    private ControlService() {
    }

    /** @param here the camera's control on this node; throws when its queue does not run here */
    static CompletableFuture<byte[]> answer(byte[] request, Function<String, CameraControl> here) {
        try {
            ControlMessages.Call call = ControlMessages.call(request);
            return perform(call, here.apply(call.camera())).exceptionally(ControlMessages::failure);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ControlMessages.failure(e));
        }
    }

    private static CompletableFuture<byte[]> perform(ControlMessages.Call call, CameraControl control) {
        return switch (call.op()) {
            case "move" -> {
                AtomicBoolean started = new AtomicBoolean();
                yield control.move(ControlMessages.velocity(call), call.owner(), () -> started.set(true))
                        .thenApply(accepted -> ControlMessages.accepted(accepted, started.get()));
            }
            case "stop" -> control.stop().thenApply(done -> ControlMessages.done());
            case "release" -> {
                control.release(call.owner());
                yield CompletableFuture.completedFuture(ControlMessages.done());
            }
            case "recallPreset" -> control.recallPreset(call.number()).thenApply(done -> ControlMessages.done());
            case "storePreset" -> control.storePreset(call.number()).thenApply(done -> ControlMessages.done());
            case "position" -> control.position().thenApply(ControlMessages::position);
            case "capabilities" -> control.capabilities().thenApply(ControlMessages::capabilities);
            case "alarm" -> control.alarm(call.number()).thenApply(ControlMessages::alarm);
            case "alarms" -> control.alarms().thenApply(ControlMessages::alarms);
            case "setAlarm" -> control.setAlarm(call.number(), call.arguments().getBoolean("active"))
                    .thenApply(ControlMessages::alarm);
            case "pulseAlarm" -> control.pulseAlarm(call.number(),
                    Duration.ofMillis(call.arguments().getJsonNumber("millis").longValue())).thenApply(ControlMessages::alarm);
            default -> throw new IllegalArgumentException("no control op '" + call.op() + "'");
        };
    }
}
