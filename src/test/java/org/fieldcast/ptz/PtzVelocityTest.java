package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PtzVelocityTest {

    @Test
    void fullDeflectionIsTheTopStep() {
        assertEquals(new PtzVelocity(15, -15, 7), PtzVelocity.fromUnit(1, -1, 1));
        assertEquals(new PtzVelocity(-15, 15, -7), PtzVelocity.fromUnit(-1, 1, -1));
    }

    @Test
    void anyDeflectionMovesAtLeastOneStep() {
        assertEquals(new PtzVelocity(1, -1, 1), PtzVelocity.fromUnit(0.001, -0.001, 0.001));
        assertEquals(new PtzVelocity(8, 0, 4), PtzVelocity.fromUnit(0.5, 0, 0.5));
        assertEquals(PtzVelocity.STOP, PtzVelocity.fromUnit(0, -0.0, 0));
    }

    @Test
    void speedsOutsideMinusOneToOneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PtzVelocity.fromUnit(1.5, 0, 0));
        assertTrue(e.getMessage().contains("pan"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PtzVelocity.fromUnit(0, -1.01, 0));
        assertThrows(IllegalArgumentException.class, () -> PtzVelocity.fromUnit(0, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new PtzVelocity(0, 0, 8));
    }
}
