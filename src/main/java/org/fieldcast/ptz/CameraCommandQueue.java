package org.fieldcast.ptz;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The one way commands reach a camera: one at a time, each sent at least {@code gap} after the
 * previous one was answered. Bosch advises 100 ms between PTZ commands and queues faster ones,
 * running them late one after another (RCP+ 2.3); here they wait in Fieldcast instead, where a
 * newer move can replace a queued one that has not left yet, so a drag never builds a backlog.
 * <p>
 * Measured from the previous answer, not the previous send, so that the camera sees the gap even
 * when a request needed an extra round trip (a Digest challenge). No thread of its own: sends are
 * scheduled on the timer executor, and answers arrive on the HTTP client's.
 */
final class CameraCommandQueue {
    private final String cameraId;
    private final Function<RcpCommand, CompletableFuture<RcpReply>> camera;
    private final ScheduledExecutorService timers;
    private final long gapNanos;
    private final int limit;
    private final LongSupplier nanoTime;
    private final Deque<Pending> waiting = new ArrayDeque<>(); // guarded by this
    private boolean busy; // a send is scheduled or in flight; guarded by this
    private long notBefore; // guarded by this
    private boolean closed; // guarded by this

    private record Pending(RcpCommand command, boolean move, CompletableFuture<RcpReply> result) {
    }

    /**
     * @param camera sends one command and completes with its answer
     * @param limit  commands that may wait; more are refused with {@link CameraBusyException}
     */
    CameraCommandQueue(String cameraId, Function<RcpCommand, CompletableFuture<RcpReply>> camera,
            ScheduledExecutorService timers, long gapNanos, int limit, LongSupplier nanoTime) {
        this.cameraId = cameraId;
        this.camera = camera;
        this.timers = timers;
        this.gapNanos = gapNanos;
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.notBefore = nanoTime.getAsLong();
    }

    /** Queues a command; completes when the camera answered it. */
    CompletableFuture<RcpReply> submit(RcpCommand command) {
        return enqueue(new Pending(command, false, new CompletableFuture<>()));
    }

    /**
     * Queues a continuous move or stop. If the last waiting command is also one, it is replaced:
     * only the newest speed matters, and the replaced caller learns the newest one's outcome.
     */
    CompletableFuture<RcpReply> submitMove(RcpCommand command) {
        return enqueue(new Pending(command, true, new CompletableFuture<>()));
    }

    /** Commands waiting, not counting one in flight. */
    synchronized int waiting() {
        return waiting.size();
    }

    /** Refuses what still waits; a command in flight completes on its own. */
    void close() {
        Deque<Pending> dropped;
        synchronized (this) {
            closed = true;
            dropped = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        dropped.forEach(p -> p.result.completeExceptionally(
                new CameraException("camera '" + cameraId + "' was reconfigured or removed before the command was sent")));
    }

    private CompletableFuture<RcpReply> enqueue(Pending p) {
        Pending replaced = null;
        boolean sendNow;
        synchronized (this) {
            if (closed) {
                p.result.completeExceptionally(new CameraException("camera '" + cameraId + "' is no longer controlled here"));
                return p.result;
            }
            Pending last = waiting.peekLast();
            if (p.move && last != null && last.move) {
                replaced = waiting.removeLast();
            } else if (waiting.size() >= limit) {
                p.result.completeExceptionally(new CameraBusyException("camera '" + cameraId + "' already has "
                        + limit + " commands waiting; try again in a moment"));
                return p.result;
            }
            waiting.addLast(p);
            sendNow = !busy && notBefore - nanoTime.getAsLong() <= 0;
            if (sendNow) {
                busy = true; // sent below, on this thread: no hop through the timer for an idle camera
            } else {
                scheduleLocked();
            }
        }
        if (replaced != null) {
            CompletableFuture<RcpReply> old = replaced.result;
            p.result.whenComplete((reply, failure) -> {
                if (failure != null) {
                    old.completeExceptionally(failure);
                } else {
                    old.complete(reply);
                }
            });
        }
        if (sendNow) {
            sendNext();
        }
        return p.result;
    }

    private void scheduleLocked() {
        if (busy || waiting.isEmpty()) {
            return;
        }
        busy = true;
        long delay = Math.max(0, notBefore - nanoTime.getAsLong());
        try {
            timers.schedule(this::sendNext, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            busy = false;
            waiting.forEach(w -> w.result.completeExceptionally(
                    new CameraException("Fieldcast is shutting down; the command to camera '" + cameraId + "' was not sent")));
            waiting.clear();
        }
    }

    private void sendNext() {
        Pending next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                busy = false;
                return;
            }
        }
        CompletableFuture<RcpReply> answer;
        try {
            answer = camera.apply(next.command);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((reply, failure) -> {
            synchronized (this) {
                notBefore = nanoTime.getAsLong() + gapNanos;
                busy = false;
                scheduleLocked();
            }
            if (failure != null) {
                next.result.completeExceptionally(failure);
            } else {
                next.result.complete(reply);
            }
        });
    }
}
