package org.fieldcast.ptz;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.fieldcast.http.StatusException;

/**
 * The calls one node makes to the node whose queue steers a camera, and their answers, as small JSON
 * objects: {@code {"camera":"dome-1","op":"move","pan":15,"tilt":0,"zoom":0,"owner":"node/7"}} and
 * {@code {"ok":{...},"started":true}} or {@code {"status":504,"error":"..."}}. JSON rather than Java
 * serialisation: it crosses the cluster as plain bytes, so no class of ours must be known to the
 * cluster's own class loader, and it can be read in a log.
 */
final class ControlMessages {
    private ControlMessages() {
    }

    /** One call: what to do to which camera; {@code arguments} as the op takes them. */
    record Call(String camera, String op, JsonObject arguments) {
        String owner() {
            return arguments.containsKey("owner") ? arguments.getString("owner") : null;
        }

        int number() {
            return arguments.getInt("n");
        }
    }

    static byte[] move(String camera, PtzVelocity v, String owner) {
        JsonObjectBuilder b = call(camera, "move").add("pan", v.pan()).add("tilt", v.tilt()).add("zoom", v.zoom());
        if (owner != null) {
            b.add("owner", owner);
        }
        return bytes(b.build());
    }

    static byte[] release(String camera, String owner) {
        return bytes(call(camera, "release").add("owner", owner).build());
    }

    static byte[] plain(String camera, String op) {
        return bytes(call(camera, op).build());
    }

    static byte[] numbered(String camera, String op, int n) {
        return bytes(call(camera, op).add("n", n).build());
    }

    static byte[] setAlarm(String camera, int n, boolean active) {
        return bytes(call(camera, "setAlarm").add("n", n).add("active", active).build());
    }

    static byte[] pulseAlarm(String camera, int n, Duration duration) {
        return bytes(call(camera, "pulseAlarm").add("n", n).add("millis", duration.toMillis()).build());
    }

    /** @throws IllegalArgumentException when the bytes are not a call */
    static Call call(byte[] bytes) {
        JsonObject o = read(bytes);
        if (!(o.get("camera") instanceof jakarta.json.JsonString) || !(o.get("op") instanceof jakarta.json.JsonString)) {
            throw new IllegalArgumentException("a control call names a camera and an op");
        }
        return new Call(o.getString("camera"), o.getString("op"), o);
    }

    static PtzVelocity velocity(Call call) {
        JsonObject a = call.arguments();
        return new PtzVelocity(a.getInt("pan"), a.getInt("tilt"), a.getInt("zoom"));
    }

    // The answers.

    static byte[] done() {
        return bytes(Json.createObjectBuilder().add("ok", JsonValue.TRUE).build());
    }

    static byte[] accepted(MoveAccepted m, boolean started) {
        return bytes(Json.createObjectBuilder().add("ok", Json.createObjectBuilder().add("panStep", m.panStep())
                .add("tiltStep", m.tiltStep()).add("zoomStep", m.zoomStep()).add("leaseMillis", m.leaseMillis()))
                .add("started", started).build());
    }

    static byte[] position(PtzPosition p) {
        return ok(Json.createObjectBuilder().add("pan", p.panDegrees()).add("tilt", p.tiltDegrees()));
    }

    static byte[] capabilities(PtzCapabilities c) {
        return ok(Json.createObjectBuilder().add("ptz", c.ptz()).add("presets", c.presets()).add("presetForm", c.presetForm())
                .add("virtualAlarms", c.virtualAlarms()).add("moveLeaseMillis", c.moveLeaseMillis()));
    }

    static byte[] alarm(AlarmState a) {
        return ok(alarmObject(a));
    }

    static byte[] alarms(List<AlarmState> all) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        all.forEach(a -> list.add(alarmObject(a)));
        return bytes(Json.createObjectBuilder().add("ok", list).build());
    }

    /**
     * A failure as its HTTP status and message: a feature's {@link StatusException} keeps its own, bad
     * arguments are 400 as the API maps them, anything else is the camera's (502).
     */
    static byte[] failure(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        int status = e instanceof StatusException s ? s.status() : e instanceof IllegalArgumentException ? 400 : 502;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return bytes(Json.createObjectBuilder().add("status", status).add("error", message).build());
    }

    /** The answer's result, or a future failed with the failure it carries. */
    static CompletableFuture<JsonObject> answer(byte[] bytes) {
        JsonObject o;
        try {
            o = read(bytes);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new RemoteControlException(502, "the node steering the camera answered "
                    + "something unreadable"));
        }
        if (o.containsKey("error")) {
            int status = o.getInt("status", 502);
            return CompletableFuture.failedFuture(new RemoteControlException(status < 400 || status > 599 ? 502 : status,
                    o.getString("error")));
        }
        return CompletableFuture.completedFuture(o);
    }

    static MoveAccepted moveAccepted(JsonObject answer) {
        JsonObject m = answer.getJsonObject("ok");
        return new MoveAccepted(m.getInt("panStep"), m.getInt("tiltStep"), m.getInt("zoomStep"), m.getJsonNumber("leaseMillis").longValue());
    }

    static PtzPosition position(JsonObject answer) {
        JsonObject p = answer.getJsonObject("ok");
        return new PtzPosition(p.getJsonNumber("pan").doubleValue(), p.getJsonNumber("tilt").doubleValue());
    }

    static PtzCapabilities capabilities(JsonObject answer) {
        JsonObject c = answer.getJsonObject("ok");
        return new PtzCapabilities(c.getBoolean("ptz"), c.getInt("presets"), c.getString("presetForm"), c.getInt("virtualAlarms"),
                c.getJsonNumber("moveLeaseMillis").longValue());
    }

    static AlarmState alarm(JsonObject answer) {
        return alarmState(answer.getJsonObject("ok"));
    }

    static List<AlarmState> alarms(JsonObject answer) {
        return answer.getJsonArray("ok").getValuesAs(JsonObject.class).stream().map(ControlMessages::alarmState).toList();
    }

    private static AlarmState alarmState(JsonObject a) {
        return new AlarmState(a.getInt("number"), a.getBoolean("active"));
    }

    private static JsonObjectBuilder alarmObject(AlarmState a) {
        return Json.createObjectBuilder().add("number", a.number()).add("active", a.active());
    }

    private static JsonObjectBuilder call(String camera, String op) {
        return Json.createObjectBuilder().add("camera", camera).add("op", op);
    }

    private static byte[] ok(JsonObjectBuilder result) {
        return bytes(Json.createObjectBuilder().add("ok", result).build());
    }

    private static byte[] bytes(JsonObject o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonObject read(byte[] bytes) {
        try (JsonReader r = Json.createReader(new ByteArrayInputStream(bytes))) {
            return r.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
    }
}
