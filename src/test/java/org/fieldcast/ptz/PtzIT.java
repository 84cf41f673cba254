package org.fieldcast.ptz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.sim.CameraCertificate;
import org.fieldcast.sim.RcpRequestTrace;
import org.fieldcast.sim.SimAuth;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.FieldcastServer;

/**
 * The PTZ and alarm API of a real Fieldcast against simulated domes in this JVM, one per
 * authentication mode and one over HTTPS, so that each test can read what reached the camera and
 * when (the simulator's rcp.xml trace).
 */
class PtzIT {
    private static final String RIGHT = "0x8000060110858F0000";
    private static final String STOP = "0x800006011085000000";
    private static final String USER = "user";
    private static final String PASSWORD = "pw-123";

    private static ExecutorService executor;
    private static Path folder;
    private static final Map<String, SimulatedCamera> cameras = new java.util.LinkedHashMap<>();
    private static FieldcastServer server;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        executor = Executors.newCachedThreadPool();
        folder = Files.createTempDirectory("fieldcast-ptz-it-");
        Path ffmpeg = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path")).resolve("ffmpeg");
        CameraCertificate certificate = CameraCertificate.selfSigned(folder, "ptz-tls");
        camera("ptz-none", SimAuth.NONE, true, null, ffmpeg);
        camera("ptz-basic", SimAuth.BASIC, true, null, ffmpeg);
        camera("ptz-digest", SimAuth.DIGEST, true, null, ffmpeg);
        camera("ptz-tls", SimAuth.DIGEST, true, certificate, ffmpeg);
        camera("fixed-digest", SimAuth.DIGEST, false, null, ffmpeg);

