package org.fieldcast.camera;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cookies kept per camera endpoint: scheme, host and port. A camera's session cookie carries the
 * rights of the request that earned it (RCP+ 6.1: "keep the cookie"). The JDK's CookieManager
 * matches cookies by host alone, and cameras behind one gateway share its host, so one jar per port
 * keeps a camera's session from being offered to its neighbour.
 */
final class EndpointCookies extends CookieHandler {
    private final Map<String, CookieManager> jars = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
        return jar(uri).get(uri, requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        jar(uri).put(uri, responseHeaders);
    }

    private CookieManager jar(URI uri) {
        return jars.computeIfAbsent(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort(), endpoint -> new CookieManager());
    }
}
