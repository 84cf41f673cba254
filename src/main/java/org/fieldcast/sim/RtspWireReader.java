package org.fieldcast.sim;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads RTSP requests and {@code $}-framed interleaved packets from one connection, in any mix.
 * <p>
 * The socket has a short read timeout so the connection can notice an idle session. A timeout
 * before the first byte of a message surfaces as {@link SocketTimeoutException} with nothing
 * consumed; a timeout inside a message is waited out, up to {@link #MESSAGE_PATIENCE_MS}, because
 * the parse state lives on the stack and would be lost.
 */
final class RtspWireReader {
    static final int MESSAGE_PATIENCE_MS = 10_000;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 64;
    private static final int MAX_BODY = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int pos;
    private int limit;

    RtspWireReader(InputStream in) {
        this.in = in;
    }

    /** The next message, or null at a clean end of stream between messages. */
    RtspInbound next() throws IOException {
        int first;
        do {
            first = peekFirstByte();
            if (first < 0) {
                return null;
            }
            if (first == '\r' || first == '\n') {
                pos++; // stray line ends between messages are legal filler
            }
        } while (first == '\r' || first == '\n');
        if (first == '$') {
            pos++;
            return readFrame();
        }
        return readRequest();
    }

    private InterleavedFrame readFrame() throws IOException {
        int channel = readByte();
        int length = (readByte() << 8) | readByte();
        byte[] data = new byte[length];
        for (int i = 0; i < length; ) {
            if (pos == limit) {
                fillPatiently();
            }
            int n = Math.min(length - i, limit - pos);
            System.arraycopy(buffer, pos, data, i, n);
            pos += n;
            i += n;
        }
        return new InterleavedFrame(channel, data);
    }

    private RtspRequest readRequest() throws IOException {
        String requestLine = readLine();
        String[] parts = requestLine.split(" ", 3);
        if (parts.length != 3) {
            throw new ProtocolException("malformed RTSP request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            if (headers.size() == MAX_HEADERS) {
                throw new ProtocolException("too many RTSP headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        byte[] body = readBody(headers);
        return new RtspRequest(parts[0], parts[1], parts[2], headers, body);
    }

    private byte[] readBody(Map<String, String> headers) throws IOException {
        String lengthHeader = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Content-Length"))
                .map(Map.Entry::getValue).findFirst().orElse("0");
        int length;
        try {
            length = Integer.parseInt(lengthHeader.trim());
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad Content-Length: " + lengthHeader);
        }
        if (length < 0 || length > MAX_BODY) {
            throw new ProtocolException("RTSP body too large: " + length);
        }
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) readByte();
        }
        return body;
    }

    /** A header line without its CR LF; bare LF is accepted as some clients send it. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = readByte();
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() == MAX_LINE) {
                throw new ProtocolException("RTSP line too long");
            }
            line.append((char) b);
        }
    }

    private int peekFirstByte() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos] & 0xff;
    }

    private int readByte() throws IOException {
        if (pos == limit) {
            fillPatiently();
        }
        return buffer[pos++] & 0xff;
    }

    /** Inside a message: wait through read timeouts, fail on end of stream. */
    private void fillPatiently() throws IOException {
        long deadline = System.nanoTime() + MESSAGE_PATIENCE_MS * 1_000_000L;
        while (true) {
            try {
                if (!fill()) {
                    throw new EOFException("connection closed inside an RTSP message");
                }
                return;
            } catch (SocketTimeoutException slow) {
                if (System.nanoTime() > deadline) {
                    throw new ProtocolException("RTSP message stalled half way");
                }
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
