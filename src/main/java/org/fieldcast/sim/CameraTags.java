package org.fieldcast.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The RCP+ tags of a one-line simulated camera (RCP+ sections 4 and 7). Values that no source pins
 * down are marked as chosen here.
 */
final class CameraTags {
    static final int CAMNAME = 0x0019;
    static final int UNIT_NAME = 0x0024;
    static final int SOFTWARE_VERSION = 0x002f;
    static final int MAC_ADDRESS = 0x00bc;
    static final int INPUT_PIN_STATE = 0x01c0;
    static final int RELAY_OUTPUT_STATE = 0x01c1;
    static final int VIDEO_ALARM_STATE = 0x01c2;
    static final int MOTION_ALARM_STATE = 0x01c3;
    static final int NBR_OF_VIDEO_IN = 0x01d6;
    static final int CPU_LOAD = 0x0a07;
    static final int PTZ_CONTROLLER_AVAILABLE = 0x0a51;
    static final int VIRTUAL_ALARM_STATE = 0x0a8b;
    static final int SOFTWARE_VERSION_FORMATTED = 0x0cd4;
    static final int CAPABILITY_LIST = 0xff10;

    /** Raw form of 7.83.0027: BVIP turns characters [4:6].[6:8].[0:4] into the dotted form (RCP+ 7). */
    static final String FIRMWARE_RAW = "00270783";
    static final String FIRMWARE = "7.83.0027";
    /** Four virtual inputs per device (RCP+ 4.1). */
    static final int VIRTUAL_ALARMS = 4;

    private CameraTags() {
    }

    static void register(RcpTagTable table, String cameraName, String cameraId, boolean ptz,
            FlagBank virtualAlarms, FlagBank inputs, FlagBank relays) {
        table.register(RcpTag.readOnly(UNIT_NAME, "UNIT_NAME", RcpType.P_UNICODE,
                num -> RcpReply.ok(new RcpValue.Text(cameraName))));
        table.register(RcpTag.readOnly(CAMNAME, "CAMNAME", RcpType.P_UNICODE,
                perLine(() -> new RcpValue.Text(cameraName))));
        table.register(RcpTag.readOnly(SOFTWARE_VERSION, "SOFTWARE_VERSION", RcpType.P_STRING,
                num -> RcpReply.ok(new RcpValue.Text(FIRMWARE_RAW))));
        table.register(RcpTag.readOnly(SOFTWARE_VERSION_FORMATTED, "SOFTWARE_VERSION_FORMATTED", RcpType.P_STRING,
                num -> RcpReply.ok(new RcpValue.Text(FIRMWARE))));
        table.register(RcpTag.readOnly(MAC_ADDRESS, "MAC_ADDRESS", RcpType.P_OCTET,
                num -> RcpReply.ok(new RcpValue.Bytes(macFor(cameraId)))));
        table.register(RcpTag.readOnly(NBR_OF_VIDEO_IN, "NBR_OF_VIDEO_IN", RcpType.T_DWORD,
                num -> RcpReply.ok(new RcpValue.Number(1))));
        // Chosen: a steady, plausible encoder load; the health probe only needs a number.
        table.register(RcpTag.readOnly(CPU_LOAD, "CPU_LOAD", RcpType.T_DWORD,
                num -> RcpReply.ok(new RcpValue.Number(15))));
        table.register(RcpTag.readOnly(PTZ_CONTROLLER_AVAILABLE, "PTZ_CONTROLLER_AVAILABLE", RcpType.F_FLAG,
                perLine(() -> RcpValue.flag(ptz))));
        table.register(RcpTag.readOnly(VIDEO_ALARM_STATE, "VIDEO_ALARM_STATE", RcpType.F_FLAG,
                perLine(() -> RcpValue.flag(false))));
        table.register(RcpTag.readOnly(MOTION_ALARM_STATE, "MOTION_ALARM_STATE", RcpType.F_FLAG,
                perLine(() -> RcpValue.flag(false))));
        table.register(RcpTag.readOnly(INPUT_PIN_STATE, "INPUT_PIN_STATE", RcpType.F_FLAG, flagReader(inputs)));
        table.register(RcpTag.readWrite(RELAY_OUTPUT_STATE, "RELAY_OUTPUT_STATE", RcpType.F_FLAG,
                flagReader(relays), flagWriter(relays)));
        table.register(RcpTag.readWrite(VIRTUAL_ALARM_STATE, "VIRTUAL_ALARM_STATE", RcpType.F_FLAG,
                flagReader(virtualAlarms), flagWriter(virtualAlarms)));
        table.register(RcpTag.readOnly(CAPABILITY_LIST, "CAPABILITY_LIST", RcpType.P_OCTET,
                num -> RcpReply.ok(new RcpValue.Bytes(capabilityList(inputs.count(), relays.count(), virtualAlarms.count())))));
    }

