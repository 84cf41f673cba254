package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.LoggedIn;

/**
 * Password guessing against a real server: after the allowed failures the next attempts wait (429
 * with Retry-After), the right password included, and the wait ends by itself. A server of its own:
 * its address-wide throttle would hold up other tests' logins from the same address.
 */
class LoginThrottleIT {
    private static FieldcastServer server;

    @BeforeAll
    static void start() {
        Map<String, String> settings = new HashMap<>(FieldcastServer.LOGIN_REQUIRED);
        settings.put("FIELDCAST_ACCESS_LOGIN_FAILURES", "3");
        settings.put("FIELDCAST_ACCESS_LOGIN_PAUSE", "PT3S");
        server = FieldcastServer.start(settings);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void guessingWaitsThenTheWaitEnds() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> wrong = login("admin", "wrong-password-" + i);
            assertEquals(401, wrong.statusCode(), wrong.body());
            assertTrue(wrong.body().contains("wrong user name or password"), wrong.body());
        }
        HttpResponse<String> refused = login("admin", FieldcastServer.ADMIN_PASSWORD);
        assertEquals(429, refused.statusCode(), "even the right password waits: " + refused.body());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        assertEquals(429, login("someone-else", "also-wrong").statusCode(), "the address waits too, for any name");

        Thread.sleep(3_500);
        HttpResponse<String> after = login("admin", FieldcastServer.ADMIN_PASSWORD);
        assertEquals(200, after.statusCode(), after.body());

        LoggedIn admin = server.loginAsAdmin();
        String audit = admin.get("/api/audit?limit=20").body();
        assertTrue(audit.contains("\"action\":\"login-failed\""), audit);
    }

    private static HttpResponse<String> login(String username, String password) throws IOException {
        String body = Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
        return LoggedIn.send(HttpRequest.newBuilder(server.uri("/api/session")).header("Content-Type", "application/json")
                .header("Origin", server.origin()).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
