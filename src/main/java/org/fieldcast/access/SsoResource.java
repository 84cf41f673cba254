package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Whether single sign-on is offered, for the login page's button. The login and the callback themselves
 * ({@value SsoSettings#LOGIN_PATH}, {@value SsoSettings#CALLBACK_PATH}) are answered by the authentication
 * mechanism before any resource, and are not found here when single sign-on is off.
 */
@Path("session/sso")
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {

    @Inject
    SingleSignOn sso;

    /** {@code {"enabled":true,"loginUrl":"/api/session/sso/login"}} or {@code {"enabled":false}}. */
    public record SsoView(boolean enabled, String loginUrl) {
    }

    @GET
    @Operation(summary = "Single sign-on offered?", description = "Whether logins through the configured OpenID Connect"
            + " provider are offered, and where a browser starts one (a GET that redirects to the provider).")
    public Response offer() {
        SsoView view = sso.enabled() ? new SsoView(true, SsoSettings.LOGIN_PATH) : new SsoView(false, null);
        return Response.ok(view).header("Cache-Control", "no-store").build();
    }
}
