package org.fieldcast.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fieldcast.ffmpeg.FfmpegLocator;
/**
 * A field site of simulated cameras: by default camera 0 is a PTZ dome and the others are fixed.
 * Ports count up from a base (RTSP {@code base+i}, HTTP {@code httpBase+i}) or are picked free (0).
 */
public final class SimulatedSite implements AutoCloseable {
    private final String siteId;
    private final String siteName;
    private final List<SimulatedCamera> cameras;

    private SimulatedSite(String siteId, String siteName, List<SimulatedCamera> cameras) {
        this.siteId = siteId;
        this.siteName = siteName;
        this.cameras = List.copyOf(cameras);
    }

    /** N cameras, camera 0 PTZ; see {@link #specs} for ids, names and ports. */
    public static SimulatedSite start(String siteId, int cameras, int rtspBasePort, int httpBasePort, SimAuth auth,
            String user, String password, int width, int height, Path ffmpeg, ExecutorService executor) throws IOException {
        return start(siteId, "Simulated site", specs(siteId, cameras, 1, rtspBasePort, httpBasePort, auth, user, password,
                width, height), ffmpeg, executor);
    }

    /** Cameras exactly as specified; if one fails to start, the ones already started are closed. */
    public static SimulatedSite start(String siteId, String siteName, List<SimulatedCameraSpec> specs, Path ffmpeg,
            ExecutorService executor) throws IOException {
        List<SimulatedCamera> started = new ArrayList<>();
        try {
            for (SimulatedCameraSpec spec : specs) {
                SimulatedCamera camera = new SimulatedCamera(spec, ffmpeg, executor);
                started.add(camera);
                camera.start();
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(SimulatedCamera::close);
            throw e;
        }
        return new SimulatedSite(siteId, siteName, started);
    }

    /**
     * Specs for a site: the first {@code ptzCameras} are PTZ ({@code <site>-ptz-1}, "Simulated PTZ 1"),
     * the rest fixed ({@code <site>-fixed-1}, "Simulated fixed 1"); 25 fps at 2 Mbit/s.
     */
    public static List<SimulatedCameraSpec> specs(String siteId, int cameras, int ptzCameras, int rtspBasePort,
            int httpBasePort, SimAuth auth, String user, String password, int width, int height) {
        if (cameras < 1) {
            throw new IllegalArgumentException("a site needs at least one camera");
        }
        List<SimulatedCameraSpec> specs = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            boolean ptz = i < ptzCameras;
            int n = ptz ? i + 1 : i - ptzCameras + 1;
            String id = siteId + (ptz ? "-ptz-" : "-fixed-") + n;
            String name = (ptz ? "Simulated PTZ " : "Simulated fixed ") + n;
            specs.add(new SimulatedCameraSpec(id, name, ptz, SimulatedCameraSpec.LOOPBACK,
                    rtspBasePort == 0 ? 0 : rtspBasePort + i, httpBasePort == 0 ? 0 : httpBasePort + i,
                    auth, user, password, width, height, 25, 2000));
        }
        return specs;
    }

    public List<SimulatedCamera> cameras() {
        return cameras;
    }

    /** True once every camera's encoder is streaming. */
    public boolean awaitStreaming(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (SimulatedCamera camera : cameras) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!camera.awaitStreaming(left)) {
                return false;
            }
        }
        return true;
    }

    /** A station file (JSON) describing this site, so Fieldcast can import it. */
    public String stationJson() {
        return StationFile.describe(siteId, siteName, entries()).toString();
    }

    private List<StationFile.Entry> entries() {
        return cameras.stream().map(StationFile.Entry::of).toList();
    }

    @Override
    public void close() {
        cameras.forEach(SimulatedCamera::close);
    }

    /**
     * Runs a site until Ctrl-C. Options: {@code --site ID --cameras N --ptz N --rtsp-port P
     * --http-port P --auth none|basic|digest --user U --password P --size WxH --ffmpeg PATH --bind ADDRESS
     * --content-base request|local}, where PATH is ffmpeg or its directory (default:
     * {@code -Dfieldcast.ffmpeg.path}, else the PATH). {@code --bind} is the address both servers listen
     * on (default 127.0.0.1; {@code 0.0.0.0} inside a test's network namespace); {@code --content-base
     * local} makes DESCRIBE name the address a connection arrived at, as a camera behind NAT does.
     * RTSP base 8554 and HTTP base RTSP+100 by default; 0 picks free ports. Without
     * {@code --password} a Basic or Digest site gets a random one. Prints the station JSON on
     * stdout and the URLs on stderr.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String siteId = o.getOrDefault("site", "sim");
        int cameraCount = Integer.parseInt(o.getOrDefault("cameras", "2"));
        int ptz = Integer.parseInt(o.getOrDefault("ptz", "1"));
        int rtspBase = Integer.parseInt(o.getOrDefault("rtsp-port", "8554"));
        int httpBase = Integer.parseInt(o.getOrDefault("http-port", rtspBase == 0 ? "0" : Integer.toString(rtspBase + 100)));
        SimAuth auth = SimAuth.valueOf(o.getOrDefault("auth", "digest").toUpperCase(Locale.ROOT));
        String user = o.getOrDefault("user", "user");
        String password = o.getOrDefault("password", auth == SimAuth.NONE ? null : randomPassword());
        String[] size = o.getOrDefault("size", "1280x720").toLowerCase(Locale.ROOT).split("x");
        Path ffmpeg = o.containsKey("ffmpeg") ? Path.of(o.get("ffmpeg"))
                : FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path")).resolve("ffmpeg");

        // The one place the simulator makes its own threads: nobody else hands it an executor here.
        ExecutorService pool = Executors.newCachedThreadPool();
        String bind = o.getOrDefault("bind", SimulatedCameraSpec.LOOPBACK);
        List<SimulatedCameraSpec> specs = specs(siteId, cameraCount, ptz, rtspBase, httpBase, auth, user, password,
                Integer.parseInt(size[0]), Integer.parseInt(size[1])).stream()
                .map(s -> new SimulatedCameraSpec(s.id(), s.name(), s.ptz(), bind, s.rtspPort(), s.httpPort(), s.auth(),
                        s.username(), s.password(), s.width(), s.height(), s.fps(), s.bitrateKbps()))
                .toList();
        SimulatedSite site = start(siteId, "Simulated site", specs, ffmpeg, pool);
        boolean localContentBase = "local".equals(o.getOrDefault("content-base", "request"));
        site.cameras().forEach(camera -> camera.setContentBaseFromLocalAddress(localContentBase));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            site.close();
            pool.shutdownNow();
            System.err.println("simulated site stopped");
            stopped.countDown();
        }, "simulated-site-shutdown"));

        System.out.print(StationFile.pretty(StationFile.describe(siteId, "Simulated site", site.entries())));
        System.out.flush();
        for (SimulatedCamera camera : site.cameras()) {
            System.err.println(camera.spec().id() + ": " + camera.rtspUrl(StationFile.RTSP_PATH)
                    + "  " + camera.httpUrl("/snap.jpg") + "  " + camera.httpUrl("/rcp.xml"));
        }
        System.err.println(site.awaitStreaming(Duration.ofSeconds(20)) ? "streaming; Ctrl-C stops" : "not streaming yet; Ctrl-C stops");
        stopped.await();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static String randomPassword() {
        byte[] b = new byte[9];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
