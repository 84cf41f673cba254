package org.fieldcast.ptz.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.fieldcast.ptz.PtzVelocity;
import org.junit.jupiter.api.Test;

class PtzSocketTest {

    @Test
    void theWebSocketMessageReadsTheSameSpeeds() {
        assertEquals(new PtzVelocity(8, -15, 0), PtzSocket.velocity("{\"pan\":0.5,\"tilt\":-1}"));
        assertEquals(PtzVelocity.STOP, PtzSocket.velocity("{\"stop\":true,\"pan\":1}"));
        assertThrows(IllegalArgumentException.class, () -> PtzSocket.velocity("{\"pan\":\"fast\"}"));
        assertThrows(IllegalArgumentException.class, () -> PtzSocket.velocity("not json"));
        assertThrows(IllegalArgumentException.class, () -> PtzSocket.velocity("{\"zoom\":2}"));
    }
}
