package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RtspWireReaderTest {

    @Test
    void readsHeadersCaseInsensitivelyAndTheCSeq() throws IOException {
        RtspWireReader reader = reader(ascii("OPTIONS rtsp://127.0.0.1:8554/?inst=1 RTSP/1.0\r\n"
                + "CSeq: 7\r\nuser-agent: test\r\nSession: 12345678;timeout=60\r\n\r\n"));

        RtspRequest request = assertInstanceOf(RtspRequest.class, reader.next());
        assertEquals("OPTIONS", request.method());
        assertEquals("rtsp://127.0.0.1:8554/?inst=1", request.uri());
        assertEquals("RTSP/1.0", request.version());
        assertEquals("7", request.cseq());
        assertEquals("test", request.header("User-Agent"));
        assertEquals("12345678", request.sessionId());
        assertNull(reader.next());
    }

    @Test
    void readsABodyByContentLength() throws IOException {
        String sdp = "v=0\r\ns=x\r\n";
        RtspWireReader reader = reader(ascii("ANNOUNCE rtsp://127.0.0.1/__publish RTSP/1.0\r\nCSeq: 2\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp));

        RtspRequest request = assertInstanceOf(RtspRequest.class, reader.next());
        assertEquals(sdp, new String(request.body(), StandardCharsets.UTF_8));
    }

    @Test
    void interleavedFramesAndRequestsMix() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(new byte[] {'$', 0, 0, 3, 9, 8, 7});
        wire.writeBytes(ascii("GET_PARAMETER rtsp://h/ RTSP/1.0\r\nCSeq: 4\r\n\r\n"));
        wire.writeBytes(new byte[] {'$', 1, 0, 1, 'R'}); // a frame whose payload starts like a request
        wire.writeBytes(ascii("\r\nTEARDOWN rtsp://h/ RTSP/1.0\nCSeq: 5\n\n")); // stray CRLF, bare LF line ends
        RtspWireReader reader = reader(wire.toByteArray());

        InterleavedFrame first = assertInstanceOf(InterleavedFrame.class, reader.next());
        assertEquals(0, first.channel());
        assertArrayEquals(new byte[] {9, 8, 7}, first.data());
        assertEquals("4", assertInstanceOf(RtspRequest.class, reader.next()).cseq());
        InterleavedFrame second = assertInstanceOf(InterleavedFrame.class, reader.next());
        assertEquals(1, second.channel());
        assertArrayEquals(new byte[] {'R'}, second.data());
        RtspRequest teardown = assertInstanceOf(RtspRequest.class, reader.next());
        assertEquals("TEARDOWN", teardown.method());
        assertEquals("5", teardown.cseq());
        assertNull(reader.next());
    }

    @Test
    void survivesReadsThatReturnOneByteAtATime() throws IOException {
        byte[] wire = ascii("PLAY rtsp://h/ RTSP/1.0\r\nCSeq: 9\r\n\r\n");
        InputStream trickle = new ByteArrayInputStream(wire) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };

        assertEquals("9", assertInstanceOf(RtspRequest.class, new RtspWireReader(trickle).next()).cseq());
    }

    @Test
    void aTruncatedMessageIsAnError() {
        assertThrows(EOFException.class, () -> reader(new byte[] {'$', 0, 0, 10, 1, 2}).next());
        assertThrows(ProtocolException.class, () -> reader(ascii("NONSENSE\r\n\r\n")).next());
    }

    private static RtspWireReader reader(byte[] bytes) {
        return new RtspWireReader(new ByteArrayInputStream(bytes));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
