package org.fieldcast.stream;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;

/**
 * A camera's health as its owner shares it with the cluster's other nodes: a small JSON object, so the
 * value crossing the cluster is a plain string. What does not read back is ignored (a node of another
 * version), never a failure.
 */
final class SharedHealth {
    private SharedHealth() {
    }

    static String encode(StreamHealth h) {
        JsonObjectBuilder o = Json.createObjectBuilder().add("camera", h.camera()).add("state", h.state().name())
                .add("mode", h.mode()).add("fps", h.fps()).add("bitrate", h.bitrate()).add("lastFrameAgeMs", h.lastFrameAgeMs())
                .add("viewers", h.viewers()).add("reconnects", h.reconnects()).add("fallbackEvery", h.fallbackEvery());
        if (h.reason() != null) {
            o.add("reason", h.reason());
        }
        if (h.since() != null) {
            o.add("since", h.since().toString());
        }
        if (h.lastError() != null) {
            o.add("lastError", h.lastError());
        }
        if (h.owner() != null) {
            o.add("owner", h.owner());
        }
        return o.build().toString();
    }

    static Optional<StreamHealth> decode(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            JsonObject o = r.readObject();
            return Optional.of(new StreamHealth(o.getString("camera"), StreamState.valueOf(o.getString("state")),
                    o.getString("mode"), o.getString("reason", null),
                    o.containsKey("since") ? Instant.parse(o.getString("since")) : null,
                    o.getJsonNumber("fps").doubleValue(), o.getJsonNumber("bitrate").longValue(),
                    o.getJsonNumber("lastFrameAgeMs").longValue(), o.getInt("viewers"), o.getInt("reconnects"),
                    o.getString("lastError", null), o.getJsonNumber("fallbackEvery").doubleValue(), o.getString("owner", null)));
        } catch (JsonException | IllegalStateException | IllegalArgumentException | NullPointerException | ClassCastException
                 | java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
