package org.fieldcast.mjpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class JpegFrameTest {

    @Test
    void socketMessageHasTheContractLayout() {
        JpegFrame frame = new JpegFrame("cam-é", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9},
                0x0102030405060708L, 1);
        ByteBuffer m = frame.socketMessage();
        byte[] b = new byte[m.remaining()];
        m.get(b);

        assertArrayEquals(new byte[] {1, 6, 'c', 'a', 'm', '-', (byte) 0xc3, (byte) 0xa9,
                1, 2, 3, 4, 5, 6, 7, 8, (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9}, b);
    }

    @Test
    void theBytesSentAreBuiltOnceForAllViewers() {
        JpegFrame frame = new JpegFrame("cam-a", new byte[] {1, 2}, 5, 1);

        assertSame(frame.multipartPart(), frame.multipartPart());
        assertSame(frame.socketMessage().array(), frame.socketMessage().array());
    }

    @Test
    void aCameraIdMustFitItsLengthByte() {
        assertThrows(IllegalArgumentException.class, () -> new JpegFrame("x".repeat(256), new byte[0], 0, 1));
    }
}
