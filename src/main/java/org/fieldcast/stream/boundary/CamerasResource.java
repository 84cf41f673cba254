package org.fieldcast.stream.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraScope;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.UnknownCameraException;
import org.fieldcast.stream.CameraStream;
import org.fieldcast.stream.CameraStreams;
/** The cameras of every site with their stream state and stream URLs. */
@Path("cameras")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CamerasResource {

    @Inject
    StationDirectory stations;

    @Inject
    CameraStreams streams;

    @GET
    @Operation(summary = "All cameras, by site, with state and stream URLs (never credentials)")
    public List<CameraView> list(@Context SecurityContext caller) {
        CameraScope scope = CameraScope.of(caller.getUserPrincipal());
        return stations.cameras().stream().filter(scope::sees).map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One camera")
    public CameraView get(@PathParam("id") String id) {
        return stations.camera(id).map(this::view).orElseThrow(() -> new UnknownCameraException(id));
    }

    private CameraView view(CameraConfig c) {
        return CameraView.of(c, streams.status(c.id()).orElse(null),
                streams.existing(c.id()).flatMap(CameraStream::audio).orElse(null), streams.owner(c.id()).orElse(null));
    }
}
