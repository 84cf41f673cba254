package org.fieldcast.gateway;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what arrives on an RTSP connection: messages, and after PLAY the media frames interleaved
 * between them ({@code $}, channel, 16-bit length, payload; RFC 2326 10.12).
 */
final class RtspReader {

    /** Longer header lines or bodies than this are not RTSP from a camera. */
    private static final int LINE_MAX = 16 * 1024;
    private static final int BODY_MAX = 1024 * 1024;

    private final InputStream in;

    RtspReader(InputStream in) {
        this.in = in;
    }

    /** What arrived: an {@link RtspMessage}, or an interleaved frame as its raw bytes (header included). Null at the end. */
    Object next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        if (first == '$') {
            return frame();
        }
        return message(first);
    }

    private byte[] frame() throws IOException {
        byte[] head = in.readNBytes(3);
        if (head.length < 3) {
            throw new EOFException("connection closed inside an interleaved frame");
        }
        int length = ((head[1] & 0xff) << 8) | (head[2] & 0xff);
        byte[] frame = new byte[4 + length];
        frame[0] = '$';
        System.arraycopy(head, 0, frame, 1, 3);
        if (in.readNBytes(frame, 4, length) < length) {
            throw new EOFException("connection closed inside an interleaved frame");
        }
        return frame;
    }

    private RtspMessage message(int first) throws IOException {
        String firstLine = line(first);
        while (firstLine.isEmpty()) {
            int next = in.read(); // a stray line end between messages
            if (next < 0) {
                return null;
            }
            if (next == '$') {
                throw new IOException("unexpected interleaved frame after an empty line");
            }
            firstLine = line(next);
        }
        List<String[]> headers = new ArrayList<>();
        int contentLength = 0;
        for (String line = line(in.read()); !line.isEmpty(); line = line(in.read())) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not an RTSP header line");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Integer.parseInt(value);
            }
        }
        if (contentLength < 0 || contentLength > BODY_MAX) {
            throw new IOException("RTSP body of " + contentLength + " bytes");
        }
        byte[] body = in.readNBytes(contentLength);
        if (body.length < contentLength) {
            throw new EOFException("connection closed inside an RTSP body");
        }
        return new RtspMessage(firstLine, headers, body);
    }

    /** One line starting with {@code first}, without its CR LF (a bare LF ends it too). */
    private String line(int first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = first; b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed inside an RTSP message");
            }
            if (line.size() > LINE_MAX) {
                throw new IOException("RTSP line longer than " + LINE_MAX + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