    /**
     * What a PTZ dome adds: the Bicom carrier 0x09A5, and a PTZ_CONTROLLER_AVAILABLE that follows
     * the "PTZ not available" fault switch.
     */
    static void registerPtz(RcpTagTable table, BicomTag bicom, BooleanSupplier ptzAvailable) {
        table.register(bicom.tag());
        table.register(RcpTag.readOnly(PTZ_CONTROLLER_AVAILABLE, "PTZ_CONTROLLER_AVAILABLE", RcpType.F_FLAG,
                perLine(() -> RcpValue.flag(ptzAvailable.getAsBoolean()))));
    }

    /**
     * This camera has one line. Which error a camera gives for another line is not documented
     * (RCP+ 4.1); 0x90 is chosen.
     */
    private static RcpTag.Read perLine(Supplier<RcpValue> line1) {
        return num -> num == 1 ? RcpReply.ok(line1.get()) : RcpReply.fail(RcpError.READ_NOT_SUPPORTED);
    }

    private static RcpTag.Read flagReader(FlagBank bank) {
        return num -> bank.inRange(num) ? RcpReply.ok(RcpValue.flag(bank.get(num))) : RcpReply.fail(RcpError.READ_NOT_SUPPORTED);
    }

    /** Accepts {@code 1}/{@code 0}, {@code 01}/{@code 00} and {@code 0x1}/{@code 0x0}, all seen in clients (RCP+ 4.1). */
    private static RcpTag.Write flagWriter(FlagBank bank) {
        return (num, payload) -> {
            if (!bank.inRange(num)) {
                return RcpReply.fail(RcpError.WRITE_ERROR);
            }
            if (payload == null || payload.isBlank()) {
                return RcpReply.fail(RcpError.PACKET_SIZE);
            }
            String p = payload.trim().toLowerCase(Locale.ROOT);
            p = p.startsWith("0x") ? p.substring(2) : p;
            if (!p.matches("0*[01]")) {
                return RcpReply.fail(RcpError.WRITE_ERROR);
            }
            bank.set(num, p.endsWith("1"));
            return RcpReply.ok(RcpValue.NONE);
        };
    }

    /** Capability list layout of RCP+ 7.3: one video encoder on input 1, then the I/O elements. */
    static byte[] capabilityList(int inputs, int relays, int virtualInputs) {
        int ioElements = inputs + relays + virtualInputs;
        int videoSize = 6 + 10;
        int ioSize = 6 + 4 * ioElements;
        ByteBuffer b = ByteBuffer.allocate(6 + videoSize + ioSize);
        b.putShort((short) 0xBABA).putShort((short) 1).putShort((short) 2);
        // Video section: type 1 encoder, id 1, compression H.264 | JPEG, input 1, resolution not stated.
        b.putShort((short) 1).putShort((short) videoSize).putShort((short) 1);
        b.putShort((short) 1).putShort((short) 1).putShort((short) (0x0004 | 0x0008)).putShort((short) 1).putShort((short) 0);
        // I/O section: 1 input, 2 relay, 3 virtual input; ids numbered as num counts them.
        b.putShort((short) 4).putShort((short) ioSize).putShort((short) ioElements);
        for (int i = 1; i <= inputs; i++) {
            b.putShort((short) 1).putShort((short) i);
        }
        for (int i = 1; i <= relays; i++) {
            b.putShort((short) 2).putShort((short) i);
        }
        for (int i = 1; i <= virtualInputs; i++) {
            b.putShort((short) 3).putShort((short) i);
        }
        return b.array();
    }

    /** A stable, locally administered address (first byte 0x02), so two simulated cameras differ. */
    static byte[] macFor(String cameraId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(cameraId.getBytes(StandardCharsets.UTF_8));
            return new byte[] {0x02, h[0], h[1], h[2], h[3], h[4]};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
