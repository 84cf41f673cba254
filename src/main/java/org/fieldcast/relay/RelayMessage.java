package org.fieldcast.relay;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One message of a stream's relay. Layout (big-endian): {@code byte type; long generation; long
 * sequence; payload} (the rest of the message).
 *
 * @param generation the owner's lease generation (its fencing token): a node ignores what an owner of
 *                   an older generation still sends
 * @param sequence   the message's place in the owner's stream of changes, from 1 within a generation;
 *                   a snapshot carries the sequence of the last change it includes, a request 0
 */
public record RelayMessage(Type type, long generation, long sequence, byte[] payload) {
    static final int HEADER = 1 + 8 + 8;

    public enum Type {
        /** A {@link org.fieldcast.hls.TimelineDelta} from the owner's previous timeline. */
        TIMELINE(1),
        /** The taps' init segment, as {@link org.fieldcast.fmp4.Fmp4Wire} writes it. */
        TAP_INIT(2),
        /** One of the taps' fragments (a picture, or audio), as {@link org.fieldcast.fmp4.Fmp4Wire} writes it. */
        TAP_FRAGMENT(3),
        /** Everything a node needs to start: {@link RelaySnapshot}. */
        SNAPSHOT(4),
        /** A node asks the owner for a snapshot; no payload. */
        SNAPSHOT_REQUEST(5),
        /** A node that follows tells the owner it still has viewers (every second); no payload. */
        WATCHING(6);

        private final byte code;

        Type(int code) {
            this.code = (byte) code;
        }

        byte code() {
            return code;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new RelayFormatException("a message of type " + code);
        }
    }

    public byte[] encode() {
        return ByteBuffer.allocate(HEADER + payload.length).put(type.code).putLong(generation).putLong(sequence)
                .put(payload).array();
    }

    /** @throws RelayFormatException when the bytes are not a message */
    public static RelayMessage decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER) {
            throw new RelayFormatException("a message of " + (bytes == null ? "no" : bytes.length) + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new RelayMessage(Type.of(b.get() & 0xFF), b.getLong(), b.getLong(), Arrays.copyOfRange(bytes, HEADER, bytes.length));
    }

    /** A relay message that is not one. */
    public static final class RelayFormatException extends IllegalArgumentException {
        public RelayFormatException(String message) {
            super(message);
        }
    }
}
