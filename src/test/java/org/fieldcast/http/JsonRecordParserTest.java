package org.fieldcast.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonRecordParserTest {

    record Login(String site, String password) {
    }

    record Numbers(int count, Long big, Double speed, Boolean on, Integer optional) {
    }

    record Sites(String name, java.util.List<String> sites) {
    }

    private static <R extends Record> R parse(String json, Class<R> type) {
        return JsonRecordParser.parse(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static BadInputException refused(String json, Class<? extends Record> type) {
        return assertThrows(BadInputException.class, () -> parse(json, type));
    }

    @Test
    void bindsTheFieldsOfARecord() {
        assertEquals(new Login("demo", "pw"), parse("{\"site\":\"demo\",\"password\":\"pw\"}", Login.class));
        assertEquals(new Login("demo", null), parse(" {\"site\":\"demo\"} ", Login.class), "a missing field is null");
        assertEquals(new Login(null, null), parse("{\"site\":null}", Login.class));
        assertEquals(new Numbers(3, 1L << 40, -0.5, true, null),
                parse("{\"count\":3,\"big\":1099511627776,\"speed\":-0.5,\"on\":true}", Numbers.class));
    }

    @Test
    void bindsListsOfStrings() {
        assertEquals(new Sites("a", java.util.List.of("north", "south")), parse("{\"name\":\"a\",\"sites\":[\"north\",\"south\"]}", Sites.class));
        assertEquals(new Sites("a", null), parse("{\"name\":\"a\"}", Sites.class));
        assertEquals("'sites' must be a list of strings", refused("{\"sites\":[\"north\",1]}", Sites.class).getMessage());
        assertEquals("'sites' must be a list of strings", refused("{\"sites\":\"north\"}", Sites.class).getMessage());
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        BadInputException e = refused("{\"site\":\"demo\",\"password\":\"pw\",\"admin\":true}", Login.class);
        assertEquals(400, e.status());
        assertEquals("unknown field 'admin'; expected: site, password", e.getMessage());
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        // Two readers of one body could otherwise each see a different value.
        assertEquals("field 'site' appears twice", refused("{\"site\":\"a\",\"site\":\"b\"}", Login.class).getMessage());
    }

    @Test
    void malformedJsonSaysWhereNotWhatParserFailed() {
        BadInputException e = refused("{bad", Login.class);
        assertEquals(400, e.status());
        assertEquals("the request body is not valid JSON (line 1, column 2)", e.getMessage());
        for (String garbage : new String[] {"", "   ", "{\"site\":", "{\"site\":\"x\"", "\u0000\u00ff", "{\"site\":\"x\"}{}", "nul"}) {
            assertEquals(400, refused(garbage, Login.class).status(), garbage);
        }
    }

    @Test
    void onlyAnObjectIsABody() {
        for (String other : new String[] {"[]", "\"text\"", "42", "null", "true"}) {
            assertEquals("the request body must be a JSON object", refused(other, Login.class).getMessage(), other);
        }
    }

    @Test
    void deepNestingIsRefusedBeforeAnythingIsBuilt() {
        String deep = "{\"site\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        BadInputException e = refused(deep, Login.class);
        assertEquals(400, e.status());
        assertEquals("the request body is nested deeper than " + JsonRecordParser.MAX_DEPTH + " levels", e.getMessage());
        assertEquals(400, refused("[".repeat(100_000), Login.class).status(), "unbalanced too");
    }

    @Test
    void typesAreCheckedPerField() {
        assertEquals("'site' must be a string", refused("{\"site\":5}", Login.class).getMessage());
        assertEquals("'site' must be a string", refused("{\"site\":[\"a\"]}", Login.class).getMessage());
        assertEquals("'count' must be a whole number", refused("{\"count\":1.5}", Numbers.class).getMessage());
        assertEquals("'count' must be a whole number", refused("{\"count\":\"1\"}", Numbers.class).getMessage());
        assertEquals("'on' must be true or false", refused("{\"count\":1,\"on\":1}", Numbers.class).getMessage());
        assertEquals("'speed' must be a number", refused("{\"count\":1,\"speed\":\"NaN\"}", Numbers.class).getMessage());
        assertEquals("'count' is required", refused("{\"big\":1}", Numbers.class).getMessage());
    }

    @Test
    void numbersOutOfRangeAreRefusedNotWrapped() {
        assertEquals("'count' must be a whole number", refused("{\"count\":99999999999999999999}", Numbers.class).getMessage());
        assertEquals("'count' must be a whole number", refused("{\"count\":2147483648}", Numbers.class).getMessage());
        assertEquals("'big' must be a whole number", refused("{\"count\":1,\"big\":1e999999999}", Numbers.class).getMessage());
        assertEquals("'speed' must be a number", refused("{\"count\":1,\"speed\":1e999}", Numbers.class).getMessage());
        BadInputException longNumber = refused("{\"speed\":" + "9".repeat(50_000) + "}", Numbers.class);
        assertTrue(longNumber.getMessage().contains("longer than"), longNumber.getMessage());
    }

    @Test
    void messagesQuoteClientTextOnlyBriefly() {
        String name = "x".repeat(5000) + "\n";
        String message = refused("{\"" + name.replace("\n", "\\n") + "\":1}", Login.class).getMessage();
        assertTrue(message.length() < 200, message);
        assertFalse(message.contains("\n"));
    }

    @Test
    void recordsNamedInMessagesNever() {
        String message = refused("{\"site\":5}", Login.class).getMessage();
        assertFalse(message.contains("Login") || message.contains("org.fieldcast"), message);
        assertNull(refused("{\"site\":5}", Login.class).getCause());
    }
}
