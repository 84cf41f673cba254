package org.fieldcast.mjpeg;

/**
 * A viewer of a frame hub: an MJPEG response, a WebSocket, a snapshot waiting for its picture.
 * Called on the thread that publishes the frame, so it must return at once: keep the frame and send
 * it when the connection can take it, replacing any frame still waiting (the latest wins).
 */
@FunctionalInterface
public interface FrameSink {
    void offer(JpegFrame frame);
}
