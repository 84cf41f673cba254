package org.fieldcast.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldcast.http.BadInputException;

/**
 * A body sent to an endpoint that takes none is refused (400) instead of silently ignored: a
 * client that sends one believes it is saying something, and the container would otherwise read
 * and drop whatever size it is. Runs after matching, so it knows the resource method.
 */
@Provider
public class RequestBodyFilter implements ContainerRequestFilter {
    private final Map<Method, Boolean> takesBody = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method != null && hasBody(request.getLength(), request.getHeaderString("Transfer-Encoding"))
                && !takesBody.computeIfAbsent(method, RequestBodyFilter::takesBody)) {
            throw new BadInputException(400, "this endpoint takes no request body");
        }
    }

    /** From the headers alone: peeking at the stream could block on a slow client. */
    static boolean hasBody(int contentLength, String transferEncoding) {
        return contentLength > 0 || (contentLength < 0 && transferEncoding != null);
    }

    /** JAX-RS passes the body as the one parameter without a JAX-RS annotation (@PathParam, @Context...). */
    static boolean takesBody(Method method) {
        for (Parameter p : method.getParameters()) {
            if (Arrays.stream(p.getAnnotations()).noneMatch(a -> a.annotationType().getPackageName().startsWith("jakarta.ws.rs"))) {
                return true;
            }
        }
        return false;
    }
}
