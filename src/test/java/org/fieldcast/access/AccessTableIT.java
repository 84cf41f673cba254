package org.fieldcast.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.sim.SimulatedSite;
import org.fieldcast.testing.AttackPage;
import org.fieldcast.testing.Chromium;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.ForeignSite;
import org.fieldcast.testing.LoggedIn;
import static org.fieldcast.access.AccessTable.CAMERA_A;
import static org.fieldcast.access.AccessTable.CAMERA_B;
import static org.fieldcast.access.AccessTable.PASSWORD;
import static org.fieldcast.access.AccessTable.ROWS;
import static org.fieldcast.access.AccessTable.SITE_A;
import static org.fieldcast.access.AccessTable.SITE_B;
import static org.fieldcast.access.AccessTable.api;
import static org.fieldcast.access.AccessTable.fill;
import org.fieldcast.access.AccessRules.Need;
import org.fieldcast.access.AccessTable.Answer;
import org.fieldcast.access.AccessTable.Caller;
import org.fieldcast.access.AccessTable.Credentials;
import org.fieldcast.access.AccessTable.Outcome;
import org.fieldcast.access.AccessTable.Row;
import org.fieldcast.access.AccessTable.Source;

/**
 * Every endpoint of the OpenAPI document, every servlet path and every WebSocket of one real
 * Fieldcast with two sites, tried by each kind of caller: nobody, a viewer of site A (on a camera
 * of A and on one of B), an operator of site A, an API token of site A, an embed grant of one
 * camera (likewise), the admin, and the configured admin token. The
 * expectations are this test's own table ({@link AccessTable}); an operation of the document without a
 * row fails the test, so a new endpoint cannot ship without a rule.
 * <p>
 * The cameras are simulated in this JVM, so their request traces show whether a refused request
 * reached them, also from a foreign page in a logged-in victim's headless Chromium.
 */
class AccessTableIT {
    private static final Pattern TEXT = Pattern.compile("json|text|mpegurl|javascript");
    private static final String ADMIN_TOKEN = "access-table-it-admin-token";
    record Nobody() implements Credentials {
        @Override
        public void addTo(HttpRequest.Builder request, boolean stateChanging) {
        }

        @Override
        public void addTo(WebSocket.Builder socket) {
        }
    }

    record Session(LoggedIn login, String username, String password) implements Credentials {
        @Override
        public void addTo(HttpRequest.Builder request, boolean stateChanging) {
            request.header("Cookie", login.cookie());
            if (stateChanging) {
                request.header("X-CSRF-Token", login.csrfToken());
            }
        }

        @Override
        public void addTo(WebSocket.Builder socket) {
            socket.header("Cookie", login.cookie());
        }

        @Override
        public Credentials fresh() throws IOException {
            return new Session(server.login(username, password), username, password);
        }
    }

    record EmbedCookie(String cookie, String csrfToken) implements Credentials {
        @Override
        public void addTo(HttpRequest.Builder request, boolean stateChanging) {
            request.header("Cookie", cookie);
            if (stateChanging) {
                request.header("X-CSRF-Token", csrfToken);
            }
        }

        @Override
        public void addTo(WebSocket.Builder socket) {
            socket.header("Cookie", cookie);
        }
    }

    record Bearer(String secret) implements Credentials {
        @Override
        public void addTo(HttpRequest.Builder request, boolean stateChanging) {
            request.header("Authorization", "Bearer " + secret);
        }

        @Override
        public void addTo(WebSocket.Builder socket) {
            socket.header("Authorization", "Bearer " + secret);
        }
    }

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static ExecutorService pool;
    private static SimulatedSite alpha;
    private static SimulatedSite bravo;
    private static FieldcastServer server;
    /** A page of another site (plain HTTP): the browser does not even send the SameSite=Strict cookie. */
    private static ForeignSite crossSite;
    /** A page of the same site on another port (HTTPS): the browser sends the cookie along. */
    private static ForeignSite sameSite;
    private static Session admin;
    private static final List<Caller> callers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pool = Executors.newCachedThreadPool();
        alpha = site(SITE_A, CAMERA_A);
        bravo = site(SITE_B, CAMERA_B);
        server = FieldcastServer.onStations(stations(alpha, bravo), Map.of(
                "FIELDCAST_ACCESS_ANONYMOUS_ROLE", FieldcastServer.LOGIN_REQUIRED.get("FIELDCAST_ACCESS_ANONYMOUS_ROLE"),
                "FIELDCAST_ADMIN_TOKEN", ADMIN_TOKEN,
                // The pulls the table starts stay up for the whole run instead of restarting per row.
                "FIELDCAST_STREAM_IDLE_TIMEOUT", "PT10M"));
        crossSite = ForeignSite.start();
        sameSite = ForeignSite.startHttps();
        admin = new Session(server.loginAsAdmin(), "admin", FieldcastServer.ADMIN_PASSWORD);

