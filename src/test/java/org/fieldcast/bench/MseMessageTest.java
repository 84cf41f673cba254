package org.fieldcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MseMessageTest {
    /** The binary layout of the shared protocol, byte by byte. */
    @Test
    void readsTheHeaderOfAMediaFragment() {
        byte[] payload = {0, 0, 0, 8, 'm', 'o', 'o', 'f'};
        MseMessage m = MseMessage.parse(message(2, 2, 0b1, 1, "cam-a", 1_700_000_000_123L, payload));
        assertEquals(MseMessage.Kind.FRAGMENT, m.kind());
        assertTrue(m.keyframe());
        assertEquals("sub", m.stream());
        assertEquals("cam-a", m.camera());
        assertEquals(1_700_000_000_123L, m.serverMillis());
        assertEquals(payload.length, m.payloadBytes());
        assertEquals(5 + 5 + 8 + payload.length, m.totalBytes());
    }

    @Test
    void readsAnInitSegmentOfTheMainStream() {
        MseMessage m = MseMessage.parse(message(2, 1, 0, 0, "bench-cam-1", 42L, new byte[100]));
        assertEquals(MseMessage.Kind.INIT, m.kind());
        assertFalse(m.keyframe());
        assertEquals("main", m.stream());
        assertEquals("bench-cam-1", m.camera());
        assertEquals(42L, m.serverMillis());
        assertEquals(100, m.payloadBytes());
    }

    @Test
    void flagsOtherThanBitZeroAreNotAKeyframe() {
        assertFalse(MseMessage.parse(message(2, 2, 0b10, 0, "c", 1, new byte[1])).keyframe());
    }

    @Test
    void refusesAnotherVersionAndATruncatedHeader() {
        assertThrows(IllegalArgumentException.class, () -> MseMessage.parse(message(1, 2, 0, 0, "c", 1, new byte[1])));
        byte[] whole = message(2, 2, 0, 0, "cam-a", 1, new byte[0]);
        byte[] cut = new byte[whole.length - 3];
        System.arraycopy(whole, 0, cut, 0, cut.length);
        assertThrows(IllegalArgumentException.class, () -> MseMessage.parse(cut));
    }

    /** A client that keeps only the header still knows the whole size. */
    @Test
    void readsTheHeaderFromTheFirstBytesAndTheLength() {
        byte[] whole = message(2, 2, 1, 0, "cam-b", 7L, new byte[5000]);
        byte[] head = java.util.Arrays.copyOf(whole, MseMessage.HEADER_MAX);
        MseMessage m = MseMessage.parse(head, whole.length);
        assertEquals("cam-b", m.camera());
        assertEquals(5000, m.payloadBytes());
        assertEquals(whole.length, m.totalBytes());
    }

    @Test
    void readsTheDroppedNotice() {
        assertEquals(12, MseMessage.droppedIn("{\"camera\":\"cam-a\",\"stream\":\"main\",\"dropped\":12}"));
        assertEquals(0, MseMessage.droppedIn("{\"camera\":\"cam-a\",\"stream\":\"main\",\"mime\":\"video/mp4\"}"));
    }

    @Test
    void buildsTheSubscription() {
        assertEquals("{\"subscribe\":[{\"camera\":\"cam-a\",\"stream\":\"sub\"}]}", MseMessage.subscribe("cam-a", "sub"));
    }

    static byte[] message(int version, int kind, int flags, int stream, String camera, long serverMillis, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] id = camera.getBytes(StandardCharsets.UTF_8);
        out.write(version);
        out.write(kind);
        out.write(flags);
        out.write(stream);
        out.write(id.length);
        out.writeBytes(id);
        out.writeBytes(ByteBuffer.allocate(8).putLong(serverMillis).array());
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
