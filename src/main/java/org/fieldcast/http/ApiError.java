package org.fieldcast.http;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The one error shape of every Fieldcast endpoint: {@code {"status":404,"error":"no camera 'x'"}}. */
public record ApiError(int status, String error) {
    /** Messages may quote what the client sent (an id, a parameter): never echo more than a glance of it. */
    static final int MAX_ERROR = 300;

    public ApiError {
        if (error != null && error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR) + "…";
        }
    }

    public String toJson() {
        return Json.createObjectBuilder().add("status", status).add("error", error == null ? "" : error).build().toString();
    }

    /** For servlets, which answer outside JAX-RS. */
    public static void send(HttpServletResponse response, int status, String error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        // Not reset(): that would also drop the perimeter's security headers set before the servlet ran.
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(new ApiError(status, error).toJson());
    }
}
