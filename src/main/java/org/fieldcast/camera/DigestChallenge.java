package org.fieldcast.camera;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP Digest challenge (RFC 7616) and the answer to it, MD5 with qop=auth as Bosch cameras ask.
 * Written here because the JDK's HttpClient supports Basic only; Digest is what current Bosch
 * firmware challenges with.
 */
public record DigestChallenge(String realm, String nonce, String opaque, String algorithm, boolean qopAuth) {
    /** Parses a {@code WWW-Authenticate: Digest ...} header value; null when it is not Digest. */
    public static DigestChallenge parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return null;
        }
        Map<String, String> params = parameters(header.substring(7));
        String qop = params.getOrDefault("qop", "");
        return new DigestChallenge(params.getOrDefault("realm", ""), params.get("nonce"), params.get("opaque"),
                params.getOrDefault("algorithm", "MD5"),
                Arrays.stream(qop.split(",")).anyMatch(q -> q.trim().equalsIgnoreCase("auth")));
    }

    /**
     * The {@code key=value, key="quoted, value"} pairs of a challenge or an answer (RFC 7616 3.3, 3.4),
     * keys in lower case; a backslash escapes the next character inside quotes.
     */
    public static Map<String, String> parameters(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                for (i++; i < n && s.charAt(i) != '"'; i++) {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(s.charAt(i));
                }
                i++;
            } else {
                for (; i < n && s.charAt(i) != ','; i++) {
                    value.append(s.charAt(i));
                }
            }
            out.put(key, value.toString().trim());
        }
        return out;
    }

    /**
     * The {@code Authorization} header value for one request.
     *
     * @param uri    the request-target: path and query, as on the request line
     * @param nc     the nonce count, 1 for the first use of this nonce
     * @param cnonce the client nonce
     */
    public String answer(String method, String uri, String user, String password, int nc, String cnonce) {
        if (!algorithm.equalsIgnoreCase("MD5")) {
            throw new CameraHttpException("the camera asks for Digest " + algorithm + "; only MD5 is supported");
        }
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String count = String.format("%08x", nc);
        String response = qopAuth ? md5(ha1 + ":" + nonce + ":" + count + ":" + cnonce + ":auth:" + ha2)
                : md5(ha1 + ":" + nonce + ":" + ha2);
        StringBuilder h = new StringBuilder("Digest username=\"").append(quote(user)).append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri))
                .append("\", algorithm=MD5, response=\"").append(response).append('"');
        if (qopAuth) {
            h.append(", qop=auth, nc=").append(count).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (opaque != null) {
            h.append(", opaque=\"").append(quote(opaque)).append('"');
        }
        return h.toString();
    }

    /** A quoted-string's value: a quote or backslash in a user name or realm must not end it early. */
    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