        StringBuilder entries = new StringBuilder();
        for (SimulatedCamera c : cameras.values()) {
            entries.append(entry(c.spec().id(), c, c.spec().id().equals("ptz-tls") ? certificate.fingerprint() : null)).append(',');
        }
        // The same HTTPS camera under a second id, with a fingerprint that is not its own.
        entries.append(entry("ptz-wrong-pin", cameras.get("ptz-tls"), "ab".repeat(32)));
        Path stations = folder.resolve("stations.json");
        Files.writeString(stations, "{\"sites\":[{\"id\":\"ptz-site\",\"name\":\"PTZ test site\",\"cameras\":[" + entries + "]}]}");
        // A generous camera timeout: a TLS handshake on a busy 2-core machine can take seconds.
        server = FieldcastServer.start(Map.of("FIELDCAST_STATIONS_FILE", stations.toString(), "FIELDCAST_DEMO_ENABLED", "false",
                "FIELDCAST_PTZ_TIMEOUT", "PT10S"));
    }

    private static void camera(String id, SimAuth auth, boolean ptz, CameraCertificate cert, Path ffmpeg) throws IOException {
        SimulatedCameraSpec spec = SimulatedCameraSpec.of(id, id, ptz).withPicture(160, 90, 10, 100);
        if (auth != SimAuth.NONE) {
            spec = spec.withAuth(auth, USER, PASSWORD);
        }
        SimulatedCamera camera = new SimulatedCamera(spec, ffmpeg, executor);
        if (cert != null) {
            camera.serveHttps(cert);
        }
        camera.start();
        cameras.put(id, camera);
    }

    private static String entry(String id, SimulatedCamera c, String fingerprint) {
        SimulatedCameraSpec s = c.spec();
        String https = fingerprint == null ? "" : ",\"httpsPort\":" + c.httpsPort() + ",\"tlsFingerprint\":\"" + fingerprint + "\"";
        String auth = s.auth() == SimAuth.NONE ? "\"auth\":\"NONE\""
                : "\"auth\":\"" + s.auth() + "\",\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"";
        return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"type\":\"" + (s.ptz() ? "PTZ" : "FIXED") + "\","
                + "\"host\":\"127.0.0.1\",\"rtspPort\":" + c.rtspPort() + ",\"httpPort\":" + c.httpPort() + https + "," + auth + "}";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        cameras.values().forEach(SimulatedCamera::close);
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everyAuthModeMovesAndStops() throws Exception {
        for (String id : List.of("ptz-none", "ptz-basic", "ptz-digest", "ptz-tls")) {
            SimulatedCamera camera = cameras.get(id);
            int before = camera.rcpTrace().size();

            HttpResponse<String> move = post(id, "ptz/move?pan=1");
            assertEquals(200, move.statusCode(), id + ": " + move.body());
            assertTrue(move.body().contains("\"panStep\":15") && move.body().contains("\"leaseMillis\":1000"), move.body());
            assertEquals(200, post(id, "ptz/stop").statusCode(), id);

            List<String> sent = payloads(camera.rcpTrace().subList(before, camera.rcpTrace().size()));
            assertEquals(RIGHT, sent.get(0), id + ": " + sent);
            // On a loaded machine the lease may lapse before the stop request arrives: then two stops.
            assertTrue(sent.size() >= 2 && sent.subList(1, sent.size()).stream().allMatch(STOP::equals), id + ": " + sent);
            assertFalse(camera.ptzMoving(), id);
        }
    }

    @Test
    void aWrongPinnedFingerprintIsRefusedBeforeAnythingIsSent() throws Exception {
        SimulatedCamera camera = cameras.get("ptz-tls");
        int before = camera.rcpTrace().size();

        HttpResponse<String> move = post("ptz-wrong-pin", "ptz/move?pan=1");

        assertEquals(502, move.statusCode(), move.body());
        assertTrue(move.body().contains("is pinned for it"), move.body());
        assertEquals(before, camera.rcpTrace().size(), "nothing reached the camera");
        assertFalse(camera.ptzMoving());
    }

    @Test
    void aLapsedLeaseStopsTheCameraWithin1200MsOfTheLastRenewal() throws Exception {
        SimulatedCamera camera = cameras.get("ptz-digest");
        int before = camera.rcpTrace().size();
        Instant lastRenewal = null;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> renewal = post("ptz-digest", "ptz/move?pan=-0.4&tilt=0.2");
            assertEquals(200, renewal.statusCode(), renewal.body());
            lastRenewal = Instant.now();
            Thread.sleep(300);
        }

        assertTrue(eventually(Duration.ofSeconds(5), () -> !camera.ptzMoving()), "the camera stopped");
        List<RcpRequestTrace> trace = camera.rcpTrace().subList(before, camera.rcpTrace().size());
        assertEquals(List.of("0x800006011085068300", STOP), payloads(trace), "one move, renewed without resending, then the stop");
        long afterRenewal = Duration.between(lastRenewal, trace.get(1).at()).toMillis();
        assertTrue(afterRenewal <= 1200, "the stop reached the camera " + afterRenewal + " ms after the last renewal");
        assertTrue(afterRenewal >= 600, "and not before the lease ran out: " + afterRenewal + " ms");
    }

    /**
     * HTTPS negotiates HTTP/2 (ALPN); plain HTTP never upgrades to h2c (Grizzly's h2c deadlocked a
     * connection carrying a burst like the one below) and only redirects.
     */
    @Test
    void httpsSpeaksHttp2AndPlainHttpOnlyRedirects() throws Exception {
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(server.uri("api/cameras")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        HttpResponse<String> plain = h2.send(HttpRequest.newBuilder(server.plainUri("api/cameras")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, plain.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, plain.version());
        assertEquals(server.uri("api/cameras").toString(), plain.headers().firstValue("Location").orElseThrow());
    }

    /** The burst over HTTP/1.1 and over HTTP/2, where many requests share one connection. */
    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void commandsReachACameraAtLeast100MsApartAndQueuedMovesCoalesce(HttpClient.Version version) throws Exception {
        SimulatedCamera camera = cameras.get("ptz-basic");
        int before = camera.rcpTrace().size();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            burst.add(postAsync(version, "ptz-basic", "ptz/move?pan=" + (i % 2 == 0 ? "" : "-") + (i / 12.0)));
            if (i % 4 == 0) {
                burst.add(postAsync(version, "ptz-basic", "alarms/" + (i / 4) + "/set"));
            }
        }
        for (CompletableFuture<HttpResponse<String>> r : burst) {
            HttpResponse<String> reply;
            try {
                reply = r.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("a command of the burst got no answer; camera trace "
                        + camera.rcpTrace().subList(before, camera.rcpTrace().size()) + "\n" + server.threadDump(), e);
            }
            assertEquals(200, reply.statusCode(), reply.body());
            assertEquals(version, reply.version());
        }
        assertEquals(200, post("ptz-basic", "ptz/stop").statusCode());
        assertEquals(200, post("ptz-basic", "alarms/1/clear").statusCode());

        List<RcpRequestTrace> trace = camera.rcpTrace().subList(before, camera.rcpTrace().size());
        for (int i = 1; i < trace.size(); i++) {
            long gap = Duration.between(trace.get(i - 1).at(), trace.get(i).at()).toMillis();
            assertTrue(gap >= 100, "commands " + (i - 1) + " and " + i + " reached the camera " + gap + " ms apart: " + trace);
        }
        long moves = trace.stream().filter(t -> t.command() == RcpCommand.BICOM).count();
        assertTrue(moves < 13, "queued moves were replaced by newer ones: " + moves + " of 13 sent");
        assertTrue(camera.virtualAlarm(2) && camera.virtualAlarm(3));
        assertEquals(STOP, payloads(trace.stream().filter(t -> t.command() == RcpCommand.BICOM).toList()).get((int) moves - 1));
    }

    @Test
    void badInputIsRefusedWithA4xxAndNothingIsSent() throws Exception {
        int before = cameras.values().stream().mapToInt(c -> c.rcpTrace().size()).sum();
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("ptz-none/ptz/move?pan=1.5", 400);
        cases.put("ptz-none/ptz/move?tilt=-2", 400);
        cases.put("ptz-none/ptz/move?zoom=fast", 400);
        cases.put("ptz-none/ptz/presets/0/recall", 400);
        cases.put("ptz-none/ptz/presets/257/store", 400);
        cases.put("ptz-none/ptz/presets/x/recall", 400);
        cases.put("ptz-none/alarms/0/set", 400);
        cases.put("ptz-none/alarms/1/pulse?millis=5", 400);
        cases.put("no-such-camera/ptz/move?pan=1", 404);
        cases.put("no-such-camera/alarms/1/set", 404);
        cases.put("fixed-digest/ptz/move?pan=1", 409);
        cases.put("fixed-digest/ptz/presets/1/recall", 409);
        cases.put("fixed-digest/ptz/stop", 409);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri("api/cameras/" + c.getKey()))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(c.getValue(), r.statusCode(), c.getKey() + ": " + r.body());
            assertTrue(r.body().startsWith("{\"status\":" + c.getValue() + ",\"error\":\"") && r.body().length() > 30, r.body());
        }
        assertEquals(before, cameras.values().stream().mapToInt(c -> c.rcpTrace().size()).sum(), "no camera heard anything");
    }

    @Test
    void virtualAlarmsSetReadClearAndPulse() throws Exception {
        SimulatedCamera camera = cameras.get("fixed-digest");

        assertEquals(200, post("fixed-digest", "alarms/2/set").statusCode());
        assertTrue(camera.virtualAlarm(2));
        assertEquals("{\"active\":true,\"number\":2}", get("fixed-digest", "alarms/2").body());
        assertEquals(200, post("fixed-digest", "alarms/2/clear").statusCode());
        assertFalse(camera.virtualAlarm(2));
        String all = get("fixed-digest", "alarms").body();
        assertTrue(all.startsWith("[") && all.contains("\"number\":4") && !all.contains("\"number\":5"), all);

        assertEquals(200, post("fixed-digest", "alarms/3/pulse?millis=300").statusCode());
        assertTrue(camera.virtualAlarm(3));
        assertTrue(eventually(Duration.ofSeconds(5), () -> !camera.virtualAlarm(3)), "the pulse ends by itself");
    }

    @Test
    void aStoredPresetIsRecalled() throws Exception {
        SimulatedCamera camera = cameras.get("ptz-none");
        assertEquals(200, post("ptz-none", "ptz/presets/3/store").statusCode());
        double stored = camera.ptzPosition().orElseThrow().pan();

        assertEquals(200, post("ptz-none", "ptz/move?pan=1").statusCode());
        Thread.sleep(500);
        assertEquals(200, post("ptz-none", "ptz/stop").statusCode());
        assertTrue(Math.abs(camera.ptzPosition().orElseThrow().pan() - stored) > 10, "moved away");
        assertEquals(200, post("ptz-none", "ptz/presets/3/recall").statusCode());

        assertTrue(eventually(Duration.ofSeconds(5), () -> Math.abs(camera.ptzPosition().orElseThrow().pan() - stored) < 0.01),
                "back at the preset: " + camera.ptzPosition());
        String position = get("ptz-none", "ptz/position").body();
        double reported = Double.parseDouble(position.replaceAll(".*\"panDegrees\":([0-9.]+).*", "$1"));
        assertEquals(stored, reported, 0.02, position);
    }

    @Test
    void aDomeThatRefusesBicomPresetsGetsTheLegacyForm() throws Exception {
        SimulatedCamera camera = cameras.get("ptz-tls");
        camera.setBicomPresets(false);
        try {
            assertEquals(200, post("ptz-tls", "ptz/presets/5/store").statusCode());
            List<RcpRequestTrace> trace = camera.rcpTrace();
            assertEquals("0x80000201B080070405", trace.get(trace.size() - 1).payload());
            assertTrue(get("ptz-tls", "ptz/capabilities").body().contains("\"presetForm\":\"OSRD\""));
            HttpResponse<String> tooHigh = post("ptz-tls", "ptz/presets/120/recall");
            assertEquals(400, tooHigh.statusCode(), tooHigh.body());
        } finally {
            camera.setBicomPresets(true);
        }
    }

    @Test
    void cameraFaultsBecomeClearErrors() throws Exception {
        SimulatedCamera camera = cameras.get("ptz-none");
        camera.setRcpTryLater(true);
        try {
            HttpResponse<String> busy = post("ptz-none", "ptz/move?tilt=1");
            assertEquals(502, busy.statusCode());
            assertTrue(busy.body().contains("0xc0 TRY_LATER"), busy.body());
        } finally {
            camera.setRcpTryLater(false);
            post("ptz-none", "ptz/stop");
        }
        camera.setPtzAvailable(false);
        try {
            assertTrue(get("ptz-none", "ptz/capabilities").body().contains("\"ptz\":false"));
            HttpResponse<String> refused = post("ptz-none", "ptz/move?pan=1");
            assertEquals(502, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("refused 0x09A5"), refused.body());
        } finally {
            camera.setPtzAvailable(true);
            post("ptz-none", "ptz/stop");
        }
        camera.setRcpReplyDelay(Duration.ofSeconds(11));
        try {
            HttpResponse<String> timeout = get("ptz-none", "alarms/1");
            assertEquals(504, timeout.statusCode(), timeout.body());
            assertTrue(timeout.body().contains("did not answer within 10000 ms"), timeout.body());
        } finally {
            camera.setRcpReplyDelay(Duration.ZERO);
        }
    }

    @Test
    void closingTheSocketStopsTheCameraAtOnce() throws Exception {
        SimulatedCamera camera = cameras.get("ptz-digest");
        assertTrue(eventually(Duration.ofSeconds(5), () -> !camera.ptzMoving()));
        int before = camera.rcpTrace().size();
        CompletableFuture<String> reply = new CompletableFuture<>();
        URI ws = URI.create(server.uri("ws/cameras/ptz-digest/ptz").toString().replaceFirst("^http", "ws"));
        WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                reply.complete(data.toString());
                return null;
            }
        }).get(10, TimeUnit.SECONDS);

        socket.sendText("{\"pan\":0,\"tilt\":-1,\"zoom\":0.5}", true).get(5, TimeUnit.SECONDS);
        assertEquals("{\"panStep\":0,\"tiltStep\":-15,\"zoomStep\":4,\"leaseMillis\":1000}", reply.get(10, TimeUnit.SECONDS));
        Instant closed = Instant.now();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        assertTrue(eventually(Duration.ofSeconds(5), () -> !camera.ptzMoving()), "stopped");
        List<RcpRequestTrace> trace = camera.rcpTrace().subList(before, camera.rcpTrace().size());
        assertEquals(List.of("0x800006011085000F84", STOP), payloads(trace));
        long afterClose = Duration.between(closed, trace.get(1).at()).toMillis();
        assertTrue(afterClose < 700, "stopped " + afterClose + " ms after the socket closed, before the lease would lapse");
    }

    @Test
    void theApiIsDocumentedInOpenApi() throws Exception {
        String spec = server.getAsAdmin("openapi").body();

        for (String path : List.of("/api/cameras/{id}/ptz/move", "/api/cameras/{id}/ptz/presets/{n}/store",
                "/api/cameras/{id}/alarms/{n}/pulse", "/api/cameras/{id}/ptz/capabilities")) {
            assertTrue(spec.contains(path), path + " in " + spec.substring(0, Math.min(400, spec.length())));
        }
        assertTrue(spec.contains("leaseMillis") && spec.contains("Bosch"), "the lease is explained");
    }

    private static List<String> payloads(List<RcpRequestTrace> trace) {
        return trace.stream().map(RcpRequestTrace::payload).toList();
    }

    private static HttpResponse<String> post(String camera, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri("api/cameras/" + camera + "/" + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(HttpClient.Version version, String camera, String path) {
        return (version == HttpClient.Version.HTTP_2 ? h2 : http).sendAsync(HttpRequest.newBuilder(server.uri("api/cameras/" + camera + "/" + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String camera, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.uri("api/cameras/" + camera + "/" + path)).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
