package org.fieldcast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Fieldcast: the built WAR on Payara Micro, started through {@code payara/start} exactly as
 * users start it, in its own data directory, on free ports. Settings go in as environment
 * variables ({@code FIELDCAST_...}), the way MicroProfile Config reads them.
 *
 * <p>It is reached over HTTPS, with HTTP/2 where the client offers it, as browsers reach it: the
 * server serves the tests' certificate ({@code src/test/sh/test-certificate.sh}), which the test JVM
 * trusts. {@link #plainUri} is its plain-HTTP port, which only redirects.
 */
public final class FieldcastServer implements AutoCloseable {
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
    private static FieldcastServer demo;

    /** The initial admin's password of every test server. */
    public static final String ADMIN_PASSWORD = "fieldcast-tests-admin";

    /**
     * Settings of a server that needs a login for everything, as a real one does. Without them a test
     * server lets everyone act as an operator ({@code fieldcast.access.anonymous-role}), so tests of
     * other features need not log in; the access tests, the dashboard's and the embed tests use these.
     */
    public static final Map<String, String> LOGIN_REQUIRED = Map.of("FIELDCAST_ACCESS_ANONYMOUS_ROLE", "none");

    /** The configured admin bearer token of a test server that did not set its own FIELDCAST_ADMIN_TOKEN. */
    public static final String ADMIN_TOKEN = "fieldcast-tests-admin-token-" + java.util.UUID.randomUUID();

    /** The environment value that starts a server without the tests' certificate (its self-signed default). */
    public static final String OWN_CERTIFICATE = "";

    private final Process process;
    private final URI base;
    private final URI plain;
    private final Path dataDir;
    private final Path log;
    private String adminToken = ADMIN_TOKEN;
    private Map<String, String> environment = Map.of();
    private List<String> command = List.of();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();

    private FieldcastServer(Process process, URI base, URI plain, Path dataDir, Path log) {
        this.process = process;
        this.base = base;
        this.plain = plain;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** The shared server with the embedded default (H2 and the demo site), started once per test run. */
    public static synchronized FieldcastServer demo() {
        if (demo == null || !demo.process.isAlive()) {
            demo = start(Map.of());
            FieldcastServer started = demo;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return demo;
    }

    /**
     * A server of its own. The demo site uses free ports and a small picture unless told otherwise.
     *
     * @param settings environment variables, e.g. {@code FIELDCAST_DB_URL}
     */
    public static FieldcastServer start(Map<String, String> settings) {
        return start(settings, null);
    }

    /**
     * A server of its own on a station file with these contents and without the demo site. The file
     * is kept in the server's data directory, so it goes when the server is closed.
     *
     * @param settings further environment variables, e.g. {@code FIELDCAST_DB_URL}
     */
    public static FieldcastServer onStations(String stationsJson, Map<String, String> settings) {
        return start(settings, stationsJson);
    }

    /**
     * A server of another build, e.g. an older commit's checkout beside this one for a benchmark's
     * baseline: that checkout's {@code payara/start}, with the WAR and Payara Micro in its {@code target}.
     *
     * @param settings environment variables, as for {@link #start(Map)}
     */
    public static FieldcastServer ofBuild(Path checkout, Map<String, String> settings) {
        Path target = checkout.toAbsolutePath().resolve("target");
        Map<String, String> env = new HashMap<>(settings);
        env.putIfAbsent("FIELDCAST_PAYARA_JAR", target.resolve("payara-micro.jar").toString());
        return start(env, null, checkout.toAbsolutePath(), target.resolve("fieldcast.war"));
    }

    /**
     * A cluster of servers on loopback, booted in parallel: each one Hazelcast member on a free port of
     * 127.0.0.1, all listed in every member's {@code tcpip:} list, in a cluster of their own name.
     *
     * @param settings further environment variables for every node
     */
    public static List<FieldcastServer> cluster(int nodes, Map<String, String> settings) {
        return cluster(nodes, settings, null);
    }

    /**
     * As {@link #cluster(int, Map)}, every node on a station file with these contents (and no demo site).
     *
     * @param stationsJson null for the demo site
     */
    public static List<FieldcastServer> cluster(int nodes, Map<String, String> settings, String stationsJson) {
        List<Integer> ports = java.util.stream.IntStream.range(0, nodes).map(i -> freePort()).boxed().toList();
        String members = "tcpip:" + String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
        String name = "fieldcast-it-" + java.util.UUID.randomUUID();
        List<java.util.concurrent.CompletableFuture<FieldcastServer>> booting = ports.stream().map(port -> {
            Map<String, String> env = new HashMap<>(settings);
            env.put("FIELDCAST_CLUSTER_MODE", members);
            env.put("FIELDCAST_CLUSTER_PORT", Integer.toString(port));
            env.put("FIELDCAST_CLUSTER_NAME", name);
            env.put("FIELDCAST_CLUSTER_INTERFACES", "127.0.0.1"); // the tests' traffic stays on loopback
            // Not the common pool: its size follows the cores, and the nodes must boot at the same time.
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> start(env, stationsJson),
                    r -> new Thread(r, "cluster-node-boot").start());
        }).toList();
        List<FieldcastServer> started = new java.util.ArrayList<>();
        RuntimeException failure = null;
        for (var boot : booting) {
            try {
                started.add(boot.join());
            } catch (java.util.concurrent.CompletionException e) {
                failure = failure == null ? new IllegalStateException("a cluster node did not start", e.getCause()) : failure;
            }
        }
        if (failure != null) {
            started.forEach(FieldcastServer::close);
            throw failure;
        }
        return started;
    }

    private static FieldcastServer start(Map<String, String> settings, String stationsJson) {
        FieldcastServer server = launch(settings, stationsJson);
        server.awaitReady();
        return server;
    }

    /**
     * A server of its own, started and not waited for: for starting several at the same moment (then
     * {@link #awaitReady()} each), or one that is expected not to come up ({@link #awaitExit}).
     *
     * @param stationsJson a station file's contents (and no demo site), or null for the demo site
     */
    public static FieldcastServer launch(Map<String, String> settings, String stationsJson) {
        // Absolute: the server runs in its own data directory.
        Path project = Path.of(System.getProperty("fieldcast.project-dir", ".")).toAbsolutePath();
        Path buildDir = Path.of(System.getProperty("fieldcast.build-dir", "target")).toAbsolutePath();
        Path war = Path.of(System.getProperty("fieldcast.war", buildDir.resolve("fieldcast.war").toString())).toAbsolutePath();
        return launch(settings, stationsJson, project, war);
    }

    private static FieldcastServer start(Map<String, String> settings, String stationsJson, Path project, Path war) {
        FieldcastServer server = launch(settings, stationsJson, project, war);
        server.awaitReady();
        return server;
    }

    private static FieldcastServer launch(Map<String, String> settings, String stationsJson, Path project, Path war) {
        try {
            Path buildDir = Path.of(System.getProperty("fieldcast.build-dir", "target")).toAbsolutePath();
            Path dataDir = Files.createTempDirectory("fieldcast-it-");
            Path log = buildDir.resolve("it-logs").resolve("fieldcast-" + dataDir.getFileName() + ".log");
            Files.createDirectories(log.getParent());
            int port = freePort();
            int tlsPort = freePort();
            Map<String, String> env = new HashMap<>();
            env.put("FIELDCAST_PORT", Integer.toString(port));
            env.put("FIELDCAST_TLS_PORT", Integer.toString(tlsPort));
            String testKeystore = System.getProperty("fieldcast.test-tls.keystore");
            if (testKeystore != null) {
                env.put("FIELDCAST_TLS_KEYSTORE", testKeystore);
                env.put("FIELDCAST_TLS_KEYSTORE_PASSWORD", "fieldcast-tests");
            }
            env.put("FIELDCAST_DATA_DIR", dataDir.toString());
            env.put("FIELDCAST_DEMO_RTSP_PORT", "0");
            env.put("FIELDCAST_DEMO_HTTP_PORT", "0");
            env.put("FIELDCAST_DEMO_SIZE", "640x360");
            env.put("FIELDCAST_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("FIELDCAST_ACCESS_ANONYMOUS_ROLE", "operator");
            env.put("FIELDCAST_ADMIN_TOKEN", ADMIN_TOKEN);
            env.put("FIELDCAST_PAYARA_JAR", Path.of(System.getProperty("fieldcast.payara-micro",
                    buildDir.resolve("payara-micro.jar").toString())).toAbsolutePath().toString());
            if (stationsJson != null) {
                Path stations = dataDir.resolve("stations.json");
                Files.writeString(stations, stationsJson);
                env.put("FIELDCAST_STATIONS_FILE", stations.toString());
                env.put("FIELDCAST_DEMO_ENABLED", "false");
            }
            // The integration tests' servers may run with other JVM options (the build sets C1 only: it halves a
            // boot's CPU, which two test JVMs on two cores wait for); benchmarks keep payara/start's own.
            String javaOpts = System.getProperty("fieldcast.it.java-opts", "");
            if (!javaOpts.isBlank()) {
                env.put("JAVA_OPTS", javaOpts);
            }
            env.putAll(settings);
            ProcessBuilder pb = new ProcessBuilder("bash", project.resolve("payara/start").toString(), war.toString())
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            FieldcastServer server = new FieldcastServer(pb.start(), URI.create("https://127.0.0.1:" + tlsPort + "/"),
                    URI.create("http://127.0.0.1:" + port + "/"), dataDir, log);
            server.adminToken = env.get("FIELDCAST_ADMIN_TOKEN");
            server.environment = Map.copyOf(env);
            server.command = List.copyOf(pb.command());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the process to end, e.g. a server whose application does not deploy.
     *
     * @return its exit status, or empty if it still runs after {@code limit}
     */
    public java.util.OptionalInt awaitExit(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalInt.empty();
        }
    }

    /** Waits until the application answers its readiness probe; fails (and stops it) if it does not deploy. */
    public void awaitReady() {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Fieldcast exited during boot (" + process.exitValue() + "):\n" + logTail(80));
            }
            if (log().contains("Exception while loading the app")) {
                close();
                throw new IllegalStateException("Fieldcast failed to deploy:\n" + logTail(80));
            }
            try {
                // The readiness probe on plain HTTP: it answers whatever certificate the server has, and
                // names the station database once the application is deployed and its database answers.
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(plainUri("health/ready")).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && ready.body().contains("station-database")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Fieldcast did not answer within " + BOOT_TIMEOUT + ":\n" + logTail(80));
    }

    public URI baseUri() {
        return base;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    /** The same path on the plain-HTTP port (which redirects to HTTPS, health probes excepted). */
    public URI plainUri(String path) {
        return plain.resolve(path);
    }

    /** This server's own origin, as a browser sends it in {@code Origin}. */
    public String origin() {
        return "https://127.0.0.1:" + base.getPort();
    }

    /** Logs in over the API (as a browser's dashboard does) and keeps the session's cookie and CSRF token. */
    public LoggedIn login(String username, String password) throws IOException {
        return LoggedIn.as(this, username, password);
    }

    /** The initial admin's session. */
    public LoggedIn loginAsAdmin() throws IOException {
        return login("admin", ADMIN_PASSWORD);
    }

    /** A setting this server was started with (its environment variable), e.g. {@code FIELDCAST_CLUSTER_PORT}. */
    public String setting(String name) {
        return environment.get(name);
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    /** The ffmpeg processes this server started (direct or deeper children). */
    public List<ProcessHandle> ffmpegProcesses() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false)).toList();
    }

    public HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** GET as an admin (the configured admin token; a test that sets its own FIELDCAST_ADMIN_TOKEN uses that). */
    public HttpResponse<String> getAsAdmin(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** SIGKILL: the JVM gets no chance to clean up. */
    /**
     * The server's threads, for a test that timed out waiting for it: without them a hang on a
     * CI machine leaves nothing to go on.
     */
    public String threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "no thread dump: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump: interrupted";
        }
    }

    /** SIGSTOP: the JVM stands still, as a node cut off or stuck in a long pause; {@link #resume} continues it. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A rolling restart's step, as a supervisor does it: SIGTERM and Payara's orderly shutdown (this node's
     * streams and claims let go), then the same node again, with its settings, ports and data, ready.
     */
    public FieldcastServer restart() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(environment);
            FieldcastServer again = new FieldcastServer(pb.start(), base, plain, dataDir, log);
            again.adminToken = adminToken;
            again.environment = environment;
            again.command = command;
            again.awaitReady();
            return again;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, a bounded wait for Payara's orderly shutdown, then SIGKILL; the data directory goes. */
    @Override
    public void close() {
        if (process.isAlive()) {
            signalQuietly("CONT"); // a paused JVM would not act on SIGTERM
            process.destroy();
            try {
                if (!process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        deleteTree(dataDir);
    }

    private void signalQuietly(String name) {
        try {
            signal(name);
        } catch (RuntimeException e) {
            // it may have just ended
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; nothing else depends on it
        }
    }
}
