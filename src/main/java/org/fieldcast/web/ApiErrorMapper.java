package org.fieldcast.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fieldcast.gateway.UnreachableCameraException;
import org.fieldcast.ptz.CameraBusyException;
import org.fieldcast.ptz.CameraException;
import org.fieldcast.ptz.CameraTimeoutException;
import org.fieldcast.ptz.MoveLimitException;
import org.fieldcast.ptz.NoPtzException;
import org.fieldcast.secret.SecretException;
import org.fieldcast.stream.StreamUnavailableException;
import org.fieldcast.stream.UnknownCameraException;

/** Translates exceptions into HTTP once, in one place, with the one {@link ApiError} shape. */
@Provider
public class ApiErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ApiErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        int status = statusOf(e);
        if (status == 500) {
            LOG.log(Level.WARNING, "unexpected error", e);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(status, messageOf(e, status)).toJson()).build();
    }

    /** The HTTP status of an exception thrown inside a feature (also for WebSocket replies). */
    public static int statusOf(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof UnknownCameraException) {
            return 404;
        } else if (e instanceof StreamUnavailableException || e instanceof CameraBusyException) {
            return 503;
        } else if (e instanceof NoPtzException || e instanceof MoveLimitException) {
            return 409;
        } else if (e instanceof CameraTimeoutException) {
            return 504;
        } else if (e instanceof CameraException || e instanceof UnreachableCameraException || e instanceof SecretException) {
            return 502; // Fieldcast is the gateway to the camera, which failed or cannot be reached as configured
        } else if (e instanceof IllegalArgumentException) {
            return 400;
        } else if (e instanceof WebApplicationException w) {
            return w.getResponse().getStatus();
        }
        return 500;
    }

    /** What the error says: the exception's own message, except for unexpected ones. */
    public static String messageOf(Throwable thrown, int status) {
        return status == 500 ? "internal error; see the server log" : unwrap(thrown).getMessage();
    }

    /** Asynchronous resources fail with the feature's exception wrapped once or twice. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
