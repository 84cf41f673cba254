package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.ForeignSite;
import org.fieldcast.testing.LoggedIn;

/**
 * Embed grants end to end: an admin makes a grant, an OHVD page of another site (plain HTTP on another
 * port of 127.0.0.1, so cross-site to Fieldcast's HTTPS origin) frames the player in a real headless
 * Chromium, and the player plays on the partitioned cookie, with no grant in any media address. Refused:
 * another site's page, an expired grant, a revoked one (while it plays), and a camera outside the grant.
 * The server needs a login for everything ({@link FieldcastServer#LOGIN_REQUIRED}), so only the grant lets
 * the player in.
 */
class EmbedGrantsIT {
    private static final String CAMERA = "demo-fixed-1";
    private static final String OTHER_CAMERA = "demo-ptz-1";

    /**
     * Chromium as it is headed: third-party cookies blocked (headless Chromium allows them by default, where
     * any SameSite=None cookie would do). A partitioned cookie must still reach the cross-site frame.
     */
    private static final List<String> BLOCKING_THIRD_PARTY_COOKIES = List.of("--test-third-party-cookie-phaseout");

    private static FieldcastServer server;
    private static ForeignSite ohvd;
    private static ForeignSite stranger;
    private static LoggedIn admin;

    /** A grant as made: its id, and the embed page's address with the signed grant. */
    private record Grant(String id, String url) {
        String token() {
            return url.substring(url.indexOf("grant=") + "grant=".length());
        }

        String cookie() {
            return EmbedGrants.COOKIE + "=" + token();
        }
    }

    @BeforeAll
    static void start() throws IOException {
        ohvd = ForeignSite.start();
        stranger = ForeignSite.start();
        server = FieldcastServer.start(FieldcastServer.LOGIN_REQUIRED);
        admin = server.loginAsAdmin();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (ohvd != null) {
            ohvd.close();
        }
        if (stranger != null) {
            stranger.close();
        }
    }

    private static Grant grant(String camera, String expiresIn) throws IOException {
        return grant(camera, expiresIn, true);
    }

    private static Grant grant(String camera, String expiresIn, boolean viewOnly) throws IOException {
        HttpResponse<String> r = admin.post("/api/embeds", Json.createObjectBuilder()
                .add("cameras", Json.createArrayBuilder().add(camera)).add("origins", Json.createArrayBuilder().add(ohvd.originHeader()))
                .add("expiresIn", expiresIn).add("viewOnly", viewOnly).build().toString());
        assertEquals(201, r.statusCode(), r.body());
        JsonObject created = json(r.body());
        assertTrue(created.getString("url").startsWith("/embed.html?grant="), r.body());
        assertNotNull(created.getString("expiresAt"));
        return new Grant(created.getString("id"), created.getString("url"));
    }

    /** A page of this site that frames the player with the grant. */
    private static URI wall(ForeignSite site, Grant grant) {
        String embed = server.uri(grant.url().substring(1)).toString();
        return site.page("/wall-" + grant.id() + ".html",
                "<!DOCTYPE html><iframe id=\"player\" src=\"" + embed + "\" width=\"640\" height=\"360\"></iframe>");
    }

    @Test
    void theGrantsOriginFramesThePlayerWhichPlaysOnItsCookieWithNoGrantInAnyMediaAddress() throws Exception {
        Grant grant = grant(CAMERA, "PT1H");
        HttpResponse<String> page = LoggedIn.send(HttpRequest.newBuilder(server.uri(grant.url().substring(1))).build());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.endsWith("frame-ancestors " + ohvd.originHeader()), csp);
        assertTrue(page.headers().firstValue("X-Frame-Options").isEmpty());
        String plain = LoggedIn.send(HttpRequest.newBuilder(server.uri("embed.html?camera=" + CAMERA)).build())
                .headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(plain.endsWith("frame-ancestors 'self'"), "without a grant, the configured frame-ancestors: " + plain);

