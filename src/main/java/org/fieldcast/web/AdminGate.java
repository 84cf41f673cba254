package org.fieldcast.web;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin token is checked before anything else happens to a request under {@code /api/admin}:
 * before matching (so a stranger cannot tell which admin methods or media types exist from 405s and
 * 415s) and before the body is read (so a stranger's body is never parsed). Every admin resource
 * lives under that path.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AdminGate implements ContainerRequestFilter {
    private static final RateLimitedLog LOG = new RateLimitedLog(Logger.getLogger(AdminGate.class.getName()));

    @Inject
    AdminToken admin;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!isAdminPath(request.getUriInfo().getPathSegments().stream().map(PathSegment::getPath).toList())) {
            return;
        }
        AdminToken.Refusal refused = admin.check(request.getHeaderString("Authorization"));
        if (refused == null) {
            return;
        }
        Response.ResponseBuilder answer = Response.status(refused.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").entity(new ApiError(refused.status(), refused.message()).toJson());
        if (refused.status() == 401) {
            answer.header("WWW-Authenticate", "Bearer realm=\"fieldcast-admin\"");
            LOG.log(Level.WARNING, "admin request without a valid token", request.getMethod() + " " + request.getUriInfo().getPath());
        }
        request.abortWith(answer.build());
    }

    /**
     * Decoded segments, without matrix parameters; empty and "." segments skipped, so neither
     * {@code //admin} nor {@code ./admin} nor {@code %61dmin} walks around the gate.
     */
    static boolean isAdminPath(List<String> segments) {
        return segments.stream().filter(s -> !s.isEmpty() && !s.equals(".")).findFirst().map("admin"::equals).orElse(false);
    }
}
