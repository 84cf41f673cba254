package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.sim.SimAuth;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedSite;
/**
 * Simulated cameras in a JVM of their own, so the CPU of their encoders never counts as Fieldcast's.
 * The parent side ({@link #start}) launches this class's {@link #main} and reads back a station file;
 * the child lives until its standard input closes, so it also ends when the benchmark JVM dies.
 * <p>
 * Encoders are expensive on a 2-core machine, so several station cameras may share one encoder:
 * Fieldcast still opens one RTSP session and one ffmpeg per station camera, which is what is measured.
 */
final class CameraFarm implements AutoCloseable {
    static final String SITE = "bench";
    private static final String READY = "READY";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param encoders   simulated Bosch cameras (one ffmpeg encoder each)
     * @param cameras    station cameras; camera i reads encoder i % encoders
     * @param alwaysOn   how many of the first station cameras are marked always-on
     * @param ptz        how many of the first encoders are PTZ domes (their station cameras too)
     */
    record Plan(int encoders, int cameras, int width, int height, int fps, int kbps, int alwaysOn, int ptz) {
        Plan(int encoders, int cameras, int width, int height, int fps, int kbps, int alwaysOn) {
            this(encoders, cameras, width, height, fps, kbps, alwaysOn, 0);
        }

        static Plan of(int cameras, int width, int height) {
            return new Plan(cameras, cameras, width, height, 25, 2000, 0);
        }

        Plan sharing(int encoderCount) {
            return new Plan(encoderCount, cameras, width, height, fps, kbps, alwaysOn, ptz);
        }

        Plan bitrate(int kbit) {
            return new Plan(encoders, cameras, width, height, fps, kbit, alwaysOn, ptz);
        }

        Plan alwaysOn(int first) {
            return new Plan(encoders, cameras, width, height, fps, kbps, first, ptz);
        }

        Plan ptzDomes(int firstEncoders) {
            return new Plan(encoders, cameras, width, height, fps, kbps, alwaysOn, firstEncoders);
        }

        String describe() {
            return cameras + " camera(s) at " + width + "x" + height + " " + fps + " fps " + kbps + " kbit/s"
                    + (encoders < cameras ? " from " + encoders + " shared encoder(s)" : "");
        }
    }

    private final Process process;
    private final Path stationFile;
    private final List<String> cameraIds;
    private final List<String> encoderUrls;

    private CameraFarm(Process process, Path stationFile, List<String> cameraIds, List<String> encoderUrls) {
        this.process = process;
        this.stationFile = stationFile;
        this.cameraIds = cameraIds;
        this.encoderUrls = encoderUrls;
    }

