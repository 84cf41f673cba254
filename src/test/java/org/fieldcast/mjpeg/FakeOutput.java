package org.fieldcast.mjpeg;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/** A servlet output stream whose readiness the test sets, as a client that reads or stops reading. */
final class FakeOutput extends ServletOutputStream {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    boolean ready = true;
    boolean broken;
    int flushes;
    private WriteListener listener;

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
        listener = writeListener;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!ready) {
            throw new IllegalStateException("write while not ready");
        }
        if (broken) {
            throw new IOException("Broken pipe");
        }
        written.write(b, off, len);
    }

    @Override
    public void flush() {
        flushes++;
    }

    /** The client read what was queued: the container calls the listener back. */
    void becomeReady() throws IOException {
        ready = true;
        listener.onWritePossible();
    }

    String text() {
        return written.toString(StandardCharsets.ISO_8859_1);
    }

    /** An async context that only counts completion. */
    static AsyncContext async() {
        return (AsyncContext) Proxy.newProxyInstance(FakeOutput.class.getClassLoader(), new Class<?>[] {AsyncContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake async context";
                    default -> null;
                });
    }
}
