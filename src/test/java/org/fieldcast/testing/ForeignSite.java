package org.fieldcast.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A web site of another origin than Fieldcast (another port on 127.0.0.1), serving pages a test puts
 * there: an attacker's page that an operator happens to open, or an OHVD page that embeds the player.
 * Its pages run their own inline scripts: no policy of ours applies to them.
 */
public final class ForeignSite implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    private ForeignSite(HttpServer server) {
        this.server = server;
    }

    public static ForeignSite start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ForeignSite site = new ForeignSite(server);
            server.createContext("/", site::handle);
            server.start();
            return site;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves this HTML at the path (e.g. {@code /attack.html}) and returns its address. */
    public URI page(String path, String html) {
        pages.put(path, html);
        return origin().resolve(path);
    }

    /** {@code http://127.0.0.1:PORT/}: an origin of its own. */
    public URI origin() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The origin as a browser sends it in {@code Origin}. */
    public String originHeader() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String html = pages.get(exchange.getRequestURI().getPath());
        byte[] body = (html == null ? "not here" : html).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", html == null ? "text/plain" : "text/html; charset=utf-8");
        exchange.sendResponseHeaders(html == null ? 404 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
