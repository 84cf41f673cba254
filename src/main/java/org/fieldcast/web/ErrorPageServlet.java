package org.fieldcast.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fieldcast.http.ApiError;

/**
 * The container's error pages in the one error shape: a 404 of the static pages, a 405 of a servlet
 * asked with the wrong method, a 500 of an exception that escaped. Payara's own HTML page names the
 * server, and for a 500 the exception. {@code webapp/WEB-INF/web.xml} points its error pages here.
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {
    static final String PATH = "/error";

    /** Every method: an error dispatch keeps the failed request's method, and a PUT must not meet a 405 here. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getDispatcherType() != DispatcherType.ERROR
                || !(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)) {
            ApiError.send(response, 404, messageFor(404, request.getMethod()));
            return;
        }
        int shown = shownStatus(status);
        ApiError.send(response, shown, messageFor(shown, request.getMethod()));
    }

    /**
     * HttpServlet answers a method it does not know (PATCH, FOO) with 501, as if the server knew
     * none; for a path that exists and takes other methods that is a 405.
     */
    static int shownStatus(int status) {
        return status == 501 ? 405 : status < 400 || status > 599 ? 500 : status;
    }

    /** Our own words: the container's message may name an exception. */
    static String messageFor(int status, String method) {
        return switch (status) {
            case 400 -> "bad request";
            case 404 -> "not found";
            case 405 -> "method " + (method == null || !method.matches("[A-Z]{1,12}") ? "" : method + " ") + "not allowed here";
            case 413 -> "request too large";
            case 414 -> "request URI too long";
            case 415 -> "unsupported content type";
            case 503 -> "service unavailable";
            default -> status >= 500 ? "internal error; see the server log" : "request refused (" + status + ")";
        };
    }
}
