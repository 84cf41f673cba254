package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartLadderConverterTest {
    private final RestartLadderConverter converter = new RestartLadderConverter();

    @Test
    void readsTheStepsWithoutJitter() {
        RestartLadder ladder = converter.convert("PT1S*2,PT10S");

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10)), ladder.steps());
        assertEquals(0, ladder.jitter());
        assertEquals(0.2, ladder.withJitter(0.2).jitter());
    }

    @Test
    void aBadValueSaysWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> converter.convert("1s*5"));

        assertTrue(e.getMessage().contains("PT1S*5,PT5S*5,PT10S") && e.getMessage().contains("'1s*5'"), e.getMessage());
    }

    @Test
    void anEmptyValueIsAMissingOne() {
        assertNull(converter.convert(" "));
    }
}
