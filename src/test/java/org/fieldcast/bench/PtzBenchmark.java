package org.fieldcast.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.sim.RcpRequestTrace;
import org.fieldcast.sim.SimAuth;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.FieldcastServer;
/**
 * PTZ latency on loopback: a simulated dome (Digest auth, as Bosch cameras) in this JVM, a real
 * Fieldcast in its own process. Measures, from the simulator's rcp.xml trace (same clock):
 * <ul>
 * <li>request-to-camera over HTTP: {@code POST .../ptz/move} sent, to the Bicom command arriving at the dome;
 * <li>the same over the PTZ WebSocket;
 * <li>move-to-visible-motion in the sub-second view: the move sent, to the first MJPEG frame from
 * {@code /mjpeg/{id}/stream.mjpg} whose picture differs from the still one (skipped when that path is absent).
 * </ul>
 * Requests are spaced 150 ms apart, beyond the 100 ms command gap, so the queue adds nothing; each
 * changes the speed, so each reaches the camera. Prints medians and p95.
 * <p>
 * Run: {@code src/test/sh/ptz-bench.sh [--requests 200] [--trials 15]}.
 */
public final class PtzBenchmark {
    private static final String CAMERA = "bench-ptz";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    /** Held, so the level sticks: the simulator's ffmpeg runs would otherwise log their command lines. */
    private static final java.util.logging.Logger JAFFREE = java.util.logging.Logger.getLogger("com.github.kokorin.jaffree");

