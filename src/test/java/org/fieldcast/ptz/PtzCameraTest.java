package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.fieldcast.station.CameraConfig;

/** Move leases: renewal, lapse, release by the owner; no timing bounds asserted, only what is sent. */
class PtzCameraTest {
    private static final String STOP = TestDome.STOP;
    private static final String RIGHT = TestDome.RIGHT;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final FakeCamera camera = new FakeCamera(true);
    private final AtomicLong now = new AtomicLong();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private PtzCamera dome(Duration lease) {
        return TestDome.of(camera, timers, lease, now::get);
    }

    @Test
    void renewingWithTheSameSpeedSendsNothingMore() throws Exception {
        PtzCamera dome = dome(Duration.ofSeconds(30));

        MoveAccepted first = dome.move(PtzVelocity.fromUnit(1, 0, 0), null).get(10, TimeUnit.SECONDS);
        dome.move(PtzVelocity.fromUnit(1, 0, 0), null).get(10, TimeUnit.SECONDS);
        dome.move(PtzVelocity.fromUnit(1, 0, 0), null).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(RIGHT), camera.payloads());
        assertEquals(new MoveAccepted(15, 0, 0, 30_000), first);
        assertTrue(dome.moving());
    }

    @Test
    void onlyANewSpeedCountsAsAStart() throws Exception {
        PtzCamera dome = dome(Duration.ofSeconds(30));
        AtomicLong starts = new AtomicLong();

        dome.move(PtzVelocity.fromUnit(1, 0, 0), null, starts::incrementAndGet).get(10, TimeUnit.SECONDS);
        dome.move(PtzVelocity.fromUnit(1, 0, 0), null, starts::incrementAndGet).get(10, TimeUnit.SECONDS);
        assertEquals(1, starts.get(), "a renewal is no start");

        dome.move(PtzVelocity.fromUnit(0.5, 0, 0), null, starts::incrementAndGet).get(10, TimeUnit.SECONDS);
        assertEquals(2, starts.get(), "a new speed is");
    }

    @Test
    void aLapsedLeaseStopsTheCamera() throws Exception {
        PtzCamera dome = dome(Duration.ofMillis(200));

        dome.move(PtzVelocity.fromUnit(1, 0, 0), null).get(10, TimeUnit.SECONDS);

        assertTrue(camera.awaitSent(2), "a stop follows without renewal");
        assertEquals(List.of(RIGHT, STOP), camera.payloads());
        assertFalse(dome.moving());
    }

    @Test
    void theOwnersDepartureStopsOnlyItsOwnMove() throws Exception {
        PtzCamera dome = dome(Duration.ofSeconds(30));

        dome.move(PtzVelocity.fromUnit(1, 0, 0), "socket-a").get(10, TimeUnit.SECONDS);
        dome.release("socket-b");
        assertEquals(List.of(RIGHT), camera.payloads());
        dome.release("socket-a");

        assertTrue(camera.awaitSent(2));
        assertEquals(List.of(RIGHT, STOP), camera.payloads());
    }

    @Test
    void aStopIsAlwaysSent() throws Exception {
        PtzCamera dome = dome(Duration.ofSeconds(30));

        dome.stop().get(10, TimeUnit.SECONDS);
        dome.move(PtzVelocity.STOP, null).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(STOP, STOP), camera.payloads());
    }

    @Test
    void aMoveLongerThanTheLimitIsStopped() throws Exception {
        PtzCamera dome = dome(Duration.ofSeconds(30));
        dome.move(PtzVelocity.fromUnit(0, 1, 0), "s").get(10, TimeUnit.SECONDS);
        now.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThrows(MoveLimitException.class, () -> dome.move(PtzVelocity.fromUnit(0, 1, 0), "s"));
        assertTrue(camera.awaitSent(2));
        assertEquals(STOP, camera.payloads().get(1));
    }

    @Test
    void aRefusedMoveHoldsNoLease() throws Exception {
        PtzSettings settings = TestDome.settings(Duration.ofMillis(200));
        CameraConfig config = TestDome.config();
        List<RcpCommand> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        PtzCamera dome = new PtzCamera(config, new CameraCommandQueue("dome", c -> {
            sent.add(c);
            return java.util.concurrent.CompletableFuture.failedFuture(new CameraCommandException("refused"));
        }, timers, 0, 16, System::nanoTime), timers, settings, now::get);

        assertThrows(java.util.concurrent.ExecutionException.class,
                () -> dome.move(PtzVelocity.fromUnit(1, 0, 0), null).get(10, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (dome.moving() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertFalse(dome.moving(), "nothing to stop: the camera never took the move");
        assertEquals(1, sent.size());
    }

    @Test
    void alarmNumbersOutsideTheRangeSendNothing() {
        PtzCamera dome = dome(Duration.ofSeconds(1));

        assertThrows(IllegalArgumentException.class, () -> dome.setAlarm(0, true));
        assertThrows(IllegalArgumentException.class, () -> dome.alarm(PtzCamera.MAX_ALARMS + 1));
        assertThrows(IllegalArgumentException.class, () -> dome.pulseAlarm(1, Duration.ofMillis(10)));
        assertTrue(camera.sent().isEmpty());
    }
}
