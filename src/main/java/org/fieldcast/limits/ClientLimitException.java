package org.fieldcast.limits;

import java.time.Duration;

/**
 * A client already holds all it may of something. Servlets answer 429 with {@code Retry-After};
 * WebSocket endpoints close with 1013 (try again later) or send a notice.
 */
public final class ClientLimitException extends RuntimeException {
    private final transient Duration retryAfter;

    ClientLimitException(String message, Duration retryAfter) {
        // No stack trace: a refusal is an expected answer, and a hostile client may cause many.
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** When trying again may succeed: the usual lifetime of what the client holds. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for a {@code Retry-After} header, at least 1. */
    public String retryAfterHeader() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}
