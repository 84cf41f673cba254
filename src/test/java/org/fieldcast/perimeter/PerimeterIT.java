package org.fieldcast.perimeter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.AttackPage;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.ForeignSite;
import org.fieldcast.testing.SimulatedSiteServer;

/**
 * The perimeter of a real Fieldcast, tried as a hostile page and a hostile client on the same network
 * would: over HTTPS with HTTP/2, against a simulated PTZ dome in this JVM whose request trace shows
 * whether anything reached it. Two other origins are served by the test: an attacker's page and an
 * OHVD page, the one origin configured as allowed (CORS, WebSockets, framing the embed page).
 */
class PerimeterIT {
    private static final String CAMERA = "perim-ptz";
    /** A TLS-terminating proxy in front of Fieldcast: another loopback address the test binds to. */
    private static final String PROXY = "127.0.0.2";

    private static ForeignSite attacker;
    private static ForeignSite ohvd;
    private static SimulatedSiteServer site;
    private static FieldcastServer server;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        attacker = ForeignSite.start();
        ohvd = ForeignSite.start();
        site = SimulatedSiteServer.start("perimeter", List.of(SimulatedCameraSpec.of(CAMERA, "Perimeter dome", true)
                .withPicture(320, 180, 25, 300)), Map.of(
                "FIELDCAST_HTTP_ALLOWED_ORIGINS", ohvd.originHeader(),
                "FIELDCAST_EMBED_FRAME_ANCESTORS", ohvd.originHeader(),
                "FIELDCAST_HTTP_TRUSTED_PROXIES", PROXY));
        server = site.server();
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (attacker != null) {
            attacker.close();
        }
        if (ohvd != null) {
            ohvd.close();
        }
    }

    private static SimulatedCamera camera() {
        return site.camera(0);
    }

    @Test
    void everyPageAndEndpointCarriesTheSecurityHeadersOverHttp2() throws Exception {
        for (String path : List.of("", "index.html", "embed.html?camera=" + CAMERA, "js/dashboard.js", "css/fieldcast.css",
                "api/cameras", "api/sites", "api/problems", "api/cameras/nope", "hls/" + CAMERA + "/index.m3u8",
                "hls/nope/index.m3u8", "mjpeg/nope/snapshot.jpg", "openapi", "metrics", "health/ready", "no-such-page", "error")) {
            HttpResponse<String> r = get(server.uri(path), Map.of());
            assertEquals(HttpClient.Version.HTTP_2, r.version(), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse(null);
            assertNotNull(csp, path + " has a Content-Security-Policy");
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), path + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), path);
            assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), path + " grants no CORS without an allowed Origin");
            if (path.equals("error")) {
                assertEquals(404, r.statusCode(), "the error page target answers nothing asked directly: " + r.body());
            }
            if (path.startsWith("embed.html")) {
                assertTrue(csp.endsWith("frame-ancestors 'self' " + ohvd.originHeader()), csp);
                assertTrue(r.headers().firstValue("X-Frame-Options").isEmpty());
            } else {
                assertTrue(csp.endsWith("frame-ancestors 'none'"), path + ": " + csp);
                assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null), path);
            }
        }
    }

    @Test
    void plainHttpRedirectsToHttpsAndServesOnlyTheHealthProbes() throws Exception {
        HttpResponse<String> page = get(server.plainUri("api/cameras?site=x"), Map.of());
        assertEquals(308, page.statusCode());
        assertEquals(server.uri("api/cameras?site=x").toString(), page.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> post = send(HttpRequest.newBuilder(server.plainUri("api/cameras/" + CAMERA + "/alarms/1/set"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, post.statusCode());
        assertTrue(post.body().startsWith("{\"status\":403,"), post.body());
        assertFalse(camera().virtualAlarm(1), "a plain-HTTP write reached the camera");
        for (String probe : List.of("health/live", "health/ready")) {
            HttpResponse<String> r = get(server.plainUri(probe), Map.of());
            assertEquals(200, r.statusCode(), probe);
            assertTrue(r.body().contains("\"status\":\"UP\""), r.body());
            assertFalse(r.body().contains("jdbc") || r.body().contains("/"), probe + " says only UP or DOWN: " + r.body());
        }
        assertEquals(308, get(server.plainUri("metrics"), Map.of()).statusCode(), "metrics are no health probe");
    }

    @Test
    void webSocketHandshakesFromForeignPagesAreRefusedOnEverySocket() {
        for (String path : List.of("ws/health", "ws/frames", "ws/mse", "ws/cameras/" + CAMERA + "/ptz")) {
            assertEquals(403, handshake(path, attacker.originHeader()), path + " from a foreign page");
            assertEquals(403, handshake(path, "null"), path + " from a sandboxed page");
            assertEquals(101, handshake(path, server.origin()), path + " from Fieldcast's own pages");
            assertEquals(101, handshake(path, ohvd.originHeader()), path + " from the allowed origin");
            assertEquals(101, handshake(path, null), path + " from a program (no Origin)");
        }
    }

    @Test
    void crossOriginReadsAreGrantedOnlyToTheAllowedOrigin() throws Exception {
        HttpResponse<String> allowed = get(server.uri("api/cameras"), Map.of("Origin", ohvd.originHeader()));
        assertEquals(ohvd.originHeader(), allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(allowed.headers().allValues("Vary").contains("Origin"));
        HttpResponse<String> foreign = get(server.uri("api/cameras"), Map.of("Origin", attacker.originHeader()));
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

        HttpResponse<String> preflight = send(HttpRequest.newBuilder(server.uri("api/cameras/" + CAMERA + "/ptz/stop"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ohvd.originHeader())
                .header("Access-Control-Request-Method", "POST").build());
        assertEquals(204, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        HttpResponse<String> refused = send(HttpRequest.newBuilder(server.uri("api/cameras/" + CAMERA + "/ptz/stop"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", attacker.originHeader())
                .header("Access-Control-Request-Method", "POST").build());
        assertEquals(403, refused.statusCode());
    }

    /**
     * An operator's browser opens a foreign page, which tries every way to steer the camera, raise an
     * alarm or read the video. Nothing may reach the camera. The same request from the allowed origin
     * does reach it, so the check can fail.
     */
    @Test
    void aForeignPageInTheOperatorsBrowserCannotSteerRaiseOrRead() throws Exception {
        int before = camera().rcpTrace().size();
        String base = server.uri("").toString();
        URI attack = attacker.page("/attack.html", AttackPage.html(base, CAMERA));
        URI allowed = ohvd.page("/control.html", """
                <!DOCTYPE html><html><body><script>
                  window.results = {};
                  fetch('%1$sapi/cameras/%2$s/alarms/2/set', { method: 'POST' })
                    .then((r) => { window.results.alarm = r.status; }, () => { window.results.alarm = 'failed'; });
                </script></body></html>
                """.formatted(base, CAMERA));
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().get(attack.toString());
            Map<String, String> results = AttackPage.awaitResults(chromium, Duration.ofSeconds(15));
            assertEquals("blocked", results.get("read"), results.toString());
            assertEquals("blocked", results.get("hls"), results.toString());
            assertEquals("refused", results.get("ws"), results.toString());
            assertEquals("blocked", results.get("img"), "Cross-Origin-Resource-Policy keeps the picture from a foreign page: " + results);
            Thread.sleep(1500); // anything that got through would have reached the camera by now
            assertEquals(List.of(), camera().rcpTrace().subList(before, camera().rcpTrace().size()), "nothing reached the camera");
            assertFalse(camera().virtualAlarm(1));
            assertFalse(camera().ptzMoving());

            chromium.driver().get(allowed.toString());
            assertTrue(eventually(Duration.ofSeconds(15), () -> camera().virtualAlarm(2)),
                    "the allowed origin's request reaches the camera: " + results(chromium));
        } finally {
            send(HttpRequest.newBuilder(server.uri("api/cameras/" + CAMERA + "/alarms/2/clear")).POST(HttpRequest.BodyPublishers.noBody()).build());
        }
    }

    /** The OHVD page frames the player; a foreign page cannot, and nobody frames the dashboard. */
    @Test
    void onlyTheAllowedOriginFramesTheEmbedPage() throws Exception {
        String embed = server.uri("embed.html?camera=" + CAMERA).toString();
        URI ohvdPage = ohvd.page("/wall.html", "<!DOCTYPE html><iframe id=\"player\" src=\"" + embed + "\" width=\"640\" height=\"360\"></iframe>"
                + "<iframe id=\"dashboard\" src=\"" + server.uri("") + "\"></iframe>");
        URI attackerPage = attacker.page("/frame.html", "<!DOCTYPE html><iframe id=\"player\" src=\"" + embed + "\"></iframe>");
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().get(ohvdPage.toString());
            assertTrue(eventually(Duration.ofSeconds(30), () -> frameVideoTime(chromium, "player") > 0.5),
                    "the embedded player plays inside the OHVD page");
            assertTrue(frameIsBlocked(chromium, "dashboard"), "the dashboard refuses to be framed");
            chromium.driver().get(attackerPage.toString());
            Thread.sleep(2000);
            assertTrue(frameIsBlocked(chromium, "player"), "a foreign page cannot frame the player");
        }
    }

    /** Every resource of the dashboard comes over one HTTP/2 connection, as Chromium reports it. */
    @Test
    void theDashboardIsServedOverHttp2() throws Exception {
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().get(server.uri("").toString());
            // Grid tiles play MSE over the page's one socket where they can; this tile plays LL-HLS, so that
            // media requests (playlists, parts) are among what must come over the one HTTP/2 connection.
            chromium.js("localStorage.setItem('fieldcast.view." + CAMERA + "', 'hls')");
            chromium.driver().navigate().refresh();
            assertTrue(eventually(Duration.ofSeconds(20), () -> ((Number) chromium.js(
                    "return performance.getEntriesByType('resource').filter(e => e.name.includes('/hls/')).length")).intValue() > 0),
                    "the dashboard's players loaded HLS");
            @SuppressWarnings("unchecked")
            List<String> protocols = (List<String>) chromium.js("return performance.getEntriesByType('navigation')"
                    + ".concat(performance.getEntriesByType('resource')).map(e => e.nextHopProtocol)");
            assertFalse(protocols.isEmpty());
            assertEquals(List.of("h2"), protocols.stream().distinct().toList(), "protocols: " + protocols);
        }
    }

    /** curl, an independent client, negotiates HTTP/2 over TLS against the certificate it is given. */
    @Test
    void curlNegotiatesHttp2() throws Exception {
        Path certificate = Path.of(System.getProperty("fieldcast.test-tls.keystore")).resolveSibling("server.crt");
        Process curl = new ProcessBuilder("curl", "-sS", "--http2", "--cacert", certificate.toString(), "-o", "/dev/null",
                "-w", "%{http_version} %{http_code}", server.uri("api/cameras").toString()).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertEquals("2 200", out.strip());
    }

    /**
     * Behind a TLS-terminating proxy: its plain-HTTP requests are served and its forwarded headers
     * believed (HSTS for the public name, the client's origin); the same headers from anyone else are not.
     */
    @Test
    void forwardedHeadersAreBelievedOnlyFromTheTrustedProxy() throws Exception {
        String forwarded = "X-Forwarded-Proto: https\r\nX-Forwarded-Host: fieldcast.example\r\nX-Forwarded-For: 198.51.100.20\r\n";
        String viaProxy = raw(PROXY, "GET /api/cameras HTTP/1.1\r\nHost: 127.0.0.1\r\n" + forwarded + "Connection: close\r\n\r\n");
        assertTrue(viaProxy.startsWith("HTTP/1.1 200"), viaProxy);
        assertTrue(viaProxy.contains("Strict-Transport-Security: max-age=31536000"), "HSTS for the public name: " + viaProxy);
        String spoofed = raw("127.0.0.1", "GET /api/cameras HTTP/1.1\r\nHost: 127.0.0.1\r\n" + forwarded + "Connection: close\r\n\r\n");
        assertTrue(spoofed.startsWith("HTTP/1.1 308"), "forwarded headers from a client are ignored: " + spoofed);

        String post = "POST /api/cameras/" + CAMERA + "/alarms/3/set HTTP/1.1\r\nHost: 127.0.0.1\r\n" + forwarded
                + "Content-Length: 0\r\nConnection: close\r\nOrigin: ";
        assertTrue(raw(PROXY, post + "https://evil.example\r\n\r\n").startsWith("HTTP/1.1 403"));
        assertFalse(camera().virtualAlarm(3));
        String own = raw(PROXY, post + "https://fieldcast.example\r\n\r\n");
        assertTrue(own.startsWith("HTTP/1.1 200"), "the public origin is this server's own: " + own);
        assertTrue(camera().virtualAlarm(3));
        send(HttpRequest.newBuilder(server.uri("api/cameras/" + CAMERA + "/alarms/3/clear")).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String raw(String fromAddress, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(fromAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", server.plainUri("").getPort()), 5000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The handshake's status: 101 when the socket opened. */
    private static int handshake(String path, String origin) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
            b.header("Origin", origin);
        }
        URI ws = URI.create(server.uri(path).toString().replaceFirst("^http", "ws"));
        try {
            WebSocket socket = b.buildAsync(ws, new WebSocket.Listener() { }).join();
            socket.abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static String results(Chromium chromium) {
        Object r = chromium.js("return JSON.stringify(window.results || {})");
        return String.valueOf(r);
    }

    private static double frameVideoTime(Chromium chromium, String frameId) {
        try {
            WebElement frame = chromium.driver().findElement(By.id(frameId));
            chromium.driver().switchTo().frame(frame);
            Object t = chromium.js("const v = document.querySelector('video'); return v ? v.currentTime : -1;");
            return t instanceof Number n ? n.doubleValue() : -1;
        } finally {
            chromium.driver().switchTo().defaultContent();
        }
    }

    /** A frame whose document was refused shows Chromium's error page instead of ours. */
    private static boolean frameIsBlocked(Chromium chromium, String frameId) {
        try {
            chromium.driver().switchTo().frame(chromium.driver().findElement(By.id(frameId)));
            Object hasOurs = chromium.js("return !!document.querySelector('[data-embed], [data-grid], main');");
            return !Boolean.TRUE.equals(hasOurs);
        } finally {
            chromium.driver().switchTo().defaultContent();
        }
    }

    private static HttpResponse<String> get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean eventually(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }
}
