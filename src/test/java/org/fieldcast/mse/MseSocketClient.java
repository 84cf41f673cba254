package org.fieldcast.mse;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code /ws/mse} client on the JDK's WebSocket: keeps every message in arrival order, text and binary,
 * decoding the binary header per the protocol. One made with {@code reading = false} asks for no message
 * after its first (never calls {@code request(n)}) until {@link #resume}: a viewer that stopped reading.
 */
final class MseSocketClient implements WebSocket.Listener, AutoCloseable {

    /** One message: text, or a binary one decoded. */
    record Message(String text, int version, int kind, boolean keyframe, int stream, String camera, long serverMillis,
                   byte[] payload, long receivedMillis) {
        boolean isInit() {
            return text == null && kind == 1;
        }

        boolean isFragment() {
            return text == null && kind == 2;
        }
    }

    private final List<Message> messages = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();
    private boolean reading;
    private WebSocket socket;

    private MseSocketClient(boolean reading) {
        this.reading = reading;
    }

    static MseSocketClient connect(URI ws, boolean reading) throws Exception {
        MseSocketClient client = new MseSocketClient(reading);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(ws, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    void send(String json) throws Exception {
        socket.sendText(json, true).get(5, TimeUnit.SECONDS);
    }

    /** Reads again, and from now on. */
    synchronized void resume() {
        reading = true;
        socket.request(1);
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        partial.write(b, 0, b.length);
        if (last) {
            byte[] m = partial.toByteArray();
            partial.reset();
            int n = m[4] & 0xff;
            messages.add(new Message(null, m[0], m[1], (m[2] & 1) == 1, m[3], new String(m, 5, n, StandardCharsets.UTF_8),
                    ByteBuffer.wrap(m, 5 + n, 8).getLong(), Arrays.copyOfRange(m, 5 + n + 8, m.length), System.currentTimeMillis()));
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
            messages.add(new Message(text.toString(), 0, 0, false, 0, null, 0, null, System.currentTimeMillis()));
            text.setLength(0);
            notifyAll();
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** Waits until {@code count} messages match; returns all messages so far. */
    synchronized List<Message> await(Predicate<Message> which, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.stream().filter(which).count() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + messages.stream().filter(which).count() + " of " + count
                        + " messages in " + timeout + "; texts " + messages.stream().filter(m -> m.text() != null).map(Message::text).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
