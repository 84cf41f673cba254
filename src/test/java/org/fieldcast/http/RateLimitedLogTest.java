package org.fieldcast.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
    private final List<LogRecord> records = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private RateLimitedLog log;

    @BeforeEach
    void setUp() {
        Logger logger = Logger.getLogger("RateLimitedLogTest-" + System.nanoTime());
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        log = new RateLimitedLog(logger, now::get);
    }

    private void minutes(double m) {
        now.addAndGet((long) (m * 60e9));
    }

    @Test
    void theFirstOfAKindIsLoggedWithItsStackTraceTheRestOfTheMinuteOnlyCounted() {
        RuntimeException boom = new RuntimeException("boom");
        log.log(Level.WARNING, "unexpected", "first", boom);
        for (int i = 0; i < 1000; i++) {
            log.log(Level.WARNING, "unexpected", "again " + i, boom);
        }
        assertEquals(1, records.size());
        assertTrue(records.get(0).getMessage().startsWith("unexpected: first"));
        assertNotNull(records.get(0).getThrown());

        minutes(1.01);
        log.log(Level.WARNING, "unexpected", "later", boom);
        assertEquals(2, records.size());
        assertTrue(records.get(1).getMessage().contains("1000 more"), records.get(1).getMessage());
        assertNull(records.get(1).getThrown(), "a stack trace only with the first line of a kind");
    }

    @Test
    void kindsAreCountedApart() {
        log.log(Level.INFO, "too large", "x");
        log.log(Level.INFO, "malformed", "y");
        log.log(Level.INFO, "too large", "x");
        assertEquals(2, records.size());
    }

    @Test
    void anOccurrenceAfterAQuietMinuteIsLoggedPlainly() {
        log.log(Level.INFO, "kind", "one");
        minutes(5);
        log.log(Level.INFO, "kind", "two");
        assertEquals("kind: two", records.get(1).getMessage());
    }

    @Test
    void kindsBuiltFromInputCannotGrowTheMapWithoutBound() {
        for (int i = 0; i < RateLimitedLog.MAX_KINDS * 4; i++) {
            log.log(Level.INFO, "kind " + i, "d");
        }
        assertEquals(RateLimitedLog.MAX_KINDS + 1, records.size(), "the kinds past the cap share one entry");
        assertTrue(records.get(records.size() - 1).getMessage().startsWith(RateLimitedLog.OTHER + ":"));
    }

    @Test
    void clientTextCannotForgeLogLinesOrFloodThem() {
        log.log(Level.INFO, "kind", "a\nSEVERE: forged\r\u0000" + "x".repeat(10_000));
        String line = records.get(0).getMessage();
        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u0000"), line);
        assertTrue(line.length() < RateLimitedLog.MAX_DETAIL + 100, "length " + line.length());
    }

    @Test
    void nothingIsCountedBelowTheLoggersLevel() {
        log.log(Level.FINE, "quiet", "x");
        assertTrue(records.isEmpty());
    }
}
