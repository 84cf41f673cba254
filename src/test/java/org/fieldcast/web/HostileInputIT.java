package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.fieldcast.testing.FieldcastServer;

/**
 * A hostile client against one real Fieldcast: every operation of its OpenAPI document, every
 * servlet path and every WebSocket, with a table of bad values (numbers out of every range, NaN,
 * {@code ../}, percent-encoded garbage, a 10k id, unknown cameras), bad bodies (malformed, 10,000
 * deep, 1 MiB, unknown fields, wrong or no content type), wrong methods, raw request lines no
 * well-behaved client sends, and garbage on the sockets. No answer may be a 5xx, every error is the
 * one JSON shape, no body names our code; meanwhile a viewer keeps playing the demo camera's LL-HLS
 * and must see it advance, the server stays live, and its log grows by a few lines per kind only.
 *
 * <p>A server of its own: the admin endpoints need a token to get past the gate to the body reader,
 * and the log must be this test's alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    private static final String TOKEN = "hostile-input-it-token";
    /**
     * A request without a token comes from the test server's anonymous operator, who may not use the
     * admin's endpoints; the access filter refuses it before the body is read.
     */
    private static final int ANONYMOUS_REFUSED = 403;
    /** Numbers no parameter takes: out of int and long, negative, not numbers at all. */
    private static final List<String> BAD_NUMBERS = List.of("99999999999999999999", "9223372036854775808", "2147483648",
            "-1", "-99999999999999999999", "NaN", "Infinity", "-Infinity", "1e400", "1.5", "0x1F", "1_000", " 7", "");
    private static final List<String> BAD_TEXT = List.of("../../../../etc/passwd", "..", "%", "%zz", "%00", "\u0000",
            "' OR '1'='1", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1:1/x}", "\uD83D\uDCA5", "\r\nX-Injected: 1",
            "no-such-camera", "x".repeat(10_000));
    /** A body nested 10,000 deep. */
    private static final String NESTED = "{\"site\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    /** Log records of one kind the whole run may add: a few, never one per request. */
    private static final int RECORDS_PER_KIND = 3;
    /**
     * Payara prints a NullPointerException of its own (InputBuffer$ReadHandlerImpl) now and then when a
     * socket it closed (a message too big, a camera refused at the opening) still receives data: a
     * race in the container, a few times in a run, never once per message.
     */
    private static final int PAYARA_READ_AFTER_CLOSE = 10;
    /**
     * Log lines the whole run may add: the container writes a stack trace (about 40 lines) for a raw
     * %zz in a path, and now and then for a request it recycled while a hostile client went away
     * (GRIZZLY0013, Catalina's InputBuffer: a few a run, bounded per kind by RECORDS_PER_KIND).
     */
    private static final int LOG_LINES_ALLOWED = 400;
    /**
     * A WebSocket handshake refused with a 4xx closes its connection (no upgrade); now and then, under
     * many such handshakes at once, the container finishes the request after the connection is gone
     * and its own NullPointerException (PECoyoteConnector.requestEndEvent) turns the answer into a 500.
     * A few a run, and only with that trace in the log.
     */
    private static final int REFUSED_HANDSHAKE_RACES = 3;
    /**
     * When Tyrus' upgrade throws because the client's connection is already gone ("Connection is
     * closed" in TyrusServletUpgrade.upgrade, the race above), the request ends without Weld taking its
     * contexts off that request thread, and Weld says so (WELD-000225 "Bean store leak", WELD-000335
     * "Conversation context is already active") when the thread serves its next requests, cleaning up
     * as it does. The container's own leak, seen once in about ten runs: bounded by the request pool's
     * 16 threads, and only with the failed upgrade's trace in the log.
     */
    private static final int WELD_AFTER_FAILED_UPGRADE = 16;
    /**
     * Grizzly logs "Exception during FilterChain execution" for a raw %zz in a path, and again each time it
     * finishes a request whose hostile client already went away (its own NullPointerException in
     * Request.onAfterService: the output buffer is gone): a container race, a few a run, and only with
     * that trace in the log.
     */
    private static final int GRIZZLY_AFTER_CLIENT_GONE = 10;
    private static final Pattern GRIZZLY_CHAIN = Pattern.compile("^org\\.glassfish\\.grizzly\\.filterchain\\.DefaultFilterChain: ");
    private static final Pattern WELD_LEAK = Pattern.compile("^org\\.jboss\\.weld\\.(Context: WELD-N: Bean store leak|Conversation: WELD-N: Conversation context is already active)");
    private static final java.util.concurrent.atomic.AtomicInteger handshakeRaces = new java.util.concurrent.atomic.AtomicInteger();

    private static final AnswerChecks checks = new AnswerChecks();
    private static final List<String> viewerProblems = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicLong lastMsn = new AtomicLong(-1);
    private static final Pattern MEDIA_SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");

    private static FieldcastServer server;
    private static HttpClient http;
    /**
     * Requests whose head exceeds HTTP/2's header list limit go over HTTP/1.1: on HTTP/2 one of them
     * leaves Payara answering 431 to a share of everyone's later requests (see the last test).
     */
    private static HttpClient http1;
    private static ExecutorService pool;
    private static ScheduledExecutorService viewer;
    private static String fixedCamera;
    private static String ptzCamera;
    private static long msnAtStart;
    private static long logLinesAtStart;
    private static long startedAt;

    private record Probe(String what, HttpRequest request, Set<Integer> expected) {
    }

    @BeforeAll
    static void start() throws Exception {
        server = FieldcastServer.start(Map.of("FIELDCAST_ADMIN_TOKEN", TOKEN));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        pool = Executors.newFixedThreadPool(6);
        for (JsonValue c : Json.createReader(new StringReader(server.get("api/cameras").body())).readArray()) {
            JsonObject camera = c.asJsonObject();
            if (camera.getString("type").equals("PTZ") && ptzCamera == null) {
                ptzCamera = camera.getString("id");
            } else if (camera.getString("type").equals("FIXED") && fixedCamera == null) {
                fixedCamera = camera.getString("id");
            }
        }
        // One viewer for the whole run: the camera's stream must go on while everything else is hostile.
        msnAtStart = watch();
        assertTrue(msnAtStart >= 0, "the demo camera plays before the test: " + viewerProblems);
        viewer = Executors.newSingleThreadScheduledExecutor();
        viewer.scheduleWithFixedDelay(HostileInputIT::watch, 1, 1, TimeUnit.SECONDS);
        warmUp();
        logLinesAtStart = server.log().lines().count();
        startedAt = System.nanoTime();
    }

    /** What a first request of each kind logs on a healthy server is not the hostile input's doing. */
    private static void warmUp() throws Exception {
        send(HttpRequest.newBuilder(server.uri("api/cameras/" + ptzCamera + "/ptz/position")).build());
        // Until its capabilities were read once, Fieldcast does not know how many virtual alarms a camera
        // has, and passes a number up to 16 on for the camera to refuse: a 502 (reported, ptz's to fix).
        send(HttpRequest.newBuilder(server.uri("api/cameras/" + ptzCamera + "/ptz/capabilities")).build());
        for (String path : List.of("ws/health", "ws/frames", "ws/mse", "ws/cameras/" + ptzCamera + "/ptz")) {
            socket(path, "{\"stop\":true}", true);
        }
        send(HttpRequest.newBuilder(server.uri("api/cameras")).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (viewer != null) {
            viewer.shutdownNow();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void everyOperationOfTheOpenApiDocumentWithHostileValues() throws Exception {
        HttpResponse<String> openapi = send(HttpRequest.newBuilder(server.uri("openapi")).header("Accept", "application/json").header("Authorization", "Bearer " + TOKEN).build());
        assertEquals(200, openapi.statusCode());
        JsonObject paths = Json.createReader(new StringReader(openapi.body())).readObject().getJsonObject("paths");
        List<Probe> probes = new ArrayList<>();
        for (String path : paths.keySet()) {
            JsonObject operations = paths.getJsonObject(path);
            for (String method : operations.keySet()) {
                JsonObject operation = operations.getJsonObject(method);
                probes.addAll(parameterProbes(path.substring(1), method.toUpperCase(), operation));
                probes.addAll(bodyProbes(path.substring(1), method.toUpperCase(), operation));
            }
            probes.addAll(methodProbes(path.substring(1), operations.keySet(), paths.keySet()));
        }
        assertTrue(paths.size() >= 15 && probes.size() > 500, paths.size() + " paths, " + probes.size() + " probes");
        run(probes);
    }

    @Test
    @Order(2)
    void theAdminBodyIsReadStrictlyAndOnlyWithTheToken() throws Exception {
        String encrypt = "api/admin/secrets/encrypt";
        Map<String, Integer> withToken = Map.ofEntries(
                Map.entry("{bad", 400), Map.entry(NESTED, 400), Map.entry("{\"site\":\"demo\",\"password\":\"pw\",\"evil\":1}", 400),
                Map.entry("{\"site\":\"a\",\"site\":\"b\"}", 400), Map.entry("[1,2]", 400), Map.entry("{\"site\":1e99999999999}", 400),
                Map.entry("{\"site\":NaN}", 400), Map.entry("{\"site\":" + "9".repeat(60_000) + "}", 400), Map.entry("", 400),
                Map.entry("\"" + "x".repeat(1 << 20) + "\"", 413));
        List<Probe> probes = new ArrayList<>();
        withToken.forEach((body, status) -> {
            probes.add(new Probe("encrypt " + abbreviate(body), post(encrypt, "application/json", body.getBytes(StandardCharsets.UTF_8), true), Set.of(status)));
            probes.add(new Probe("encrypt without token " + abbreviate(body), post(encrypt, "application/json", body.getBytes(StandardCharsets.UTF_8), false), Set.of(ANONYMOUS_REFUSED)));
        });
        byte[] valid = "{\"site\":\"demo\",\"password\":\"pw\"}".getBytes(StandardCharsets.UTF_8);
        probes.add(new Probe("encrypt as text/plain", post(encrypt, "text/plain", valid, true), Set.of(415)));
        probes.add(new Probe("encrypt as form", post(encrypt, "application/x-www-form-urlencoded", valid, true), Set.of(415)));
        probes.add(new Probe("encrypt without a content type", post(encrypt, null, valid, true), Set.of(415)));
        probes.add(new Probe("encrypt binary garbage", post(encrypt, "application/json", garbage(4096), true), Set.of(400)));
        // A body of unknown length is cut at the limit as it is read.
        probes.add(new Probe("encrypt 1 MiB of unknown length", HttpRequest.newBuilder(server.uri(encrypt))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1 << 20]))).build(), Set.of(413)));
        for (String authorization : List.of("Bearer " + "x".repeat(10_000), "Bearer", "Basic Zm9vOmJhcg==", "bearer  " + TOKEN + "x", "\u00ff")) {
            probes.add(new Probe("status with Authorization " + abbreviate(authorization), HttpRequest.newBuilder(server.uri("api/admin/secrets"))
                    .header("Authorization", authorization).build(), Set.of(401)));
        }
        run(probes);
        HttpResponse<String> unknown = send(post(encrypt, "application/json", "{\"site\":\"demo\",\"evil\":1}".getBytes(StandardCharsets.UTF_8), true));
        assertTrue(unknown.body().contains("'evil'"), "the unknown field is named: " + unknown.body());
    }

    @Test
    @Order(3)
    void everyServletPathWithHostileValues() throws Exception {
        List<Probe> probes = new ArrayList<>();
        for (String bad : all()) {
            for (String file : List.of("index.m3u8", "stream.m3u8", "init-0.mp4", "seg-1.m4s", "part-1.m4s")) {
                probes.add(get("hls/" + encode(bad) + "/" + file, Set.of(404)));
            }
            for (String file : List.of("stream.mjpg", "snapshot.jpg")) {
                probes.add(get("mjpeg/" + encode(bad) + "/" + file, Set.of(404)));
                if (!bad.isEmpty()) { // no profile is the default: a stream that never ends
                    probes.add(get("mjpeg/" + fixedCamera + "/" + file + "?profile=" + encode(bad), Set.of(400)));
                }
            }
            probes.add(get("embed.html?camera=" + encode(bad) + "&view=" + encode(bad), null));
            probes.add(get("?camera=" + encode(bad), null));
            probes.add(get("hls/" + fixedCamera + "/" + encode(bad), Set.of(404)));
        }
        for (String n : BAD_NUMBERS) {
            String hls = "hls/" + fixedCamera + "/";
            for (String file : List.of("init-%s.mp4", "seg-%s.m4s", "part-%s.m4s")) {
                probes.add(get(hls + encode(String.format(file, n)), Set.of(404)));
            }
            if (!n.isEmpty()) {
                probes.add(get(hls + "stream.m3u8?_HLS_msn=" + encode(n), Set.of(400)));
                probes.add(get(hls + "stream.m3u8?_HLS_msn=0&_HLS_part=" + encode(n), Set.of(400)));
                probes.add(get(hls + "stream.m3u8?_HLS_part=" + encode(n), Set.of(400)));
            }
        }
        String hls = "hls/" + fixedCamera + "/";
        probes.add(get(hls + "seg-99999999999999999999.m4s", Set.of(404))); // the report that started this test
        probes.add(get(hls + "init-9999999999.mp4", Set.of(404)));
        probes.add(get(hls + "stream.m3u8?_HLS_msn=" + (lastMsn.get() + 1000), Set.of(400)));
        probes.add(get(hls + "stream.m3u8?_HLS_skip=" + encode("x".repeat(10_000)), Set.of(200)));
        for (String path : List.of("nope", "WEB-INF/web.xml", "META-INF/MANIFEST.MF", "hls/", "mjpeg/", "error", "api/", "hls",
                "hls/" + fixedCamera, "mjpeg/" + fixedCamera + "/", "ws/health", "css/" + encode("../../WEB-INF/web.xml"))) {
            probes.add(get(path, null));
        }
        for (String path : List.of("hls/" + fixedCamera + "/index.m3u8", "mjpeg/" + fixedCamera + "/snapshot.jpg",
                "mjpeg/" + fixedCamera + "/stream.mjpg", "embed.html", "", "error")) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "FOO", "TRACE")) {
                probes.add(new Probe(method + " /" + path, HttpRequest.newBuilder(server.uri(path))
                        .method(method, HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), Set.of(403, 404, 405)));
            }
        }
        run(probes);
    }

    @Test
    @Order(4)
    void requestsNoWellBehavedClientSends() throws Exception {
        URI base = server.baseUri();
        String hls = "/hls/" + fixedCamera;
        List<String> heads = List.of(
                "GET /hls/../WEB-INF/web.xml HTTP/1.1", "GET /api/cameras/%zz HTTP/1.1", "GET /%ff%fe HTTP/1.1",
                "GET " + hls + "/%00 HTTP/1.1", "GET /api/cameras/" + "x".repeat(10_000) + " HTTP/1.1",
                "GET " + hls + "/seg-99999999999999999999.m4s HTTP/1.1", "GET " + hls + "/stream.m3u8?_HLS_msn=%zz HTTP/1.1",
                "GET /api/cameras/" + ptzCamera + "/ptz/presets/%ff/recall HTTP/1.1",
                "GET / HTTP/1.1\r\nX-Long: " + "x".repeat(20_000), "GET /api/cameras HTTP/1.1\r\nContent-Length: -1",
                "GET /api/cameras HTTP/1.1\r\nContent-Type: \u00ff\u00fe", "GET /api/cameras HTTP/1.1\r\nAccept: */*;q=NaN",
                "BREW /api/cameras HTTP/1.1", "GET /api/cameras HTTP/1.0", "GET /api/cameras?" + "a=1&".repeat(5_000) + " HTTP/1.1",
                "GET /api/cameras/" + ptzCamera + "/ptz/presets/1;x=1/recall HTTP/1.1");
        List<Future<?>> done = new ArrayList<>();
        for (String head : heads) {
            done.add(pool.submit(() -> raw(base, head, new byte[0])));
        }
        done.add(pool.submit(() -> raw(base, "POST /api/admin/secrets/encrypt HTTP/1.1\r\nContent-Type: application/json",
                "{bad".getBytes(StandardCharsets.UTF_8))));
        done.add(pool.submit(() -> raw(base, "POST /api/cameras/" + ptzCamera + "/ptz/stop HTTP/1.1\r\nContent-Type: application/json",
                "{\"pan\":1}".getBytes(StandardCharsets.UTF_8))));
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertFindings("raw requests");
    }

    @Test
    @Order(5)
    void garbageOnTheSocketsClosesNothingAsAServerError() throws Exception {
        List<String> messages = List.of("{bad", "[".repeat(10_000), "{\"subscribe\":" + "[".repeat(3_000) + "}", "null", "",
                "{\"pan\":1e999999,\"tilt\":-1e999999}", "{\"pan\":NaN}", "{\"pan\":\"x\",\"stop\":\"yes\"}", "{\"evil\":" + "1".repeat(5000) + "}",
                "{\"type\":\"telemetry\",\"camera\":\"" + "x".repeat(3000) + "\",\"latency\":1e308,\"stalls\":-1e308}",
                "{\"subscribe\":[\"" + "x".repeat(10_000) + "\"],\"profile\":{}}", "{\"x\":\"" + "y".repeat(1 << 20) + "\"}",
                "\uFFFF\uFFFE");
        List<String> paths = List.of("ws/health", "ws/frames", "ws/mse", "ws/cameras/" + ptzCamera + "/ptz", "ws/cameras/" + fixedCamera + "/ptz",
                "ws/cameras/" + encode("no-such-camera") + "/ptz", "ws/cameras/" + encode("x".repeat(2_000)) + "/ptz",
                "ws/cameras/" + encode("../../etc") + "/ptz");
        List<Future<?>> done = new ArrayList<>();
        for (String path : paths) {
            for (String message : messages) {
                done.add(pool.submit(() -> socket(path, message, true)));
            }
            done.add(pool.submit(() -> socket(path, null, false))); // binary garbage
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        int races = handshakeRaces.get();
        assertTrue(races <= REFUSED_HANDSHAKE_RACES, races + " handshakes answered 500");
        assertTrue(races == 0 || server.log().contains("PECoyoteConnector.requestEndEvent"),
                races + " handshakes answered 500 without the container's own trace in the log:\n" + server.logTail(80));
        assertFindings("sockets");
    }

    @Test
    @Order(99)
    void theServerStaysLiveTheStreamGoesOnAndTheLogStaysQuiet() throws Exception {
        HttpResponse<String> live = server.get("health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"UP\""), live.body());
        HttpResponse<String> ready = server.get("health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        for (JsonValue check : Json.createReader(new StringReader(ready.body())).readObject().getJsonArray("checks")) {
            JsonObject data = check.asJsonObject().getJsonObject("data");
            assertTrue(data == null || data.isEmpty(), "readiness says UP or DOWN per check and nothing else: " + ready.body());
        }

        long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;
        watch();
        assertTrue(viewerProblems.isEmpty(), "the viewer's playlist requests: " + viewerProblems);
        assertTrue(lastMsn.get() >= msnAtStart + Math.min(5, seconds / 3),
                "the stream advanced from " + msnAtStart + " to " + lastMsn.get() + " in " + seconds + " s");

        List<String> added = server.log().lines().skip(logLinesAtStart).toList();
        Map<String, Integer> kinds = LogRecords.countByKind(added);
        System.out.println("HostileInputIT: " + checks.answers() + " answers checked in " + seconds + " s; the log grew by "
                + added.size() + " lines in " + kinds + "; the stream went from " + msnAtStart + " to " + lastMsn.get());
        String log = String.join("\n", added.subList(0, Math.min(added.size(), 300)));
        boolean failedUpgrade = added.stream().anyMatch(l -> l.contains("TyrusServletUpgrade.upgrade"));
        boolean clientGone = added.stream().anyMatch(l -> l.contains("Request.onAfterService"));
        kinds.forEach((kind, n) -> assertTrue(n <= allowedRecords(kind, failedUpgrade, clientGone),
                n + " log records of one kind (" + kind + "):\n" + log));
        assertTrue(added.size() <= LOG_LINES_ALLOWED, "the log grew by " + added.size() + " lines:\n" + log);
        assertTrue(thrownByOurCode(added).isEmpty(), "an exception thrown by our code: " + thrownByOurCode(added) + "\n" + log);
    }

    private static int allowedRecords(String kind, boolean failedUpgrade, boolean clientGone) {
        if (kind.startsWith("stderr:")) {
            return PAYARA_READ_AFTER_CLOSE;
        }
        if (clientGone && GRIZZLY_CHAIN.matcher(kind).find()) {
            return GRIZZLY_AFTER_CLIENT_GONE;
        }
        if (failedUpgrade && WELD_LEAK.matcher(kind).find()) {
            return WELD_AFTER_FAILED_UPGRADE;
        }
        return RECORDS_PER_KIND;
    }

    /**
     * The top frames of logged stack traces (and of their causes) that are ours. A container's own
     * exception that merely passes through our filters on its way up (Tyrus upgrading a request whose
     * connection had already gone, seen about one run in three) is not a bug of ours.
     */
    private static List<String> thrownByOurCode(List<String> lines) {
        List<String> ours = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            boolean topFrame = lines.get(i).strip().startsWith("at ") && !lines.get(i - 1).strip().startsWith("at ");
            if (topFrame && lines.get(i).contains("at org.fieldcast.")) {
                ours.add(lines.get(i).strip());
            }
        }
        return ours;
    }

    /**
     * Last, since it may leave the server answering 431 to others: an id of 10,000 characters over
     * HTTP/2 is refused (a stream reset), and must not change how later requests are answered. With
     * Payara's default HTTP/2 header list limit (4 KiB) it does: about one in four later HTTP/2
     * requests, on any connection, gets an empty 431, until a restart. A limit of 16 KiB
     * ({@code http2-max-header-list-size-in-bytes}) removes that.
     */
    @Test
    @Order(100)
    void anOverlongRequestOverHttp2SpoilsNoLaterRequest() throws Exception {
        for (String path : List.of("api/cameras/" + "x".repeat(10_000), "hls/" + "x".repeat(6_000) + "/index.m3u8")) {
            try {
                HttpResponse<byte[]> r = http.send(withTimeout(HttpRequest.newBuilder(server.uri(path)).build()),
                        HttpResponse.BodyHandlers.ofByteArray());
                checks.check("HTTP/2 GET /" + abbreviate(path), r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                        r.body(), false);
            } catch (IOException refused) {
                // a stream reset: the request is refused, which is right
            }
        }
        int spoilt = 0;
        for (int i = 0; i < 40; i++) {
            HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = fresh.send(withTimeout(HttpRequest.newBuilder(server.uri("api/cameras/no-such-camera")).build()),
                    HttpResponse.BodyHandlers.ofString());
            spoilt += r.statusCode() == 404 ? 0 : 1;
        }
        assertEquals(0, spoilt, spoilt + " of 40 later requests were not answered 404; set the HTTPS listener's"
                + " http2-max-header-list-size-in-bytes to 16384 in payara/pre-boot-commands.asadmin");
        assertFindings("overlong HTTP/2 requests");
    }

    // --- probes ------------------------------------------------------------------------------------------

    private static List<Probe> parameterProbes(String template, String method, JsonObject operation) {
        List<Probe> probes = new ArrayList<>();
        boolean admin = adminOnly(template, method);
        JsonArray parameters = operation.getJsonArray("parameters");
        for (JsonValue p : parameters == null ? JsonValue.EMPTY_JSON_ARRAY : parameters) {
            String name = p.asJsonObject().getString("name");
            String in = p.asJsonObject().getString("in");
            for (String bad : all()) {
                if (in.equals("path")) {
                    String path = fill(template, name, encode(bad));
                    probes.add(new Probe(method + " " + abbreviate(path), request(method, path, admin), null));
                } else if (in.equals("query") && !bad.isEmpty()) { // an empty value is no value: the default applies
                    String path = fill(template, null, null) + "?" + name + "=" + encode(bad);
                    probes.add(new Probe(method + " " + abbreviate(path), request(method, path, admin), null));
                }
            }
        }
        if (admin) { // the access filter refuses non-admins before anything else
            String path = fill(template, null, null);
            probes.add(new Probe(method + " " + path + " without token", request(method, path, false), Set.of(ANONYMOUS_REFUSED)));
            probes.add(new Probe(method + " " + path + " with token", request(method, path, true), null));
        }
        return probes;
    }

    private static List<Probe> bodyProbes(String template, String method, JsonObject operation) {
        boolean admin = adminOnly(template, method);
        String path = fill(template, null, null);
        if (operation.containsKey("requestBody")) {
            return List.of(); // the endpoints that take a body have tests of their own (encrypt here, the rest in access)
        }
        if (method.equals("DELETE")) {
            // The container refuses a DELETE with a body itself (400, or closing the connection on a
            // large one) before any filter of ours runs.
            return List.of();
        }
        List<Probe> probes = new ArrayList<>();
        Set<Integer> refused = Set.of(400);
        probes.add(new Probe(method + " " + path + " with a JSON body", HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.ofString("{\"pan\":1}")).build(), refused));
        probes.add(new Probe(method + " " + path + " with 1 MiB", HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/octet-stream").header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(garbage(1 << 20))).build(), refused));
        if (admin) {
            probes.add(new Probe(method + " " + path + " with a body, without token", HttpRequest.newBuilder(server.uri(path))
                    .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(NESTED)).build(), Set.of(ANONYMOUS_REFUSED)));
        }
        return probes;
    }

    private static List<Probe> methodProbes(String template, Set<String> declared, Set<String> templates) {
        List<Probe> probes = new ArrayList<>();
        boolean admin = adminOnly(template, "GET");
        String path = fill(template, null, null);
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "FOO", "TRACE")) {
            if (!declared.contains(method.toLowerCase())) {
                // A path another template also matches (api/embeds/session is api/embeds/{id} too) may be
                // that operation's own 404 instead.
                Set<Integer> expected = matchedByAnother(path, template, templates) ? Set.of(404, 405) : Set.of(405);
                probes.add(new Probe(method + " " + path, HttpRequest.newBuilder(server.uri(path))
                        .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                        expected));
            }
        }
        if (admin) {
            // Refused before anything else: 403 where the admin's rule names every method, else the
            // 404 of a path no rule names for this method.
            probes.add(new Probe("PUT " + path + " without token", HttpRequest.newBuilder(server.uri(path))
                    .method("PUT", HttpRequest.BodyPublishers.noBody()).build(), Set.of(ANONYMOUS_REFUSED, 404)));
        }
        return probes;
    }

    private static boolean matchedByAnother(String path, String template, Set<String> templates) {
        return templates.stream().map(t -> t.substring(1)).filter(t -> !t.equals(template))
                .anyMatch(t -> path.matches(t.replaceAll("\\{[^}]+}", "[^/]+")));
    }

    /** The camera a path needs: PTZ and alarms on the dome, the rest on the fixed camera; preset and alarm 1. */
    private static String fill(String template, String name, String value) {
        String camera = template.contains("/ptz") || template.contains("/alarms") ? ptzCamera : fixedCamera;
        String path = name == null ? template : template.replace("{" + name + "}", value);
        // A camera for {id} (an unknown token or grant id for those paths, which answer 404), preset or
        // alarm 1, and a plain name for any other parameter (a user name).
        return path.replace("{id}", camera).replace("{n}", "1").replaceAll("\\{[^}]+}", "probe");
    }

    /** Paths only an admin may use, by the access rules (the test server's anonymous caller is an operator). */
    private static boolean adminOnly(String template, String method) {
        return org.fieldcast.access.AccessRules.match(method, "/" + fill(template, null, null)).need()
                == org.fieldcast.access.AccessRules.Need.ADMIN;
    }

    private static HttpRequest request(String method, String path, boolean token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        return token ? b.header("Authorization", "Bearer " + TOKEN).build() : b.build();
    }

    private static HttpRequest post(String path, String contentType, byte[] body, boolean token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return token ? b.header("Authorization", "Bearer " + TOKEN).build() : b.build();
    }

    private static Probe get(String path, Set<Integer> expected) {
        return new Probe("GET /" + abbreviate(path), HttpRequest.newBuilder(server.uri(path)).build(), expected);
    }

    private static List<String> all() {
        List<String> all = new ArrayList<>(BAD_NUMBERS);
        all.addAll(BAD_TEXT);
        return all;
    }

    // --- running and checking ----------------------------------------------------------------------------

    private static void run(List<Probe> probes) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (Probe p : probes) {
            done.add(pool.submit(() -> {
                try {
                    HttpClient client = http1Only(p.request()) ? http1 : http;
                    HttpResponse<byte[]> r = client.send(withTimeout(p.request()), HttpResponse.BodyHandlers.ofByteArray());
                    if (refusedByTheHttpLayer(p.request(), r.statusCode(), r.body())) {
                        return null;
                    }
                    checks.check(p.what(), r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(),
                            p.request().method().equals("HEAD"));
                    if (p.expected() != null && !p.expected().contains(r.statusCode())) {
                        checks.add(p.what() + ": " + r.statusCode() + " where " + p.expected() + " was due: " + AnswerChecks.excerpt(r.body()));
                    }
                } catch (IOException e) {
                    // Grizzly closes on those, maybe before the client has read its 400.
                    if (!bodyOnARead(p.request()) && !overTheHeadLimit(p.request())) {
                        checks.add(p.what() + ": no answer (" + e + ")");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        assertFindings(probes.size() + " probes");
    }

    /** Payara's default {@code http2-max-header-list-size-in-bytes}. */
    private static final int HTTP2_HEADER_LIST = 4096;

    /**
     * Over HTTP/2 a request whose head exceeds the header list limit spoils later requests (see the
     * last test), and a body the server answers before reading it stalls the connection: Payara
     * neither reads the rest nor resets the stream, and the JDK's client waits to finish sending.
     * Both go over HTTP/1.1, where the server closes or drains.
     */
    private static boolean http1Only(HttpRequest r) {
        long body = r.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
        return headSize(r) > HTTP2_HEADER_LIST || body < 0 || body > 16 * 1024;
    }

    private static int headSize(HttpRequest r) {
        return r.uri().toString().length() + r.headers().map().entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().stream().mapToInt(String::length).sum()).sum();
    }

    /**
     * What the container's HTTP layer refuses before any application code runs, it answers with an
     * empty 4xx of its own: an encoded NUL or slash in the path, TRACE, a head beyond its buffer.
     * Nothing of Fieldcast's can shape those; they are no 5xx, and they say nothing.
     */
    private static boolean refusedByTheHttpLayer(HttpRequest r, int status, byte[] body) {
        String path = r.uri().getRawPath().toUpperCase();
        boolean refusable = r.method().equals("TRACE") || path.contains("%00") || path.contains("%2F") || path.contains("%5C")
                || headSize(r) > HTTP2_HEADER_LIST || bodyOnARead(r);
        return refusable && status >= 400 && status < 500 && body.length == 0;
    }

    /** A GET with a body: over HTTP/1.1 the container answers an empty 400 and closes. */
    /**
     * A request line over Grizzly's 8 KiB head limit on HTTP/1.1 is refused by the container before
     * Fieldcast sees it: a 400 and a closed connection, which under load the client sometimes meets
     * before the 400 (seen once in three full runs).
     */
    private static boolean overTheHeadLimit(HttpRequest r) {
        return http1Only(r) && r.uri().toString().length() > 8 * 1024;
    }

    private static boolean bodyOnARead(HttpRequest r) {
        return (r.method().equals("GET") || r.method().equals("HEAD"))
                && r.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L) != 0 && http1Only(r);
    }

    private static HttpRequest withTimeout(HttpRequest r) {
        return HttpRequest.newBuilder(r, (name, value) -> true).timeout(Duration.ofSeconds(20)).build();
    }

    /**
     * A request the container's HTTP parser refuses before any application code runs (a malformed
     * request line or header) is answered by it without a body: allowed, as long as it is no 5xx.
     */
    private static Void raw(URI base, String head, byte[] body) throws IOException {
        String what = "raw " + abbreviate(head.replace("\r\n", " | "));
        RawHttps.Answer a = RawHttps.exchange(base, head, body);
        if (a.status() < 0) {
            return null; // closed without an answer: the parser gave up on it
        }
        if (a.status() >= 400 && a.status() < 500 && a.body().length == 0 && a.contentType() == null) {
            return null;
        }
        checks.check(what, a.status(), a.contentType(), a.body(), false);
        return null;
    }

    /** Sends one message (text, or binary garbage when null) and watches how the socket answers and ends. */
    private static Void socket(String path, String text, boolean isText) throws Exception {
        String what = "socket /" + abbreviate(path) + " <- " + (isText ? abbreviate(text) : "binary garbage");
        URI uri = URI.create(server.uri(path).toString().replaceFirst("^http", "ws"));
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        List<String> replies = Collections.synchronizedList(new ArrayList<>());
        WebSocket ws;
        try {
            ws = http.newWebSocketBuilder().header("Origin", server.origin()).connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                replies.add(text.toString());
                                text.setLength(0);
                            }
                            s.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onBinary(WebSocket s, ByteBuffer data, boolean last) {
                            s.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket s, int code, String reason) {
                            replies.add("close " + code + " " + reason);
                            closed.complete(code);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket s, Throwable error) {
                            closed.complete(1006);
                        }
                    }).get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                HttpResponse<?> r = h.getResponse();
                if (r.statusCode() == 500) {
                    handshakeRaces.incrementAndGet(); // judged with the log in the socket test
                    return null;
                }
                Object b = r.body();
                checks.check(what + " (handshake)", r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                        b instanceof byte[] bytes ? bytes : String.valueOf(b == null ? "" : b).getBytes(StandardCharsets.UTF_8), false);
                return null;
            }
            checks.add(what + ": handshake failed: " + e.getCause());
            return null;
        }
        // A socket refused at its opening (no such camera, no PTZ) is closed at once: sending into that
        // close would only measure the race.
        Integer code = closedWithin(closed, 300);
        if (code == null) {
            try {
                if (isText) {
                    ws.sendText(text, true).get(20, TimeUnit.SECONDS);
                } else {
                    ws.sendBinary(ByteBuffer.wrap(garbage(64 * 1024)), true).get(20, TimeUnit.SECONDS);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // The server closed while the message was on its way: how it closed is checked below.
            }
            code = closedWithin(closed, 1500);
        }
        if (code == null) {
            // Closed properly: a connection dropped without a close frame is another test's subject.
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                // the server closed first
            }
            if (closedWithin(closed, 5000) == null) {
                ws.abort();
            }
        }
        // 1011 is the server's own failure; 1006 an end without a close frame (a dropped connection).
        // For a message far over every endpoint's limit the container closes with 1009 while the client
        // is still sending, and the client may see the connection drop before the close frame: 1006
        // there is the container's race (seen once in three full runs), not a failure of ours.
        boolean farTooBig = isText && text.length() > 64 * 1024;
        if (code != null && (code == 1011 || (code == 1006 && !farTooBig))) {
            checks.add(what + ": closed with " + code + " " + replies);
        }
        for (String reply : List.copyOf(replies)) {
            Matcher leak = AnswerChecks.LEAK.matcher(reply);
            if (leak.find()) {
                checks.add(what + ": said '" + leak.group() + "': " + abbreviate(reply));
            }
            if (reply.startsWith("{\"status\"") && AnswerChecks.shapeProblem(Json.createReader(new StringReader(reply)).readObject()
                    .getInt("status"), reply) != null) {
                checks.add(what + ": an error not in the one shape: " + abbreviate(reply));
            }
        }
        return null;
    }

    private static Integer closedWithin(CompletableFuture<Integer> closed, long millis) throws InterruptedException {
        try {
            return closed.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return null;
        }
    }

    private static void assertFindings(String what) {
        List<String> findings = checks.drain();
        assertTrue(findings.isEmpty(), what + ": " + findings.size() + " findings:\n" + String.join("\n",
                findings.subList(0, Math.min(60, findings.size()))));
    }

    /** The viewer: the camera's media playlist, and the newest segment it lists. */
    private static long watch() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri("hls/" + fixedCamera + "/stream.m3u8"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = MEDIA_SEQUENCE.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                viewerProblems.add(r.statusCode() + " " + abbreviate(r.body()));
                return -1;
            }
            long newest = Long.parseLong(m.group(1)) + r.body().split("#EXTINF", -1).length - 2;
            lastMsn.accumulateAndGet(newest, Math::max);
            return newest;
        } catch (IOException | RuntimeException e) {
            viewerProblems.add(e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(withTimeout(request), HttpResponse.BodyHandlers.ofString());
    }

    /** Every character but the unreserved ones percent-encoded (dots too, so that no URI resolution removes a "..") */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E").replace("*", "%2A");
    }

    private static byte[] garbage(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("[\\p{Cntrl}]", "?");
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…(" + s.length() + ")" : oneLine;
    }
}
