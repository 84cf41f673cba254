package org.fieldcast.http;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a request body into a record, strictly: a JSON object whose fields are the record's
 * components, each of the component's type, no other field and none twice, nested at most
 * {@link #MAX_DEPTH} deep. JSON-B (Yasson, as Payara ships it) ignores unknown fields unless told
 * otherwise and words its errors with our class names; a client should instead learn which field
 * it got wrong, and nothing about our code.
 *
 * <p>Two passes over a body that is already bounded in size: a streaming one that checks depth,
 * duplicates and numbers before anything is built, then the tree.
 */
final class JsonRecordParser {
    /** Our request bodies are flat; far fewer levels than any parser's own limit. */
    static final int MAX_DEPTH = 32;
    /** Longer than any long or double needs; BigDecimal work grows with the digits. */
    static final int MAX_NUMBER_LENGTH = 40;
    private static final String NOT_AN_OBJECT = "the request body must be a JSON object";

    private JsonRecordParser() {
    }

    /** @throws BadInputException (400) naming what is wrong with the body */
    static <R extends Record> R parse(byte[] body, Class<R> type) {
        checkShape(body);
        JsonValue value;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException | NumberFormatException e) {
            throw malformed(null);
        }
        if (!(value instanceof JsonObject object)) {
            throw new BadInputException(400, NOT_AN_OBJECT);
        }
        return bind(object, type);
    }

    private static void checkShape(byte[] body) {
        try (JsonParser parser = Json.createParser(new ByteArrayInputStream(body))) {
            int depth = 0;
            boolean any = false;
            Set<String> topFields = new HashSet<>();
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                any = true;
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw new BadInputException(400, "the request body is nested deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> {
                        // Two readers of one body (a proxy, us) could each take a different one of the two.
                        if (depth == 1 && !topFields.add(parser.getString())) {
                            throw new BadInputException(400, "field " + quoted(parser.getString()) + " appears twice");
                        }
                    }
                    case VALUE_NUMBER -> checkNumber(parser);
                    default -> {
                    }
                }
            }
            if (!any) {
                throw new BadInputException(400, NOT_AN_OBJECT);
            }
        } catch (JsonParsingException e) {
            throw malformed(e.getLocation());
        } catch (JsonException | IllegalStateException | NumberFormatException e) {
            throw malformed(null); // e.g. bytes that are no Unicode encoding at all
        }
    }

    private static void checkNumber(JsonParser parser) {
        if (parser.getString().length() > MAX_NUMBER_LENGTH) {
            throw new BadInputException(400, "a number in the request body is longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        try {
            parser.getBigDecimal(); // 1e9999999999: no BigDecimal holds it
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadInputException(400, "a number in the request body is out of range");
        }
    }

    private static BadInputException malformed(JsonLocation at) {
        String where = at == null || at.getLineNumber() < 1 ? ""
                : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
        return new BadInputException(400, "the request body is not valid JSON" + where);
    }

    private static <R extends Record> R bind(JsonObject object, Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        for (String field : object.keySet()) {
            if (!names.contains(field)) {
                throw new BadInputException(400, "unknown field " + quoted(field) + "; expected: "
                        + Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.joining(", ")));
            }
        }
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getType() == List.class
                    ? strings(components[i], object.get(components[i].getName()))
                    : value(components[i].getName(), components[i].getType(), object.get(components[i].getName()));
        }
        return construct(type, components, values);
    }

    private static Object value(String name, Class<?> type, JsonValue json) {
        if (json == null || json == JsonValue.NULL) {
            if (type.isPrimitive()) {
                throw new BadInputException(400, quoted(name) + " is required");
            }
            return null;
        }
        if (type == String.class) {
            return json instanceof JsonString s ? s.getString() : refuse(name, "a string");
        } else if (type == boolean.class || type == Boolean.class) {
            return json == JsonValue.TRUE ? Boolean.TRUE : json == JsonValue.FALSE ? Boolean.FALSE : refuse(name, "true or false");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            try {
                BigDecimal n = json instanceof JsonNumber number ? number.bigDecimalValue() : null;
                return n == null ? refuse(name, "a whole number")
                        : type == int.class || type == Integer.class ? (Object) n.intValueExact() : (Object) n.longValueExact();
            } catch (ArithmeticException e) {
                return refuse(name, "a whole number");
            }
        } else if (type == double.class || type == Double.class) {
            double d = json instanceof JsonNumber number ? number.doubleValue() : Double.NaN;
            return Double.isFinite(d) ? d : refuse(name, "a number");
        }
        // A record with a field type this reader cannot fill is our mistake, found at its first request.
        throw new IllegalStateException("request bodies hold strings, numbers and booleans, not " + type.getSimpleName());
    }

    /** A list of strings (site ids, say): a JSON array of strings, or absent (null). */
    private static List<String> strings(RecordComponent component, JsonValue json) {
        if (!(component.getGenericType() instanceof ParameterizedType p) || p.getActualTypeArguments()[0] != String.class) {
            throw new IllegalStateException("request bodies hold lists of strings only, not " + component.getGenericType());
        }
        if (json == null || json == JsonValue.NULL) {
            return null;
        }
        if (!(json instanceof JsonArray array) || !array.stream().allMatch(JsonString.class::isInstance)) {
            refuse(component.getName(), "a list of strings");
        }
        return ((JsonArray) json).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static Object refuse(String name, String what) {
        throw new BadInputException(400, quoted(name) + " must be " + what);
    }

    private static <R extends Record> R construct(Class<R> type, RecordComponent[] components, Object[] values) {
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the record's own validation, e.g. an IllegalArgumentException (400)
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct a request record", e);
        }
    }

    /** A field name from the client, quoted for a message: short and printable. */
    static String quoted(String text) {
        String clean = RateLimitedLog.clean(text);
        return "'" + (clean.length() > 40 ? clean.substring(0, 40) + "…" : clean) + "'";
    }
}
