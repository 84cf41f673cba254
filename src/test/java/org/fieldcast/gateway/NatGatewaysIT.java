package org.fieldcast.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.fieldcast.camera.CameraAnswer;
import org.fieldcast.camera.CameraHttp;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.testing.CameraPulls;
import org.fieldcast.testing.FfmpegClient;
import org.fieldcast.testing.FieldcastServer;
import static org.fieldcast.gateway.NetworkNamespaces.in;
import static org.fieldcast.gateway.NetworkNamespaces.must;

/**
 * Fieldcast behind real NAT: network namespaces that this test creates and always removes. Fieldcast
 * runs in the root namespace and knows no route into the sites; it reaches them only through
 * gateway namespaces that forward ports with iptables DNAT, as the sites' cellular routers do.
 * <pre>
 *   root (Fieldcast) --198.51.100.x/30-- gwa (DNAT) --10.77.1.0/24-- north: 2 cameras, 10.77.1.11 and .12
 *                                         |
 *                                    10.88.0.0/30
 *                                         |
 *                                        gwb (DNAT) --10.77.2.0/24-- south: 1 camera, 10.77.2.11,
 *                                                                     Content-Base names its private address
 * </pre>
 * The simulated cameras run as their own processes inside the site namespaces.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatGatewaysIT {
    static NetworkNamespaces namespaces;
    static String gwa;
    static String gwb;
    static String publicHost;
    static final List<Process> sims = new ArrayList<>();
    static String northPassword;
    static String southPassword;
    static Path stationFile;
    static FieldcastServer server;
    static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        NetworkNamespaces.requireTools();
        NetworkNamespaces.removeLeftovers();
        namespaces = new NetworkNamespaces();
        Runtime.getRuntime().addShutdownHook(new Thread(NatGatewaysIT::cleanUp)); // also when the JVM is stopped
        buildNetwork();
        northPassword = startSim("north", "--cameras", "2", "--ptz", "1", "--content-base", "request");
        southPassword = startSim("south", "--cameras", "1", "--ptz", "0", "--content-base", "local");
        stationFile = Files.createTempFile("nat-stations-", ".json");
        Files.writeString(stationFile, stations());
        server = FieldcastServer.start(Map.of(
                "FIELDCAST_STATIONS_FILE", stationFile.toString(),
                "FIELDCAST_DEMO_ENABLED", "false"));
        pool = Executors.newCachedThreadPool();
        await("every camera live through its gateways", Duration.ofSeconds(60),
                () -> state("north-ptz-1").equals("LIVE") && state("south-fixed-1").equals("LIVE"));
    }

    @AfterAll
    static void stop() {
        cleanUp();
    }

    private static synchronized void cleanUp() {
        if (server != null) {
            server.close();
            server = null;
        }
        sims.forEach(Process::destroy);
        for (Process sim : sims) {
            try {
                if (!sim.waitFor(10, TimeUnit.SECONDS)) {
                    sim.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sim.destroyForcibly();
            }
        }
        sims.clear();
        if (namespaces != null) {
            namespaces.close();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        try {
            if (stationFile != null) {
                Files.deleteIfExists(stationFile);
            }
        } catch (IOException e) {
            // a temporary file
        }
    }

    /** The namespaces, links, addresses, routes and DNAT rules of the picture above. */
    private static void buildNetwork() {
        long pid = ProcessHandle.current().pid();
        int subnet = (int) (pid % 64) * 4; // a /30 of TEST-NET-2 per run, so runs on one host do not collide
        String rootAddress = "198.51.100." + (subnet + 1);
        publicHost = "198.51.100." + (subnet + 2);
        gwa = namespaces.create("gwa");
        gwb = namespaces.create("gwb");
        String north = namespaces.create("north");
        String south = namespaces.create("south");

        String uplink = namespaces.rootInterface('a');
        must("ip", "link", "add", uplink, "type", "veth", "peer", "name", "wan", "netns", gwa);
        must("ip", "addr", "add", rootAddress + "/30", "dev", uplink);
        must("ip", "link", "set", uplink, "up");
        in(gwa, "ip", "addr", "add", publicHost + "/30", "dev", "wan");
        in(gwa, "ip", "link", "set", "wan", "up");

        link(gwa, "lan", "10.77.1.1/24", north, "eth0", "10.77.1.11/24");
        in(north, "ip", "addr", "add", "10.77.1.12/24", "dev", "eth0");
        in(north, "ip", "route", "add", "default", "via", "10.77.1.1");

        link(gwa, "tobgw", "10.88.0.1/30", gwb, "wan", "10.88.0.2/30");
        in(gwb, "ip", "route", "add", "default", "via", "10.88.0.1");
        link(gwb, "lan", "10.77.2.1/24", south, "eth0", "10.77.2.11/24");
        in(south, "ip", "route", "add", "default", "via", "10.77.2.1");

        for (String gateway : List.of(gwa, gwb)) {
            in(gateway, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        }
        forward(gwa, 10554, "10.77.1.11:8554");
        forward(gwa, 10080, "10.77.1.11:8654");
        forward(gwa, 11554, "10.77.1.12:8555");
        forward(gwa, 11080, "10.77.1.12:8655");
        forward(gwa, 20554, "10.88.0.2:30554");
        forward(gwa, 20080, "10.88.0.2:30080");
        forward(gwb, 30554, "10.77.2.11:8554");
        forward(gwb, 30080, "10.77.2.11:8654");
    }

    private static void link(String ns1, String if1, String address1, String ns2, String if2, String address2) {
        must("ip", "-n", ns1, "link", "add", if1, "type", "veth", "peer", "name", if2, "netns", ns2);
        in(ns1, "ip", "addr", "add", address1, "dev", if1);
        in(ns1, "ip", "link", "set", if1, "up");
        in(ns2, "ip", "addr", "add", address2, "dev", if2);
        in(ns2, "ip", "link", "set", if2, "up");
    }

    /** Port forwarding as on a cellular router: connections to the WAN port go to a host inside. */
    private static void forward(String gateway, int wanPort, String inside) {
        in(gateway, "iptables", "-t", "nat", "-A", "PREROUTING", "-i", "wan", "-p", "tcp", "--dport",
                Integer.toString(wanPort), "-j", "DNAT", "--to-destination", inside);
    }

    /**
     * A simulated site as its own process in its namespace, listening on every address there.
     *
     * @return the password it made up for its cameras (from the station JSON it prints)
     */
    private static String startSim(String site, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NetworkNamespaces.PREFIX
                + ProcessHandle.current().pid() + "-" + site, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.fieldcast.sim.SimulatedSite", "--site", site, "--rtsp-port", "8554", "--http-port", "8654",
                "--bind", "0.0.0.0", "--auth", "digest", "--user", "user", "--size", "320x180"));
        command.addAll(List.of(options));
        Process sim = new ProcessBuilder(command).start();
        sims.add(sim);
        CountDownLatch streaming = new CountDownLatch(1);
        StringBuilder err = new StringBuilder();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(sim.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (err) {
                        err.append(line).append('\n');
                    }
                    if (line.startsWith("streaming")) {
                        streaming.countDown();
                    }
                }
            } catch (IOException e) {
                // the simulator ended
            }
        }, "sim-" + site + "-stderr");
        drain.setDaemon(true);
        drain.start();
        StringBuilder out = new StringBuilder();
        Thread stdout = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the simulator ended
            }
        }, "sim-" + site + "-stdout");
        stdout.setDaemon(true);
        stdout.start();
        if (!streaming.await(40, TimeUnit.SECONDS)) {
            synchronized (err) {
                throw new IllegalStateException("simulated site " + site + " did not stream:\n" + err);
            }
        }
        synchronized (out) {
            Matcher m = Pattern.compile("\"password\"\\s*:\\s*\"([^\"]+)\"").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no password in the station JSON of " + site + ":\n" + out);
            }
            return m.group(1);
        }
    }

    /** North's cameras behind one gateway; south's camera behind its own gateway, which sits behind north's. */
    private static String stations() {
        return """
                {"sites": [
                  {"id": "north", "name": "North, one hop",
                   "gateways": [{"id": "north-gw", "name": "Cellular router", "publicHost": "%1$s", "portMappings": [
                     {"protocol": "rtsp", "innerHost": "10.77.1.11", "innerPort": 8554, "outerPort": 10554},
                     {"protocol": "http", "innerHost": "10.77.1.11", "innerPort": 8654, "outerPort": 10080},
                     {"protocol": "rtsp", "innerHost": "10.77.1.12", "innerPort": 8555, "outerPort": 11554},
                     {"protocol": "http", "innerHost": "10.77.1.12", "innerPort": 8655, "outerPort": 11080},
                     {"protocol": "rtsp", "innerHost": "10.88.0.2", "innerPort": 30554, "outerPort": 20554},
                     {"protocol": "http", "innerHost": "10.88.0.2", "innerPort": 30080, "outerPort": 20080}]}],
                   "cameras": [
                     {"id": "north-ptz-1", "name": "North PTZ", "type": "PTZ", "host": "10.77.1.11", "rtspPort": 8554,
                      "httpPort": 8654, "auth": "DIGEST", "username": "user", "password": "%2$s", "gateway": "north-gw",
                      "alwaysOn": true},
                     {"id": "north-fixed-1", "name": "North fixed", "host": "10.77.1.12", "rtspPort": 8555,
                      "httpPort": 8655, "auth": "DIGEST", "username": "user", "password": "%2$s", "gateway": "north-gw"}]},
                  {"id": "south", "name": "South, two hops",
                   "gateways": [{"id": "south-gw", "name": "Site router", "publicHost": "10.88.0.2", "parent": "north-gw",
                     "portMappings": [
                       {"protocol": "rtsp", "innerHost": "10.77.2.11", "innerPort": 8554, "outerPort": 30554},
                       {"protocol": "http", "innerHost": "10.77.2.11", "innerPort": 8654, "outerPort": 30080}]}],
                   "cameras": [
                     {"id": "south-fixed-1", "name": "South fixed", "host": "10.77.2.11", "rtspPort": 8554,
                      "httpPort": 8654, "auth": "DIGEST", "username": "user", "password": "%3$s", "gateway": "south-gw",
                      "alwaysOn": true}]}]}
                """.formatted(publicHost, northPassword, southPassword);
    }

    private static String state(String id) {
        try {
            Matcher m = Pattern.compile("\"state\":\"(\\w+)\"").matcher(server.getAsAdmin("api/cameras/" + id).body());
            return m.find() ? m.group(1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static double await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new AssertionError(what + ": not within " + limit.toSeconds() + " s; north-ptz-1 "
                        + state("north-ptz-1") + ", south-fixed-1 " + state("south-fixed-1") + "\n" + server.logTail(30));
            }
            Thread.sleep(100);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The camera as reached through the route Fieldcast reports: its gateway's public host and port. */
    private static CameraConfig reached(String id, String password) throws IOException {
        String route = server.getAsAdmin("api/cameras/" + id + "/route").body();
        Matcher m = Pattern.compile("\"http\":\\{\"host\":\"([^\"]+)\",\"port\":(\\d+)").matcher(route);
        assertTrue(m.find(), route);
        return new CameraConfig(id, id, "site", "Site", CameraType.FIXED, null, m.group(1), 554, Integer.parseInt(m.group(2)),
                0, null, "/", AuthMode.DIGEST, "user", password, true, false);
    }

    @Test
    @Order(1)
    void fieldcastDialsTheGatewaysPublicSideHopByHop() throws IOException {
        String north = server.getAsAdmin("api/cameras/north-ptz-1/route").body();
        assertTrue(north.contains("\"direct\":false") && north.contains("\"gateways\":[\"north-gw\"]")
                && north.contains("\"rtsp\":{\"host\":\"" + publicHost + "\",\"port\":10554}"), north);
        String south = server.getAsAdmin("api/cameras/south-fixed-1/route").body();
        assertTrue(south.contains("\"gateways\":[\"south-gw\",\"north-gw\"]")
                && south.contains("\"rtsp\":{\"host\":\"" + publicHost + "\",\"port\":20554}"), south);
    }

    @Test
    @Order(2)
    void hlsPlaysThroughOneAndTwoGatewaysIncludingACameraThatNamesItsPrivateAddress() {
        for (String id : List.of("north-ptz-1", "north-fixed-1", "south-fixed-1")) {
            FfmpegClient.Result r = FfmpegClient.decode(server.uri("hls/" + id + "/index.m3u8").toString(), 2.0);
            assertTrue(r.clean(), id + ": exit " + r.exit() + "\n" + r.errors());
        }
        Map<String, Long> pulls = CameraPulls.of(server);
        assertTrue(pulls.keySet().containsAll(List.of("north-ptz-1", "north-fixed-1", "south-fixed-1")), pulls::toString);
        for (long pid : pulls.values()) {
            String commandLine = CameraPulls.commandLine(pid);
            assertFalse(commandLine.contains(northPassword) || commandLine.contains(southPassword), commandLine);
            assertFalse(commandLine.contains("10.77.") || commandLine.contains(publicHost), "ffmpeg dials the proxy: " + commandLine);
        }
    }

    @Test
    @Order(3)
    void snapshotsAndRcpPlusWorkThroughTheRoute() throws Exception {
        CameraHttp http = new CameraHttp(pool, Duration.ofSeconds(5), false);
        for (String id : List.of("north-ptz-1", "south-fixed-1")) {
            byte[] jpeg = http.snapshot(reached(id, id.startsWith("north") ? northPassword : southPassword))
                    .get(10, TimeUnit.SECONDS);
            assertTrue(jpeg.length > 1000, id + ": a JPEG of " + jpeg.length + " bytes");
        }
        CameraAnswer rcp = http.get(reached("north-ptz-1", northPassword),
                "rcp.xml?command=0x0024&type=P_UNICODE&direction=READ").get(10, TimeUnit.SECONDS);
        String xml = rcp.text();
        assertEquals(200, rcp.status(), xml);
        Matcher str = Pattern.compile("<str>([0-9a-fA-F ]+)</str>").matcher(xml);
        assertTrue(str.find(), xml);
        String name = new String(HexFormat.of().parseHex(str.group(1).replace(" ", "")), StandardCharsets.UTF_16BE)
                .replace("\0", "");
        assertEquals("Simulated PTZ 1", name, "UNIT_NAME read over RCP+ through the gateway");

        // Fieldcast's own PTZ and alarm API takes the same route through the gateway.
        java.net.http.HttpClient api = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (String call : List.of("ptz/move?pan=0.5", "ptz/stop", "alarms/1/set")) {
            var r = api.send(java.net.http.HttpRequest.newBuilder(server.uri("api/cameras/north-ptz-1/" + call))
                    .timeout(Duration.ofSeconds(30)).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), call + ": " + r.body());
        }
        String alarm = server.getAsAdmin("api/cameras/north-ptz-1/alarms/1").body();
        assertTrue(alarm.contains("\"active\":true"), alarm);
    }

    @Test
    @Order(4)
    void rtspBlockedAtTheInnerGatewayFallsBackToSnapshotsThroughBothGatewaysAndRecovers() throws Exception {
        long north = CameraPulls.of(server).get("north-ptz-1");
        String block = "FORWARD -p tcp -d 10.77.2.11 --dport 8554 -j DROP";
        in(gwb, ("iptables -I " + block).split(" "));
        try {
            double fallback = await("south in FALLBACK", Duration.ofSeconds(20), () -> state("south-fixed-1").equals("FALLBACK"));
            System.out.printf("nat: RTSP blocked at the inner gateway -> FALLBACK after %.1f s%n", fallback);
        } finally {
            in(gwb, ("iptables -D " + block).split(" "));
        }
        double live = await("south LIVE again", Duration.ofSeconds(40), () -> state("south-fixed-1").equals("LIVE"));
        System.out.printf("nat: RTSP unblocked -> LIVE after %.1f s%n", live);
        assertEquals(north, CameraPulls.of(server).get("north-ptz-1"), "north's pull ran on undisturbed");
    }

    @Test
    @Order(5)
    void cuttingTheLinkBetweenTheGatewaysTakesTheSouthSiteOfflineAndRestoringItRecovers() throws Exception {
        long north = CameraPulls.of(server).get("north-ptz-1");
        in(gwa, "ip", "link", "set", "tobgw", "down");
        try {
            double offline = await("south OFFLINE", Duration.ofSeconds(30), () -> state("south-fixed-1").equals("OFFLINE"));
            System.out.printf("nat: link between the gateways cut -> OFFLINE after %.1f s%n", offline);
            assertEquals("LIVE", state("north-ptz-1"));
            await("a retry's reason names the endpoint dialled", Duration.ofSeconds(20), () -> {
                try {
                    return server.getAsAdmin("api/cameras/south-fixed-1").body().contains(publicHost + ":20554 via south-gw <- north-gw");
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            in(gwa, "ip", "link", "set", "tobgw", "up");
        }
        double live = await("south LIVE again", Duration.ofSeconds(40), () -> state("south-fixed-1").equals("LIVE"));
        System.out.printf("nat: link restored -> LIVE after %.1f s%n", live);
        assertEquals(north, CameraPulls.of(server).get("north-ptz-1"), "north's pull ran on undisturbed");
    }
}
