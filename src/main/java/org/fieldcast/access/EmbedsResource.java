package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.fieldcast.http.ApiError;
import org.fieldcast.station.StationDirectory;
/**
 * Embed grants: an admin makes, lists and revokes them; the embed page exchanges one for its cookie.
 * Who may call what is in {@link AccessRules}: everything here is the admin's, except the exchange.
 */
@Path("embeds")
@Produces(MediaType.APPLICATION_JSON)
public class EmbedsResource {
    /** A grant request is a few hundred bytes. */
    private static final int MAX_BODY = 16 * 1024;

    @Inject
    EmbedGrants grants;

    @Inject
    EmbedSettings settings;

    @Inject
    StationDirectory directory;

    @Inject
    AuditLog audit;

    @Context
    HttpServletRequest request;

    /** A grant just made: {@code url} (with the signed grant) is shown this once. */
    public record Created(String id, String url, Instant expiresAt) {
    }

    /** A grant as listed: never its signed token. */
    public record GrantView(String id, List<String> cameras, List<String> origins, boolean viewOnly, Instant expiresAt,
                            String createdBy, Instant createdAt, Instant revokedAt, String state) {
        static GrantView of(EmbedGrant g, Instant now) {
            String state = g.revokedAt() != null ? "revoked" : g.expiresAt().isAfter(now) ? "active" : "expired";
            return new GrantView(g.id(), g.cameras().stream().sorted().toList(), g.origins(), g.viewOnly(), g.expiresAt(),
                    g.createdBy(), g.createdAt(), g.revokedAt(), state);
        }
    }

    /** The body of an exchange. */
    public record Exchange(String grant) {
    }

    /** What the embed page learns of its grant; {@code csrfToken} goes in X-CSRF-Token of its PTZ requests. */
    public record EmbedSession(List<String> cameras, boolean viewOnly, Instant expiresAt, String csrfToken) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make an embed grant", description = "Body: {\"cameras\": [...], \"origins\": [\"https://ohvd.example\"],"
            + " \"expiresIn\": \"PT12H\" (or \"expiresAt\"), \"viewOnly\": true}. Answers the embed page's address with the signed"
            + " grant, shown only this once.")
    @APIResponse(responseCode = "201", description = "Made")
    @APIResponse(responseCode = "400", description = "An unknown camera, an origin that is not HTTPS, an expiry out of bounds")
    public Response create(InputStream body) throws IOException {
        Caller caller = (Caller) request.getUserPrincipal();
        EmbedRequest asked = EmbedRequest.parse(json(body), grants.now(), settings.maxLifetime(), settings.maxCameras(),
                camera -> directory.camera(camera).isPresent());
        EmbedGrants.Issued issued = grants.create(asked, caller);
        audit.record(caller, "embed-created", null, "embed:" + issued.grant().id(),
                "cameras " + issued.grant().cameras() + ", origins " + issued.grant().origins()
                        + ", until " + issued.grant().expiresAt() + (issued.grant().viewOnly() ? "" : ", may steer"),
                request.getRemoteAddr());
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(new Created(issued.grant().id(), "/embed.html?grant=" + issued.token(), issued.grant().expiresAt())).build();
    }

    @GET
    @Operation(summary = "Every embed grant", description = "Active, expired and revoked, newest first; never the signed grant.")
    public List<GrantView> list() {
        Instant now = grants.now();
        return grants.list().stream().map(g -> GrantView.of(g, now)).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an embed grant", description = "Its players stop within seconds.")
    @APIResponse(responseCode = "204", description = "Revoked (also when it already was)")
    @APIResponse(responseCode = "404", description = "No such grant")
    public Response revoke(@PathParam("id") String id) {
        EmbedGrant grant = grants.revoke(id).orElseThrow(() -> new AccessException(404, "no embed grant '" + clip(id) + "'"));
        audit.record((Caller) request.getUserPrincipal(), "embed-revoked", null, "embed:" + grant.id(), null, request.getRemoteAddr());
        return Response.noContent().build();
    }

    @POST
    @Path("session")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange an embed grant for its cookie", description = "Sets a partitioned, HttpOnly cookie that the"
            + " embedded player's requests carry, so no media address holds the grant.")
    @APIResponse(responseCode = "200", description = "The cookie is set")
    @APIResponse(responseCode = "401", description = "The grant is not valid: expired, revoked, or not signed here")
    public Response exchange(Exchange body) {
        GrantClaims grant = body == null ? null : grants.check(body.grant()).orElse(null);
        if (grant == null) {
            return Response.status(401).header("Cache-Control", "no-store")
                    .entity(new ApiError(401, "this embed grant is not valid: it expired, was revoked, or was not made here").toJson())
                    .build();
        }
        long maxAge = Math.max(1, Duration.between(grants.now(), grant.expiresAt()).toSeconds());
        // By hand: the Servlet Cookie API has no Partitioned. Partitioned (CHIPS): the browser keeps this
        // cookie for the embedding site only, so it works in a cross-site frame where third-party cookies
        // are blocked, and no other site that frames the player shares it.
        String cookie = EmbedGrants.COOKIE + "=" + body.grant() + "; Path=/; Max-Age=" + maxAge
                + "; Secure; HttpOnly; SameSite=None; Partitioned";
        return Response.ok(new EmbedSession(grant.cameras().stream().sorted().toList(), grant.viewOnly(), grant.expiresAt(),
                        grants.csrfToken(body.grant())))
                .header("Set-Cookie", cookie).header("Cache-Control", "no-store").build();
    }

    private static JsonObject json(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new AccessException(413, "a grant request has at most " + MAX_BODY + " bytes");
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new AccessException(400, "the request body must be a JSON object");
        }
    }

    private static String clip(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }
}