        callers.add(new Caller("nobody", null, Set.of(), CAMERA_A, new Nobody()));
        // Each site has one camera: the cameras a caller of site A sees are {CAMERA_A}.
        Caller viewer = new Caller("viewer of " + SITE_A, Role.VIEWER, Set.of(CAMERA_A), CAMERA_A, account("table-viewer", Role.VIEWER));
        Caller operator = new Caller("operator of " + SITE_A, Role.OPERATOR, Set.of(CAMERA_A), CAMERA_A, account("table-operator", Role.OPERATOR));
        Caller token = new Caller("viewer token of " + SITE_A, Role.VIEWER, Set.of(CAMERA_A), CAMERA_A, token("table-viewer-token", Role.VIEWER));
        Caller embed = new Caller("embed grant of " + CAMERA_A + " that may steer", Role.OPERATOR, Set.of(CAMERA_A), CAMERA_A, embed(CAMERA_A));
        callers.addAll(List.of(viewer, viewer.on(CAMERA_B), operator, operator.on(CAMERA_B), token, token.on(CAMERA_B), embed, embed.on(CAMERA_B)));
        callers.add(new Caller("admin", Role.ADMIN, Set.of(), CAMERA_B, admin));
        callers.add(new Caller("configured admin token", Role.ADMIN, Set.of(), CAMERA_A, new Bearer(ADMIN_TOKEN)));
        warmUp();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (crossSite != null) {
            crossSite.close();
        }
        if (sameSite != null) {
            sameSite.close();
        }
        if (alpha != null) {
            alpha.close();
        }
        if (bravo != null) {
            bravo.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static SimulatedSite site(String id, String camera) throws Exception {
        SimulatedSite site = SimulatedSite.start(id, "Site " + id, List.of(SimulatedCameraSpec.of(camera, "Dome " + id, true)
                .withPicture(320, 180, 10, 200)), FfmpegLocator.directory(null).resolve("ffmpeg"), pool);
        if (!site.awaitStreaming(Duration.ofSeconds(20))) {
            site.close();
            throw new IllegalStateException("simulated site " + id + " does not stream");
        }
        return site;
    }

    /** One station file with both sites. */
    private static String stations(SimulatedSite... sites) {
        var list = Json.createArrayBuilder();
        for (SimulatedSite s : sites) {
            json(s.stationJson()).getJsonArray("sites").forEach(list::add);
        }
        return Json.createObjectBuilder().add("sites", list).build().toString();
    }

    private static SimulatedCamera camera(String id) {
        return (id.equals(CAMERA_A) ? alpha : bravo).cameras().get(0);
    }

    /** An account made by the admin over the API, logged in. */
    private static Session account(String username, Role role) throws IOException {
        String body = Json.createObjectBuilder().add("password", PASSWORD).add("role", role.id())
                .add("sites", Json.createArrayBuilder().add(SITE_A)).build().toString();
        HttpResponse<String> made = LoggedIn.send(admin.login().request("/api/users/" + username)
                .header("X-CSRF-Token", admin.login().csrfToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        assertTrue(made.statusCode() / 100 == 2, "made " + username + ": " + made.statusCode() + " " + made.body());
        return new Session(server.login(username, PASSWORD), username, PASSWORD);
    }

    /** An API token of site A made by the admin. */
    private static Bearer token(String name, Role role) throws IOException {
        String body = Json.createObjectBuilder().add("name", name).add("role", role.id())
                .add("sites", Json.createArrayBuilder().add(SITE_A)).build().toString();
        HttpResponse<String> made = admin.login().post("/api/tokens", body);
        assertTrue(made.statusCode() / 100 == 2, "made token " + name + ": " + made.statusCode() + " " + made.body());
        return new Bearer(json(made.body()).getString("secret"));
    }

    /** The cookie an embed page gets for a grant of this camera that may steer, as the embed page exchanges it. */
    private static EmbedCookie embed(String camera) throws IOException {
        String body = Json.createObjectBuilder().add("cameras", Json.createArrayBuilder().add(camera))
                .add("origins", Json.createArrayBuilder().add(server.origin())).add("expiresIn", "PT1H").add("viewOnly", false).build().toString();
        HttpResponse<String> made = admin.login().post("/api/embeds", body);
        assertEquals(201, made.statusCode(), made.body());
        String grant = URI.create(json(made.body()).getString("url")).getQuery().replaceFirst("^grant=", "");
        HttpResponse<String> exchanged = LoggedIn.send(HttpRequest.newBuilder(server.uri("/api/embeds/session"))
                .header("Origin", server.origin()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("grant", grant).build().toString())).build());
        assertEquals(200, exchanged.statusCode(), exchanged.body());
        String cookie = exchanged.headers().allValues("set-cookie").stream().filter(c -> c.startsWith(EmbedGrants.COOKIE + "="))
                .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow();
        return new EmbedCookie(cookie, json(exchanged.body()).getString("csrfToken"));
    }

    /** Both cameras' pulls running, so the media rows answer at once rather than after a camera's start. */
    private static void warmUp() throws Exception {
        for (String camera : List.of(CAMERA_A, CAMERA_B)) {
            assertTrue(eventually(Duration.ofSeconds(60), () -> {
                try {
                    return admin.login().get("/hls/" + camera + "/index.m3u8").statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            }), camera + " plays");
            admin.login().get("/api/cameras/" + camera + "/ptz/capabilities");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Every operation of the OpenAPI document has a row; a new endpoint without one fails here. */
    @Test
    void everyOperationOfTheOpenApiDocumentHasARule() throws Exception {
        Set<String> documented = operations();
        Set<String> ruled = ROWS.stream().filter(r -> r.source() == Source.OPENAPI).map(Row::key).collect(Collectors.toSet());
        Set<String> withoutRule = new TreeSet<>(documented);
        withoutRule.removeAll(ruled);
        assertEquals(Set.of(), withoutRule, "endpoints without a row in AccessTable.ROWS (and a rule in AccessRules.TABLE)");
        Set<String> notThere = new TreeSet<>(ruled);
        notThere.removeAll(documented);
        if (!notThere.isEmpty()) {
            // Rows may come before their endpoint (written against its contract while it is built): they are skipped.
            System.out.println("AccessTableIT: rows without an operation in the OpenAPI document (skipped): " + notThere);
        }
    }

    /** Every row against every caller: the outcome the table says, or a list of every difference. */
    @Test
    void everyEndpointServletAndSocketAnswersEachCallerAsTheTableSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        int tried = 0;
        try {
            Set<String> documented = operations();
            for (Row row : ROWS) {
                if (row.source() == Source.OPENAPI && !documented.contains(row.key())) {
                    continue;
                }
                for (Caller caller : callers) {
                    Outcome expected = caller.expected(row);
                    Answer answer = row.source() == Source.SOCKET ? handshake(row, caller) : request(row, caller);
                    tried++;
                    answers.add(row.key() + " | " + caller.name() + " | " + expected + " | " + answer);
                    if (answer.outcome(caller.camera()) != expected) {
                        wrong.add(row.key() + " as " + caller.name() + ": expected " + expected + ", got " + answer);
                    }
                }
            }
        } finally {
            for (String camera : List.of(CAMERA_A, CAMERA_B)) {
                admin.login().post("/api/cameras/" + camera + "/ptz/stop", null);
                admin.login().post("/api/cameras/" + camera + "/alarms/1/clear", null);
            }
        }
        Path report = Path.of(System.getProperty("fieldcast.build-dir", "target"), "it-logs", "access-table.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, answers);
        System.out.println("AccessTableIT: " + tried + " requests (" + callers.size() + " callers), every answer in " + report);
        assertEquals(List.of(), wrong);
    }

    /** A camera of another site answers exactly as a camera that does not exist, so probing tells nothing. */
    @Test
    void aCameraOutsideTheCallersSitesLooksLikeNoCamera() throws Exception {
        Caller viewer = viewer();
        for (String path : List.of("/api/cameras/%s", "/api/cameras/%s/ptz/position", "/hls/%s/index.m3u8", "/mjpeg/%s/snapshot.jpg")) {
            Answer hidden = request(api("GET", path.formatted(CAMERA_B), Need.VIEWER), viewer);
            Answer missing = request(api("GET", path.formatted("no-such-camera"), Need.VIEWER), viewer);
            assertEquals(missing.status(), hidden.status(), path);
            assertEquals(missing.body().replace("no-such-camera", CAMERA_B), hidden.body(), path);
        }
        JsonValue cameras = Json.createReader(new StringReader(request(api("GET", "/api/cameras", Need.VIEWER), viewer).body())).readValue();
        assertEquals(List.of(CAMERA_A), cameras.asJsonArray().stream().map(c -> c.asJsonObject().getString("id")).toList(),
                "the list names only the cameras of the caller's sites");
        String sites = request(api("GET", "/api/sites", Need.VIEWER), viewer).body();
        assertTrue(sites.contains("\"" + SITE_A + "\"") && !sites.contains("\"" + SITE_B + "\""), sites);
    }

    /** The multiplexed sockets apply the caller's sites inside: health of A only, frames and pictures of B refused as unknown. */
    @Test
    void theMultiplexedSocketsKeepToTheCallersSites() throws Exception {
        Caller viewer = viewer();
        assertEquals(Set.of(CAMERA_A), healthCameras(viewer), "a viewer of " + SITE_A + " hears of its cameras only");
        assertEquals(Set.of(CAMERA_A, CAMERA_B), healthCameras(callers.stream().filter(c -> c.role() == Role.ADMIN).findFirst().orElseThrow()),
                "the admin hears of every camera");

        Messages frames = new Messages();
        WebSocket socket = socketBuilder(viewer).buildAsync(wsUri("/ws/frames"), frames).get(10, TimeUnit.SECONDS);
        try {
            socket.sendText("{\"subscribe\":[\"" + CAMERA_B + "\",\"no-such-camera\"]}", true).get(10, TimeUnit.SECONDS);
            assertTrue(eventually(Duration.ofSeconds(10), () -> frames.texts.size() >= 2), "notices: " + frames.texts);
            JsonObject hidden = frames.texts.stream().map(AccessTableIT::json).filter(o -> CAMERA_B.equals(o.getString("camera", null))).findFirst().orElseThrow();
            JsonObject missing = frames.texts.stream().map(AccessTableIT::json).filter(o -> "no-such-camera".equals(o.getString("camera", null))).findFirst().orElseThrow();
            assertEquals(missing.getString("error").replace("no-such-camera", CAMERA_B), hidden.getString("error"));
            Thread.sleep(1000);
            assertEquals(0, frames.binary, "no frame of " + CAMERA_B + " came");
        } finally {
            socket.abort();
        }

        Messages pictures = new Messages();
        WebSocket mse = socketBuilder(viewer).buildAsync(wsUri("/ws/mse"), pictures).get(10, TimeUnit.SECONDS);
        try {
            mse.sendText("{\"subscribe\":[{\"camera\":\"" + CAMERA_B + "\",\"stream\":\"sub\"},\"no-such-camera\"]}", true)
                    .get(10, TimeUnit.SECONDS);
            assertTrue(eventually(Duration.ofSeconds(10), () -> pictures.texts.size() >= 2), "notices: " + pictures.texts);
            JsonObject hidden = pictures.texts.stream().map(AccessTableIT::json).filter(o -> CAMERA_B.equals(o.getString("camera", null))).findFirst().orElseThrow();
            JsonObject missing = pictures.texts.stream().map(AccessTableIT::json).filter(o -> "no-such-camera".equals(o.getString("camera", null))).findFirst().orElseThrow();
            assertEquals(missing.getString("error").replace("no-such-camera", CAMERA_B), hidden.getString("error"));
            Thread.sleep(1000);
            assertEquals(0, pictures.binary, "no picture of " + CAMERA_B + " came");
            assertEquals(2, pictures.texts.size(), "no mime notice either: " + pictures.texts);
        } finally {
            mse.abort();
        }
    }

    /** A cookie-borne state change needs the login's token; a bearer token, which no browser adds by itself, does not. */
    @Test
    void aSessionsStateChangeNeedsItsCsrfTokenABearerTokenNone() throws Exception {
        Caller operator = callers.stream().filter(c -> c.role() == Role.OPERATOR && c.camera().equals(CAMERA_A)).findFirst().orElseThrow();
        LoggedIn session = ((Session) operator.credentials()).login();
        String set = "/api/cameras/" + CAMERA_A + "/alarms/3/set";
        HttpRequest.Builder noToken = session.request(set).POST(HttpRequest.BodyPublishers.noBody());
        assertEquals(403, LoggedIn.send(noToken.build()).statusCode(), "without X-CSRF-Token");
        HttpRequest.Builder wrongToken = session.request(set).header("X-CSRF-Token", session.csrfToken() + "x").POST(HttpRequest.BodyPublishers.noBody());
        assertEquals(403, LoggedIn.send(wrongToken.build()).statusCode(), "with a wrong X-CSRF-Token");
        HttpRequest.Builder otherSessions = session.request(set).header("X-CSRF-Token", admin.login().csrfToken()).POST(HttpRequest.BodyPublishers.noBody());
        assertEquals(403, LoggedIn.send(otherSessions.build()).statusCode(), "with another session's X-CSRF-Token");
        assertFalse(camera(CAMERA_A).virtualAlarm(3), "a refused request reached the camera");

        assertEquals(200, session.post(set, null).statusCode(), "with the login's token");
        assertTrue(camera(CAMERA_A).virtualAlarm(3));
        HttpResponse<String> bearer = LoggedIn.send(HttpRequest.newBuilder(server.uri("/api/cameras/" + CAMERA_A + "/alarms/3/clear"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, bearer.statusCode(), "a bearer token needs no CSRF token: " + bearer.body());
        assertFalse(camera(CAMERA_A).virtualAlarm(3));
    }

    /**
     * The admin is logged in in Chromium and opens a foreign page, of another site and then of the same
     * site on another port, which tries to steer, raise an alarm, read the API, the HLS playlist, a
     * snapshot (into a canvas) and open the PTZ socket, with the admin's cookie where the browser sends it. Nothing may reach the camera or come back readable;
     * the same session on Fieldcast's own page does steer, so the check can fail.
     */
    @Test
    void aForeignPageInALoggedInBrowserCannotSteerOrReadVideo() throws Exception {
        try (Chromium chromium = Chromium.start()) {
            // The session cookie is HttpOnly: the browser gets it by logging in on Fieldcast's origin, as a person does.
            chromium.driver().get(server.uri("/no-such-page").toString());
            Object login = ((JavascriptExecutor) chromium.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                      body: JSON.stringify({ username: 'admin', password: arguments[0] }) })
                      .then((r) => r.json()).then((j) => done(j.csrfToken || 'none'), (e) => done('failed ' + e));
                    """, FieldcastServer.ADMIN_PASSWORD);
            String csrf = String.valueOf(login);
            assertTrue(csrf.length() >= 20 && !csrf.contains(" "), "logged in in the browser: " + csrf);

            SimulatedCamera dome = camera(CAMERA_A);
            for (ForeignSite site : List.of(crossSite, sameSite)) {
                List<?> traceBefore = List.copyOf(dome.rcpTrace());
                URI attack = site.page("/victim.html", AttackPage.html(server.uri("/").toString(), CAMERA_A));
                chromium.driver().get(attack.toString());
                Map<String, String> results = AttackPage.awaitResults(chromium, Duration.ofSeconds(20));
                String from = "from " + site.originHeader() + ": " + results;
                assertEquals("blocked", results.get("read"), "the API is not readable " + from);
                assertEquals("blocked", results.get("hls"), "the playlist is not readable " + from);
                assertEquals("refused", results.get("ws"), "the PTZ socket is refused " + from);
                assertTrue(Set.of("blocked", "tainted").contains(results.get("img")), "the snapshot is not readable " + from);
                Thread.sleep(1500); // anything that got through would have reached the camera by now
                List<?> traceAfter = List.copyOf(dome.rcpTrace());
                assertEquals(List.of(), writes(traceAfter.subList(traceBefore.size(), traceAfter.size())), "nothing was written to the camera " + from);
                assertFalse(dome.virtualAlarm(1), from);
                assertFalse(dome.ptzMoving(), from);
            }

            // The same browser on Fieldcast's own page with the login's token does reach the camera.
            chromium.driver().get(server.uri("/no-such-page").toString());
            ((JavascriptExecutor) chromium.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/cameras/%s/alarms/2/set', { method: 'POST', headers: { 'X-CSRF-Token': arguments[0] } })
                      .then((r) => done(r.status), () => done('failed'));
                    """.formatted(CAMERA_A), csrf);
            assertTrue(eventually(Duration.ofSeconds(10), () -> dome.virtualAlarm(2)), "the victim's own page steers");
        } finally {
            admin.login().post("/api/cameras/" + CAMERA_A + "/alarms/2/clear", null);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Answer request(Row row, Caller caller) throws IOException {
        Credentials credentials = row.key().equals("DELETE /api/session") ? caller.credentials().fresh() : caller.credentials();
        boolean changes = Set.of("POST", "PUT", "PATCH", "DELETE").contains(row.method());
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(fill(row, caller) + row.query())).timeout(Duration.ofSeconds(30))
                .header("Origin", server.origin());
        credentials.addTo(b, changes);
        if (row.body() != null) {
            b.header("Content-Type", "application/json").method(row.method(), HttpRequest.BodyPublishers.ofString(row.body()));
        } else {
            b.method(row.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            // Pictures and video (an MJPEG stream never ends) are judged by their head; text is read.
            HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            boolean text = TEXT.matcher(r.headers().firstValue("Content-Type").orElse("")).find();
            try (InputStream in = r.body()) {
                return new Answer(r.statusCode(), new String(in.readNBytes(text ? 1 << 16 : 0), StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A real upgrade with the caller's cookie or token; a refused one carries the access filter's answer. */
    private static Answer handshake(Row row, Caller caller) throws IOException {
        try {
            WebSocket socket = socketBuilder(caller).buildAsync(wsUri(fill(row, caller)), new WebSocket.Listener() { }).join();
            socket.abort();
            return new Answer(101, "");
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                Object body = h.getResponse().body();
                return new Answer(h.getResponse().statusCode(), body == null ? "" : String.valueOf(body));
            }
            throw new IOException(row.key() + " as " + caller.name(), e);
        }
    }

    private static WebSocket.Builder socketBuilder(Caller caller) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).header("Origin", server.origin());
        caller.credentials().addTo(b);
        return b;
    }

    private static URI wsUri(String path) {
        return URI.create(server.uri(path).toString().replaceFirst("^http", "ws"));
    }

    /** {@code METHOD /path/{template}} of every operation in the OpenAPI document. */
    private static Set<String> operations() throws IOException {
        HttpResponse<String> r = LoggedIn.send(admin.login().request("/openapi").header("Accept", "application/json").GET().build());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject paths = json(r.body()).getJsonObject("paths");
        Set<String> ops = new TreeSet<>();
        paths.forEach((path, operations) -> operations.asJsonObject().keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(m))
                .forEach(m -> ops.add(m.toUpperCase() + " " + path)));
        return ops;
    }

    private static Caller viewer() {
        return callers.stream().filter(c -> c.role() == Role.VIEWER && c.camera().equals(CAMERA_A)).findFirst()
                .orElseThrow();
    }

    /** The cameras a {@code /ws/health} client hears of in its first seconds. */
    private static Set<String> healthCameras(Caller caller) throws Exception {
        Messages health = new Messages();
        WebSocket socket = socketBuilder(caller).buildAsync(wsUri("/ws/health"), health).get(10, TimeUnit.SECONDS);
        try {
            Thread.sleep(3000);
            return health.texts.stream().map(AccessTableIT::json).map(o -> o.getString("camera", "")).collect(Collectors.toCollection(TreeSet::new));
        } finally {
            socket.abort();
        }
    }

    private static List<?> writes(List<?> trace) {
        return trace.stream().filter(t -> t instanceof org.fieldcast.sim.RcpRequestTrace r && r.isWrite()).toList();
    }

    /** A socket's messages as they come. */
    static final class Messages implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        volatile int binary;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            if (last) {
                binary++;
            }
            webSocket.request(1);
            return null;
        }
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
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
