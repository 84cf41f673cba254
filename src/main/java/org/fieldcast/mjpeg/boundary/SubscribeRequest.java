package org.fieldcast.mjpeg.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code /ws/frames} client asks for: {@code {"subscribe":["cam-a","cam-b"],"profile":"NAME"}}.
 * Each one replaces the previous; an empty list unsubscribes from everything. A socket carries at most
 * {@code fieldcast.mjpeg.socket-cameras}: the cameras listed first are taken, and the client is told
 * about each of the others, so the tiles of a grid that is too big say why they stay dark while the
 * rest play.
 *
 * @param cameras the cameras to watch, at most the socket's limit, in the client's order
 * @param refused the cameras beyond the limit
 * @param profile the profile name, or null for the default
 */
record SubscribeRequest(List<String> cameras, List<String> refused, String profile) {
    private static final Pattern CAMERA_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** @throws IllegalArgumentException with a message for the client when the text is not such a request */
    static SubscribeRequest parse(String text, int maxCameras) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("expected {\"subscribe\":[camera ids],\"profile\":\"name\"}");
        }
        JsonValue list = json.get("subscribe");
        if (!(list instanceof JsonArray array)) {
            throw new IllegalArgumentException("\"subscribe\" must be a list of camera ids");
        }
        Set<String> cameras = new LinkedHashSet<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s) || !CAMERA_ID.matcher(s.getString()).matches()) {
                throw new IllegalArgumentException("not a camera id: " + v);
            }
            cameras.add(s.getString());
        }
        JsonValue profile = json.get("profile");
        if (profile != null && profile != JsonValue.NULL && !(profile instanceof JsonString)) {
            throw new IllegalArgumentException("\"profile\" must be a profile name");
        }
        List<String> all = List.copyOf(cameras);
        int taken = Math.min(all.size(), maxCameras);
        return new SubscribeRequest(all.subList(0, taken), all.subList(taken, all.size()),
                profile instanceof JsonString s ? s.getString() : null);
    }
}
