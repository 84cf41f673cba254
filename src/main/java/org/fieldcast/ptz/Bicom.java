package org.fieldcast.ptz;

import java.util.Locale;

/**
 * Bicom messages carried by RCP+ tag 0x09A5 (RCP+ 2 and 3): {@code flags(1) server(2) object(2)
 * operation(1) data}. Only the long-lived forms: continuous move (object 0x0110), presets (objects
 * 0x2000 + ((n-1) << 4)), the legacy OSRD presets through the device server, and position reads.
 */
public final class Bicom {
    /** "No return payload" (KB-POS): what the Bosch UI sends for moves and presets. */
    static final int NO_REPLY = 0x80;
    /** "Return payload expected". */
    static final int REPLY = 0x81;
    static final int SERVER_DEVICE = 0x0002;
    static final int SERVER_PTZ = 0x0006;
    static final int OBJECT_MOVE = 0x0110;
    static final int OBJECT_PAN = 0x0112;
    static final int OBJECT_TILT = 0x0113;
    static final int OBJECT_OSRD = 0x01B0;
    static final int OBJECT_PRESET_1 = 0x2000;
    static final int OP_GET = 0x01;
    static final int OP_MOVE = 0x85;
    static final int OP_STORE = 0x80;
    static final int OP_RECALL = 0x81;
    /** Operation byte of a Bicom error reply, followed by a 2-byte code (RCP+ 2.5). */
    static final int OP_ERROR = 0x6F;
    public static final int MAX_PRESET = 256;
    /** OSRD (Allegiant) presets go up to 99 (RCP+ 3.2). */
    public static final int MAX_OSRD_PRESET = 99;

    private Bicom() {
    }

    /** {@code 80 0006 0110 85 PP TT ZZ}; {@link PtzVelocity#STOP} gives the stop. */
    public static byte[] move(PtzVelocity v) {
        byte[] speeds = v.speedBytes();
        return message(NO_REPLY, SERVER_PTZ, OBJECT_MOVE, OP_MOVE, speeds);
    }

    /** {@code 80 0006 OOOO 81} with {@code OOOO = 0x2000 + ((n-1) << 4)}. */
    public static byte[] recallPreset(int n) {
        return message(NO_REPLY, SERVER_PTZ, presetObject(n), OP_RECALL);
    }

    /** {@code 80 0006 OOOO 80}: stores the current position as preset n. */
    public static byte[] storePreset(int n) {
        return message(NO_REPLY, SERVER_PTZ, presetObject(n), OP_STORE);
    }

    /** Legacy {@code 80 0002 01B0 80 07 05 NN} (OSRD, n <= 99). */
    public static byte[] osrdRecall(int n) {
        return message(NO_REPLY, SERVER_DEVICE, OBJECT_OSRD, OP_STORE, 0x07, 0x05, osrdNumber(n));
    }

    /** Legacy {@code 80 0002 01B0 80 07 04 NN}. */
    public static byte[] osrdStore(int n) {
        return message(NO_REPLY, SERVER_DEVICE, OBJECT_OSRD, OP_STORE, 0x07, 0x04, osrdNumber(n));
    }

    /** {@code 81 0006 0112 01}: the reply carries pan as radians x 10000 (RCP+ 2.4). */
    public static byte[] readPan() {
        return message(REPLY, SERVER_PTZ, OBJECT_PAN, OP_GET);
    }

    /** {@code 81 0006 0113 01}: tilt, same unit. */
    public static byte[] readTilt() {
        return message(REPLY, SERVER_PTZ, OBJECT_TILT, OP_GET);
    }

    /** Validates a preset number for the Bicom form. */
    public static int presetObject(int n) {
        if (n < 1 || n > MAX_PRESET) {
            throw new IllegalArgumentException("preset must be between 1 and " + MAX_PRESET + ", was " + n);
        }
        return OBJECT_PRESET_1 + ((n - 1) << 4);
    }

    /**
     * Degrees from a position reply: the 6 header bytes, then an unsigned 16-bit radians x 10000.
     *
     * @throws CameraCommandException for a Bicom error reply or a short reply
     */
    public static double degrees(byte[] reply) {
        checkReply(reply);
        if (reply.length < 8) {
            throw new CameraCommandException("a position reply needs 8 bytes, got " + reply.length);
        }
        int raw = ((reply[6] & 0xff) << 8) | (reply[7] & 0xff);
        return Math.toDegrees(raw / 10000.0);
    }

    /** Throws when byte 5 (the operation) is 0x6F, the Bicom error marker (RCP+ 2.5). */
    public static void checkReply(byte[] reply) {
        if (reply.length >= 6 && (reply[5] & 0xff) == OP_ERROR) {
            int code = reply.length >= 8 ? ((reply[6] & 0xff) << 8) | (reply[7] & 0xff) : -1;
            throw new CameraCommandException("the camera refused the PTZ command: Bicom error " + describeError(code));
        }
    }

    static String describeError(int code) {
        String meaning = switch (code) {
            case 0x0001 -> "illegal object id (not supported by this camera)";
            case 0x0002 -> "illegal member id";
            case 0x0003 -> "illegal operation";
            case 0x0010 -> "out of range";
            case 0x0011 -> "illegal data size";
            case 0x0020 -> "not allowed";
            case 0x0021 -> "OSD active";
            default -> "undocumented";
        };
        return String.format(Locale.ROOT, "0x%04x, %s", code, meaning);
    }

    private static int osrdNumber(int n) {
        if (n < 1 || n > MAX_OSRD_PRESET) {
            throw new IllegalArgumentException("legacy (OSRD) presets go from 1 to " + MAX_OSRD_PRESET + ", was " + n);
        }
        return n;
    }

    private static byte[] message(int flags, int server, int object, int op, int... data) {
        byte[] d = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            d[i] = (byte) data[i];
        }
        return message(flags, server, object, op, d);
    }

    private static byte[] message(int flags, int server, int object, int op, byte[] data) {
        byte[] m = new byte[6 + data.length];
        m[0] = (byte) flags;
        m[1] = (byte) (server >> 8);
        m[2] = (byte) server;
        m[3] = (byte) (object >> 8);
        m[4] = (byte) object;
        m[5] = (byte) op;
        System.arraycopy(data, 0, m, 6, data.length);
        return m;
    }
}
