package org.fieldcast.ptz;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Digest challenge from a camera's {@code WWW-Authenticate} and the answer to it, RFC 7616 with
 * MD5 and {@code qop=auth}, which is what Bosch firmware offers (RCP+ 6.2). Written here because the
 * JDK's HTTP client answers only Basic challenges, and only through a global {@code Authenticator}.
 */
public record DigestChallenge(String realm, String nonce, String opaque, boolean qopAuth) {

    /** The Digest challenge among the header values, if any offers MD5 (or names no algorithm, which means MD5). */
    public static Optional<DigestChallenge> find(Iterable<String> wwwAuthenticate) {
        for (String value : wwwAuthenticate) {
            if (value.regionMatches(true, 0, "Digest ", 0, 7)) {
                Map<String, String> p = parameters(value.substring(7));
                String algorithm = p.getOrDefault("algorithm", "MD5");
                if (!"MD5".equalsIgnoreCase(algorithm) || p.get("nonce") == null) {
                    continue;
                }
                String qop = p.get("qop");
                boolean auth = qop != null && java.util.Arrays.stream(qop.split(","))
                        .anyMatch(q -> q.trim().equalsIgnoreCase("auth"));
                return Optional.of(new DigestChallenge(p.getOrDefault("realm", ""), p.get("nonce"), p.get("opaque"), auth));
            }
        }
        return Optional.empty();
    }

    /** True when one of the values is a Basic challenge. */
    public static boolean offersBasic(Iterable<String> wwwAuthenticate) {
        for (String value : wwwAuthenticate) {
            if (value.regionMatches(true, 0, "Basic", 0, 5)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code Authorization} value for one request.
     *
     * @param uri    the request target exactly as sent (path and query)
     * @param nc     the nonce count, 1 for the first use of this nonce
     * @param cnonce a fresh client nonce
     */
    public String authorization(String username, String password, String method, String uri, int nc, String cnonce) {
        // One implementation of the RFC 7616 answer, shared with snapshots and the NAT proxy.
        return new org.fieldcast.camera.DigestChallenge(realm, nonce, opaque, "MD5", qopAuth)
                .answer(method, uri, username, password, nc, cnonce);
    }

    /** {@code key=value, key="quoted, value"}; keys in lower case. */
    static Map<String, String> parameters(String s) {
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
}
