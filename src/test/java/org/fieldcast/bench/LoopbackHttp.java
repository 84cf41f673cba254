package org.fieldcast.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * A lean HTTP/1.1 client for load generation: one selector thread drives many keep-alive connections,
 * each with one request in flight (a player's loop of playlist, then part). Plain HTTP only, GET only,
 * no redirects, no HTTP/2.
 * <p>
 * Written by hand because the load generator shares the server's two cores: with the JDK's HttpClient
 * 500 viewers took most of the machine (the server JVM had 0.4 of a core and waited for the rest), so
 * the benchmark measured its own client. This one does a request with a few small allocations and no
 * thread hand-offs; responses complete on the selector thread, where callers chain their next request.
 */
final class LoopbackHttp implements AutoCloseable {
    /** A whole response; {@code body} is null when the caller asked only for its length. */
    record Response(int status, byte[] body, long length, long arrivedNanos) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final long TIMEOUT_NANOS = 10_000_000_000L;
    private final Selector selector;
    private final Thread loop;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Connection> connections = new ArrayList<>();
    private final ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);
    private volatile boolean closed;

    LoopbackHttp(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loop = new Thread(this::run, name);
        loop.setDaemon(true);
        loop.start();
    }

    /** A connection of its own for one viewer; it connects on its first request. */
    Connection connection(URI server) {
        return connection(server, "");
    }

    /** The same, sending {@code headers} (complete lines, each ending in CRLF, e.g. a Cookie) with every request. */
    Connection connection(URI server, String headers) {
        Connection c = new Connection(new InetSocketAddress(server.getHost(), server.getPort()), headers);
        onLoop(() -> connections.add(c));
        return c;
    }

    private void onLoop(Runnable task) {
        if (Thread.currentThread() == loop) {
            task.run();
        } else {
            tasks.add(task);
            selector.wakeup();
        }
    }

    private void run() {
        long nextSweep = System.nanoTime();
        while (!closed) {
            try {
                selector.select(100);
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    t.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ((Connection) key.attachment()).ready(key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now >= nextSweep) {
                    connections.forEach(c -> c.expire(now));
                    nextSweep = now + 100_000_000L;
                }
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    e.printStackTrace(); // a bug in this client; keep serving the other connections
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(2000);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One keep-alive connection; all of its state is touched only on the selector thread. */
    final class Connection implements ViewerTransport {
        private final InetSocketAddress address;
        private final ArrayDeque<Request> waiting = new ArrayDeque<>();
        private final ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        private SocketChannel channel;
        private SelectionKey key;
        private Request current;
        private ByteBuffer out;
        private Reading reading;
        private final String headers;

        private Connection(InetSocketAddress address, String headers) {
            this.address = address;
            this.headers = headers;
        }

        @Override
        public CompletableFuture<Response> get(String target, boolean keepBody) {
            Request r = new Request(target, keepBody);
            onLoop(() -> {
                waiting.add(r);
                sendNext();
            });
            return r.future;
        }

        private void sendNext() {
            if (current != null || waiting.isEmpty()) {
                return;
            }
            current = waiting.poll();
            current.deadline = System.nanoTime() + TIMEOUT_NANOS;
            try {
                if (channel == null) {
                    open();
                }
                out = ByteBuffer.wrap(("GET " + current.target + " HTTP/1.1\r\nHost: " + address.getHostString() + ":"
                        + address.getPort() + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
                head.reset();
                reading = null;
                write();
            } catch (IOException e) {
                fail(e);
            }
        }

        private void open() throws IOException {
            // Loopback connects at once, so a blocking connect on the selector thread costs nothing.
            channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_READ, this);
        }

        private void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private void ready(SelectionKey k) {
            try {
                if (k.isValid() && k.isWritable() && out != null && out.hasRemaining()) {
                    write();
                }
                if (k.isValid() && k.isReadable()) {
                    read();
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        private void read() throws IOException {
            SocketChannel ch = channel;
            while (ch != null && ch == channel) { // a finished response may have closed it for a new one
                in.clear();
                int n = ch.read(in);
                if (n < 0) {
                    if (reading != null && reading.untilClose) {
                        finish();
                    } else if (current == null) {
                        closeChannel(); // an idle keep-alive connection the server let go
                    } else {
                        fail(new IOException("server closed the connection"));
                    }
                    return;
                }
                if (n == 0) {
                    return;
                }
                in.flip();
                while (in.hasRemaining() && current != null) {
                    if (reading == null) {
                        readHead();
                    } else if (reading.body(in)) {
                        finish();
                    }
                }
            }
        }

        private void readHead() throws IOException {
            while (in.hasRemaining()) {
                byte b = in.get();
                head.write(b);
                int n = head.size();
                if (b == '\n' && n >= 4) {
                    byte[] h = head.toByteArray();
                    if (h[n - 2] == '\r' && h[n - 3] == '\n' && h[n - 4] == '\r') {
                        reading = Reading.of(new String(h, StandardCharsets.ISO_8859_1), current.keepBody);
                        if (reading.done()) {
                            finish();
                        }
                        return;
                    }
                }
            }
        }

        private void finish() {
            Request r = current;
            Reading done = reading;
            current = null;
            reading = null;
            if (done.closeAfter) {
                closeChannel();
            }
            r.future.complete(new Response(done.status, done.body(), done.length, System.nanoTime()));
            sendNext();
        }

        private void fail(Exception e) {
            closeChannel();
            Request r = current;
            current = null;
            reading = null;
            if (r != null) {
                r.future.completeExceptionally(e);
            }
            sendNext();
        }

        private void closeChannel() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a socket we give up on
                }
                channel = null;
                key = null;
            }
        }

        private void expire(long now) {
            if (current != null && now > current.deadline) {
                fail(new TimeoutException("no response to " + current.target + " in 10 s"));
            }
        }
    }

    private static final class Request {
        final String target;
        final boolean keepBody;
        final CompletableFuture<Response> future = new CompletableFuture<>();
        long deadline;

        Request(String target, boolean keepBody) {
            this.target = target;
            this.keepBody = keepBody;
        }
    }

    /** The body of one response: by Content-Length, chunked, or until the server closes. */
    private static final class Reading {
        final int status;
        final boolean chunked;
        final boolean untilClose;
        final boolean closeAfter;
        final ByteArrayOutputStream kept;
        long remaining; // of the body (by length) or of the current chunk
        long length;
        int chunkState; // 0: size line, 1: data, 2: CRLF after data, 3: done
        final StringBuilder sizeLine = new StringBuilder();

        private Reading(int status, long contentLength, boolean chunked, boolean closeAfter, boolean keepBody) {
            this.status = status;
            this.chunked = chunked;
            this.untilClose = !chunked && contentLength < 0;
            this.closeAfter = closeAfter || untilClose;
            this.remaining = Math.max(0, contentLength);
            this.kept = keepBody ? new ByteArrayOutputStream((int) Math.min(Math.max(contentLength, 256), 1 << 20)) : null;
        }

        static Reading of(String head, boolean keepBody) throws IOException {
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x response: " + lines[0]);
            }
            long contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> close = value.contains("close");
                    default -> { }
                }
            }
            int status = Integer.parseInt(statusLine[1]);
            boolean bodiless = status == 204 || status == 304 || status / 100 == 1;
            return new Reading(status, bodiless ? 0 : contentLength, !bodiless && chunked, close, keepBody);
        }

        boolean done() {
            return chunked ? chunkState == 3 : !untilClose && remaining == 0;
        }

        byte[] body() {
            return kept == null ? null : kept.toByteArray();
        }

        /** Consumes body bytes; true when the body is complete. */
        boolean body(ByteBuffer in) throws IOException {
            if (!chunked) {
                take(in, untilClose ? in.remaining() : (int) Math.min(remaining, in.remaining()));
                return done();
            }
            while (in.hasRemaining() && chunkState != 3) {
                switch (chunkState) {
                    case 0 -> {
                        char c = (char) in.get();
                        if (c == '\n') {
                            String size = sizeLine.toString().trim();
                            int semicolon = size.indexOf(';');
                            remaining = Long.parseLong(semicolon < 0 ? size : size.substring(0, semicolon), 16);
                            sizeLine.setLength(0);
                            chunkState = remaining == 0 ? 2 : 1;
                            if (remaining == 0) {
                                remaining = -1; // the last chunk: its CRLF ends the body (no trailers here)
                            }
                        } else {
                            sizeLine.append(c);
                        }
                    }
                    case 1 -> {
                        take(in, (int) Math.min(remaining, in.remaining()));
                        if (remaining == 0) {
                            chunkState = 2;
                        }
                    }
                    case 2 -> {
                        if (in.get() == '\n') {
                            chunkState = remaining == -1 ? 3 : 0;
                        }
                    }
                    default -> throw new IOException("chunk state " + chunkState);
                }
            }
            return chunkState == 3;
        }

        private void take(ByteBuffer in, int n) {
            if (kept != null) {
                byte[] chunk = new byte[n];
                in.get(chunk);
                kept.write(chunk, 0, n);
            } else {
                in.position(in.position() + n);
            }
            length += n;
            if (!untilClose) {
                remaining -= n;
            }
        }
    }
}
