package org.fieldcast.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A log for what clients can cause at will (bad input, probing, a failing check polled every few
 * seconds): the first occurrence of each kind is logged, then at most one line a minute per kind,
 * saying how many more there were. Without it a hostile client writes the log, and an operator's
 * disk, at the rate it sends requests.
 *
 * <p>Kinds are our own fixed words, never client text, so clients cannot grow the map; it is capped
 * all the same. Counts are reported with the next occurrence after the minute: no timer of its own.
 */
public final class RateLimitedLog {
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** More kinds than the code names means a kind was built from input: they share one entry. */
    static final int MAX_KINDS = 256;
    static final String OTHER = "other";
    /** Client text quoted in a log line: enough to recognise it, not enough to flood a line. */
    static final int MAX_DETAIL = 200;

    private final Logger logger;
    private final LongSupplier nanoClock;
    private final Map<String, Tally> kinds = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger logger) {
        this(logger, System::nanoTime);
    }

    RateLimitedLog(Logger logger, LongSupplier nanoClock) {
        this.logger = logger;
        this.nanoClock = nanoClock;
    }

    public void log(Level level, String kind, String detail) {
        log(level, kind, detail, null);
    }

    /**
     * @param kind   what happened, a constant of the caller's (e.g. "rejected request body")
     * @param detail this occurrence (cleaned of control characters and shortened)
     * @param thrown logged with the first line of its kind only: a stack trace a minute tells nothing new
     */
    public void log(Level level, String kind, String detail, Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        String key = kinds.size() >= MAX_KINDS && !kinds.containsKey(kind) ? OTHER : kind;
        long suppressed = kinds.computeIfAbsent(key, k -> new Tally()).occurred(nanoClock.getAsLong());
        if (suppressed == Tally.SILENT) {
            return;
        }
        String line = key + ": " + clean(detail);
        if (suppressed == Tally.FIRST) {
            logger.log(level, line + " (further ones are counted, one line a minute)", thrown);
        } else if (suppressed == 0) {
            logger.log(level, line);
        } else {
            logger.log(level, line + " (and " + suppressed + " more since the last line)");
        }
    }

    /** Client text made safe for one log line: no line breaks or control characters, bounded length. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_DETAIL + 1));
        for (int i = 0; i < text.length() && b.length() < MAX_DETAIL; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return text.length() > MAX_DETAIL ? b.append('…').toString() : b.toString();
    }

    /** One kind's occurrences since its last line. */
    private static final class Tally {
        static final long FIRST = -1;
        static final long SILENT = -2;
        private long lastLine;
        private long since;
        private boolean seen;

        /** FIRST, SILENT, or how many were kept quiet before this one, which is to be logged. */
        synchronized long occurred(long now) {
            if (!seen) {
                seen = true;
                lastLine = now;
                return FIRST;
            }
            if (now - lastLine < WINDOW.toNanos()) {
                since++;
                return SILENT;
            }
            long quiet = since;
            since = 0;
            lastLine = now;
            return quiet;
        }
    }
}
