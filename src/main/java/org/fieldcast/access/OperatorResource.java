package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.fieldcast.station.StationDirectory;
/** Who steered a camera last, so that a second operator sees someone else is at it. */
@Path("cameras/{id}/operator")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorResource {

    @Inject
    AuditLog audit;

    @Inject
    StationDirectory directory;

    /** The camera's last PTZ or alarm action. */
    public record LastAction(String actor, String action, String at) {
    }

    @GET
    @Operation(summary = "The camera's last PTZ or alarm action: who, what, when")
    @APIResponse(responseCode = "200", description = "The last action")
    @APIResponse(responseCode = "204", description = "Nobody has steered the camera (that the audit trail knows)")
    @APIResponse(responseCode = "404", description = "No such camera")
    public Response last(@PathParam("id") String id) {
        if (directory.camera(id).isEmpty()) {
            throw new AccessException(404, "no camera '" + id + "'");
        }
        return audit.lastOf(id, CameraActionAudit.ACTIONS)
                .map(e -> Response.ok(new LastAction(e.actor(), e.action(), e.at().toInstant().toString())))
                .orElseGet(Response::noContent)
                .header("Cache-Control", "no-store").build();
    }
}
