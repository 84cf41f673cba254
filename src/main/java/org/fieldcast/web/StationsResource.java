package org.fieldcast.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    public List<SiteSummary> sites() {
        return stations.sites();
    }

    @GET
    @Path("problems")
    @Operation(summary = "Problems with the station data that an operator has to fix")
    public List<StationProblem> problems() {
        return stations.problems();
    }
}
