package org.fieldcast.perimeter;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/**
 * The headers every answer carries. The pages load only their own scripts, styles and workers (no
 * inline code anywhere, so an injected string cannot run); media arrive through MSE as {@code blob:}
 * URLs; JPEG frames are drawn from {@code blob:} URLs; Bootstrap's icons are {@code data:} SVGs.
 * Only the embed page may be framed, and only by the configured origins.
 */
final class SecurityHeaders {
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; worker-src 'self'; "
            + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ";

    private final String framedNowhere;
    private final String embeddable;
    private final String hsts;

    SecurityHeaders(Origins frameAncestors, Duration hstsMaxAge) {
        this.framedNowhere = POLICY + "'none'";
        this.embeddable = POLICY + ("'self' " + frameAncestors.sourceList()).strip();
        this.hsts = hstsMaxAge.isZero() ? null : "max-age=" + hstsMaxAge.toSeconds();
    }

    /** The Content-Security-Policy for a path: the embed page may be framed, nothing else. */
    String policy(String path) {
        return isEmbedPage(path) ? embeddable : framedNowhere;
    }

    void apply(HttpServletResponse response, String path, boolean https, String host) {
        response.setHeader("Content-Security-Policy", policy(path));
        if (!isEmbedPage(path)) {
            response.setHeader("X-Frame-Options", "DENY"); // for browsers older than frame-ancestors
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        // No part of a Fieldcast address (camera ids, later embed grants) is sent to other sites.
        response.setHeader("Referrer-Policy", "no-referrer");
        // Another origin's page may not load our media or JSON as its own no-cors resource
        // (<img>, <video>, <script>); CORS reads for allowed origins are not affected.
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        // Browsers ignore HSTS from IP addresses; from localhost it would force HTTPS on every other
        // local development server of that browser, so it is not sent there either.
        if (https && hsts != null && !isLocalOrLiteral(host)) {
            response.setHeader("Strict-Transport-Security", hsts);
        }
    }

    static boolean isEmbedPage(String path) {
        return path.equals("/embed.html");
    }

    /** Per request, so no regular expression: a host of digits and dots is an IPv4 literal. */
    static boolean isLocalOrLiteral(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("[")) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
