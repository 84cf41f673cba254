package org.fieldcast.mse.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fieldcast.mse.boundary.SubscribeRequest.Wanted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscribeRequestTest {

    @Test
    void camerasAndSubstreamsInTheClientsOrderWithoutDuplicates() {
        SubscribeRequest r = SubscribeRequest.parse("""
                {"subscribe":["cam-a",{"camera":"cam-b","stream":"sub"},{"camera":"cam-a","stream":"main"},
                 {"camera":"cam-c"},"cam-b"]}""", 16);

        assertEquals(List.of(new Wanted("cam-a", false, false), new Wanted("cam-b", true, false), new Wanted("cam-c", false, false),
                new Wanted("cam-b", false, false)), r.wanted());
        assertEquals(List.of(), r.refused());
        assertEquals("sub", r.wanted().get(1).stream());
    }

    @Test
    void audioIsAskedPerEntryAndAStreamListedTwiceIsOneSubscriptionWithAudioIfEitherAsked() {
        SubscribeRequest r = SubscribeRequest.parse("""
                {"subscribe":[{"camera":"cam-a","audio":true},{"camera":"cam-b","stream":"sub","audio":false},
                 "cam-c",{"camera":"cam-c","audio":true}]}""", 16);

        assertEquals(List.of(new Wanted("cam-a", false, true), new Wanted("cam-b", true, false),
                new Wanted("cam-c", false, true)), r.wanted());
    }

    @Test
    void anEmptyListUnsubscribesFromEverything() {
        assertEquals(List.of(), SubscribeRequest.parse("{\"subscribe\":[]}", 16).wanted());
    }

    @Test
    void thoseBeyondTheLimitAreRefusedInOrder() {
        SubscribeRequest r = SubscribeRequest.parse("{\"subscribe\":[\"a\",\"b\",{\"camera\":\"b\",\"stream\":\"sub\"}]}", 2);
        assertEquals(List.of(new Wanted("a", false, false), new Wanted("b", false, false)), r.wanted());
        assertEquals(List.of(new Wanted("b", true, false)), r.refused());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "null", "[]", "subscribe", "{}", "{\"subscribe\":\"cam-a\"}", "{\"subscribe\":null}",
        "{\"subscribe\":[\"cam-a\"],\"profile\":\"small\"}", // another socket's field
        "{\"subscribe\":[\"Cam-A\"]}", "{\"subscribe\":[\"-cam\"]}", "{\"subscribe\":[\"../etc\"]}",
        "{\"subscribe\":[1]}", "{\"subscribe\":[null]}", "{\"subscribe\":[[\"cam-a\"]]}",
        "{\"subscribe\":[{\"stream\":\"sub\"}]}", "{\"subscribe\":[{\"camera\":\"cam-a\",\"stream\":\"hd\"}]}",
        "{\"subscribe\":[{\"camera\":\"cam-a\",\"stream\":1}]}", "{\"subscribe\":[{\"camera\":\"cam-a\",\"profile\":\"x\"}]}",
        "{\"subscribe\":[{\"camera\":7}]}", "{\"subscribe\":[\"cam-a\"]",
        "{\"subscribe\":[{\"camera\":\"cam-a\",\"audio\":\"yes\"}]}", "{\"subscribe\":[{\"camera\":\"cam-a\",\"audio\":1}]}",
        "{\"subscribe\":[{\"camera\":\"cam-a\",\"audio\":null}]}"
    })
    void anythingElseIsRefusedWithAMessageForTheClient(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubscribeRequest.parse(text, 16));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void aLongHostileValueIsNotEchoedWhole() {
        String id = "x".repeat(5000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubscribeRequest.parse("{\"subscribe\":[\"" + id + "\"]}", 16));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }
}