    private PtzBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int requests = Integer.parseInt(o.getOrDefault("requests", "200"));
        int trials = Integer.parseInt(o.getOrDefault("trials", "15"));
        JAFFREE.setLevel(java.util.logging.Level.WARNING);
        ExecutorService executor = Executors.newCachedThreadPool();
        Path ffmpeg = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path")).resolve("ffmpeg");
        SimulatedCamera dome = new SimulatedCamera(SimulatedCameraSpec.of(CAMERA, "Bench PTZ", true)
                .withAuth(SimAuth.DIGEST, "user", "bench").withPicture(640, 360, 25, 1000), ffmpeg, executor);
        Path stations = Files.createTempFile("ptz-bench-", ".json");
        FieldcastServer server = null;
        try {
            dome.start();
            Files.writeString(stations, """
                    {"sites":[{"id":"bench","name":"Bench","cameras":[{"id":"%s","name":"Bench PTZ","type":"PTZ",
                     "host":"127.0.0.1","rtspPort":%d,"httpPort":%d,"auth":"DIGEST","username":"user","password":"bench"}]}]}
                    """.formatted(CAMERA, dome.rtspPort(), dome.httpPort()));
            server = FieldcastServer.start(Map.of("FIELDCAST_STATIONS_FILE", stations.toString(), "FIELDCAST_DEMO_ENABLED", "false"));
            URI base = server.baseUri();
            post(base, "stop"); // warm up: the first request learns the Digest challenge

            System.out.println("PTZ latency on loopback (ms), " + requests + " requests each, 150 ms apart");
            System.out.println(row("path", "p50", "p95", "n"));
            print("(baseline) GET api/sites round trip", baseline(base, requests));
            print("HTTP request -> camera", http(base, dome, requests));
            print("WebSocket message -> camera", socket(base, dome, requests));
            List<Double> motion = motion(base, trials);
            if (motion.isEmpty()) {
                System.out.println("move -> visible motion (MJPEG): not measured, no /mjpeg/" + CAMERA + "/stream.mjpg");
            } else {
                print("move -> visible motion (MJPEG)", motion);
            }
        } finally {
            if (server != null) {
                server.close();
            }
            dome.close();
            executor.shutdownNow();
            Files.deleteIfExists(stations);
        }
    }

    private static List<Double> http(URI base, SimulatedCamera dome, int n) throws Exception {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int before = dome.rcpTrace().size();
            Instant sent = Instant.now();
            HttpResponse<String> r = post(base, "move?pan=" + (i % 2 == 0 ? "0.5" : "-0.5"));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("move answered " + r.statusCode() + ": " + r.body());
            }
            latencies.add(arrival(dome, before, sent));
            Thread.sleep(150);
        }
        post(base, "stop");
        return latencies;
    }

    /** What any API request costs here, without a camera: the floor under the HTTP figure. */
    private static List<Double> baseline(URI base, int n) throws Exception {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HTTP.send(HttpRequest.newBuilder(base.resolve("api/sites")).build(), HttpResponse.BodyHandlers.ofString());
            latencies.add((System.nanoTime() - t0) / 1e6);
            Thread.sleep(20);
        }
        return latencies;
    }

    private static List<Double> socket(URI base, SimulatedCamera dome, int n) throws Exception {
        List<Double> latencies = new ArrayList<>();
        URI uri = URI.create(base.resolve("ws/cameras/" + CAMERA + "/ptz").toString().replaceFirst("^http", "ws"));
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
        try {
            for (int i = 0; i < n; i++) {
                int before = dome.rcpTrace().size();
                Instant sent = Instant.now();
                ws.sendText("{\"pan\":" + (i % 2 == 0 ? "0.5" : "-0.5") + "}", true).get(5, TimeUnit.SECONDS);
                latencies.add(arrival(dome, before, sent));
                Thread.sleep(150);
            }
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
        return latencies;
    }

    /** Milliseconds from {@code sent} to the first Bicom write after trace entry {@code before}. */
    private static double arrival(SimulatedCamera dome, int before, Instant sent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            List<RcpRequestTrace> trace = dome.rcpTrace();
            for (int i = before; i < trace.size(); i++) {
                if (trace.get(i).isWrite() && trace.get(i).command() == 0x09A5) {
                    return Duration.between(sent, trace.get(i).at()).toNanos() / 1e6;
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no command reached the camera within 5 s");
    }

    /** Move to the first MJPEG frame that shows it; empty when the sub-second path does not exist. */
    private static List<Double> motion(URI base, int trials) throws Exception {
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(base.resolve("mjpeg/" + CAMERA + "/stream.mjpg")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) {
            stream.body().close();
            return List.of();
        }
        List<Double> latencies = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(stream.body())) {
            for (int t = 0; t < trials; t++) {
                if (t > 0 && t % 5 == 0) {
                    System.out.println("  motion trials so far: " + latencies.size());
                }
                post(base, "stop");
                int[] still = awaitStill(in);
                Instant sent = Instant.now();
                post(base, "move?pan=" + (t % 2 == 0 ? "1" : "-1"));
                while (true) {
                    int[] frame = band(nextJpeg(in));
                    if (difference(still, frame) > 8) {
                        latencies.add(Duration.between(sent, Instant.now()).toNanos() / 1e6);
                        break;
                    }
                    if (Duration.between(sent, Instant.now()).toSeconds() > 5) {
                        System.out.println("trial " + t + ": no visible motion within 5 s (left out)");
                        break;
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("the MJPEG stream ended after " + latencies.size() + " trials: " + e.getMessage());
        }
        post(base, "stop");
        return latencies;
    }

    private static int[] awaitStill(DataInputStream in) throws IOException {
        int[] last = band(nextJpeg(in));
        for (int same = 0; same < 5; ) {
            int[] next = band(nextJpeg(in));
            same = difference(last, next) < 2 ? same + 1 : 0;
            last = next;
        }
        return last;
    }

    /** The next JPEG of a multipart/x-mixed-replace stream, found by its Content-Length header. */
    private static byte[] nextJpeg(DataInputStream in) throws IOException {
        int length = -1;
        while (true) {
            String line = readLine(in);
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (line.isEmpty() && length >= 0) {
                byte[] jpeg = new byte[length];
                in.readFully(jpeg);
                return jpeg;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the MJPEG stream ended");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** Gray 48 x 12 samples of the picture between the ruler and the bottom captions. */
    private static int[] band(byte[] jpeg) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        int[] out = new int[48 * 12];
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 48; x++) {
                int rgb = img.getRGB((int) ((x + 0.5) * img.getWidth() / 48), (int) (img.getHeight() * (0.15 + 0.45 * (y + 0.5) / 12)));
                out[y * 48 + x] = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
            }
        }
        return out;
    }

    private static double difference(int[] a, int[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    private static HttpResponse<String> post(URI base, String action) throws IOException, InterruptedException {
        try {
            return send(base, action);
        } catch (IOException closedWhileIdle) {
            // The JDK client does not retry a POST on a pooled connection the server has just closed.
            return send(base, action);
        }
    }

    private static HttpResponse<String> send(URI base, String action) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("api/cameras/" + CAMERA + "/ptz/" + action))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void print(String what, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.println(row(what, String.format(Locale.ROOT, "%.1f", percentile(sorted, 50)),
                String.format(Locale.ROOT, "%.1f", percentile(sorted, 95)), Integer.toString(sorted.size())));
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String row(String what, String p50, String p95, String n) {
        return String.format(Locale.ROOT, "%-34s %8s %8s %6s", what, p50, p95, n);
    }
}
