package org.fieldcast.mse.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code /ws/mse} client asks for: {@code {"subscribe":["cam-a",{"camera":"cam-b","stream":"sub"}]}},
 * a camera id meaning its main stream; {@code "audio":true} in an entry adds the camera's AAC audio. One
 * stream listed twice is one subscription, with audio if either entry asked for it (its messages carry no
 * more than the camera and stream, so two would be indistinguishable). Each one replaces the previous; an empty list unsubscribes from
 * everything. Read strictly (no other field, no other stream name): the protocol is shared by several
 * clients, and a mistake should be told, not guessed. A socket carries at most
 * {@code fieldcast.mse.socket-cameras} subscriptions: those listed first are taken, the others refused.
 *
 * @param wanted  the subscriptions to hold, at most the socket's limit, in the client's order, no duplicate
 * @param refused those beyond the limit
 */
record SubscribeRequest(List<Wanted> wanted, List<Wanted> refused) {
    private static final Pattern CAMERA_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final String SHAPE = "expected {\"subscribe\":[\"camera-id\" or {\"camera\":\"camera-id\","
            + "\"stream\":\"main\" or \"sub\",\"audio\":true or false}]}";

    /** One subscription: a camera's main stream, or its substream, with its audio or without. */
    record Wanted(String camera, boolean sub, boolean audio) {
        String stream() {
            return sub ? "sub" : "main";
        }

        /** The stream it names, whatever it asks about audio. */
        Wanted withoutAudio() {
            return audio ? new Wanted(camera, sub, false) : this;
        }
    }

    /** @throws IllegalArgumentException with a message for the client when the text is not such a request */
    static SubscribeRequest parse(String text, int maxCameras) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException(SHAPE);
        }
        if (!json.keySet().equals(Set.of("subscribe")) || !(json.get("subscribe") instanceof JsonArray array)) {
            throw new IllegalArgumentException(SHAPE);
        }
        Map<Wanted, Wanted> all = new LinkedHashMap<>();
        for (JsonValue v : array) {
            Wanted w = entry(v);
            all.merge(w.withoutAudio(), w, (a, b) -> a.audio() ? a : b);
        }
        List<Wanted> list = List.copyOf(all.values());
        int taken = Math.min(list.size(), maxCameras);
        return new SubscribeRequest(list.subList(0, taken), list.subList(taken, list.size()));
    }

    private static Wanted entry(JsonValue v) {
        if (v instanceof JsonString id) {
            return new Wanted(cameraId(id), false, false);
        }
        if (v instanceof JsonObject o && o.get("camera") instanceof JsonString id
                && Set.of("camera", "stream", "audio").containsAll(o.keySet())) {
            return new Wanted(cameraId(id), sub(o.get("stream")), audio(o.get("audio")));
        }
        throw new IllegalArgumentException("not a subscription: " + shortened(v) + "; " + SHAPE);
    }

    private static boolean sub(JsonValue stream) {
        if (stream == null || stream.equals(Json.createValue("main"))) {
            return false;
        }
        if (stream.equals(Json.createValue("sub"))) {
            return true;
        }
        throw new IllegalArgumentException("\"stream\" must be \"main\" or \"sub\": " + shortened(stream));
    }

    private static boolean audio(JsonValue audio) {
        if (audio == null || audio.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        if (audio.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        throw new IllegalArgumentException("\"audio\" must be true or false: " + shortened(audio));
    }

    private static String cameraId(JsonString id) {
        if (!CAMERA_ID.matcher(id.getString()).matches()) {
            throw new IllegalArgumentException("not a camera id: " + shortened(id));
        }
        return id.getString();
    }

    /** The client's own text, cut short: a notice should not echo a whole hostile message back. */
    private static String shortened(JsonValue v) {
        String s = v.toString();
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
