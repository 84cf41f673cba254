package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CameraCommandQueueTest {
    private static final long GAP = TimeUnit.MILLISECONDS.toNanos(100);

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private static RcpCommand move(int pan) {
        return RcpCommand.bicom(1, Bicom.move(new PtzVelocity(pan, 0, 0)));
    }

    @Test
    void oneCommandAtATimeAndNotBeforeTheGap() throws Exception {
        FakeCamera camera = new FakeCamera(false);
        CameraCommandQueue queue = new CameraCommandQueue("cam", camera::send, timers, GAP, 16, System::nanoTime);

        queue.submit(RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 1, true));
        queue.submit(RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 2, true));
        FakeCamera.Sent first = camera.answerNext();
        FakeCamera.Sent second = camera.answerNext();
        long answered = first.answeredAt();

        assertEquals("1", first.command().payload());
        assertEquals(2, second.command().num());
        assertTrue(second.atNanos() - answered >= GAP, "the second left " + (second.atNanos() - answered) / 1e6
                + " ms after the first was answered");
    }

    @Test
    void aNewerMoveReplacesAQueuedOne() throws Exception {
        FakeCamera camera = new FakeCamera(false);
        CameraCommandQueue queue = new CameraCommandQueue("cam", camera::send, timers, GAP, 16, System::nanoTime);

        CompletableFuture<RcpReply> inFlight = queue.submitMove(move(1));
        assertTrue(camera.awaitSent(1));
        CompletableFuture<RcpReply> replaced = queue.submitMove(move(2));
        CompletableFuture<RcpReply> newest = queue.submitMove(move(3));
        assertEquals(1, queue.waiting());
        camera.answerNext();
        camera.answerNext();
        newest.get(10, TimeUnit.SECONDS);

        assertEquals(List.of("0x800006011085810000", "0x800006011085830000"), camera.payloads());
        assertTrue(inFlight.isDone() && replaced.isDone() && !replaced.isCompletedExceptionally(),
                "the replaced caller learns the newest move's outcome");
    }

    @Test
    void movesAreNotReorderedAroundOtherCommands() throws Exception {
        FakeCamera camera = new FakeCamera(true);
        CameraCommandQueue queue = new CameraCommandQueue("cam", camera::send, timers, 0, 16, System::nanoTime);

        queue.submitMove(move(1));
        queue.submit(RcpCommand.bicom(1, Bicom.recallPreset(2)));
        queue.submitMove(move(4)).get(10, TimeUnit.SECONDS);

        assertEquals(List.of("0x800006011085810000", "0x800006201081", "0x800006011085840000"), camera.payloads());
    }

    @Test
    void aFullQueueRefusesMore() throws Exception {
        FakeCamera camera = new FakeCamera(false);
        CameraCommandQueue queue = new CameraCommandQueue("cam", camera::send, timers, GAP, 2, System::nanoTime);

        queue.submit(RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 1, true));
        assertTrue(camera.awaitSent(1));
        queue.submit(RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 2, true));
        queue.submit(RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 3, true));
        CompletableFuture<RcpReply> refused = queue.submit(RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 4, true));

        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(CameraBusyException.class, e.getCause());
        assertEquals(1, camera.sent().size());
    }

    @Test
    void aFailedCommandDoesNotBlockTheNext() throws Exception {
        FakeCamera camera = new FakeCamera(false);
        CameraCommandQueue queue = new CameraCommandQueue("cam", c -> {
            if ("1".equals(c.payload())) {
                return CompletableFuture.failedFuture(new CameraCommandException("refused"));
            }
            return camera.send(c);
        }, timers, 0, 16, System::nanoTime);

        CompletableFuture<RcpReply> failed = queue.submit(RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 1, true));
        CompletableFuture<RcpReply> next = queue.submit(RcpCommand.flag(RcpCommand.VIRTUAL_ALARM_STATE, 1, false));
        camera.answerNext();

        assertFalse(next.get(10, TimeUnit.SECONDS).failed());
        assertTrue(failed.isCompletedExceptionally());
    }
}
