package org.fieldcast.access;

import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The audit trail for the admin, newest first, a page at a time. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    @Inject
    AuditLog audit;

    /** One line of the trail. */
    @JsonbNillable
    public record EventView(long id, String at, String actor, String actorKind, String action, String camera, String target,
                            String detail, String address) {
        static EventView of(AuditEvent e) {
            return new EventView(e.id(), e.at().toInstant().toString(), e.actor(), e.actorKind(), e.action(), e.cameraId(),
                    e.target(), e.detail(), e.address());
        }
    }

    /** A page: {@code next} is the {@code before} of the following page, null after the oldest line. */
    @JsonbNillable
    public record Page(List<EventView> events, Long next) {
    }

    @GET
    @Operation(summary = "The audit trail, newest first: logins, account, token and grant changes, camera actions")
    @APIResponse(responseCode = "400", description = "before or limit is not a positive whole number")
    public Page read(@QueryParam("before") @Parameter(description = "Only lines older than this id (the previous page's next)") String before,
                     @QueryParam("limit") @Parameter(description = "Lines per page, 1..500, default 50") String limit,
                     @QueryParam("camera") @Parameter(description = "Only this camera's lines") String camera) {
        long beforeId = positive("before", before, Long.MAX_VALUE);
        int size = (int) positive("limit", limit, DEFAULT_LIMIT);
        if (size > MAX_LIMIT) {
            throw new AccessException(400, "limit is at most " + MAX_LIMIT);
        }
        List<AuditEvent> events = audit.page(beforeId, size + 1, camera == null || camera.isBlank() ? null : camera);
        List<EventView> page = events.stream().limit(size).map(EventView::of).toList();
        return new Page(page, events.size() > size ? page.get(page.size() - 1).id() : null);
    }

    private static long positive(String name, String text, long absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            long n = Long.parseLong(text.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new AccessException(400, name + " must be a positive whole number");
    }
}
