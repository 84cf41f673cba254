package org.fieldcast.access;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.fieldcast.perimeter.Origins;
/**
 * A new grant as an admin asks for it ({@code POST /api/embeds}), checked: cameras that exist,
 * parent origins that are HTTPS (plain HTTP only on this machine, for development), an expiry in
 * the future and within the configured lifetime. Every mistake is a 400 that names it.
 */
record EmbedRequest(Set<String> cameras, List<String> origins, Instant expiresAt, boolean viewOnly) {
    /** The ceiling of {@code fieldcast.embed.max-cameras}: the grant travels in a cookie of at most 4 KiB. */
    static final int MAX_CAMERAS = 32;
    static final int MAX_ORIGINS = 8;
    private static final Set<String> FIELDS = Set.of("cameras", "origins", "expiresIn", "expiresAt", "viewOnly");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    static EmbedRequest parse(JsonObject body, Instant now, Duration maxLifetime, int maxCameras, Predicate<String> cameraExists) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw bad("unknown field '" + clip(field) + "'; expected: cameras, origins, expiresIn or expiresAt, viewOnly");
            }
        }
        Set<String> cameras = new LinkedHashSet<>(strings(body, "cameras", maxCameras));
        for (String camera : cameras) {
            if (!cameraExists.test(camera)) {
                throw bad("there is no camera '" + clip(camera) + "'");
            }
        }
        List<String> origins = new ArrayList<>();
        for (String origin : strings(body, "origins", MAX_ORIGINS)) {
            String o = origin(origin);
            if (!origins.contains(o)) {
                origins.add(o);
            }
        }
        return new EmbedRequest(cameras, origins, expiry(body, now, maxLifetime), viewOnly(body));
    }

    private static List<String> strings(JsonObject body, String field, int max) {
        JsonValue value = body.get(field);
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > max
                || !array.stream().allMatch(v -> v instanceof JsonString s && !s.getString().isBlank())) {
            throw bad("'" + field + "' must be a list of 1 to " + max + " names");
        }
        return array.getValuesAs(JsonString.class).stream().map(s -> s.getString().strip()).toList();
    }

    /** A serialized origin a browser would send; HTTPS, as a framing page of a real site is. */
    static String origin(String text) {
        String origin = Origins.normalize(text);
        if (origin == null) {
            throw bad("'" + clip(text) + "' is not an origin such as https://ohvd.example");
        }
        String host = origin.replaceFirst("^https?://", "").replaceFirst(":\\d+$", "");
        if (origin.startsWith("http:") && !LOOPBACK.contains(host)) {
            throw bad("an embedding page must be served over HTTPS (plain HTTP only from localhost): '" + clip(text) + "'");
        }
        return origin;
    }

    private static Instant expiry(JsonObject body, Instant now, Duration maxLifetime) {
        boolean in = body.containsKey("expiresIn");
        boolean at = body.containsKey("expiresAt");
        if (in == at) {
            throw bad("give either 'expiresIn' (a duration such as PT12H) or 'expiresAt' (a time such as 2030-01-31T18:00:00Z)");
        }
        Instant expires;
        try {
            expires = in ? now.plus(Duration.parse(text(body, "expiresIn"))) : Instant.parse(text(body, "expiresAt"));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw bad(in ? "'expiresIn' must be an ISO-8601 duration such as PT12H or P30D"
                    : "'expiresAt' must be an ISO-8601 time in UTC such as 2030-01-31T18:00:00Z");
        }
        if (!expires.isAfter(now)) {
            throw bad("a grant must expire in the future");
        }
        if (expires.isAfter(now.plus(maxLifetime))) {
            throw bad("a grant may last at most " + maxLifetime + " (fieldcast.embed.max-lifetime)");
        }
        return expires;
    }

    private static boolean viewOnly(JsonObject body) {
        JsonValue value = body.get("viewOnly");
        if (value == null || value == JsonValue.NULL) {
            return true; // the safe default: watching, not steering
        }
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw bad("'viewOnly' must be true or false");
        }
        return value == JsonValue.TRUE;
    }

    private static String text(JsonObject body, String field) {
        if (!(body.get(field) instanceof JsonString s)) {
            throw bad("'" + field + "' must be a string");
        }
        return s.getString().strip();
    }

    private static String clip(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }

    private static AccessException bad(String message) {
        return new AccessException(400, message);
    }
}
