package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.fieldcast.http.ApiError;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.StationDirectory;
/**
 * What the caller {@link FieldcastAuthentication} established may do: the {@link AccessRules} table
 * for every path (pages, API, HLS, MJPEG, WebSocket handshakes, the container's metrics and OpenAPI),
 * and the CSRF token on every state-changing request that rides on a cookie.
 * <p>
 * Declared in web.xml, right after the perimeter's filter: a plain-HTTP request is redirected before
 * anyone is asked to log in, and a refusal still carries the perimeter's headers.
 */
public class AccessFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Logging in (again) and exchanging an embed grant come before there is a token to echo. */
    private static final Set<String> WITHOUT_CSRF = Set.of("/api/session", "/api/embeds/session");
    static final String CSRF_HEADER = "X-CSRF-Token";

    @Inject
    transient StationDirectory directory;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = pathOf(request);
        Caller caller = request.getUserPrincipal() instanceof Caller c ? c : null;
        AccessRules.Decision decision = AccessRules.decide(request.getMethod(), path, caller,
                camera -> directory.camera(camera).map(CameraConfig::siteId));
        if (!decision.allowed()) {
            if (request.getAttribute(FieldcastAuthentication.INVALID_TOKEN) != null) {
                // RFC 6750 section 3: the challenge names the scheme and why.
                response.setHeader("WWW-Authenticate", "Bearer realm=\"fieldcast\", error=\"invalid_token\"");
                ApiError.send(response, 401, "the bearer token is not valid (unknown, revoked or malformed)");
                return;
            }
            ApiError.send(response, decision.status(), decision.message());
            return;
        }
        if (caller != null && STATE_CHANGING.contains(request.getMethod()) && ridesOnCookie(caller)
                && !(WITHOUT_CSRF.contains(path) && "POST".equals(request.getMethod()))
                && !Secrets.same((String) request.getAttribute(FieldcastAuthentication.CSRF_EXPECTED), request.getHeader(CSRF_HEADER))) {
            ApiError.send(response, 403, "this request needs the header " + CSRF_HEADER + " with the token of the login");
            return;
        }
        chain.doFilter(request, response);
    }

    /** A browser adds cookies to requests that other pages start; a bearer token it never adds by itself. */
    private static boolean ridesOnCookie(Caller caller) {
        return caller.kind() == Caller.Kind.USER || caller.kind() == Caller.Kind.SSO || caller.kind() == Caller.Kind.EMBED;
    }

    /** The decoded path inside the application, without repeated slashes. */
    static String pathOf(HttpServletRequest request) {
        String servlet = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = (servlet + info).replaceAll("/{2,}", "/");
        return path.isEmpty() ? "/" : path;
    }
}
