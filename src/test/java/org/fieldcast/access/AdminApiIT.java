package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.LoggedIn;

/**
 * The admin's API on a real server that needs a login: accounts and their roles, API tokens from
 * creation to revocation, and the audit trail of logins and camera actions on the demo site.
 */
class AdminApiIT {
    private static final String PTZ = "demo-ptz-1";
    private static FieldcastServer server;
    private static LoggedIn admin;

    @BeforeAll
    static void start() throws IOException {
        // A move lease longer than a loaded machine's reply to the first move, so the renewal below is one.
        java.util.Map<String, String> settings = new java.util.HashMap<>(FieldcastServer.LOGIN_REQUIRED);
        settings.put("FIELDCAST_PTZ_LEASE", "PT10S");
        server = FieldcastServer.start(settings);
        admin = server.loginAsAdmin();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void usersRolesAndTheAuditTrail() throws Exception {
        assertEquals(201, put(admin, "/api/users/vera", "{\"password\":\"vera-password\",\"role\":\"viewer\",\"sites\":[\"demo\"]}").statusCode());
        HttpResponse<String> oscar = put(admin, "/api/users/oscar", "{\"password\":\"oscar-password\",\"role\":\"operator\"}");
        assertEquals(201, oscar.statusCode(), oscar.body());
        assertEquals(400, put(admin, "/api/users/nopass", "{\"role\":\"viewer\"}").statusCode(), "a new account needs a password");
        assertEquals(400, put(admin, "/api/users/short", "{\"password\":\"short\",\"role\":\"viewer\"}").statusCode());
        assertEquals(400, put(admin, "/api/users/x", "{\"password\":\"long-enough\",\"role\":\"root\"}").statusCode());

        HttpResponse<String> users = admin.get("/api/users");
        assertEquals(200, users.statusCode());
        assertFalse(users.body().contains("password") || users.body().contains("PBKDF2"), users.body());
        JsonObject vera = array(users.body()).getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals("vera")).findFirst().orElseThrow();
        assertEquals("viewer", vera.getString("role"));
        assertEquals(Json.createArrayBuilder().add("demo").build(), vera.getJsonArray("sites"));
        assertTrue(vera.getBoolean("enabled"));

        // The one admin cannot remove or demote itself.
        assertEquals(409, admin.delete("/api/users/admin").statusCode());
        assertEquals(409, put(admin, "/api/users/admin", "{\"role\":\"operator\"}").statusCode());

        // A failed login, then the right one, both audited.
        HttpResponse<String> wrong = LoggedIn.send(HttpRequest.newBuilder(server.uri("/api/session"))
                .header("Content-Type", "application/json").header("Origin", server.origin())
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"oscar\",\"password\":\"not-his-password\"}")).build());
        assertEquals(401, wrong.statusCode());
        LoggedIn operator = server.login("oscar", "oscar-password");
        LoggedIn viewer = server.login("vera", "vera-password");

        // The operator steers: a move start (its renewal is no new line), a stop, an alarm.
        assertEquals(200, operator.post("/api/cameras/" + PTZ + "/ptz/move?pan=0.5", null).statusCode());
        assertEquals(200, operator.post("/api/cameras/" + PTZ + "/ptz/move?pan=0.5", null).statusCode());
        assertEquals(200, operator.post("/api/cameras/" + PTZ + "/ptz/stop", null).statusCode());
        HttpResponse<String> alarm = operator.post("/api/cameras/" + PTZ + "/alarms/1/set", null);
        assertEquals(200, alarm.statusCode(), alarm.body());

        JsonObject set = awaitEvent(e -> e.getString("action").equals("alarm-set"));
        assertEquals("oscar", set.getString("actor"));
        assertEquals("user", set.getString("actorKind"));
        assertEquals(PTZ, set.getString("camera"));
        assertEquals("127.0.0.1", set.getString("address"));
        JsonArray cameraEvents = page("/api/audit?camera=" + PTZ).getJsonArray("events");
        assertEquals(1, cameraEvents.getValuesAs(JsonObject.class).stream().filter(e -> e.getString("action").equals("ptz-move")).count(),
                () -> "one move start: " + cameraEvents);
        assertTrue(cameraEvents.getValuesAs(JsonObject.class).stream().anyMatch(e -> e.getString("action").equals("ptz-stop")
                && e.getString("actor").equals("oscar") && e.getString("address").equals("127.0.0.1")), cameraEvents::toString);
        awaitEvent(e -> e.getString("action").equals("login-failed") && e.getString("actor").equals("oscar"));
        awaitEvent(e -> e.getString("action").equals("login") && e.getString("actor").equals("oscar"));
        awaitEvent(e -> e.getString("action").equals("user-created") && e.getString("target").equals("vera")
                && e.getString("actor").equals("admin"));

        // A viewer of the camera sees who steered it last, and nothing of the admin's.
        HttpResponse<String> last = viewer.get("/api/cameras/" + PTZ + "/operator");
        assertEquals(200, last.statusCode(), last.body());
        JsonObject lastAction = object(last.body());
        assertEquals("oscar", lastAction.getString("actor"));
        assertEquals("alarm-set", lastAction.getString("action"));
        assertEquals(204, viewer.get("/api/cameras/demo-fixed-1/operator").statusCode());
        assertEquals(403, viewer.get("/api/audit").statusCode());
        assertEquals(403, viewer.get("/api/users").statusCode());
        assertEquals(403, viewer.get("/api/tokens").statusCode());
        assertEquals(403, viewer.post("/api/cameras/" + PTZ + "/ptz/stop", null).statusCode());

        // Paging: newest first, next points further back, the last page says null.
        JsonObject first = page("/api/audit?limit=2");
        JsonArray two = first.getJsonArray("events");
        assertEquals(2, two.size());
        assertTrue(two.getJsonObject(0).getJsonNumber("id").longValue() > two.getJsonObject(1).getJsonNumber("id").longValue());
        assertEquals(two.getJsonObject(1).getJsonNumber("id").longValue(), first.getJsonNumber("next").longValue());
        JsonObject end = page("/api/audit?limit=500&before=" + first.getJsonNumber("next").longValue());
        assertEquals(JsonValue.NULL, end.get("next"));
        assertEquals(400, admin.get("/api/audit?limit=501").statusCode());
        assertEquals(400, admin.get("/api/audit?before=x").statusCode());

        // A user changes their own password, proving the old one: her other sessions end, this one goes on.
        LoggedIn elsewhere = server.login("vera", "vera-password");
        assertEquals(200, elsewhere.get("/api/cameras").statusCode());
        assertEquals(403, put(viewer, "/api/session/password", "{\"current\":\"wrong-password\",\"new\":\"vera-new-password\"}").statusCode());
        assertEquals(204, put(viewer, "/api/session/password", "{\"current\":\"vera-password\",\"new\":\"vera-new-password\"}").statusCode());
        assertEquals(401, elsewhere.get("/api/cameras").statusCode(), "a session from before the change ends");
        assertEquals(200, viewer.get("/api/cameras").statusCode(), "the session that changed it goes on");
        server.login("vera", "vera-new-password");
        awaitEvent(e -> e.getString("action").equals("password-changed") && e.getString("actor").equals("vera"));

        assertEquals(204, admin.delete("/api/users/vera").statusCode());
        assertEquals(404, admin.delete("/api/users/vera").statusCode());
    }

    @Test
    void tokensFromCreationToRevocation() throws Exception {
        HttpResponse<String> made = admin.post("/api/tokens", "{\"name\":\"nightly export\",\"role\":\"viewer\",\"sites\":[\"demo\"]}");
        assertEquals(201, made.statusCode(), made.body());
        JsonObject token = object(made.body());
        String secret = token.getString("secret");
        String id = token.getString("id");
        assertTrue(secret.startsWith("fct_") && secret.length() == 47, secret);
        assertEquals("viewer", token.getString("role"));

        HttpResponse<String> listed = admin.get("/api/tokens");
        assertEquals(200, listed.statusCode());
        assertFalse(listed.body().contains(secret), "the secret is shown once");
        JsonObject row = array(listed.body()).getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("admin", row.getString("createdBy"));
        assertEquals(JsonValue.NULL, row.get("revokedAt"));

        HttpResponse<String> cameras = bearer(secret, "/api/cameras");
        assertEquals(200, cameras.statusCode());
        assertTrue(cameras.body().contains(PTZ));
        assertEquals(403, bearer(secret, "/api/tokens").statusCode(), "a viewer's token is no admin");
        assertEquals(401, bearer("fct_" + "A".repeat(43), "/api/cameras").statusCode());

        // An admin's token may make tokens too (it is the admin role).
        HttpResponse<String> adminToken = admin.post("/api/tokens", "{\"name\":\"provisioning\",\"role\":\"admin\"}");
        String adminSecret = object(adminToken.body()).getString("secret");
        HttpResponse<String> byToken = LoggedIn.send(HttpRequest.newBuilder(server.uri("/api/tokens"))
                .header("Authorization", "Bearer " + adminSecret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"made by a token\",\"role\":\"operator\"}")).build());
        assertEquals(201, byToken.statusCode(), byToken.body());

        assertEquals(204, admin.delete("/api/tokens/" + id).statusCode());
        assertEquals(404, admin.delete("/api/tokens/no-such-token").statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            status = bearer(secret, "/api/cameras").statusCode();
        } while (status != 401 && System.nanoTime() < deadline);
        assertEquals(401, status, "a revoked token is refused within seconds");
        assertEquals(401, bearer(secret, "/api/sites").statusCode());

        JsonObject revoked = array(admin.get("/api/tokens").body()).getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("id").equals(id)).findFirst().orElseThrow();
        assertTrue(revoked.get("revokedAt") != JsonValue.NULL, revoked::toString);
        awaitEvent(e -> e.getString("action").equals("token-created") && id.equals(e.getString("target")));
        awaitEvent(e -> e.getString("action").equals("token-revoked") && id.equals(e.getString("target")));
    }

    private static HttpResponse<String> put(LoggedIn who, String path, String json) throws IOException {
        return LoggedIn.send(who.request(path).header("X-CSRF-Token", who.csrfToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static HttpResponse<String> bearer(String secret, String path) throws IOException {
        return LoggedIn.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + secret).GET().build());
    }

    private static JsonObject page(String path) throws IOException {
        HttpResponse<String> answer = admin.get(path);
        assertEquals(200, answer.statusCode(), answer.body());
        return object(answer.body());
    }

    /** Camera actions reach the trail asynchronously: wait a little for the line. */
    private static JsonObject awaitEvent(Predicate<JsonObject> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonArray events;
        do {
            events = page("/api/audit?limit=500").getJsonArray("events");
            Optional<JsonObject> found = events.getValuesAs(JsonObject.class).stream()
                    .filter(e -> { try { return wanted.test(e); } catch (RuntimeException notThisOne) { return false; } })
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no such audit line in " + events);
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static JsonArray array(String json) {
        return Json.createReader(new StringReader(json)).readArray();
    }
}
