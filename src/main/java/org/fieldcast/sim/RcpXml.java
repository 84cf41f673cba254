package org.fieldcast.sim;

import java.util.HexFormat;
import java.util.Locale;

/**
 * Formats the {@code <rcp>} reply envelope of RCP+ over CGI (RCP+ 1.4), in the element order seen
 * from cameras, without an XML declaration. Results per type (RCP+ 1.3): numbers as
 * {@code <hex>}/{@code <dec>} with the type's hex width, P_OCTET as {@code <len>} plus spaced
 * lower-case hex, P_STRING as text, P_UNICODE as spaced hex of UTF-16BE ending {@code 00 00}.
 */
final class RcpXml {
    private RcpXml() {
    }

    /**
     * @param reply a success only when the request's type matched the tag's, so the request's type formats it
     * @param cltid the client id Bosch echoes; varies per request
     */
    static String format(RcpRequest request, RcpReply reply, AccessLevel level, int cltid) {
        int command = Math.max(request.command(), 0);
        StringBuilder x = new StringBuilder(512).append("<rcp>\n")
                .append("<command><hex>0x").append(hex(command, 4)).append("</hex><dec>").append(command).append("</dec></command>\n")
                .append("<type>").append(escape(request.typeText())).append("</type>\n")
                .append("<direction>").append(request.direction()).append("</direction>\n")
                .append("<num>").append(request.num()).append("</num>\n")
                .append(request.idstring() == null || request.idstring().isEmpty()
                        ? "<idstring />\n" : "<idstring>" + escape(request.idstring()) + "</idstring>\n")
                .append("<payload />\n")
                .append("<cltid>0x").append(hex(cltid & 0xffff, 4)).append("</cltid>\n")
                .append("<sessionid>0x00000000</sessionid>\n")
                .append("<auth>").append(level.code).append("</auth>\n")
                .append("<protocol>TCP</protocol>\n")
                .append("<result>").append(result(request.type(), reply)).append("</result>\n")
                .append("</rcp>\n");
        return x.toString();
    }

    static String result(RcpType type, RcpReply reply) {
        if (reply.failed()) {
            return "<err>0x" + hex(reply.error().code, 2) + "</err>";
        }
        RcpValue value = reply.value();
        if (value == RcpValue.NONE) {
            return "";
        }
        if (value instanceof RcpValue.Number n && type.numeric()) {
            long masked = type.hexDigits == 8 ? n.value() & 0xffffffffL : n.value();
            return "<hex>0x" + hex(masked, type.hexDigits) + "</hex><dec>" + n.value() + "</dec>";
        }
        if (value instanceof RcpValue.Text t) {
            return type == RcpType.P_UNICODE ? "<str>" + spacedHex(t.unicode()) + "</str>" : "<str>" + escape(t.text()) + "</str>";
        }
        if (value instanceof RcpValue.Bytes b) {
            return "<len>" + b.data().length + "</len><str>" + spacedHex(b.data()) + "</str>";
        }
        throw new IllegalArgumentException("value " + value + " does not fit type " + type);
    }

    static String spacedHex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static String hex(long value, int digits) {
        String h = Long.toHexString(value).toLowerCase(Locale.ROOT);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
