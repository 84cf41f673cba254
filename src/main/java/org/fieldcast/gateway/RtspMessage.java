package org.fieldcast.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One RTSP request or response as it crosses the proxy: the first line, the headers in their order,
 * the body. Mutable, because the proxy rewrites URLs, sequence numbers and authorization on the way.
 */
final class RtspMessage {

    private String firstLine;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;

    RtspMessage(String firstLine, List<String[]> headers, byte[] body) {
        this.firstLine = firstLine;
        headers.forEach(h -> this.headers.add(new String[] {h[0], h[1]}));
        this.body = body;
    }

    boolean isResponse() {
        return firstLine.startsWith("RTSP/");
    }

    /** Request method, e.g. {@code DESCRIBE}. */
    String method() {
        return firstLine.split(" ", 3)[0];
    }

    /** Request URI. */
    String uri() {
        String[] parts = firstLine.split(" ", 3);
        return parts.length > 1 ? parts[1] : "";
    }

    void setUri(String uri) {
        String[] parts = firstLine.split(" ", 3);
        firstLine = parts[0] + " " + uri + (parts.length > 2 ? " " + parts[2] : "");
    }

    /** Response status code; 0 when the line has none. */
    int status() {
        String[] parts = firstLine.split(" ", 3);
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    void setStatus(int status, String reason) {
        firstLine = "RTSP/1.0 " + status + " " + reason.replaceAll("[\\r\\n]", " ");
    }

    String header(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    List<String> headers(String name) {
        return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
    }

    /** Replaces every header of that name with one; a null value removes them. */
    void setHeader(String name, String value) {
        int at = -1;
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i)[0].equalsIgnoreCase(name)) {
                headers.remove(i);
                at = i;
            }
        }
        if (value != null) {
            headers.add(at < 0 ? headers.size() : at, new String[] {name, value});
        }
    }

    byte[] body() {
        return body;
    }

    void setBody(byte[] newBody) {
        body = newBody;
        if (header("Content-Length") != null || newBody.length > 0) {
            setHeader("Content-Length", Integer.toString(newBody.length));
        }
    }

    RtspMessage copy() {
        return new RtspMessage(firstLine, headers, body.clone());
    }

    byte[] toBytes() {
        StringBuilder head = new StringBuilder(firstLine).append("\r\n");
        headers.forEach(h -> head.append(h[0]).append(": ").append(h[1]).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        // The first line only: headers may carry Authorization.
        return "RtspMessage[" + firstLine + "]";
    }
}
