package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.fieldcast.testing.SettableClock;

class TokenCacheTest {
    private static final Duration TTL = Duration.ofSeconds(5);

    private final SettableClock clock = new SettableClock(Instant.parse("2025-01-01T00:00:00Z"));
    /** The database: secret hash -> valid token. */
    private final Map<String, Caller> valid = new HashMap<>();
    private final List<String> lookups = new ArrayList<>();
    private final List<String> uses = new ArrayList<>();
    private final TokenCache cache = new TokenCache(clock, TTL, 100, hash -> {
        lookups.add(hash);
        return Optional.ofNullable(valid.get(hash));
    }, (id, at) -> uses.add(id + "@" + at));

    private static Caller token(String id) {
        return new Caller("robot", Caller.Kind.TOKEN, Role.OPERATOR, Set.of(), Set.of(), id);
    }

    @Test
    void aValidTokenIsAskedForOncePerTtl() {
        valid.put("h1", token("t1"));

        assertTrue(cache.verify("h1").isPresent());
        assertTrue(cache.verify("h1").isPresent());
        clock.advance(TTL.minusMillis(1));
        assertTrue(cache.verify("h1").isPresent());
        assertEquals(1, lookups.size());

        clock.advance(Duration.ofMillis(1));
        assertTrue(cache.verify("h1").isPresent());
        assertEquals(2, lookups.size());
    }

    @Test
    void aRevocationElsewhereBitesWithinTheTtl() {
        valid.put("h1", token("t1"));
        assertTrue(cache.verify("h1").isPresent());

        valid.remove("h1"); // revoked by another server: this one still believes its cache
        clock.advance(Duration.ofSeconds(4));
        assertTrue(cache.verify("h1").isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertFalse(cache.verify("h1").isPresent());
        assertFalse(cache.verify("h1").isPresent(), "and stays refused");
    }

    @Test
    void aRevocationHereBitesAtOnce() {
        valid.put("h1", token("t1"));
        assertTrue(cache.verify("h1").isPresent());

        valid.remove("h1");
        cache.forget("t1");
        assertFalse(cache.verify("h1").isPresent());
    }

    @Test
    void unknownSecretsTakeNoMemory() {
        for (int i = 0; i < 1000; i++) {
            assertFalse(cache.verify("guess-" + i).isPresent());
        }
        assertEquals(0, cache.size());
        assertEquals(1000, lookups.size(), "each costs a lookup instead");
    }

    @Test
    void theCacheDoesNotGrowBeyondItsBound() {
        for (int i = 0; i < 250; i++) {
            valid.put("h" + i, token("t" + i));
            assertTrue(cache.verify("h" + i).isPresent());
        }
        assertTrue(cache.size() <= 100, "size " + cache.size());
    }

    @Test
    void useIsRecordedAtMostOnceAMinute() {
        valid.put("h1", token("t1"));
        Instant start = clock.instant();

        cache.verify("h1");
        clock.advance(Duration.ofSeconds(30));
        cache.verify("h1");
        clock.advance(Duration.ofSeconds(29));
        cache.verify("h1");
        clock.advance(Duration.ofSeconds(1));
        cache.verify("h1");

        assertEquals(List.of("t1@" + start, "t1@" + start.plusSeconds(60)), uses);
    }

    @Test
    void aDatabaseOutageKeepsWhatWasKnown() {
        valid.put("h1", token("t1"));
        TokenCache failing = new TokenCache(clock, TTL, 100, new java.util.function.Function<>() {
            private boolean up = true;

            @Override
            public Optional<Caller> apply(String hash) {
                if (!up) {
                    throw new IllegalStateException("database away");
                }
                up = false;
                return Optional.ofNullable(valid.get(hash));
            }
        }, (id, at) -> { });
        assertTrue(failing.verify("h1").isPresent());
        clock.advance(TTL);
        assertTrue(failing.verify("h1").isPresent(), "the token known before the outage");
        assertFalse(failing.verify("h2").isPresent(), "one never seen is refused");
    }
}
