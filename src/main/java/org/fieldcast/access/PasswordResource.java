package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A logged-in user changes their own password, proving the current one first. */
@Path("session/password")
public class PasswordResource {

    @Inject
    UserAccounts accounts;

    @Inject
    LoginThrottles throttle;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    /** Far above two passwords of {@link UserAccounts#MAX_PASSWORD} characters. */
    private static final int MAX_BODY = 4096;

    /** The body {@code {"current": ..., "new": ...}} ("new" cannot name a record component, so it is read by hand). */
    record PasswordChange(String current, String next) {
        static PasswordChange parse(InputStream in) throws IOException {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new AccessException(413, "the request body is larger than " + MAX_BODY + " bytes");
            }
            try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
                JsonObject o = reader.readObject();
                if (!Set.of("current", "new").containsAll(o.keySet())
                        || !(o.get("current") instanceof JsonString current) || !(o.get("new") instanceof JsonString next)) {
                    throw new AccessException(400, "expected {\"current\": \"...\", \"new\": \"...\"}");
                }
                return new PasswordChange(current.getString(), next.getString());
            } catch (JsonException | IllegalStateException e) {
                throw new AccessException(400, "expected {\"current\": \"...\", \"new\": \"...\"}");
            }
        }

        @Override
        public String toString() {
            return "PasswordChange[...]";
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change one's own password", description = "{\"current\", \"new\"}; needs X-CSRF-Token.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "The new password is too short or too long")
    @APIResponse(responseCode = "403", description = "The current password is wrong, or the caller has no password here")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords for this name or address")
    public Response change(InputStream json) throws IOException {
        PasswordChange body = PasswordChange.parse(json);
        if (!(request.getUserPrincipal() instanceof Caller caller) || caller.kind() != Caller.Kind.USER) {
            throw new AccessException(403, "only an account of this server with a password can change it");
        }
        String address = request.getRemoteAddr();
        // A session left open must not become a way to guess the password at full speed.
        Optional<Duration> wait = throttle.waitFor(caller.getName(), address);
        if (wait.isPresent()) {
            throw new AccessException(429, "too many wrong passwords: try again in " + Math.max(1, wait.get().toSeconds()) + " s");
        }
        if (accounts.check(caller.getName(), body.current().toCharArray()).isEmpty()) {
            throttle.failed(caller.getName(), address);
            throw new AccessException(403, "the current password is wrong");
        }
        UserAccounts.checkPassword(body.next());
        accounts.changePassword(caller.getName(), body.next().toCharArray());
        // Every other session of this account ends at its next request; this one goes on.
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SessionLogin.ATTRIBUTE) instanceof SessionLogin login) {
            session.setAttribute(SessionLogin.ATTRIBUTE, login.renewed());
        }
        audit.record(caller, "password-changed", null, caller.getName(), null, address);
        return Response.noContent().build();
    }
}
