package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MjpegViewerTest {
    private final FakeOutput out = new FakeOutput();
    private final AtomicInteger closes = new AtomicInteger();
    private final MjpegViewer viewer = new MjpegViewer(FakeOutput.async(), out, self -> closes.incrementAndGet());

    MjpegViewerTest() {
        out.setWriteListener(viewer);
    }

    @Test
    void writesAMultipartStreamWhosePartsCloseAtOnce() {
        viewer.offer(new JpegFrame("cam-a", "JPEG1".getBytes(StandardCharsets.US_ASCII), 1700000000123L, 1));
        viewer.offer(new JpegFrame("cam-a", "JPEG22".getBytes(StandardCharsets.US_ASCII), 1700000000163L, 2));

        assertEquals("--fieldcast\r\n"
                + "Content-Type: image/jpeg\r\nContent-Length: 5\r\nX-Frame-Time: 1700000000123\r\n\r\nJPEG1\r\n--fieldcast\r\n"
                + "Content-Type: image/jpeg\r\nContent-Length: 6\r\nX-Frame-Time: 1700000000163\r\n\r\nJPEG22\r\n--fieldcast\r\n",
                out.text());
        assertEquals(2, out.flushes, "each frame is flushed, not left for the next one to push out");
    }

    @Test
    void anOlderFrameOfferedLateIsIgnored() {
        viewer.offer(new JpegFrame("cam-a", new byte[] {2}, 2, 2));
        viewer.offer(new JpegFrame("cam-a", new byte[] {1}, 1, 1));
        viewer.offer(new JpegFrame("cam-a", new byte[] {2}, 2, 2));

        assertEquals(1, viewer.framesWritten());
    }

    @Test
    void aClientThatLeftIsReleasedOnce() {
        viewer.offer(new JpegFrame("cam-a", new byte[] {1}, 1, 1));
        out.broken = true;

        viewer.offer(new JpegFrame("cam-a", new byte[] {2}, 2, 2));
        viewer.offer(new JpegFrame("cam-a", new byte[] {3}, 3, 3));
        viewer.onError(new java.io.IOException("reset"));

        assertEquals(1, closes.get());
        assertEquals(1, viewer.framesWritten());
        assertTrue(out.text().endsWith("--fieldcast\r\n"));
    }
}
