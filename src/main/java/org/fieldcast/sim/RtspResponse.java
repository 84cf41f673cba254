package org.fieldcast.sim;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RTSP response being built; {@link #toBytes(String)} adds the CSeq and the length. */
final class RtspResponse {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"),
            Map.entry(400, "Bad Request"),
            Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"),
            Map.entry(454, "Session Not Found"),
            Map.entry(455, "Method Not Valid in This State"),
            Map.entry(459, "Aggregate Operation Not Allowed"),
            Map.entry(461, "Unsupported Transport"),
            Map.entry(500, "Internal Server Error"),
            Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"));

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private RtspResponse(int status) {
        this.status = status;
    }

    static RtspResponse status(int status) {
        return new RtspResponse(status);
    }

    RtspResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    RtspResponse body(String contentType, String text) {
        headers.put("Content-Type", contentType);
        body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    int statusCode() {
        return status;
    }

    byte[] toBytes(String cseq) {
        StringBuilder head = new StringBuilder(256)
                .append("RTSP/1.0 ").append(status).append(' ').append(REASONS.getOrDefault(status, "Error")).append("\r\n")
                .append("CSeq: ").append(cseq).append("\r\n")
                .append("Server: Fieldcast simulated camera\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }
}
