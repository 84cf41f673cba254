package org.fieldcast.health;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One player's report about a camera, as {@code /ws/health} receives it:
 * {@code {"type":"telemetry","camera":"id","latency":0.8,"partLoad":0.05,"stalls":0}}. Only figures a
 * real player can produce are kept; any other figure is left out rather than poison the averages, so a
 * report is only ever as wrong as a bad player, never arbitrarily.
 *
 * @param latencySeconds  behind live, 0 to {@value #MAX_LATENCY} s, or null
 * @param partLoadSeconds mean load time of parts, 0 to {@value #MAX_PART_LOAD} s, or null
 * @param stalls          playback stalls since the player's previous report, 0 to {@value #MAX_STALLS}
 */
public record TelemetryReport(String camera, Double latencySeconds, Double partLoadSeconds, int stalls) {
    /** A live player that far behind has given up; hls.js jumps to the live edge long before. */
    static final double MAX_LATENCY = 60;
    /** A part that takes longer than this is a failed load, which hls.js reports as an error instead. */
    static final double MAX_PART_LOAD = 10;
    /** Players report every 5 s; hls.js reports a stall at most every few hundred milliseconds. */
    static final int MAX_STALLS = 50;
    private static final Pattern CAMERA_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** The report in a message, or empty when the message is not one or carries no usable figure. */
    public static Optional<TelemetryReport> parse(String text) {
        JsonObject m;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            m = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty(); // a malformed message is dropped; the socket stays open
        }
        if (!"telemetry".equals(string(m, "type")) || string(m, "camera") == null || !CAMERA_ID.matcher(string(m, "camera")).matches()) {
            return Optional.empty();
        }
        Double latency = within(number(m, "latency"), MAX_LATENCY);
        Double partLoad = within(number(m, "partLoad"), MAX_PART_LOAD);
        int stalls = stalls(number(m, "stalls"));
        if (latency == null && partLoad == null && stalls == 0) {
            return Optional.empty();
        }
        return Optional.of(new TelemetryReport(string(m, "camera"), latency, partLoad, stalls));
    }

    private static String string(JsonObject m, String key) {
        return m.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static Double number(JsonObject m, String key) {
        JsonValue v = m.get(key);
        return v instanceof JsonNumber n ? n.doubleValue() : null;
    }

    /** NaN, infinite (1e999 parses to that), negative or beyond {@code max}: no figure. */
    private static Double within(Double value, double max) {
        return value != null && value >= 0 && value <= max ? value : null;
    }

    private static int stalls(Double value) {
        return value != null && value >= 0 && value <= MAX_STALLS && value == Math.rint(value) ? value.intValue() : 0;
    }
}
