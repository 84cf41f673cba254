package org.fieldcast.mjpeg;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.sim.ClockBlocks;
import org.fieldcast.sim.SimulatedCamera;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.FieldcastServer;
/**
 * Measures the sub-second path without a browser (the Chromium glass-to-glass benchmark is
 * {@code org.fieldcast.bench}): a simulated 1280x720, 25 fps camera in this JVM, a real Fieldcast,
 * and Java clients that decode each JPEG and read the clock the camera drew into it.
 * <ul>
 * <li>camera-to-client latency of {@code stream.mjpg} and {@code /ws/frames}, and of plain relays
 * (ffmpeg {@code -f mpjpeg} as is and with the transcoder's low-latency flags, GStreamer) in the same run;</li>
 * <li>time to the first frame, with the transcoder running and with only the pull running;</li>
 * <li>CPU of one transcoder, and what 200 MJPEG viewers add to the server.</li>
 * </ul>
 * Run (after {@code mvn -DskipTests package} into the same build folder):
 * {@code mvn -o exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.fieldcast.mjpeg.SubsecondBench
 * -Dfieldcast.build-dir=$PWD/target [-Dbench.seconds=20]}
 */
public final class SubsecondBench {
    private static final String CAM = "bench-cam";
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final long TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in these

    private final SimulatedCamera camera;
    private final FieldcastServer server;
    private final List<String> report = new ArrayList<>();

    private SubsecondBench(SimulatedCamera camera, FieldcastServer server) {
        this.camera = camera;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        SimulatedCamera camera = new SimulatedCamera(SimulatedCameraSpec.of(CAM, "Bench camera", false),
                TestPull.FFMPEG_DIRECTORY.resolve("ffmpeg"), pool);
        camera.start();
        camera.awaitStreaming(Duration.ofSeconds(30));
        Path stations = Files.createTempFile("bench-stations-", ".json");
        Files.writeString(stations, """
                {"sites":[{"id":"bench","name":"Bench","cameras":[
                  {"id":"%s","name":"Bench camera","type":"FIXED","host":"127.0.0.1","rtspPort":%d,"httpPort":%d,"rtspPath":"/?inst=1"}]}]}
                """.formatted(CAM, camera.rtspPort(), camera.httpPort()));
        try (FieldcastServer server = FieldcastServer.start(Map.of("FIELDCAST_STATIONS_FILE", stations.toString(),
                "FIELDCAST_DEMO_ENABLED", "false"))) {
            new SubsecondBench(camera, server).run();
        } finally {
            camera.close();
            pool.shutdownNow();
            Files.deleteIfExists(stations);
        }
    }

    private void run() throws Exception {
        row("what", "figure");
        row("---", "---");
        try (MjpegClient warm = MjpegClient.open(mjpeg(""))) {
            warm.next(); // pull and transcoder running from here on
            Thread.sleep(2000);
            row("camera-to-fMP4-fragment: the pull alone (ffmpeg -c copy, the server's arguments)",
                    pullLatency().toString());
            row("MJPEG camera-to-client latency", latency(mjpegFrames()).toString());
            row("WebSocket camera-to-client latency", latency(socketFrames()).toString());
            row("ffmpeg -f mpjpeg relay, as is (its own RTSP session)", latency(relay(List.of(), List.of())).toString());
            row("ffmpeg relay, decoder -threads 1", latency(relay(List.of("-threads", "1"), List.of())).toString());
            row("ffmpeg relay, decoder and encoder -threads 1, -flags low_delay",
                    latency(relay(List.of("-threads", "1", "-flags", "low_delay"), List.of("-threads", "1"))).toString());
            row("GStreamer relay (rtspsrc latency=0, openh264dec, jpegenc)", latency(gstreamerRelay()).toString());
            row("time to first frame, transcoder running", firstFrames(10).toString());
            row("CPU of the 720p transcoder (25 fps, q5)", percent(cpu(transcoderPid(), SECONDS)));
            row("CPU of the camera's pull (ffmpeg -c copy)", percent(cpu(pullPid(), SECONDS)));
            double alone = cpu(server.pid(), SECONDS);
            double with200 = withViewers(200, "", () -> cpu(server.pid(), SECONDS));
            row("server JVM with 1 MJPEG viewer / with 200 more", percent(alone) + " / " + percent(with200));
            row("CPU 200 MJPEG viewers add (720p, 25 fps, q5)", percent(with200 - alone));
            double small = withViewers(200, "?profile=small", () -> cpu(server.pid(), SECONDS));
            row("CPU 200 MJPEG viewers of profile small add (640x360, 10 fps, q8)", percent(small - alone));
        }
        Thread.sleep(JpegTranscoders.DEFAULT_LINGER.toMillis() + 3000); // the transcoder stops; the pull stays warm
        row("time to first frame, pull running, transcoder idle (starts ffmpeg)", coldFirstFrames(5).toString());
        report.forEach(System.out::println);
    }

