package org.fieldcast.mjpeg;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * One {@code stream.mjpg} response: a frame hub's viewer that writes with non-blocking I/O, so no
 * thread waits for a slow client. While the connection cannot take more, only the newest frame is
 * kept ({@code pending}); older ones are skipped. So a client that stops reading costs one frame
 * here plus what the socket holds, and never delays the hub or the other viewers.
 */
public final class MjpegViewer implements FrameSink, WriteListener, AsyncListener {
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Consumer<FrameSink> onClose;
    private boolean preambleSent;
    private boolean flushNeeded;
    private JpegFrame pending;
    private JpegFrame newest;
    private boolean closed;
    private long framesWritten;

    /**
     * @param onClose releases what the viewer held (its hub subscription, its lease); runs once
     */
    public MjpegViewer(AsyncContext async, ServletOutputStream out, Consumer<FrameSink> onClose) {
        this.async = async;
        this.out = out;
        this.onClose = onClose;
    }

    @Override
    public synchronized void offer(JpegFrame frame) {
        if (closed || !frame.newerThan(newest)) {
            return; // a late offer of a frame this viewer already has (or skipped)
        }
        newest = frame;
        pending = frame; // replaces a frame still waiting: the latest wins
        drain();
    }

    @Override
    public synchronized void onWritePossible() {
        drain();
    }

    /** Writes while the connection takes it; stops when it would block (the container calls back). */
    private void drain() {
        try {
            while (!closed && out.isReady()) {
                if (!preambleSent) {
                    out.write(JpegFrame.multipartPreamble());
                    preambleSent = true;
                    flushNeeded = true;
                } else if (pending != null) {
                    byte[] part = pending.multipartPart();
                    pending = null;
                    out.write(part);
                    framesWritten++;
                    flushNeeded = true;
                } else if (flushNeeded) {
                    flushNeeded = false;
                    out.flush(); // what is still in the response buffer goes out now, not with the next frame
                } else {
                    return;
                }
            }
        } catch (IOException | IllegalStateException e) {
            close(); // the client went away
        }
    }

    synchronized long framesWritten() {
        return framesWritten;
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending = null;
        }
        onClose.accept(this);
        try {
            async.complete();
        } catch (IllegalStateException alreadyComplete) {
            // the container completed it (client gone, shutdown)
        }
    }
}
