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
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fieldcast.ptz.Bicom;
import org.fieldcast.ptz.CameraActions;
import org.fieldcast.ptz.MoveAccepted;
import org.fieldcast.ptz.PtzCameras;
import org.fieldcast.ptz.PtzCapabilities;
import org.fieldcast.ptz.PtzPosition;
import org.fieldcast.ptz.PtzVelocity;

/**
 * Steering a PTZ dome: held moves (leases), stop, presets, position and capabilities. Every
 * validation happens before anything is queued, so bad input never reaches the camera.
 */
@Path("cameras/{id}/ptz")
@ApplicationScoped // no per-request state: one instance serves every request
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "PTZ", description = "Pan, tilt, zoom and presets of PTZ domes over Bosch RCP+")
@APIResponse(responseCode = "404", description = "No such camera")
@APIResponse(responseCode = "409", description = "The camera is not a PTZ dome; nothing was sent to it")
@APIResponse(responseCode = "502", description = "The camera refused the command or could not be reached; the error says why")
@APIResponse(responseCode = "504", description = "The camera did not answer in time")
public class PtzResource {

    @Inject
    PtzCameras cameras;

    @Inject
    CameraActions actions;

    @POST
    @Path("move")
    @Operation(summary = "Start or renew a continuous move",
            description = "Speeds from -1 to 1 (pan: right positive; tilt: up positive; zoom: in positive) are mapped to"
                    + " Bosch's 15 pan/tilt and 7 zoom steps. The move is a lease: the camera is stopped unless the same"
                    + " request is repeated within leaseMillis (about 1 s). Repeating it with the same speeds sends"
                    + " nothing to the camera. All zeros stop.")
    @APIResponse(responseCode = "200", description = "The move runs; repeat within leaseMillis to keep it running")
    @APIResponse(responseCode = "400", description = "A speed outside -1..1 or not a number")
    public CompletionStage<MoveAccepted> move(@PathParam("id") String id,
            @QueryParam("pan") @Parameter(description = "-1 (left) .. 1 (right), default 0") String pan,
            @QueryParam("tilt") @Parameter(description = "-1 (down) .. 1 (up), default 0") String tilt,
            @QueryParam("zoom") @Parameter(description = "-1 (wide) .. 1 (tele), default 0") String zoom,
            @Context HttpServletRequest request) {
        PtzVelocity v = PtzVelocity.fromUnit(RequestValues.speed("pan", pan), RequestValues.speed("tilt", tilt),
                RequestValues.speed("zoom", zoom));
        if (v.isStop()) {
            return stop(id, request);
        }
        return cameras.ptz(id).move(v, null, () -> announce(id, "ptz-move", v.toString(), request));
    }

    @POST
    @Path("stop")
    @Operation(summary = "Stop pan, tilt and zoom now, whoever started them")
    public CompletionStage<MoveAccepted> stop(@PathParam("id") String id, @Context HttpServletRequest request) {
        CompletionStage<MoveAccepted> stopped = cameras.ptz(id).stop().thenApply(done -> MoveAccepted.of(PtzVelocity.STOP, 0));
        announce(id, "ptz-stop", null, request);
        return stopped;
    }

    @POST
    @Path("presets/{n}/recall")
    @Operation(summary = "Recall preset n (1..256)", description = "Bicom presets; cameras that refuse them get the legacy form (1..99).")
    @APIResponse(responseCode = "400", description = "n is not between 1 and 256")
    public CompletionStage<PresetDone> recall(@PathParam("id") String id, @PathParam("n") String n,
            @Context HttpServletRequest request) {
        int preset = presetNumber(n);
        CompletionStage<PresetDone> recalled = cameras.ptz(id).recallPreset(preset).thenApply(done -> new PresetDone(preset, "recalled"));
        announce(id, "preset-recall", "preset " + preset, request);
        return recalled;
    }

    @POST
    @Path("presets/{n}/store")
    @Operation(summary = "Store the current position as preset n (1..256)", description = "Overwrites the preset: ask the operator first.")
    @APIResponse(responseCode = "400", description = "n is not between 1 and 256")
    public CompletionStage<PresetDone> store(@PathParam("id") String id, @PathParam("n") String n,
            @Context HttpServletRequest request) {
        int preset = presetNumber(n);
        CompletionStage<PresetDone> stored = cameras.ptz(id).storePreset(preset).thenApply(done -> new PresetDone(preset, "stored"));
        announce(id, "preset-store", "preset " + preset, request);
        return stored;
    }

    @GET
    @Path("position")
    @Operation(summary = "Where the dome points now, in degrees")
    public CompletionStage<PtzPosition> position(@PathParam("id") String id) {
        return cameras.ptz(id).position();
    }

    @GET
    @Path("capabilities")
    @Operation(summary = "What the camera reports: PTZ present, presets, virtual alarms; and the move lease")
    public CompletionStage<PtzCapabilities> capabilities(@PathParam("id") String id) {
        return cameras.ptz(id).capabilities();
    }

    /** Recorded once the command is queued: what was asked of the camera, whatever it answers. */
    private void announce(String id, String action, String detail, HttpServletRequest request) {
        actions.announce(id, action, detail, request.getUserPrincipal(), request.getRemoteAddr());
    }

    private static int presetNumber(String text) {
        int n = RequestValues.integer("preset", text, -1);
        Bicom.presetObject(n); // validates 1..256 before anything is queued
        return n;
    }

    /** What a preset request did. */
    public record PresetDone(int preset, String action) {
    }
}