        try (Chromium chromium = Chromium.start(BLOCKING_THIRD_PARTY_COOKIES)) {
            chromium.driver().get(wall(ohvd, grant).toString());
            assertTrue(eventually(Duration.ofSeconds(40), () -> frameVideoTime(chromium) > 0.5),
                    "the embedded player plays inside the OHVD page: " + frameText(chromium));
            String address = (String) inFrame(chromium, "return location.href");
            assertFalse(address.contains("grant"), "the page dropped the grant from its address: " + address);
            assertTrue(address.endsWith("camera=" + CAMERA), address);
            @SuppressWarnings("unchecked")
            List<String> requests = (List<String>) inFrame(chromium,
                    "return performance.getEntriesByType('resource').map(e => e.name)");
            assertTrue(requests.stream().anyMatch(u -> u.contains("/hls/" + CAMERA + "/")), "the player loaded HLS: " + requests);
            for (String url : requests) {
                assertFalse(url.contains(grant.token()) || url.contains("grant"), "a request address with the grant: " + url);
            }

            chromium.driver().get(wall(stranger, grant).toString());
            Thread.sleep(2000);
            assertTrue(frameIsBlocked(chromium), "a site not in the grant cannot frame the player");
        }
    }

    @Test
    void theCookieIsPartitionedAndReachesOnlyTheGrantsCameras() throws Exception {
        Grant grant = grant(CAMERA, "PT1H");
        HttpResponse<String> exchange = exchange(grant);
        assertEquals(200, exchange.statusCode(), exchange.body());
        String setCookie = exchange.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(setCookie.startsWith(grant.cookie() + "; Path=/; Max-Age="), setCookie);
        for (String attribute : List.of("; Secure", "; HttpOnly", "; SameSite=None", "; Partitioned")) {
            assertTrue(setCookie.contains(attribute), attribute + " in " + setCookie);
        }
        JsonObject session = json(exchange.body());
        assertEquals(List.of(CAMERA), session.getJsonArray("cameras").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertTrue(session.getBoolean("viewOnly"));

        assertEquals(200, withCookie(grant, "hls/" + CAMERA + "/index.m3u8").statusCode());
        assertEquals(404, withCookie(grant, "hls/" + OTHER_CAMERA + "/index.m3u8").statusCode(), "a camera outside the grant");
        assertEquals(404, withCookie(grant, "mjpeg/" + OTHER_CAMERA + "/snapshot.jpg").statusCode());
        JsonArray cameras = Json.createReader(new StringReader(withCookie(grant, "api/cameras").body())).readArray();
        assertEquals(1, cameras.size(), "the grant lists its own camera only");
        assertEquals(CAMERA, cameras.getJsonObject(0).getString("id"));
        assertEquals(403, withCookie(grant, "api/embeds").statusCode(), "a grant is no admin");
        assertEquals(401, LoggedIn.send(HttpRequest.newBuilder(server.uri("hls/" + CAMERA + "/index.m3u8")).build()).statusCode(),
                "without the cookie, a login is needed");
    }

    @Test
    void anExpiredGrantNeitherFramesNorPlays() throws Exception {
        Grant grant = grant(CAMERA, "PT3S");
        Thread.sleep(3500);
        HttpResponse<String> exchange = exchange(grant);
        assertEquals(401, exchange.statusCode(), exchange.body());
        assertEquals(401, withCookie(grant, "hls/" + CAMERA + "/index.m3u8").statusCode());
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().get(wall(ohvd, grant).toString());
            Thread.sleep(3000);
            assertTrue(frameIsBlocked(chromium) || frameVideoTime(chromium) <= 0, "an expired grant plays nothing");
        }
    }

    @Test
    void aRevokedGrantStopsItsPlayingEmbedWithinSeconds() throws Exception {
        Grant grant = grant(CAMERA, "PT1H");
        try (Chromium chromium = Chromium.start()) {
            chromium.driver().get(wall(ohvd, grant).toString());
            assertTrue(eventually(Duration.ofSeconds(40), () -> frameVideoTime(chromium) > 0.5),
                    "the embed plays before the revocation: " + frameText(chromium));
            HttpResponse<String> revoked = admin.delete("/api/embeds/" + grant.id());
            assertEquals(204, revoked.statusCode(), revoked.body());
            long revokedAt = System.nanoTime();
            assertEquals(401, withCookie(grant, "hls/" + CAMERA + "/index.m3u8").statusCode(), "refused at once on this node");
            assertTrue(eventually(Duration.ofSeconds(15), () -> frameText(chromium).contains("no longer shared")),
                    "the embed says it stopped: " + frameText(chromium));
            double stoppedAt = frameVideoTime(chromium);
            Thread.sleep(2000);
            assertTrue(frameVideoTime(chromium) <= stoppedAt, "the video stopped");
            assertTrue(Duration.ofNanos(System.nanoTime() - revokedAt).toSeconds() < 15);
        }
        JsonObject listed = json("{\"grants\":" + admin.get("/api/embeds").body() + "}").getJsonArray("grants")
                .getValuesAs(JsonObject.class).stream().filter(g -> g.getString("id").equals(grant.id())).findFirst().orElseThrow();
        assertEquals("revoked", listed.getString("state"));
        assertFalse(listed.toString().contains(grant.token()), "the list never shows the signed grant");
        assertEquals(404, admin.delete("/api/embeds/no-such-grant").statusCode());
    }

    @Test
    void onlyAnAdminMakesGrantsAndMistakesAreNamed() throws Exception {
        String body = "{\"cameras\":[\"" + CAMERA + "\"],\"origins\":[\"https://ohvd.example\"],\"expiresIn\":\"PT1H\"}";
        HttpResponse<String> nobody = LoggedIn.send(HttpRequest.newBuilder(server.uri("api/embeds"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(401, nobody.statusCode(), nobody.body());
        HttpResponse<String> unknown = admin.post("/api/embeds", body.replace(CAMERA, "no-such-camera"));
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("no camera 'no-such-camera'"), unknown.body());
        HttpResponse<String> plainHttp = admin.post("/api/embeds", body.replace("https://ohvd.example", "http://ohvd.example"));
        assertEquals(400, plainHttp.statusCode(), plainHttp.body());
        HttpResponse<String> tooLong = admin.post("/api/embeds", body.replace("PT1H", "P3650D"));
        assertEquals(400, tooLong.statusCode(), tooLong.body());
    }

    /** A grant that may steer is an operator of its camera, and its state changes need its CSRF token. */
    @Test
    void aGrantThatMaySteerNeedsItsCsrfToken() throws Exception {
        Grant steering = grant(OTHER_CAMERA, "PT1H", false);
        String csrf = json(exchange(steering).body()).getString("csrfToken");
        String stop = "api/cameras/" + OTHER_CAMERA + "/ptz/stop";
        assertEquals(403, steer(steering, stop, null).statusCode(), "without the token");
        assertEquals(403, steer(steering, stop, "wrong").statusCode(), "with a wrong token");
        HttpResponse<String> steered = steer(steering, stop, csrf);
        assertTrue(steered.statusCode() / 100 == 2, steered.statusCode() + " " + steered.body());

        Grant watching = grant(OTHER_CAMERA, "PT1H", true);
        String watchingCsrf = json(exchange(watching).body()).getString("csrfToken");
        assertEquals(403, steer(watching, stop, watchingCsrf).statusCode(), "a view-only grant does not steer");
        assertEquals(403, steer(steering, stop, watchingCsrf).statusCode(), "another grant's token");
    }

    private static HttpResponse<String> steer(Grant grant, String path, String csrf) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", grant.cookie()).header("Origin", server.origin()).POST(HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return LoggedIn.send(b.build());
    }

    private static HttpResponse<String> exchange(Grant grant) throws IOException {
        return LoggedIn.send(HttpRequest.newBuilder(server.uri("api/embeds/session"))
                .header("Content-Type", "application/json").header("Origin", server.origin())
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant\":\"" + grant.token() + "\"}")).build());
    }

    private static HttpResponse<String> withCookie(Grant grant, String path) throws IOException {
        return LoggedIn.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30)).header("Cookie", grant.cookie()).build());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static Object inFrame(Chromium chromium, String script) {
        try {
            chromium.driver().switchTo().frame(chromium.driver().findElement(By.id("player")));
            return chromium.js(script);
        } finally {
            chromium.driver().switchTo().defaultContent();
        }
    }

    private static double frameVideoTime(Chromium chromium) {
        Object t = inFrame(chromium, "const v = document.querySelector('video'); return v ? v.currentTime : -1;");
        return t instanceof Number n ? n.doubleValue() : -1;
    }

    private static String frameText(Chromium chromium) {
        return String.valueOf(inFrame(chromium, "const m = document.querySelector('[data-message]'); return m ? m.textContent : '';"));
    }

    /** A frame whose document was refused shows Chromium's error page instead of ours. */
    private static boolean frameIsBlocked(Chromium chromium) {
        return !Boolean.TRUE.equals(inFrame(chromium, "return !!document.querySelector('[data-embed]');"));
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
