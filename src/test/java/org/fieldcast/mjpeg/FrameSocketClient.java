package org.fieldcast.mjpeg;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A {@code /ws/frames} client on the JDK's WebSocket: keeps every frame message and notice it gets. */
final class FrameSocketClient implements WebSocket.Listener, AutoCloseable {

    /** One binary message, decoded per the contract. */
    record Message(int version, String camera, long frameTime, byte[] jpeg, long receivedMillis, long receivedNanos) {
    }

    private final List<Message> messages = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private final boolean reading;
    private WebSocket socket;

    private FrameSocketClient(boolean reading) {
        this.reading = reading;
    }

    /** @param reading false for a client that never asks for more than its first message */
    static FrameSocketClient connect(URI ws, boolean reading) throws Exception {
        FrameSocketClient client = new FrameSocketClient(reading);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(ws, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    void send(String json) throws Exception {
        socket.sendText(json, true).get(5, TimeUnit.SECONDS);
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        partial.write(b, 0, b.length);
        if (last) {
            byte[] m = partial.toByteArray();
            partial.reset();
            int n = m[1] & 0xff;
            messages.add(new Message(m[0], new String(m, 2, n, StandardCharsets.UTF_8), ByteBuffer.wrap(m, 2 + n, 8).getLong(),
                    java.util.Arrays.copyOfRange(m, 2 + n + 8, m.length), System.currentTimeMillis(), System.nanoTime()));
            notifyAll();
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            notices.add(text.toString());
            text.setLength(0);
            notifyAll();
        }
        webSocket.request(1);
        return null;
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    synchronized List<String> notices() {
        return List.copyOf(notices);
    }

    /** Waits until {@code count} messages of {@code camera} have arrived; returns them. */
    synchronized List<Message> await(String camera, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Message> mine = new ArrayList<>(messages.stream().filter(m -> m.camera().equals(camera)).toList());
            if (mine.size() >= count) {
                return mine;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + mine.size() + " of " + count + " frames of " + camera + " in " + timeout
                        + "; notices " + notices);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized void awaitNotice(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (notices.isEmpty() && System.nanoTime() < deadline) {
            wait(50);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }
}
