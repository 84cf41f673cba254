package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The admin's API tokens for machine clients. A token's secret is in the answer that makes it, and never again. */
@Path("tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {
    private static final int MAX_NAME = 200;

    @Inject
    ApiTokens tokens;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    /** A new token: a name to recognise it by, its role, and the sites it is limited to (absent: every site). */
    public record NewToken(String name, String role, List<String> sites) {
    }

    /** The answer to making a token: the only time its secret is shown. */
    public record CreatedView(String id, String name, String role, List<String> sites, String secret, String createdAt) {
    }

    /** A token as listed: no secret. */
    @JsonbNillable
    public record TokenView(String id, String name, String role, List<String> sites, String createdBy, String createdAt,
                            String lastUsedAt, String revokedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.role().id(), List.copyOf(t.sites()), t.createdBy(), time(t.createdAt()),
                    time(t.lastUsedAt()), time(t.revokedAt()));
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an API token", description = "{\"name\", \"role\", \"sites\"?: [...]}; the answer holds"
            + " the secret, to send as Authorization: Bearer. It is shown this once: only its SHA-256 is kept.")
    @APIResponse(responseCode = "201", description = "Made; the answer holds the secret")
    @APIResponse(responseCode = "400", description = "A missing or too long name, a bad role or site")
    public Response create(NewToken body) {
        if (body == null || body.name() == null || body.name().isBlank() || body.name().length() > MAX_NAME
                || body.name().chars().anyMatch(Character::isISOControl)) {
            throw new AccessException(400, "a token needs \"name\": 1 to " + MAX_NAME + " printable characters");
        }
        if (body.role() == null) {
            throw new AccessException(400, "a token needs \"role\": viewer, operator or admin");
        }
        Role role = Role.parse(body.role());
        Set<String> sites = SiteList.fromRequest(body.sites());
        Caller admin = (Caller) request.getUserPrincipal();
        ApiTokens.Created created = tokens.create(body.name().strip(), role, sites, admin.getName());
        ApiToken t = created.token();
        audit.record(admin, "token-created", null, t.id(), t.name() + " (" + role.id() + ")", request.getRemoteAddr());
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(new CreatedView(t.id(), t.name(), role.id(), List.copyOf(sites), created.secret(), time(t.createdAt())))
                .build();
    }

    @GET
    @Operation(summary = "Every API token, newest first, revoked ones included; never a secret")
    public List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API token", description = "Refused at once on this server, within seconds on others.")
    @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
    @APIResponse(responseCode = "404", description = "No such token")
    public Response revoke(@PathParam("id") String id) {
        if (id.length() > 36) {
            throw new AccessException(404, "no token '" + id.substring(0, 36) + "…'");
        }
        ApiToken t = tokens.revoke(id).orElseThrow(() -> new AccessException(404, "no token '" + id + "'"));
        audit.record((Caller) request.getUserPrincipal(), "token-revoked", null, t.id(), t.name(), request.getRemoteAddr());
        return Response.noContent().build();
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
