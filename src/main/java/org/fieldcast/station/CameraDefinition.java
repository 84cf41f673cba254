package org.fieldcast.station;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a station file entry or a database row says about one camera, before it is trusted.
 * Both sources are written by people or other systems, so both go through {@link #violations()}.
 * Holds the password, so {@link #toString()} leaves it out.
 */
record CameraDefinition(
        String id,
        String name,
        CameraType type,
        String model,
        String host,
        int rtspPort,
        int httpPort,
        int httpsPort,
        String tlsFingerprint,
        String rtspPath,
        AuthMode authMode,
        String username,
        String password,
        String encryptedPassword,
        String gatewayId,
        boolean enabled,
        boolean alwaysOn,
        VideoMode videoMode,
        AudioMode audioMode,
        String substreamPath) {

    /** Ids appear in URLs and file names: lower case, digits and dashes, at most 64 characters. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    static final CameraType DEFAULT_TYPE = CameraType.FIXED;
    static final int DEFAULT_RTSP_PORT = 554;
    static final int DEFAULT_HTTP_PORT = 80;
    /** Bosch cameras serve their first encoder stream here. */
    static final String DEFAULT_RTSP_PATH = "/?inst=1";
    static final AuthMode DEFAULT_AUTH = AuthMode.NONE;
    static final VideoMode DEFAULT_VIDEO = VideoMode.COPY;
    static final AudioMode DEFAULT_AUDIO = AudioMode.AUTO;

    /** Column sizes of V1__stations.sql: a longer value would fail the whole import's transaction. */
    static final int NAME_MAX = 200;
    static final int HOST_MAX = 255;
    static final int PATH_MAX = 1024;
    static final int CREDENTIAL_MAX = 255;
    /** V3: room for a 255-character password, encrypted and in base64. */
    static final int ENCRYPTED_MAX = 2048;
    /** SHA-256 in hex, as {@code openssl x509 -fingerprint -sha256} prints it (colons optional). */
    static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    /** One rule a field breaks. */
    record Violation(String field, String message) {
    }

    /** Every rule this definition breaks; empty when the camera can be streamed. */
    List<Violation> violations() {
        List<Violation> found = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            found.add(new Violation("id", "id must match " + ID.pattern() + ", was " + quoted(id)));
        }
        if (name == null || name.isBlank()) {
            found.add(new Violation("name", "name must not be empty"));
        }
        if (type == null) {
            found.add(new Violation("type", "type must be one of FIXED, PTZ"));
        }
        if (host == null || host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            found.add(new Violation("host", "host must be non-empty and without spaces, was " + quoted(host)));
        }
        checkPort("rtspPort", rtspPort, found);
        checkPort("httpPort", httpPort, found);
        if (httpsPort != 0) {
            checkPort("httpsPort", httpsPort, found);
        }
        if (tlsFingerprint != null && !FINGERPRINT.matcher(tlsFingerprint).matches()) {
            found.add(new Violation("tlsFingerprint", "tlsFingerprint must be a SHA-256 in hex (64 digits, colons allowed), was "
                    + quoted(tlsFingerprint)));
        }
        if (rtspPath == null || !rtspPath.startsWith("/")) {
            found.add(new Violation("rtspPath", "rtspPath must start with '/', was " + quoted(rtspPath)));
        }
        if (substreamPath != null && !substreamPath.startsWith("/")) {
            found.add(new Violation("substreamPath", "substreamPath must start with '/', was " + quoted(substreamPath)));
        }
        if (authMode == null) {
            found.add(new Violation("auth", "auth must be one of NONE, BASIC, DIGEST"));
        } else if (authMode != AuthMode.NONE && (username == null || username.isEmpty())) {
            found.add(new Violation("username", "username is required when auth is " + authMode));
        }
        checkLength("name", name, NAME_MAX, found);
        checkLength("model", model, NAME_MAX, found);
        checkLength("host", host, HOST_MAX, found);
        checkLength("rtspPath", rtspPath, PATH_MAX, found);
        checkLength("substreamPath", substreamPath, PATH_MAX, found);
        checkLength("username", username, CREDENTIAL_MAX, found);
        checkLength("password", password, CREDENTIAL_MAX, found);
        checkLength("encryptedPassword", encryptedPassword, ENCRYPTED_MAX, found);
        if (password != null && encryptedPassword != null) {
            found.add(new Violation("password", "password and encryptedPassword are both set; keep only encryptedPassword"));
        }
        if (gatewayId != null && !ID.matcher(gatewayId).matches()) {
            found.add(new Violation("gateway", "gateway must match " + ID.pattern() + ", was " + quoted(gatewayId)));
        }
        return found;
    }

    /** A fingerprint as people paste it ({@code AB:CD:...}) in the one form stored and compared. */
    static String normalisedFingerprint(String value) {
        return value == null || value.isBlank() ? null : value.replace(":", "").strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** No substream is said with the field left out or empty: both store null. */
    static String normalisedSubstream(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** The message gives the length only, never the value: the field may be the password. */
    static void checkLength(String field, String value, int max, List<Violation> found) {
        if (value != null && value.length() > max) {
            found.add(new Violation(field, field + " must be at most " + max + " characters, was " + value.length()));
        }
    }

    /**
     * The trusted snapshot the streams use; call only when {@link #violations()} is empty.
     *
     * @param gateways the camera's gateways, innermost first, already checked
     */
    CameraConfig toConfig(String siteId, String siteName, List<GatewayHop> gateways) {
        return new CameraConfig(id, name, siteId, siteName, type, model, host, rtspPort, httpPort, httpsPort, tlsFingerprint, rtspPath,
                authMode, username, password, enabled, alwaysOn, encryptedPassword, gateways, videoMode, audioMode, substreamPath);
    }

    private static void checkPort(String field, int port, List<Violation> found) {
        if (port < 1 || port > 65535) {
            found.add(new Violation(field, field + " must be 1..65535, was " + port));
        }
    }

    /** A value for a message, cut short so a pasted blob cannot flood the log. */
    static String quoted(String value) {
        if (value == null) {
            return "nothing";
        }
        return "'" + (value.length() > 80 ? value.substring(0, 77) + "..." : value) + "'";
    }

    @Override
    public String toString() {
        // Records print every component; this one must never print the password.
        return "CameraDefinition[id=" + id + ", host=" + host + ", rtspPort=" + rtspPort + ", auth=" + authMode
                + ", gateway=" + gatewayId + "]";
    }
}
