package org.fieldcast.ptz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code rcp.xml} request (RCP+ 1.2): tag, data type, direction, line or input number, and for a
 * write the payload. Always states the direction: a camera reads when it is missing.
 *
 * @param num     1-based line, input or alarm number
 * @param payload as it goes on the wire (e.g. {@code 0x800006011085000000}, {@code 1}); null for a read
 */
public record RcpCommand(int tag, RcpType type, boolean write, int num, String payload) {

    /** CONF_BICOM_COMMAND, the carrier of every PTZ command (RCP+ 2.1). */
    public static final int BICOM = 0x09A5;
    /** CONF_VIRTUAL_ALARM_STATE, F_FLAG per virtual input (RCP+ 4.1). */
    public static final int VIRTUAL_ALARM_STATE = 0x0a8b;
    /** PTZ_CONTROLLER_AVAILABLE, F_FLAG per line (RCP+ 7). */
    public static final int PTZ_CONTROLLER_AVAILABLE = 0x0a51;
    /** CAPABILITY_LIST (RCP+ 7.3). */
    public static final int CAPABILITY_LIST = 0xff10;

    public RcpCommand {
        Objects.requireNonNull(type, "type");
        if (tag < 0 || tag > 0xffff) {
            throw new IllegalArgumentException("RCP+ tags are 16 bits: " + tag);
        }
        if (write && payload == null) {
            throw new IllegalArgumentException("a write needs a payload");
        }
    }

    public static RcpCommand read(int tag, RcpType type, int num) {
        return new RcpCommand(tag, type, false, num, null);
    }

    public static RcpCommand write(int tag, RcpType type, int num, String payload) {
        return new RcpCommand(tag, type, true, num, payload);
    }

    /** A Bicom message for camera line {@code num}: always WRITE and P_OCTET, even for a Get (RCP+ 1.2). */
    public static RcpCommand bicom(int num, byte[] message) {
        return write(BICOM, RcpType.P_OCTET, num, hexPayload(message));
    }

    /** F_FLAG write, {@code 1} or {@code 0} as RUSTVA and the RCP+ tech note send it. */
    public static RcpCommand flag(int tag, int num, boolean on) {
        return write(tag, RcpType.F_FLAG, num, on ? "1" : "0");
    }

    /** {@code 0x} and upper-case hex, as the worked examples write Bicom payloads. */
    public static String hexPayload(byte[] bytes) {
        return "0x" + HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /** The query string of {@code /rcp.xml}, e.g. {@code command=0x09A5&type=P_OCTET&direction=WRITE&num=1&payload=0x...}. */
    public String query() {
        StringBuilder q = new StringBuilder(96)
                .append("command=0x").append(String.format(Locale.ROOT, "%04X", tag))
                .append("&type=").append(type.name())
                .append("&direction=").append(write ? "WRITE" : "READ")
                .append("&num=").append(num);
        if (payload != null) {
            // Hex and numbers pass as they are; P_STRING text is URL-encoded as the Bosch UI does.
            q.append("&payload=").append(URLEncoder.encode(payload, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    /** For messages: {@code 0x09A5 WRITE num=1}. */
    public String describe() {
        return String.format(Locale.ROOT, "0x%04X %s num=%d", tag, write ? "WRITE" : "READ", num);
    }
}
