package org.fieldcast.ptz.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fieldcast.ptz.AlarmState;
import org.fieldcast.ptz.CameraActions;
import org.fieldcast.ptz.PtzCameras;

/**
 * A camera's virtual alarms (virtual inputs, RCP+ 4.1): read, raise, clear, or raise for a moment.
 * The camera's alarm script decides what a raised alarm does (relays, recording).
 */
@Path("cameras/{id}/alarms")
@ApplicationScoped // no per-request state: one instance serves every request
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alarms", description = "Virtual alarms of Bosch cameras over RCP+ (tag 0x0a8b)")
@APIResponse(responseCode = "404", description = "No such camera")
@APIResponse(responseCode = "502", description = "The camera refused the command or could not be reached; the error says why")
@APIResponse(responseCode = "504", description = "The camera did not answer in time")
public class AlarmsResource {
    private static final int DEFAULT_PULSE_MS = 1000;

    @Inject
    PtzCameras cameras;

    @Inject
    CameraActions actions;

    @GET
    @Operation(summary = "Every virtual alarm of the camera with its state")
    public CompletionStage<List<AlarmState>> list(@PathParam("id") String id) {
        return cameras.any(id).alarms();
    }

    @GET
    @Path("{n}")
    @Operation(summary = "Read virtual alarm n")
    @APIResponse(responseCode = "400", description = "n is not an alarm of this camera")
    public CompletionStage<AlarmState> read(@PathParam("id") String id, @PathParam("n") String n) {
        return cameras.any(id).alarm(number(n));
    }

    @POST
    @Path("{n}/set")
    @Operation(summary = "Raise virtual alarm n")
    @APIResponse(responseCode = "400", description = "n is not an alarm of this camera")
    public CompletionStage<AlarmState> set(@PathParam("id") String id, @PathParam("n") String n,
            @Context HttpServletRequest request) {
        int alarm = number(n);
        CompletionStage<AlarmState> set = cameras.any(id).setAlarm(alarm, true);
        announce(id, "alarm-set", "alarm " + alarm, request);
        return set;
    }

    @POST
    @Path("{n}/clear")
    @Operation(summary = "Clear virtual alarm n")
    @APIResponse(responseCode = "400", description = "n is not an alarm of this camera")
    public CompletionStage<AlarmState> clear(@PathParam("id") String id, @PathParam("n") String n,
            @Context HttpServletRequest request) {
        int alarm = number(n);
        CompletionStage<AlarmState> cleared = cameras.any(id).setAlarm(alarm, false);
        announce(id, "alarm-clear", "alarm " + alarm, request);
        return cleared;
    }

    @POST
    @Path("{n}/pulse")
    @Operation(summary = "Raise virtual alarm n, and clear it again after a moment")
    @APIResponse(responseCode = "400", description = "n is not an alarm of this camera, or millis is outside 100..60000")
    public CompletionStage<AlarmState> pulse(@PathParam("id") String id, @PathParam("n") String n,
            @QueryParam("millis") @Parameter(description = "How long the alarm stays raised, 100..60000 ms, default 1000") String millis,
            @Context HttpServletRequest request) {
        int duration = RequestValues.integer("millis", millis, DEFAULT_PULSE_MS);
        int alarm = number(n);
        CompletionStage<AlarmState> pulsed = cameras.any(id).pulseAlarm(alarm, Duration.ofMillis(duration));
        announce(id, "alarm-pulse", "alarm " + alarm + " for " + duration + " ms", request);
        return pulsed;
    }

    /** Recorded once the command is queued: what was asked of the camera, whatever it answers. */
    private void announce(String id, String action, String detail, HttpServletRequest request) {
        actions.announce(id, action, detail, request.getUserPrincipal(), request.getRemoteAddr());
    }

    private static int number(String text) {
        return RequestValues.integer("alarm number", text, -1);
    }
}
