package org.fieldcast.sim;

import java.nio.charset.StandardCharsets;

/**
 * What a tag answers, before it is formatted for its type: a number (flags, octets, words), raw
 * bytes (P_OCTET), or text (P_STRING; P_UNICODE is text encoded as UTF-16BE).
 */
sealed interface RcpValue {
    /** A WRITE that succeeded and has nothing to return. */
    RcpValue NONE = new Bytes(new byte[0]);

    record Number(long value) implements RcpValue {
    }

    record Bytes(byte[] data) implements RcpValue {
    }

    record Text(String text) implements RcpValue {
        /** UTF-16BE with the two-byte terminator a Bosch camera sends (RCP+ 1.3). */
        byte[] unicode() {
            byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
            byte[] out = new byte[utf16.length + 2];
            System.arraycopy(utf16, 0, out, 0, utf16.length);
            return out;
        }
    }

    static RcpValue flag(boolean on) {
        return new Number(on ? 1 : 0);
    }
}
