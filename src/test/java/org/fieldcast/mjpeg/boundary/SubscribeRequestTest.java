package org.fieldcast.mjpeg.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubscribeRequestTest {

    @Test
    void readsCamerasAndProfile() {
        assertEquals(new SubscribeRequest(List.of("cam-a", "cam-b"), List.of(), "small"),
                SubscribeRequest.parse("{\"subscribe\":[\"cam-a\",\"cam-b\",\"cam-a\"],\"profile\":\"small\"}", 16));
        assertEquals(new SubscribeRequest(List.of(), List.of(), null), SubscribeRequest.parse("{\"subscribe\":[]}", 16));
    }

    @Test
    void rejectsWhatIsNotASubscription() {
        for (String bad : new String[] {"", "hello", "[]", "{}", "{\"subscribe\":\"cam-a\"}", "{\"subscribe\":[1]}",
                "{\"subscribe\":[\"../etc\"]}", "{\"subscribe\":[\"cam-a\"],\"profile\":5}"}) {
            assertThrows(IllegalArgumentException.class, () -> SubscribeRequest.parse(bad, 16), bad);
        }
    }

    @Test
    void takesTheFirstCamerasUpToTheSocketsLimitAndNamesTheOthers() {
        SubscribeRequest r = SubscribeRequest.parse("{\"subscribe\":[\"a\",\"b\",\"b\",\"c\",\"d\"]}", 2);
        assertEquals(List.of("a", "b"), r.cameras());
        assertEquals(List.of("c", "d"), r.refused());
    }
}
