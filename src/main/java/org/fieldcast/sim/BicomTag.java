package org.fieldcast.sim;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * RCP+ tag 0x09A5 (CONF_BICOM_COMMAND) of a simulated dome: parses the Bicom message
 * {@code flags(1) [lease(6)] server(2) object(2) op(1) data} (RCP+ 2.1) and drives the {@link PtzHead}.
 * Continuous move (0006/0110/85), presets 1..256 (0006/2000+((n-1)<<4)/81 recall, /80 store,
 * 0006/2000/84 bitmap), legacy OSRD presets (0002/01B0/80 with 07 05 NN / 07 04 NN), and position
 * reads (0006/0112, 0113 radians x 10000; 0114 zoom ticks 0..255).
 * <p>
 * With a reply flag (0x81, 0x85) the answer is the request header plus data, and an error is the
 * header with operation 0x6F and a 2-byte code (RCP+ 2.5); with 0x80 a success is an empty
 * {@code <str>} and a failure an {@code <err>} (RCP+ 2.5 leaves both open; chosen here).
 */
final class BicomTag {
    static final int CODE = 0x09A5;
    private static final int LEASE_FLAG = 0x08;
    private static final int ERR_ILLEGAL_OBJECT = 0x0001;
    private static final int ERR_ILLEGAL_OPERATION = 0x0003;
    private static final int ERR_DATA_SIZE = 0x0011;
    private static final int ERR_NOT_ALLOWED = 0x0020;

    private final PtzHead head;
    private final BooleanSupplier ptzAvailable;
    private final BooleanSupplier bicomPresets;

    /**
     * @param ptzAvailable false: the "PTZ not available" fault, every PTZ message is refused
     * @param bicomPresets false: only the legacy OSRD presets work, as on older domes
     */
    BicomTag(PtzHead head, BooleanSupplier ptzAvailable, BooleanSupplier bicomPresets) {
        this.head = head;
        this.ptzAvailable = ptzAvailable;
        this.bicomPresets = bicomPresets;
    }

    RcpTag tag() {
        // Bicom is always WRITE, P_OCTET, even for a Get (RCP+ 1.2).
        return RcpTag.readWrite(CODE, "BICOM_COMMAND", RcpType.P_OCTET, num -> RcpReply.fail(RcpError.READ_NOT_SUPPORTED),
                this::write);
    }

    record Message(byte[] header, int flags, int server, int object, int op, byte[] data) {
        boolean wantsReply() {
            return (flags & 0x01) != 0;
        }
    }

    RcpReply write(int num, String payload) {
        if (num != 1) {
            return RcpReply.fail(RcpError.WRITE_ERROR); // one camera line
        }
        Message m;
        try {
            m = parse(payload);
        } catch (IllegalArgumentException e) {
            return RcpReply.fail(RcpError.PACKET_SIZE);
        }
        if (!ptzAvailable.getAsBoolean()) {
            return error(m, ERR_NOT_ALLOWED);
        }
        if (m.server == 0x0006) {
            return ptz(m);
        }
        if (m.server == 0x0002 && m.object == 0x01B0) {
            return osrd(m);
        }
        return error(m, ERR_ILLEGAL_OBJECT);
    }

    private RcpReply ptz(Message m) {
        if (m.object == 0x0110) {
            if (m.op != 0x85) {
                return error(m, ERR_ILLEGAL_OPERATION);
            }
            if (m.data.length < 3) {
                return error(m, ERR_DATA_SIZE);
            }
            head.setSpeed(speed(m.data[0], 15), speed(m.data[1], 15), speed(m.data[2], 7));
            return ok(m, new byte[0]);
        }
        if (m.object == 0x0112 || m.object == 0x0113 || m.object == 0x0114) {
            return m.op == 0x01 ? ok(m, position(m.object)) : error(m, ERR_ILLEGAL_OPERATION);
        }
        if (m.object == 0x2000 && m.op == 0x84) {
            return ok(m, head.presetBitmap());
        }
        if (m.object >= 0x2000 && m.object <= 0x2FF0 && (m.object & 0xF) == 0 && bicomPresets.getAsBoolean()) {
            return preset(m, ((m.object - 0x2000) >> 4) + 1, m.op == 0x80, m.op == 0x81);
        }
        return error(m, ERR_ILLEGAL_OBJECT);
    }

    private RcpReply osrd(Message m) {
        if (m.op != 0x80 || m.data.length < 3 || m.data[0] != 0x07) {
            return error(m, ERR_ILLEGAL_OPERATION);
        }
        int n = m.data[2] & 0xff;
        if (n < 1 || n > 99) {
            return error(m, 0x0010);
        }
        return preset(m, n, m.data[1] == 0x04, m.data[1] == 0x05);
    }

    private RcpReply preset(Message m, int n, boolean store, boolean recall) {
        if (store) {
            head.store(n);
        } else if (recall) {
            head.recall(n); // a preset never stored leaves the dome where it is
        } else {
            return error(m, ERR_ILLEGAL_OPERATION);
        }
        return ok(m, new byte[0]);
    }

    /** Bit 7 is the direction (right / up / in), the low bits the speed (RCP+ 2.2). */
    private static int speed(byte b, int top) {
        int steps = Math.min(b & 0x0f, top);
        return (b & 0x80) != 0 ? steps : -steps;
    }

    private byte[] position(int object) {
        DomePosition p = head.position();
        int value = switch (object) {
            case 0x0112 -> (int) Math.round(Math.toRadians(p.pan()) * 10000);
            case 0x0113 -> (int) Math.round(Math.toRadians(p.tilt()) * 10000);
            default -> (int) Math.round(255 * Math.log(p.zoom()) / Math.log(PtzHead.ZOOM_MAX));
        };
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    private static RcpReply ok(Message m, byte[] data) {
        if (!m.wantsReply()) {
            return RcpReply.ok(new RcpValue.Bytes(new byte[0]));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(m.header);
        out.writeBytes(data);
        return RcpReply.ok(new RcpValue.Bytes(out.toByteArray()));
    }

    private static RcpReply error(Message m, int code) {
        if (!m.wantsReply()) {
            return RcpReply.fail(RcpError.COMMAND_SPECIFIC);
        }
        byte[] h = m.header.clone();
        h[h.length - 1] = 0x6F;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h);
        out.write(code >> 8);
        out.write(code);
        return RcpReply.ok(new RcpValue.Bytes(out.toByteArray()));
    }

    static Message parse(String payload) {
        String hex = payload == null ? "" : payload.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (hex.startsWith("0x")) {
            hex = hex.substring(2);
        }
        byte[] b = HexFormat.of().parseHex(hex);
        int at = 1;
        if (b.length > 0 && (b[0] & LEASE_FLAG) != 0) {
            at += 6; // lease time and id, meaning undocumented (RCP+ 2.1)
        }
        if (b.length < at + 5) {
            throw new IllegalArgumentException("a Bicom message needs flags, server, object and operation");
        }
        byte[] header = java.util.Arrays.copyOf(b, at + 5);
        byte[] data = java.util.Arrays.copyOfRange(b, at + 5, b.length);
        return new Message(header, b[0] & 0xff, u16(b, at), u16(b, at + 2), b[at + 4] & 0xff, data);
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
