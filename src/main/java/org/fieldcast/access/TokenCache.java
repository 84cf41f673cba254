package org.fieldcast.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The API tokens recently found valid, by the SHA-256 of their secret, so that a busy client does not
 * cost a database query per request; each is looked up again after {@link #ttl}, which bounds how
 * long a revocation made elsewhere takes to bite. Only valid tokens are kept: an unknown secret costs
 * a query, never memory. Also says when a token's use is worth recording: at most once per
 * {@link #USE_INTERVAL} per token.
 */
final class TokenCache {
    static final Duration USE_INTERVAL = Duration.ofMinutes(1);

    private record Entry(Caller caller, Instant read) {
    }

    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Function<String, Optional<Caller>> lookup;
    private final BiConsumer<String, Instant> used;
    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> useRecorded = new ConcurrentHashMap<>();

    /**
     * @param lookup the caller of the valid (not revoked) token with this secret hash, or empty
     * @param used   told a token's id and the time when its use should be recorded; must not block
     */
    TokenCache(Clock clock, Duration ttl, int maxEntries, Function<String, Optional<Caller>> lookup,
               BiConsumer<String, Instant> used) {
        this.clock = clock;
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.lookup = lookup;
        this.used = used;
    }

    Optional<Caller> verify(String secretHash) {
        Instant now = clock.instant();
        Entry cached = byHash.get(secretHash);
        Caller caller;
        if (cached != null && now.isBefore(cached.read().plus(ttl))) {
            caller = cached.caller();
        } else {
            Optional<Caller> found;
            try {
                found = lookup.apply(secretHash);
            } catch (RuntimeException databaseAway) {
                // As for accounts: an outage must not lock every client out; keep what was known.
                found = cached == null ? Optional.empty() : Optional.of(cached.caller());
            }
            if (found.isEmpty()) {
                byHash.remove(secretHash);
                return Optional.empty();
            }
            caller = found.get();
            if (byHash.size() >= maxEntries) {
                byHash.clear(); // more valid tokens in use than expected: start over rather than grow
            }
            byHash.put(secretHash, new Entry(caller, now));
        }
        noteUse(caller.credentialId(), now);
        return Optional.of(caller);
    }

    /** A token revoked here stops at once (elsewhere within {@link #ttl}). */
    void forget(String tokenId) {
        byHash.values().removeIf(e -> tokenId.equals(e.caller().credentialId()));
        useRecorded.remove(tokenId);
    }

    int size() {
        return byHash.size();
    }

    private void noteUse(String tokenId, Instant now) {
        boolean[] due = {false};
        useRecorded.compute(tokenId, (id, last) -> {
            if (last == null || !now.isBefore(last.plus(USE_INTERVAL))) {
                due[0] = true;
                return now;
            }
            return last;
        });
        if (due[0]) {
            used.accept(tokenId, now);
        }
    }
}
