package org.fieldcast.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing, per user name (one account, from many addresses) and per client
 * address (many accounts, from one address): after {@code allowed} failures in a row the next
 * attempt waits {@code pause}, doubled for each further failure, at most {@link #LONGEST}. Attempts
 * during a wait are refused without checking the password, so they cost the server nothing. A
 * success clears the user name's count; an address's count fades after {@link #FORGET} without failures.
 */
final class LoginThrottle {
    static final Duration LONGEST = Duration.ofMinutes(15);
    static final Duration FORGET = Duration.ofMinutes(15);
    /** Keys kept at most (oldest dropped first), so made-up user names cannot fill the memory. */
    static final int MAX_KEYS = 10_000;

    private record Failures(int count, Instant last, Instant waitUntil) {
    }

    private final int allowed;
    private final Duration pause;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_KEYS;
        }
    };

    LoginThrottle(int allowed, Duration pause, Clock clock) {
        this.allowed = allowed;
        this.pause = pause;
        this.clock = clock;
    }

    /** How long the attempt must wait, or empty when it may go ahead. */
    synchronized Optional<Duration> waitFor(String username, String address) {
        Instant now = clock.instant();
        Instant until = later(waitUntil(user(username), now), waitUntil(from(address), now));
        return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        count(user(username), now);
        count(from(address), now);
    }

    synchronized void succeeded(String username) {
        failures.remove(user(username));
    }

    private void count(String key, Instant now) {
        Failures before = failures.get(key);
        int count = before == null || before.last().plus(FORGET).isBefore(now) ? 1 : before.count() + 1;
        Instant waitUntil = count < allowed ? null : now.plus(backoff(count - allowed));
        failures.put(key, new Failures(count, now, waitUntil));
    }

    private Duration backoff(int beyond) {
        Duration d = pause.multipliedBy(1L << Math.min(beyond, 20));
        return d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }

    private Instant waitUntil(String key, Instant now) {
        Failures f = failures.get(key);
        return f == null || f.waitUntil() == null || !f.waitUntil().isAfter(now) ? null : f.waitUntil();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static String user(String username) {
        return "user:" + username.toLowerCase(java.util.Locale.ROOT);
    }

    private static String from(String address) {
        return "address:" + address;
    }
}
