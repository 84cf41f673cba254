package org.fieldcast.ptz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A camera for queue and lease tests: records each command with the time it arrived, and answers
 * only when the test says so ({@link #answerNext()}), or at once when {@code autoAnswer} is on.
 */
final class FakeCamera {
    record Sent(RcpCommand command, long atNanos, CompletableFuture<RcpReply> answer, long[] answeredAtNanos) {
        /** When the test answered it (taken just before the answer is given). */
        long answeredAt() {
            return answeredAtNanos[0];
        }
    }

    private final LinkedBlockingQueue<Sent> unanswered = new LinkedBlockingQueue<>();
    private final List<Sent> sent = new ArrayList<>();
    private final boolean autoAnswer;

    FakeCamera(boolean autoAnswer) {
        this.autoAnswer = autoAnswer;
    }

    CompletableFuture<RcpReply> send(RcpCommand command) {
        Sent s = new Sent(command, System.nanoTime(), new CompletableFuture<>(), new long[1]);
        synchronized (sent) {
            sent.add(s);
            sent.notifyAll();
        }
        if (autoAnswer) {
            s.answeredAtNanos[0] = System.nanoTime();
            s.answer.complete(ok());
        } else {
            unanswered.add(s);
        }
        return s.answer;
    }

    /** Waits (bounded, generously) for the next unanswered command and answers it. */
    Sent answerNext() throws InterruptedException {
        Sent s = unanswered.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no command reached the camera");
        }
        s.answeredAtNanos[0] = System.nanoTime();
        s.answer.complete(ok());
        return s;
    }

    /** Waits until at least {@code n} commands arrived; false if they did not within 10 s. */
    boolean awaitSent(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (sent) {
            while (sent.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(sent, left);
            }
            return true;
        }
    }

    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    List<String> payloads() {
        return sent().stream().map(s -> s.command().payload()).toList();
    }

    static RcpReply ok() {
        return RcpReply.parse("<rcp><result><len>0</len><str></str></result></rcp>");
    }
}
