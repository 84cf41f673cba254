package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.OpenIdProvider;

/**
 * Single sign-on in a real Chromium against a real OpenID Connect provider (mock-oauth2-server on
 * 127.0.0.1, plain HTTP: another site than the server's HTTPS origin, so its redirect back is cross-site,
 * as with a real provider). The server needs a login for everything.
 */
class SingleSignOnIT {
    private static final String STATIONS = """
            {"sites":[
              {"id":"north","name":"North ridge","cameras":[
                {"id":"north-1","name":"North gate","type":"FIXED","host":"127.0.0.1","rtspPort":9,"httpPort":9,"rtspPath":"/"}]},
              {"id":"south","name":"South valley","cameras":[
                {"id":"south-1","name":"South gate","type":"FIXED","host":"127.0.0.1","rtspPort":9,"httpPort":9,"rtspPath":"/"}]}
            ]}
            """;
    private static final int PROVIDER_PORT = FieldcastServer.freePort();

    private static FieldcastServer server;
    private static OpenIdProvider provider;
    private static HttpResponse<String> loginWhileProviderAway;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> settings = new HashMap<>(FieldcastServer.LOGIN_REQUIRED);
        settings.put("FIELDCAST_SSO_PROVIDER_URI", "http://127.0.0.1:" + PROVIDER_PORT + "/" + OpenIdProvider.ISSUER_ID);
        settings.put("FIELDCAST_SSO_CLIENT_ID", "fieldcast-test");
        // A secret "${not-an-expression}": escaped for MicroProfile Config (whose ${...} names another
        // setting), and then it must reach the platform's OpenID mechanism as itself, not evaluated as EL.
        settings.put("FIELDCAST_SSO_CLIENT_SECRET", "\\${not-an-expression}");
        settings.put("FIELDCAST_SSO_ROLE_CLAIM", "groups");
        settings.put("FIELDCAST_SSO_ROLES_STAFF", "viewer");
        settings.put("FIELDCAST_SSO_ROLES_CAM_OPS", "operator");
        server = FieldcastServer.onStations(STATIONS, settings);
        // Before the provider runs: the first login meets a provider that is away.
        loginWhileProviderAway = server.get("api/session/sso/login");
        provider = OpenIdProvider.start(PROVIDER_PORT);
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Server and provider share the host 127.0.0.1, so one call forgets the cookies of both. */
    @BeforeEach
    void forgetCookies() {
        chromium.driver().get(server.uri("favicon.svg").toString());
        chromium.driver().manage().deleteAllCookies();
    }

    @Test
    void aDirectoryUserEndsOnTheDashboardLoggedIn() {
        provider.nextLogin("jdoe", Map.of("groups", List.of("staff", "cam-ops"), "sites", List.of("north", "south")));

        chromium.driver().get(server.uri("api/session/sso/login?next=/index.html").toString());
        awaitUrl(server.uri("index.html").toString());

        String session = fetch("api/session");
        assertTrue(session.startsWith("200 "), session + "\n" + server.logTail(40));
        assertTrue(session.contains("\"username\":\"jdoe\""), session);
        assertTrue(session.contains("\"kind\":\"sso\""), session);
        assertTrue(session.contains("\"role\":\"operator\""), session);
        assertTrue(session.contains("\"sites\":[\"north\",\"south\"]"), session);
        Cookie cookie = chromium.driver().manage().getCookieNamed("__Host-fieldcast-session");
        assertEquals("Strict", cookie.getSameSite(), "the session cookie stays SameSite=Strict");
        assertTrue(cookie.isHttpOnly() && cookie.isSecure());
        assertTrue(provider.clientSecretsReceived().contains("${not-an-expression}"), "the client secret reached the provider as itself");
    }

    @Test
    void withoutNextTheLoginEndsAtTheDashboard() {
        provider.nextLogin("jdoe", Map.of("groups", List.of("staff"), "sites", List.of("north")));
        chromium.driver().get(server.uri("api/session/sso/login").toString());
        awaitUrl(server.uri("").toString());
        assertTrue(fetch("api/session").contains("\"role\":\"viewer\""));
    }

