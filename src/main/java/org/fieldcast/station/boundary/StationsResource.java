package org.fieldcast.station.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.fieldcast.station.CameraScope;
import org.fieldcast.station.SiteSummary;
import org.fieldcast.station.StationDirectory;
import org.fieldcast.station.StationProblem;
/** Sites, and what is wrong with the station data (skipped file entries, bad rows, an unreachable database). */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StationsResource {

    @Inject
    StationDirectory stations;

    @GET
    @Path("sites")
    @Operation(summary = "All sites with their number of cameras")
    public List<SiteSummary> sites(@Context SecurityContext caller) {
        CameraScope scope = CameraScope.of(caller.getUserPrincipal());
        java.util.Set<String> visible = stations.cameras().stream().filter(scope::sees)
                .map(org.fieldcast.station.CameraConfig::siteId).collect(java.util.stream.Collectors.toSet());
        return stations.sites().stream().filter(s -> visible.contains(s.id())).toList();
    }

    @GET
    @Path("problems")
    @Operation(summary = "Problems with the station data that an operator has to fix")
    public List<StationProblem> problems() {
        return stations.problems();
    }
}
