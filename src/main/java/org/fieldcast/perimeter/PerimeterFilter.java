package org.fieldcast.perimeter;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Every request to Fieldcast's own paths passes here first (pages, API, HLS, MJPEG and the WebSocket
 * handshakes: Payara's WebSocket filter is added after the application's own filters). In order:
 * <ol>
 *   <li>a request from a trusted proxy is seen as its client sent it ({@link ForwardedRequest});</li>
 *   <li>plain HTTP is redirected to HTTPS (GET and HEAD) or refused: nothing of Fieldcast travels
 *       unencrypted, except the probes {@code /health/live} and {@code /health/ready} of load balancers
 *       (they say only UP or DOWN);</li>
 *   <li>the security headers are set ({@link SecurityHeaders});</li>
 *   <li>CORS: only configured origins get {@code Access-Control-Allow-Origin}, never {@code *};</li>
 *   <li>a state-changing request or a WebSocket handshake that a browser sent from a page of another
 *       origin is refused (403), before any feature sees it. Browsers always send {@code Origin} on
 *       those; a request without it (and without a cross-site {@code Sec-Fetch-Site}) comes from a
 *       program, which no foreign page can drive.</li>
 * </ol>
 * Declared in web.xml, first of the filters. Servlet-level rather than per endpoint so that a new endpoint cannot forget it. Not done with a
 * {@code CONFIDENTIAL} security constraint, which would redirect as well, because the container would
 * then also have to believe {@code X-Forwarded-Proto} from any client, not only from trusted proxies.
 */
public class PerimeterFilter extends HttpFilter {
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Sec-Fetch-Site values of requests a page of this origin (or the user, typing) started. */
    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");
    private static final String CORS_METHODS = "GET, HEAD, POST, PUT, DELETE";
    private static final String CORS_HEADERS = "Content-Type, Authorization, X-CSRF-Token";
    /** What a load balancer may ask over plain HTTP. */
    private static final Set<String> PLAIN_PROBES = Set.of("/health/live", "/health/ready");

    @Inject
    PerimeterSettings settings;

    private SecurityHeaders headers;

    @Override
    public void init() {
        headers = new SecurityHeaders(settings.frameAncestors(), settings.hstsMaxAge());
    }

    @Override
    protected void doFilter(HttpServletRequest raw, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = settings.proxies().test(raw.getRemoteAddr()) ? new ForwardedRequest(raw, settings.proxies()) : raw;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        HostAndPort host = request instanceof ForwardedRequest ? new HostAndPort(request.getServerName(), request.getServerPort())
                : HostAndPort.parse(request.getHeader("Host"), request.getServerName(), request.getServerPort());
        if (!request.isSecure()) {
            if (PLAIN_PROBES.contains(path) && request.getMethod().equals("GET")) {
                headers.apply(response, path, false, host.host());
                chain.doFilter(request, response);
            } else {
                toHttps(request, response, host);
            }
            return;
        }
        headers.apply(response, path, true, host.host());
        String own = request.getScheme() + "://" + HostAndPort.authority(host.host(), host.port(), request.getScheme());
        String origin = request.getHeader("Origin");
        if (origin != null && settings.allowedOrigins().lists(origin)) {
            response.setHeader("Access-Control-Allow-Origin", Origins.normalize(origin.strip()));
            response.setHeader("Access-Control-Expose-Headers", "X-Frame-Time");
        }
        if (!settings.allowedOrigins().isEmpty()) {
            response.addHeader("Vary", "Origin"); // caches must not hand one origin's CORS answer to another
        }
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (method.equals("OPTIONS") && request.getHeader("Access-Control-Request-Method") != null) {
            preflight(response, origin);
            return;
        }
        if ((STATE_CHANGING.contains(method) || isWebSocketHandshake(request)) && !fromOwnPages(request, origin, own)) {
            refuse(response, 403, "cross-origin request refused: " + (origin != null ? "Origin " + quoted(origin)
                    : "Sec-Fetch-Site " + quoted(request.getHeader("Sec-Fetch-Site")))
                    + " is not this server (" + quoted(own) + ") or an allowed origin");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean fromOwnPages(HttpServletRequest request, String origin, String own) {
        if (origin != null) {
            return settings.allowedOrigins().admits(origin, own);
        }
        String site = request.getHeader("Sec-Fetch-Site");
        return site == null || OWN_FETCH_SITES.contains(site.strip().toLowerCase(Locale.ROOT));
    }

    /** CORS preflight: allowed origins may send what the API takes; others get no CORS headers. */
    private void preflight(HttpServletResponse response, String origin) throws IOException {
        if (origin == null || !settings.allowedOrigins().lists(origin)) {
            refuse(response, 403, "cross-origin requests are allowed only from the configured origins");
            return;
        }
        response.setHeader("Access-Control-Allow-Methods", CORS_METHODS);
        response.setHeader("Access-Control-Allow-Headers", CORS_HEADERS);
        response.setHeader("Access-Control-Max-Age", "600");
        response.setStatus(204);
    }

    /** GET and HEAD move to the same address over HTTPS; anything else was already sent in the clear. */
    private void toHttps(HttpServletRequest request, HttpServletResponse response, HostAndPort host) throws IOException {
        String target = "https://" + HostAndPort.authority(host.host(), settings.redirectPort(), "https") + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if ((method.equals("GET") || method.equals("HEAD")) && !isWebSocketHandshake(request)) {
            response.setStatus(308); // permanent, and the method is kept
            response.setHeader("Location", target);
            response.setContentLength(0);
        } else {
            refuse(response, 403, "Fieldcast answers this only over HTTPS: " + target);
        }
    }

    /** A header as the client sent it, cut short: an error must not echo whatever a client puts there. */
    private static String quoted(String header) {
        String h = header.strip();
        return h.length() <= 80 ? h : h.substring(0, 80) + "...";
    }

    private static boolean isWebSocketHandshake(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.strip().equalsIgnoreCase("websocket");
    }

    /** The one error shape ({@code web.ApiError}), written here because this package sits below {@code web}. */
    private static void refuse(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(Json.createObjectBuilder().add("status", status).add("error", error).build().toString());
    }
}