    @Test
    void aViewerOfOneSiteSeesOnlyItsCameras() {
        provider.nextLogin("vera", Map.of("groups", List.of("staff", "visitors"), "sites", "north"));
        chromium.driver().get(server.uri("api/session/sso/login").toString());
        awaitUrl(server.uri("").toString());

        String session = fetch("api/session");
        assertTrue(session.contains("\"role\":\"viewer\"") && session.contains("\"sites\":[\"north\"]"), session);
        String cameras = fetch("api/cameras");
        assertTrue(cameras.startsWith("200 ") && cameras.contains("\"north-1\""), cameras);
        assertFalse(cameras.contains("south-1"), cameras);
        assertTrue(fetch("api/cameras/south-1").startsWith("404 "));
    }

    @Test
    void aUserWithoutAMappedRoleIsRefused() {
        provider.nextLogin("stranger", Map.of("groups", List.of("visitors")));
        assertRefused();
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        provider.nextLogin("eve", Map.of("groups", List.of("cam-ops")), Duration.ofMinutes(-10));
        assertRefused();
    }

    /** A callback of the provider's (a real code) whose state is not the one this browser's login started with. */
    @Test
    void aForgedStateIsRefused() throws Exception {
        provider.nextLogin("mallory", Map.of("groups", List.of("cam-ops")));
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        URI authorize = URI.create(location(http, server.uri("api/session/sso/login")));
        String callback = location(http, authorize);
        assertTrue(callback.startsWith(server.uri("api/session/sso/callback").toString()), callback);

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(callback.replaceAll("state=[^&]*", "state=forged")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, forged.statusCode());
        assertTrue(forged.body().startsWith("{\"status\":401,\"error\":"), forged.body());
        HttpResponse<String> who = http.send(HttpRequest.newBuilder(server.uri("api/session")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, who.statusCode());

        // The same callback opened in a browser that never started a login (login CSRF): refused too.
        chromium.driver().get(callback);
        assertTrue(pageText().contains("\"status\":401"), pageText());
        assertTrue(fetch("api/session").startsWith("401 "));
    }

    @Test
    void theLoginPageIsToldSingleSignOnIsOffered() throws IOException {
        HttpResponse<String> offer = server.get("api/session/sso");
        assertEquals(200, offer.statusCode());
        assertEquals("{\"enabled\":true,\"loginUrl\":\"/api/session/sso/login\"}", offer.body());
    }

    @Test
    void passwordLoginsWorkBesideSingleSignOn() throws IOException {
        assertTrue(server.loginAsAdmin().get("api/session").body().contains("\"kind\":\"user\""));
    }

    @Test
    void aProviderThatIsAwayIsAClearServiceUnavailable() {
        assertEquals(503, loginWhileProviderAway.statusCode(), loginWhileProviderAway.body());
        assertTrue(loginWhileProviderAway.body().contains("single sign-on provider does not answer"), loginWhileProviderAway.body());
    }

    @Test
    void withSingleSignOnOffThereIsNoLogin() throws IOException {
        FieldcastServer off = FieldcastServer.demo();
        assertEquals("{\"enabled\":false}", off.get("api/session/sso").body());
        assertEquals(404, off.get("api/session/sso/login").statusCode());
        assertEquals(404, off.get("api/session/sso/callback?code=x&state=y").statusCode());
    }

    private void assertRefused() {
        chromium.driver().get(server.uri("api/session/sso/login").toString());
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().startsWith(server.uri("api/session/sso/callback").toString()));
        String refusal = pageText();
        assertTrue(refusal.contains("\"status\":401"), refusal + "\n" + server.logTail(40));
        assertTrue(fetch("api/session").startsWith("401 "), "no session");
    }

    private void awaitUrl(String url) {
        try {
            new WebDriverWait(chromium.driver(), Duration.ofSeconds(20)).until(d -> url.equals(d.getCurrentUrl()));
        } catch (RuntimeException e) {
            throw new AssertionError("the browser is at " + chromium.driver().getCurrentUrl() + ", not " + url + ":\n"
                    + pageText() + "\n" + server.logTail(40), e);
        }
    }

    private String pageText() {
        return chromium.driver().findElement(By.tagName("body")).getText();
    }

    /** A GET from inside the page, as the dashboard's own scripts make it: "status body". */
    private String fetch(String path) {
        return (String) chromium.js("return fetch(arguments[0], {cache: 'no-store'})"
                + ".then(r => r.text().then(t => r.status + ' ' + t), e => 'failed ' + e)", server.uri(path).toString());
    }

    private static String location(HttpClient http, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode(), uri + ": " + response.body());
        return response.headers().firstValue("Location").orElseThrow();
    }
}
