package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RestartLadderTest {

    @Test
    void stepsRepeatAsWrittenAndTheLastOneStays() {
        RestartLadder ladder = RestartLadder.parse("PT1S*5,PT5S*5,PT10S", 0);
        Random r = new Random(1);
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ofSeconds(1), ladder.pause(i, r));
        }
        for (int i = 5; i < 10; i++) {
            assertEquals(Duration.ofSeconds(5), ladder.pause(i, r));
        }
        assertEquals(Duration.ofSeconds(10), ladder.pause(10, r));
        assertEquals(Duration.ofSeconds(10), ladder.pause(1000, r));
    }

    @Test
    void jitterSpreadsPausesWithinItsBounds() {
        RestartLadder ladder = RestartLadder.parse("PT10S", 0.2);
        Random r = new Random(7);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long ms = ladder.pause(0, r).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertTrue(min >= 8000 && max <= 12000, min + ".." + max);
        assertTrue(max - min > 3000, "cameras behind one gateway do not retry in step: " + min + ".." + max);
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> RestartLadder.parse("PT1S*0", 0));
        assertThrows(IllegalArgumentException.class, () -> RestartLadder.parse("PT1S", 1.5));
        assertThrows(RuntimeException.class, () -> RestartLadder.parse("soon", 0));
    }
}
