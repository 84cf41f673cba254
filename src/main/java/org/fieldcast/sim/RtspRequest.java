package org.fieldcast.sim;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One parsed RTSP request. Header names are case-insensitive, as RFC 2326 says. */
record RtspRequest(String method, String uri, String version, Map<String, String> headers, byte[] body)
        implements RtspInbound {

    RtspRequest {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    String header(String name) {
        return headers.get(name);
    }

    /** The CSeq to echo; a response without it confuses every client. */
    String cseq() {
        String cseq = headers.get("CSeq");
        return cseq == null ? "0" : cseq.trim();
    }

    /** The session id without the {@code ;timeout=} suffix, or null. */
    String sessionId() {
        String s = headers.get("Session");
        if (s == null) {
            return null;
        }
        int semi = s.indexOf(';');
        return (semi < 0 ? s : s.substring(0, semi)).trim();
    }
}