    static CameraFarm start(Plan plan, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path stations = workDir.resolve("stations.json");
        Path log = workDir.resolve("camera-farm.log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path")));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("fieldcast."))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.addAll(List.of(CameraFarm.class.getName(), "--encoders", Integer.toString(plan.encoders()),
                "--cameras", Integer.toString(plan.cameras()), "--size", plan.width() + "x" + plan.height(),
                "--fps", Integer.toString(plan.fps()), "--kbps", Integer.toString(plan.kbps()),
                "--always-on", Integer.toString(plan.alwaysOn()), "--ptz", Integer.toString(plan.ptz()),
                "--station-file", stations.toString()));
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        List<String> urls = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (String line; (line = out.readLine()) != null && !line.equals(READY); ) {
            if (line.startsWith("rtsp://")) {
                urls.add(line);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        if (!p.isAlive() || urls.size() != plan.encoders()) {
            p.destroyForcibly();
            throw new IllegalStateException("simulated cameras did not start; see " + log);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < plan.cameras(); i++) {
            ids.add(cameraId(i));
        }
        return new CameraFarm(p, stations, ids, urls);
    }

    Path stationFile() {
        return stationFile;
    }

    List<String> cameraIds() {
        return cameraIds;
    }

    /** The RTSP URL of an encoder, for readers other than Fieldcast (the ffmpeg baselines). */
    String rtspUrl(int encoder) {
        return encoderUrls.get(encoder);
    }

    /** The farm's encoder processes. */
    List<ProcessHandle> encoders() {
        return process.descendants().filter(Processes::isFfmpeg).toList();
    }

    /**
     * Simulates a reboot of an encoder: its RTSP and web interface go away (viewers are disconnected,
     * requests get 503) and come back after {@code down}. Returns at once; the child keeps the time.
     */
    void reboot(int encoder, Duration down) {
        try {
            process.getOutputStream().write(("reboot " + encoder + " " + down.toMillis() + "\n").getBytes(StandardCharsets.US_ASCII));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the simulated cameras are gone", e);
        }
    }

    /** Closes the child's standard input: it stops its cameras (and their encoders) and exits. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static String cameraId(int index) {
        return SITE + "-cam-" + (index + 1);
    }

    /** The child: runs the cameras until standard input closes. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int encoders = Integer.parseInt(o.get("encoders"));
        int cameras = Integer.parseInt(o.get("cameras"));
        String[] size = o.get("size").split("x");
        int fps = Integer.parseInt(o.get("fps"));
        int kbps = Integer.parseInt(o.get("kbps"));
        int alwaysOn = Integer.parseInt(o.get("always-on"));
        int ptz = Integer.parseInt(o.getOrDefault("ptz", "0"));
        Path ffmpeg = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path")).resolve("ffmpeg");
        // Per camera: accept, publisher, encoder run and its pipes, and a reader and writer per RTSP viewer.
        ExecutorService pool = Executors.newCachedThreadPool();
        var specs = SimulatedSite.specs(SITE + "-enc", encoders, ptz, 0, 0, SimAuth.NONE, null, null,
                        Integer.parseInt(size[0]), Integer.parseInt(size[1])).stream()
                .map(s -> s.withPicture(s.width(), s.height(), fps, kbps)).toList();
        try (SimulatedSite site = SimulatedSite.start(SITE, "Benchmark site", specs, ffmpeg, pool)) {
            if (!site.awaitStreaming(Duration.ofSeconds(40))) {
                throw new IllegalStateException("encoders not streaming after 40 s");
            }
            Files.writeString(Path.of(o.get("station-file")), stationJson(site.stationJson(), cameras, alwaysOn));
            for (SimulatedCamera c : site.cameras()) {
                System.out.println(c.rtspUrl("/?inst=1"));
            }
            System.out.println(READY);
            System.out.flush();
            obey(site, pool); // until end of input: the parent is done (or gone)
        } finally {
            pool.shutdownNow();
        }
        System.exit(0);
    }

    /** Runs the parent's commands ({@link #reboot}) until its end of input. */
    private static void obey(SimulatedSite site, ExecutorService pool) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals("reboot")) {
                SimulatedCamera camera = site.cameras().get(Integer.parseInt(f[1]));
                long downMillis = Long.parseLong(f[2]);
                pool.execute(() -> powerCycle(camera, downMillis));
            }
        }
    }

    private static void powerCycle(SimulatedCamera camera, long downMillis) {
        camera.setRtspEnabled(false);
        camera.setHttpEnabled(false);
        try {
            Thread.sleep(downMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            camera.setHttpEnabled(true);
            camera.setRtspEnabled(true);
        }
    }

    /** The simulator's site, with station camera i pointing at encoder i % encoders. */
    static String stationJson(String simulated, int cameras, int alwaysOn) {
        JsonObject site;
        try (JsonReader r = Json.createReader(new StringReader(simulated))) {
            site = r.readObject().getJsonArray("sites").getJsonObject(0);
        }
        var encoders = site.getJsonArray("cameras");
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (int i = 0; i < cameras; i++) {
            list.add(Json.createObjectBuilder(encoders.getJsonObject(i % encoders.size()))
                    .add("id", cameraId(i))
                    .add("name", "Bench camera " + (i + 1))
                    .add("alwaysOn", i < alwaysOn));
        }
        JsonObject out = Json.createObjectBuilder().add("sites", Json.createArrayBuilder()
                .add(Json.createObjectBuilder(site).add("cameras", list))).build();
        return out.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
