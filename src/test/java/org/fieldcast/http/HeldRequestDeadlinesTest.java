package org.fieldcast.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class HeldRequestDeadlinesTest {
    private final HeldRequestDeadlines deadlines = new HeldRequestDeadlines();

    @Test
    void aRequestWhoseWaitIsOverTimesOut() throws Exception {
        CompletableFuture<String> held = new CompletableFuture<>();
        deadlines.add(held, Duration.ZERO);
        Thread.sleep(1);
        deadlines.expire();
        ExecutionException e = assertThrows(ExecutionException.class, held::get);
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(0, deadlines.size());
    }

    @Test
    void aRequestStillWithinItsWaitIsLeftAlone() {
        CompletableFuture<String> held = new CompletableFuture<>();
        deadlines.add(held, Duration.ofMinutes(1));
        deadlines.expire();
        assertFalse(held.isDone());
        assertEquals(1, deadlines.size());
    }

    @Test
    void aRequestAnsweredInTimeKeepsItsAnswer() throws Exception {
        CompletableFuture<String> held = new CompletableFuture<>();
        deadlines.add(held, Duration.ZERO);
        held.complete("playlist");
        Thread.sleep(1);
        deadlines.expire();
        assertEquals("playlist", held.get());
    }

    @Test
    void theSweepTimesOutWithoutBeingCalledAndStops() throws Exception {
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            HeldRequestDeadlines swept = HeldRequestDeadlines.sweptOn(scheduler);
            CompletableFuture<String> held = new CompletableFuture<>();
            swept.add(held, Duration.ofMillis(50));
            ExecutionException e = assertThrows(ExecutionException.class, () -> held.get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
            swept.stop();
            CompletableFuture<String> after = new CompletableFuture<>();
            swept.add(after, Duration.ZERO);
            Thread.sleep(3 * HeldRequestDeadlines.SWEEP.toMillis());
            assertFalse(after.isDone(), "no sweep after stop()");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void onlyTheExpiredOnesOfManyTimeOut() throws Exception {
        CompletableFuture<String> late = new CompletableFuture<>();
        CompletableFuture<String> early = new CompletableFuture<>();
        deadlines.add(late, Duration.ofMinutes(1));
        deadlines.add(early, Duration.ZERO);
        Thread.sleep(1);
        deadlines.expire();
        assertTrue(early.isCompletedExceptionally());
        assertFalse(late.isDone());
    }
}