    /** One MJPEG viewer for the run's length. */
    private List<Sample> mjpegFrames() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (MjpegClient client = MjpegClient.open(mjpeg(""))) {
            long end = System.nanoTime() + SECONDS * 1_000_000_000L;
            while (System.nanoTime() < end) {
                MjpegClient.Part p = client.next();
                samples.add(new Sample(p.jpeg(), p.receivedMillis()));
            }
        }
        return samples;
    }

    private List<Sample> socketFrames() throws Exception {
        URI ws = URI.create(server.baseUri().toString().replaceFirst("^http", "ws")).resolve("ws/frames");
        try (FrameSocketClient client = FrameSocketClient.connect(ws, true)) {
            client.send("{\"subscribe\":[\"" + CAM + "\"]}");
            Thread.sleep(SECONDS * 1000L);
            return client.messages().stream().map(m -> new Sample(m.jpeg(), m.receivedMillis())).toList();
        }
    }

    /**
     * A pull as the server runs it, in this JVM: each fragment's arrival time against the clock in its
     * picture (decoded afterwards by ffmpeg). What the transcoder and the viewers can never beat.
     */
    private Latencies pullLatency() throws Exception {
        Path file = Files.createTempFile("bench-pull-", ".mp4");
        List<Long> arrivals = new ArrayList<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            Fmp4StreamParser.Listener recorder = new Fmp4StreamParser.Listener() {
                private boolean recording;
                private InitSegment init;

                @Override
                public void onInit(InitSegment i) {
                    init = i;
                }

                @Override
                public void onFragment(Fragment f) {
                    long now = System.currentTimeMillis();
                    try {
                        if (!recording && f.independent()) {
                            recording = true;
                            out.write(init.bytes());
                        }
                        if (recording) {
                            arrivals.add(now);
                            out.write(f.bytes());
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
            try (TestPull pull = TestPull.start(camera.rtspUrl("/?inst=1"), recorder, pool)) {
                Thread.sleep(SECONDS * 1000L);
            }
        } finally {
            pool.shutdownNow();
        }
        int width = camera.spec().width();
        int size = width * camera.spec().height();
        Process decode = new ProcessBuilder("ffmpeg", "-v", "error", "-i", file.toString(), "-vf", "format=gray",
                "-fps_mode", "passthrough", "-f", "rawvideo", "-").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] gray = decode.getInputStream().readAllBytes();
        Files.delete(file);
        List<Long> millis = new ArrayList<>();
        for (int i = 25; (i + 1) * size <= gray.length && i < arrivals.size(); i++) {
            int base = i * size;
            long clock = ClockBlocks.read(width, (x, y) -> gray[base + y * width + x] & 0xff);
            millis.add(ClockBlocks.latencyMillis(clock, arrivals.get(i)));
        }
        return Latencies.of(millis);
    }

    /** ffmpeg reading the camera itself and writing multipart JPEGs, as an MJPEG relay does. */
    private List<Sample> relay(List<String> inputFlags, List<String> outputFlags) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-rtsp_transport", "tcp"));
        cmd.addAll(inputFlags);
        cmd.addAll(List.of("-i", camera.rtspUrl("/?inst=1"), "-an", "-c:v", "mjpeg", "-q:v", "5"));
        cmd.addAll(outputFlags);
        cmd.addAll(List.of("-f", "mpjpeg", "-"));
        return fromProcess(new ProcessBuilder(cmd), "ffmpeg");
    }

    private List<Sample> gstreamerRelay() throws IOException {
        return fromProcess(new ProcessBuilder("gst-launch-1.0", "-q", "rtspsrc", "location=" + camera.rtspUrl("/?inst=1"),
                "protocols=tcp", "latency=0", "!", "rtph264depay", "!", "h264parse", "!", "openh264dec", "!", "videoconvert",
                "!", "jpegenc", "quality=85", "!", "multipartmux", "boundary=gst", "!", "fdsink", "fd=1"), "gst");
    }

    private List<Sample> fromProcess(ProcessBuilder builder, String boundary) throws IOException {
        Process p = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Sample> samples = new ArrayList<>();
        try (MjpegClient client = MjpegClient.of(p.getInputStream(), boundary, p::destroy)) {
            long end = System.nanoTime() + SECONDS * 1_000_000_000L;
            while (System.nanoTime() < end) {
                MjpegClient.Part part = client.next();
                samples.add(new Sample(part.jpeg(), part.receivedMillis()));
            }
        } finally {
            p.destroyForcibly();
        }
        return samples.subList(Math.min(25, samples.size()), samples.size()); // past its start-up
    }

    private Latencies firstFrames(int times) throws IOException {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            try (MjpegClient c = MjpegClient.open(mjpeg(""))) {
                c.next();
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        return Latencies.of(millis);
    }

    private Latencies coldFirstFrames(int times) throws Exception {
        List<Long> millis = new ArrayList<>();
        try (MjpegClient keepPullWarm = MjpegClient.open(mjpeg("?profile=small"))) {
            for (int i = 0; i < times; i++) {
                while (transcoderPids("1280").size() > 0) {
                    Thread.sleep(200);
                }
                Thread.sleep(500);
                long start = System.nanoTime();
                try (MjpegClient c = MjpegClient.open(mjpeg(""))) {
                    c.next();
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
                keepPullWarm.next();
            }
        }
        return Latencies.of(millis);
    }

    /** Runs {@code measure} while {@code count} viewers read the stream as fast as it comes and discard it. */
    private double withViewers(int count, String query, Measure measure) throws Exception {
        Selector selector = Selector.open();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong bytes = new AtomicLong();
        byte[] request = ("GET /mjpeg/" + CAM + "/stream.mjpg" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.baseUri().getPort()));
            c.write(ByteBuffer.wrap(request));
            c.configureBlocking(false);
            c.register(selector, SelectionKey.OP_READ);
        }
        Thread reader = new Thread(() -> {
            ByteBuffer sink = ByteBuffer.allocateDirect(1 << 20);
            while (running.get()) {
                try {
                    selector.select(100);
                    for (SelectionKey k : selector.selectedKeys()) {
                        sink.clear();
                        bytes.addAndGet(Math.max(0, ((SocketChannel) k.channel()).read(sink)));
                    }
                    selector.selectedKeys().clear();
                } catch (IOException e) {
                    return;
                }
            }
        }, "bench-viewers");
        reader.start();
        try {
            Thread.sleep(3000); // all connected and streaming
            long before = bytes.get();
            double cpu = measure.run();
            System.out.printf(Locale.ROOT, "%d viewers received %.1f MB/s%n", count, (bytes.get() - before) / 1e6 / SECONDS);
            return cpu;
        } finally {
            running.set(false);
            reader.join();
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
        }
    }

    @FunctionalInterface
    private interface Measure {
        double run() throws Exception;
    }

    /** Share of one core that process used over the next {@code seconds}. */
    static double cpu(long pid, int seconds) throws IOException, InterruptedException {
        long before = cpuTicks(pid);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long used = cpuTicks(pid) - before;
        return used / (double) TICKS / ((System.nanoTime() - start) / 1e9);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }

    private long transcoderPid() {
        return transcoderPids("").get(0);
    }

    private List<Long> transcoderPids(String sizeHint) {
        return server.ffmpegProcesses().stream()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).map(a -> a.contains("image2pipe") && a.contains(sizeHint))
                        .orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    private long pullPid() {
        return server.ffmpegProcesses().stream()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("rtsp://")).orElse(false))
                .map(ProcessHandle::pid).findFirst().orElseThrow();
    }

    private URI mjpeg(String query) {
        return server.uri("mjpeg/" + CAM + "/stream.mjpg" + query);
    }

    private record Sample(byte[] jpeg, long receivedMillis) {
    }

    private static Latencies latency(List<Sample> samples) {
        return Latencies.of(samples.stream().map(s -> FrameRecorder.decode(s.jpeg(), 0, s.receivedMillis()).latencyMillis())
                .filter(l -> l < 60_000) // a misread clock
                .toList());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %% of a core", share * 100);
    }

    private void row(String what, String figure) {
        String line = "| " + what + " | " + figure + " |";
        report.add(line);
        System.out.println(line);
    }
}
