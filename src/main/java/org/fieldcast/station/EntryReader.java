package org.fieldcast.station;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads typed fields from one JSON object of a station file. A missing or null field takes its
 * default; a field of the wrong type is recorded as an error, by field, instead of throwing, so that
 * one entry can report all its mistakes at once.
 */
final class EntryReader {

    private final JsonObject json;
    private final Map<String, String> errors = new LinkedHashMap<>();

    EntryReader(JsonObject json) {
        this.json = json;
    }

    String string(String field, String fallback) {
        JsonValue value = present(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return fail(field, field + " must be a string, was " + shown(value), fallback);
    }

    /** Like {@link #string}, but the value never appears in a message. */
    String secret(String field) {
        JsonValue value = present(field);
        if (value == null || value instanceof JsonString) {
            return value == null ? null : ((JsonString) value).getString();
        }
        return fail(field, field + " must be a string", null);
    }

    int port(String field, int fallback) {
        JsonValue value = present(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            long port = number.longValue();
            if (port >= 1 && port <= 65535) {
                return (int) port;
            }
        }
        return fail(field, field + " must be 1..65535, was " + shown(value), fallback);
    }

    boolean bool(String field, boolean fallback) {
        JsonValue value = present(field);
        if (value == null) {
            return fallback;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        return fail(field, field + " must be true or false, was " + shown(value), fallback);
    }

    /** An enum constant by name, ignoring case. */
    <E extends Enum<E>> E choice(String field, Class<E> type, E fallback) {
        JsonValue value = present(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonString string) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(string.getString().toUpperCase(Locale.ROOT))) {
                    return constant;
                }
            }
        }
        String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        return fail(field, field + " must be one of " + names + ", was " + shown(value), fallback);
    }

    List<String> errors() {
        return new ArrayList<>(errors.values());
    }

    boolean failed(String field) {
        return errors.containsKey(field);
    }

    private JsonValue present(String field) {
        JsonValue value = json.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private <T> T fail(String field, String message, T fallback) {
        errors.putIfAbsent(field, message);
        return fallback;
    }

    private static String shown(JsonValue value) {
        if (value instanceof JsonString string) {
            return CameraDefinition.quoted(string.getString());
        }
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
