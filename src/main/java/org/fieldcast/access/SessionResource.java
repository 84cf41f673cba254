package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.fieldcast.http.ApiError;
/** Logging in and out of the dashboard, and asking who is logged in. */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    SecurityContext security;

    @Inject
    LoginThrottles throttle;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    /** The body of a login. */
    public record LoginRequest(String username, String password) {
    }

    /** Who is calling; {@code csrfToken} is the value of {@code X-CSRF-Token} for their state-changing requests. */
    public record SessionView(String username, String kind, String role, List<String> sites, String csrfToken) {
        static SessionView of(Caller caller, String csrfToken) {
            return new SessionView(caller.getName(), caller.kind().id(), caller.role().id(),
                    caller.sites().stream().sorted().toList(), csrfToken);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in", description = "Starts a session (an HttpOnly, Secure, SameSite=Strict cookie) and answers"
            + " the CSRF token that its state-changing requests must send as X-CSRF-Token.")
    @APIResponse(responseCode = "200", description = "Logged in")
    @APIResponse(responseCode = "401", description = "Wrong user name or password")
    @APIResponse(responseCode = "429", description = "Too many failed logins for this name or address; Retry-After says how long to wait")
    public Response login(LoginRequest body) throws ServletException {
        if (body == null || body.username() == null || body.password() == null) {
            throw new AccessException(400, "a login needs \"username\" and \"password\"");
        }
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.waitFor(body.username(), address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            return Response.status(429).header("Retry-After", seconds).header("Cache-Control", "no-store")
                    .entity(new ApiError(429, "too many failed logins: try again in " + seconds + " s").toJson()).build();
        }
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(body.username(), new Password(body.password())))
                .newAuthentication(true));
        if (status == AuthenticationStatus.SUCCESS && request.getSession(false) != null
                && request.getSession(false).getAttribute(SessionLogin.ATTRIBUTE) instanceof SessionLogin login) {
            throttle.succeeded(body.username());
            audit.record(login.caller(), "login", null, null, null, address);
            return Response.ok(SessionView.of(login.caller(), login.csrfToken())).header("Cache-Control", "no-store").build();
        }
        throttle.failed(body.username(), address);
        audit.record(body.username(), "user", "login-failed", null, null, null, address);
        return Response.status(401).header("Cache-Control", "no-store")
                .entity(new ApiError(401, "wrong user name or password").toJson()).build();
    }

    @GET
    @Operation(summary = "Who is logged in", description = "The caller's name, role, sites and CSRF token; 401 for nobody.")
    public Response who() {
        if (!(request.getUserPrincipal() instanceof Caller caller)) {
            return Response.status(401).header("Cache-Control", "no-store")
                    .entity(new ApiError(401, "nobody is logged in").toJson()).build();
        }
        return Response.ok(SessionView.of(caller, (String) request.getAttribute(FieldcastAuthentication.CSRF_EXPECTED)))
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Operation(summary = "Log out", description = "Ends the session; needs X-CSRF-Token.")
    @APIResponse(responseCode = "204", description = "Logged out (also when nobody was)")
    public Response logout() throws ServletException {
        if (request.getUserPrincipal() instanceof Caller caller && caller.kind() != Caller.Kind.ANONYMOUS) {
            audit.record(caller, "logout", null, null, null, request.getRemoteAddr());
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        request.logout();
        return Response.noContent().build();
    }
}
