package org.fieldcast.secret.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.fieldcast.http.JsonRecordReader;
import org.fieldcast.secret.CameraCredentials;
import org.fieldcast.secret.SecretException;
import org.fieldcast.secret.SiteKeys;
/**
 * Administration of camera secrets, for admins alone (the access table's rule, checked before a
 * request is matched or its body read): encrypting a camera password for a site (the value to store
 * in {@code camera.password_encrypted}), the state of the site keys, and wrapping them again after a
 * master-key rotation. Answers never hold a plain password.
 */
@Path("admin/secrets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "admin-token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "fieldcast.admin.token")
@SecurityRequirement(name = "admin-token")
public class SecretsResource {

    @Inject
    CameraCredentials credentials;

    @Inject
    SiteKeys siteKeys;

    /** The request body of {@code encrypt}, read strictly by {@link JsonRecordReader}. */
    public record EncryptRequest(String site, String password) {
        @Override
        public String toString() {
            return "EncryptRequest[site=" + site + "]";
        }
    }

    @POST
    @Path("encrypt")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Encrypt a camera password for a site: {\"site\",\"password\"} -> {\"site\",\"encryptedPassword\"}")
    public Response encrypt(EncryptRequest request) {
        return answer(() -> {
            if (request == null || request.site() == null || request.password() == null || request.password().isEmpty()) {
                throw new IllegalArgumentException("expected {\"site\": \"...\", \"password\": \"...\"}");
            }
            return Json.createObjectBuilder().add("site", request.site())
                    .add("encryptedPassword", credentials.encrypt(request.site(), request.password())).build();
        });
    }

    @GET
    @Operation(summary = "Which master key wraps how many site keys; site keys under a key not configured")
    public Response status() {
        return answer(() -> statusJson(siteKeys.status()).build());
    }

    @POST
    @Path("rewrap")
    @Operation(summary = "Wrap every site key with the current master key (master-key rotation)")
    public Response rewrap() {
        return answer(() -> {
            int done = siteKeys.rewrap();
            return statusJson(siteKeys.status()).add("rewrapped", done).build();
        });
    }

    private static Response answer(Supplier<JsonObject> work) {
        try {
            return Response.ok(work.get().toString(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
        } catch (SecretException e) {
            // A missing site or master key is the request's problem; the message names it and never a secret.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static JsonObjectBuilder statusJson(SiteKeys.Status status) {
        JsonObjectBuilder counts = Json.createObjectBuilder();
        status.siteKeysByMasterKey().forEach(counts::add);
        JsonObjectBuilder json = Json.createObjectBuilder().add("siteKeysByMasterKey", counts)
                .add("unknownMasterKeys", Json.createArrayBuilder(status.unknownMasterKeys()));
        return status.currentMasterKey() == null ? json.addNull("currentMasterKey")
                : json.add("currentMasterKey", status.currentMasterKey());
    }
}
