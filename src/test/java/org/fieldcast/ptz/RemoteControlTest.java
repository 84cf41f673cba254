package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A camera steered from another node: each call crosses as bytes (an in-memory stand-in for the cluster)
 * to the node whose queue holds the camera, and behaves there as a local call would.
 */
class RemoteControlTest {
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

    /** Node {@code name}'s view of a dome whose queue runs on node "owner". */
    private RemoteControl from(String name, PtzCamera dome) {
        return new RemoteControl("dome", "owner", new Node(name, call -> ControlService.answer(call, id -> dome)), Runnable::run);
    }

    @Test
    void aRemoteMoveReachesTheQueueOnceAndRenewalsSendNothing() throws Exception {
        PtzCamera dome = dome(Duration.ofSeconds(30));
        RemoteControl control = from("b", dome);
        AtomicInteger starts = new AtomicInteger();

        MoveAccepted first = control.move(PtzVelocity.fromUnit(1, 0, 0), "s1", starts::incrementAndGet).get(10, TimeUnit.SECONDS);
        control.move(PtzVelocity.fromUnit(1, 0, 0), "s1", starts::incrementAndGet).get(10, TimeUnit.SECONDS);

        assertEquals(new MoveAccepted(15, 0, 0, 30_000), first);
        assertEquals(List.of(RIGHT), camera.payloads());
        assertEquals(1, starts.get(), "the start is told on the operator's node, a renewal is not a start");
        assertTrue(dome.moving());
    }

    @Test
    void whenTheOperatorsNodeGoesSilentTheLeaseLapsesAndTheCameraStops() throws Exception {
        PtzCamera dome = dome(Duration.ofMillis(200));

        from("b", dome).move(PtzVelocity.fromUnit(1, 0, 0), "s1").get(10, TimeUnit.SECONDS);

        assertTrue(camera.awaitSent(2), "the queue's node stops the camera by itself");
        assertEquals(List.of(RIGHT, STOP), camera.payloads());
    }

    @Test
    void aSocketClosingOnOneNodeDoesNotStopAMoveHeldFromAnother() throws Exception {
        PtzCamera dome = dome(Duration.ofSeconds(30));
        from("b", dome).move(PtzVelocity.fromUnit(1, 0, 0), "7").get(10, TimeUnit.SECONDS);

        from("c", dome).release("7"); // the same socket id, on another node
        Thread.sleep(100);
        assertEquals(List.of(RIGHT), camera.payloads());

        from("b", dome).release("7");
        assertTrue(camera.awaitSent(2));
        assertEquals(STOP, camera.payloads().get(1));
    }

    @Test
    void failuresKeepTheirStatusAcrossNodes() {
        PtzCamera dome = dome(Duration.ofSeconds(30));
        RemoteControl control = from("b", dome);

        assertEquals(400, status(control.alarm(PtzCamera.MAX_ALARMS + 1)));
        now.set(0);
        control.move(PtzVelocity.fromUnit(0, 1, 0), "s").join();
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(409, status(control.move(PtzVelocity.fromUnit(0, 1, 0), "s")), "the move limit");
        assertEquals(503, status(new RemoteControl("dome", "owner", new Node("b", call -> {
            throw new IllegalStateException("this node is gone");
        }), Runnable::run).stop()), "a node that does not answer");
        assertEquals(503, status(new RemoteControl("dome", "owner", new Node("b", call -> ControlService.answer(call, id -> {
            throw new RemoteControlException(503, "steered elsewhere now");
        })), Runnable::run).stop()));
    }

    @Test
    void readsAndAlarmsComeBackAsTheyWere() throws Exception {
        PtzCamera dome = dome(Duration.ofSeconds(30));
        RemoteControl control = from("b", dome);

        assertEquals(new AlarmState(2, true), control.setAlarm(2, true).get(10, TimeUnit.SECONDS));
        assertEquals(502, status(control.alarm(3)), "the fake camera's answer has no flag: the camera's failure travels back");
        control.stop().get(10, TimeUnit.SECONDS);
        assertEquals(STOP, camera.payloads().get(camera.payloads().size() - 1));
        assertFalse(dome.moving());
    }

    @Test
    void aCallIsSmallJsonThatNamesItsOwnersNode() {
        assertEquals("{\"camera\":\"dome\",\"op\":\"move\",\"pan\":15,\"tilt\":-3,\"zoom\":0,\"owner\":\"b/7\"}",
                new String(ControlMessages.move("dome", new PtzVelocity(15, -3, 0), "b/7"), StandardCharsets.UTF_8));
        assertEquals("{\"status\":409,\"error\":\"no\"}",
                new String(ControlMessages.failure(new MoveLimitException("no")), StandardCharsets.UTF_8));
        assertEquals(400, status(ControlService.answer("[]".getBytes(StandardCharsets.UTF_8), id -> null)
                .thenCompose(ControlMessages::answer)));
    }

    private static int status(CompletableFuture<?> call) {
        try {
            call.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(RemoteControlException.class, e.getCause()).status();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }

    /** A node as the control sees the cluster: its name, and one other node answering its calls. */
    private record Node(String name, Function<byte[], CompletableFuture<byte[]>> other) implements ControlPlacement {
        @Override
        public Placement place(String cameraId, Runnable lostHere) {
            return new Placement("owner", false);
        }

        @Override
        public boolean holds(String cameraId) {
            return false;
        }

        @Override
        public String localNode() {
            return name;
        }

        @Override
        public CompletableFuture<byte[]> call(String node, byte[] request) {
            try {
                return other.apply(request.clone());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void serve(Function<byte[], CompletableFuture<byte[]>> handler) {
        }
    }
}
