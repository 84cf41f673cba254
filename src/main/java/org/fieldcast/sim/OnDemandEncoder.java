package org.fieldcast.sim;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The encoder of an instance nobody may ask for (the second, low-resolution one): started by the
 * first RTSP connection that asks for its path, stopped when the last such connection ends, so a test
 * or a site that never reads it pays no CPU for it. A connection counts from its first request on the
 * path to its end (TEARDOWN closes it; an idle one is dropped after the session timeout), which also
 * keeps the encoder through the DESCRIBE to PLAY steps of one viewer.
 */
final class OnDemandEncoder implements AutoCloseable {

    /** An encoder that runs from start to close ({@link PictureSource}; a fake in tests). */
    interface Encoder extends AutoCloseable {
        void start();

        @Override
        void close();
    }

    private final Supplier<? extends Encoder> make;
    private final Executor executor;
    private final Set<Object> holders = new HashSet<>();
    private Encoder running;
    private int starts;
    private boolean closed;

    /** @param executor where a stopped encoder quits: its bounded wait must not hold a viewer's connection */
    OnDemandEncoder(Supplier<? extends Encoder> make, Executor executor) {
        this.make = make;
        this.executor = executor;
    }

    /** A connection asks for the path: start the encoder if it is the first. */
    synchronized void hold(Object connection) {
        if (closed || !holders.add(connection) || running != null) {
            return;
        }
        running = make.get();
        running.start();
        starts++;
    }

    /** A connection ended: stop the encoder after the last. */
    void release(Object connection) {
        Encoder stopping;
        synchronized (this) {
            if (!holders.remove(connection) || !holders.isEmpty() || running == null) {
                return;
            }
            stopping = running;
            running = null;
        }
        try {
            executor.execute(stopping::close);
        } catch (RejectedExecutionException shuttingDown) {
            stopping.close();
        }
    }

    synchronized boolean running() {
        return running != null;
    }

    /** Times the encoder was started. */
    synchronized int starts() {
        return starts;
    }

    @Override
    public void close() {
        Encoder last;
        synchronized (this) {
            closed = true;
            holders.clear();
            last = running;
            running = null;
        }
        if (last != null) {
            last.close();
        }
    }
}
