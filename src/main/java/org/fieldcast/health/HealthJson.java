package org.fieldcast.health;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import org.fieldcast.stream.StreamHealth;
/** The JSON of one camera's health as the WebSocket sends it; absent values are left out. */
final class HealthJson {
    private HealthJson() {
    }

    static String of(StreamHealth h) {
        JsonObjectBuilder o = Json.createObjectBuilder()
                .add("type", "health")
                .add("camera", h.camera())
                .add("state", h.state().name())
                .add("mode", h.mode())
                .add("fps", Math.round(h.fps() * 10) / 10.0)
                .add("bitrate", h.bitrate())
                .add("lastFrameAgeMs", h.lastFrameAgeMs())
                .add("viewers", h.viewers())
                .add("reconnects", h.reconnects())
                .add("fallbackEvery", h.fallbackEvery());
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
            o.add("owner", h.owner()); // in a cluster: the node that pulls the camera
        }
        return o.build().toString();
    }
}
