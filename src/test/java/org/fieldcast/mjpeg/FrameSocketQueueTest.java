package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FrameSocketQueueTest {

    /** Keeps each send open until the test completes it, like a client that reads slowly. */
    private static final class HeldTransport implements FrameSocketQueue.Transport {
        final List<String> sent = new ArrayList<>();
        Consumer<Throwable> inFlight;

        @Override
        public void sendBinary(ByteBuffer message, Consumer<Throwable> done) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            int idLength = b[1];
            String camera = new String(b, 2, idLength, StandardCharsets.UTF_8);
            long millis = ByteBuffer.wrap(b, 2 + idLength, 8).getLong();
            sent.add(camera + "@" + millis);
            hold(done);
        }

        @Override
        public void sendText(String message, Consumer<Throwable> done) {
            sent.add(message);
            hold(done);
        }

        private void hold(Consumer<Throwable> done) {
            if (inFlight != null) {
                throw new IllegalStateException("two messages in flight");
            }
            inFlight = done;
        }

        void complete(Throwable failure) {
            Consumer<Throwable> done = inFlight;
            inFlight = null;
            done.accept(failure);
        }
    }

    private final HeldTransport transport = new HeldTransport();
    private final FrameSocketQueue queue = new FrameSocketQueue(transport);

    @Test
    void oneMessageInFlightAndTheLatestFramePerCameraWins() {
        queue.offer(frame("cam-a", 1, 100));
        queue.offer(frame("cam-a", 2, 140));
        queue.offer(frame("cam-a", 3, 180));
        queue.offer(frame("cam-b", 1, 150));

        assertEquals(List.of("cam-a@100"), transport.sent);
        transport.complete(null);
        transport.complete(null);
        transport.complete(null);

        assertEquals(List.of("cam-a@100", "cam-a@180", "cam-b@150"), transport.sent);
        assertEquals(0, queue.waiting());
        assertEquals(3, queue.framesSent());
    }

    @Test
    void camerasTakeTurns() {
        queue.offer(frame("cam-a", 1, 100));
        queue.offer(frame("cam-b", 1, 110));
        queue.offer(frame("cam-c", 1, 120));
        queue.offer(frame("cam-a", 2, 140)); // cam-a had its turn: it goes behind b and c

        transport.complete(null);
        transport.complete(null);
        transport.complete(null);

        assertEquals(List.of("cam-a@100", "cam-b@110", "cam-c@120", "cam-a@140"), transport.sent);
    }

    @Test
    void aSlowClientHoldsAtMostOneFramePerCamera() {
        queue.offer(frame("cam-a", 1, 1));
        for (int i = 2; i < 1000; i++) {
            queue.offer(frame("cam-a", i, i));
            queue.offer(frame("cam-b", i, i));
        }

        assertEquals(2, queue.waiting());
    }

    @Test
    void noticesGoFirstAndForgottenCamerasAreDropped() {
        queue.offer(frame("cam-a", 1, 100));
        queue.offer(frame("cam-b", 1, 110));
        queue.notice("{\"error\":\"no camera 'x'\",\"camera\":\"x\"}");
        queue.forget("cam-b");

        transport.complete(null);
        transport.complete(null);

        assertEquals(List.of("cam-a@100", "{\"error\":\"no camera 'x'\",\"camera\":\"x\"}"), transport.sent);
        assertEquals(0, queue.waiting());
    }

    @Test
    void aFailedSendStopsTheQueue() {
        queue.offer(frame("cam-a", 1, 100));
        queue.offer(frame("cam-b", 1, 110));

        transport.complete(new java.io.IOException("closed"));
        queue.offer(frame("cam-a", 2, 140));

        assertEquals(List.of("cam-a@100"), transport.sent);
        assertEquals(0, queue.waiting());
    }

    private static JpegFrame frame(String camera, long sequence, long millis) {
        return new JpegFrame(camera, new byte[] {(byte) 0xff, (byte) 0xd8}, millis, sequence);
    }
}
