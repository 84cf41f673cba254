package org.fieldcast.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One binary message of the {@code /ws/mse} socket as a benchmark client reads it: the header of the
 * shared protocol (version 2: kind, flags, stream, camera id, the server's stamp) and the payload's size.
 * The benchmark counts and times messages; it never needs the payload itself.
 */
record MseMessage(Kind kind, boolean keyframe, String stream, String camera, long serverMillis, int payloadBytes,
                  int totalBytes) {
    static final int VERSION = 2;
    /** The longest header: five bytes, a camera id of up to 255, the stamp. */
    static final int HEADER_MAX = 5 + 255 + 8;
    private static final Pattern DROPPED = Pattern.compile("\"dropped\"\\s*:\\s*(\\d+)");

    enum Kind { INIT, FRAGMENT }

    /**
     * {@code [version][kind: 1 init, 2 fragment][flags: bit 0 keyframe][stream: 0 main, 1 sub][n][n bytes id]
     * [8 bytes big-endian server epoch ms][payload]}.
     */
    static MseMessage parse(byte[] m) {
        return parse(m, m.length);
    }

    /**
     * The same from the message's first bytes, at least its header ({@link #HEADER_MAX} bytes hold any),
     * and its whole length: a client that only counts need not keep the payload.
     */
    static MseMessage parse(byte[] m, int totalBytes) {
        if (m.length < 5 || (m[0] & 0xff) != VERSION) {
            throw new IllegalArgumentException("not a version " + VERSION + " message of " + m.length + " bytes");
        }
        int n = m[4] & 0xff;
        int payloadAt = 5 + n + 8;
        if (m.length < payloadAt || totalBytes < payloadAt) {
            throw new IllegalArgumentException("header cut short: " + Math.min(m.length, totalBytes) + " bytes, " + payloadAt + " expected");
        }
        Kind kind = switch (m[1]) {
            case 1 -> Kind.INIT;
            case 2 -> Kind.FRAGMENT;
            default -> throw new IllegalArgumentException("unknown kind " + m[1]);
        };
        return new MseMessage(kind, (m[2] & 1) != 0, m[3] == 1 ? "sub" : "main", new String(m, 5, n, StandardCharsets.UTF_8),
                ByteBuffer.wrap(m, 5 + n, 8).getLong(), totalBytes - payloadAt, totalBytes);
    }

    /** The count of a {@code {"dropped":N}} notice; 0 for any other text message. */
    static int droppedIn(String text) {
        Matcher m = DROPPED.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The subscription of one camera's stream; camera ids are [a-z0-9-], nothing to escape. */
    static String subscribe(String camera, String stream) {
        return "{\"subscribe\":[{\"camera\":\"" + camera + "\",\"stream\":\"" + stream + "\"}]}";
    }
}
