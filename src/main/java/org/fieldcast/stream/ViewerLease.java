package org.fieldcast.stream;

/** Keeps a camera's pull running while a connected viewer holds it; closing it twice is harmless. */
public final class ViewerLease implements AutoCloseable {
    private final CameraStream stream;
    private boolean closed;

    ViewerLease(CameraStream stream) {
        this.stream = stream;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stream.release();
        }
    }
}
