package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.fieldcast.testing.SettableClock;

class LoginThrottleTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(30), clock);

    @Test
    void theFailuresBeforeTheLimitDoNotWait() {
        throttle.failed("ops", "10.0.0.1");
        throttle.failed("ops", "10.0.0.1");
        assertEquals(Optional.empty(), throttle.waitFor("ops", "10.0.0.1"));
    }

    @Test
    void theLimitMakesTheNameWaitFromAnyAddress() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ops", "10.0.0." + i);
        }
        assertEquals(Optional.of(Duration.ofSeconds(30)), throttle.waitFor("OPS", "10.9.9.9"));
        assertEquals(Optional.empty(), throttle.waitFor("other", "10.9.9.9"));
    }

    @Test
    void theLimitMakesTheAddressWaitForAnyName() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("name" + i, "10.0.0.1");
        }
        assertTrue(throttle.waitFor("fresh", "10.0.0.1").isPresent());
        assertEquals(Optional.empty(), throttle.waitFor("fresh", "10.0.0.2"));
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToFifteenMinutes() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ops", "a");
        }
        assertEquals(Optional.of(Duration.ofSeconds(60)), throttle.waitFor("ops", "b"));
        for (int i = 0; i < 20; i++) {
            throttle.failed("ops", "a");
        }
        assertEquals(Optional.of(LoginThrottle.LONGEST), throttle.waitFor("ops", "b"));
    }

    @Test
    void theWaitEndsAndASuccessForgetsTheName() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("ops", "a" + i);
        }
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Optional.empty(), throttle.waitFor("ops", "b"));
        throttle.failed("ops", "c");
        assertTrue(throttle.waitFor("ops", "d").isPresent());
        throttle.succeeded("ops");
        assertEquals(Optional.empty(), throttle.waitFor("ops", "d"));
    }

    @Test
    void failuresLongAgoAreForgotten() {
        throttle.failed("ops", "a");
        throttle.failed("ops", "a");
        clock.advance(LoginThrottle.FORGET.plusSeconds(1));
        throttle.failed("ops", "a");
        assertEquals(Optional.empty(), throttle.waitFor("ops", "a"));
    }
}
