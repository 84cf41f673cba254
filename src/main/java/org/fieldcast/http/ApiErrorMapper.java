package org.fieldcast.http;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
/**
 * Translates exceptions into HTTP once, in one place, with the one {@link ApiError} shape. What a
 * client reads is never a stack trace or one of our class names; what the log gets is rate-limited,
 * since clients can cause errors at will.
 */
@Provider
public class ApiErrorMapper implements ExceptionMapper<Throwable> {
    private static final RateLimitedLog LOG = new RateLimitedLog(Logger.getLogger(ApiErrorMapper.class.getName()));
    /** A Java class, package or stack frame in a message: written for us, not for the client. */
    private static final Pattern INTERNAL = Pattern.compile(
            "\\b(java|javax|jakarta|jdk|sun)\\.[a-z]+\\.|\\borg\\.(fieldcast|eclipse|glassfish|jboss|h2|postgresql|flywaydb)\\."
                    + "|\\bfish\\.payara\\.|\\bcom\\.(sun|github)\\.|\\b[A-Z]\\w*(Exception|Error)\\b|\\tat |\\w\\$\\w");

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        int status = statusOf(e);
        if (status == 500) {
            LOG.log(Level.WARNING, "unexpected " + e.getClass().getName(), e.getMessage(), e);
        } else if (e instanceof BadInputException) {
            LOG.log(Level.INFO, "rejected request (" + status + ")", e.getMessage());
        }
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").entity(new ApiError(status, messageOf(e, status)).toJson());
        if (e instanceof WebApplicationException w) {
            // RFC 9110: a 405 lists the allowed methods, a 401 its challenge.
            for (String header : new String[] {"Allow", "WWW-Authenticate"}) {
                String value = w.getResponse().getHeaderString(header);
                if (value != null) {
                    answer.header(header, value);
                }
            }
        }
        return answer.build();
    }

    /** The HTTP status of an exception thrown inside a feature (also for WebSocket replies). */
    public static int statusOf(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof StatusException s) {
            return s.status(); // the feature says what its failure means: this mapper knows no feature
        } else if (e instanceof IllegalArgumentException) {
            return 400;
        } else if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return status >= 400 && status <= 599 ? status : 500;
        }
        return 500;
    }

    /**
     * What the error says: the exception's own message, except for unexpected errors, and except a
     * message written for programmers (naming a class or a package, such as the JDK's own
     * {@code No enum constant org...}), for which the client gets a plain word for the status.
     */
    public static String messageOf(Throwable thrown, int status) {
        String message = status == 500 ? null : unwrap(thrown).getMessage();
        return message == null || message.isBlank() || INTERNAL.matcher(message).find() ? plain(status) : message;
    }

    private static String plain(int status) {
        return switch (status) {
            case 400 -> "bad request";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "request too large";
            case 415 -> "unsupported content type";
            default -> status >= 500 ? "internal error; see the server log" : "request refused (" + status + ")";
        };
    }

    /**
     * Asynchronous resources fail with the feature's exception wrapped once or twice; a failed
     * entity read arrives wrapped by the JAX-RS runtime.
     */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || (t instanceof ProcessingException && t.getCause() instanceof BadInputException)) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
