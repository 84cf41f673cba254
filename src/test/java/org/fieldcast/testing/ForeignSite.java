package org.fieldcast.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A web site of another origin than Fieldcast (another port on 127.0.0.1), serving pages a test puts
 * there: an attacker's page that an operator happens to open, or an OHVD page that embeds the player.
 * Its pages run their own inline scripts: no policy of ours applies to them.
 */
public final class ForeignSite implements AutoCloseable {
    private static final char[] PASSWORD = "fieldcast-tests".toCharArray();
    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    private ForeignSite(HttpServer server) {
        this.server = server;
    }

    public static ForeignSite start() {
        try {
            return serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Over HTTPS with the tests' certificate: the same host and scheme as Fieldcast on another port, so
     * another origin but the same site, whose requests a browser sends with Fieldcast's SameSite=Strict
     * cookies. The hardest page of another origin: only the checks of Origin, CORS, CSRF token and
     * Cross-Origin-Resource-Policy stand between it and a logged-in session.
     */
    public static ForeignSite startHttps() {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(testCertificate()));
            return serve(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ForeignSite serve(HttpServer server) {
        ForeignSite site = new ForeignSite(server);
        server.createContext("/", site::handle);
        server.start();
        return site;
    }

    /** The test servers' certificate and key (see {@code FieldcastServer}), which the browser accepts. */
    private static SSLContext testCertificate() throws IOException {
        String keystore = System.getProperty("fieldcast.test-tls.keystore");
        if (keystore == null) {
            throw new IllegalStateException("no -Dfieldcast.test-tls.keystore: run this test through Maven");
        }
        try (InputStream in = Files.newInputStream(Path.of(keystore))) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the tests' certificate " + keystore, e);
        }
    }

    /** Serves this HTML at the path (e.g. {@code /attack.html}) and returns its address. */
    public URI page(String path, String html) {
        pages.put(path, html);
        return origin().resolve(path);
    }

    /** {@code http://127.0.0.1:PORT/} (or https): an origin of its own. */
    public URI origin() {
        return URI.create(originHeader() + "/");
    }

    /** The origin as a browser sends it in {@code Origin}. */
    public String originHeader() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
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
