package org.fieldcast.gateway.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.fieldcast.gateway.CameraRoutes;
import org.fieldcast.gateway.Endpoint;
import org.fieldcast.gateway.UnreachableCameraException;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.GatewayHop;
import org.fieldcast.station.PortProtocol;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.UnknownCameraException;
/**
 * How Fieldcast reaches a camera, for operators finding out why one does not answer: direct or
 * through which gateways, and the address and port it dials for each protocol. Never credentials.
 */
@Path("cameras/{id}/route")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CameraRoutesResource {

    @Inject
    StationDirectory stations;

    @Inject
    CameraRoutes routes;

    @GET
    @Operation(summary = "The camera's route: direct or through its gateways, and the endpoint dialled per protocol")
    public String route(@PathParam("id") String id) {
        CameraConfig camera = stations.camera(id).orElseThrow(() -> new UnknownCameraException(id));
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("camera", camera.id())
                .add("direct", routes.direct(camera))
                .add("gateways", Json.createArrayBuilder(camera.gateways().stream().map(GatewayHop::id).toList()));
        for (PortProtocol protocol : PortProtocol.values()) {
            if (camera.port(protocol) == 0) {
                continue;
            }
            try {
                Endpoint endpoint = routes.endpoint(camera, protocol);
                json.add(protocol.label(), Json.createObjectBuilder().add("host", endpoint.host()).add("port", endpoint.port()));
            } catch (UnreachableCameraException e) {
                json.add(protocol.label(), Json.createObjectBuilder().add("problem", e.getMessage()));
            }
        }
        return json.build().toString();
    }
}
