package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fieldcast.testing.FieldcastServer;

/**
 * A long run of ordinary use, to show what a server keeps that it should have let go: cameras start
 * and idle out every few seconds ({@code fieldcast.stream.idle-timeout} of a few seconds), viewers of
 * every kind come and go ({@link SoakChurn}), and a camera reboots every few minutes. Every minute,
 * each server's threads (all, and the stream executor's), live heap after a full GC, resident memory,
 * open files and ffmpeg children are sampled ({@link SoakSample}); at the end, the least-squares slope
 * of each after the warm-up, and the ffmpeg processes left once the viewers are gone and the idle
 * timeout has passed, which must be none.
 * <p>
 * {@code --baseline DIR}: a second build (a checkout with its own {@code target/fieldcast.war} and
 * {@code target/payara-micro.jar}, e.g. an older commit) under the same churn on the same cameras at
 * the same time, so both columns share the machine's load.
 */
final class SoakBench {
    private static final Duration REBOOT_DOWN = Duration.ofSeconds(20);
    /** After the last viewer: the idle timeout, ffmpeg's stop grace, and the stream executor's 30 s keep-alive. */
    private static final Duration SETTLE = Duration.ofSeconds(45);

    private final Report report = new Report("soak");
    private final int minutes;
    private final double warmupMinutes;
    private final Duration sampleEvery;
    private final Duration idleTimeout;
    private final Duration rebootEvery;
    private final int cameras;
    private final int encoders;
    private final String baseline;
    private final SoakChurn.Seats seats;

    SoakBench(Options o) {
        minutes = o.integer("minutes", 30);
        // Five minutes of warm-up (class loading, first pools) unless the run is too short to keep samples after it.
        warmupMinutes = Math.min(o.integer("warmup-minutes", 5), minutes / 3.0);
        sampleEvery = o.seconds("sample-seconds", 60);
        idleTimeout = o.seconds("idle-seconds", 3);
        rebootEvery = o.seconds("reboot-seconds", 180);
        cameras = o.integer("cameras", 12);
        encoders = o.integer("encoders", 2);
        baseline = o.text("baseline", "");
        seats = new SoakChurn.Seats(o.integer("hls-viewers", 4), o.integer("mjpeg-viewers", 2),
                o.integer("frame-viewers", 2), o.integer("ptz-viewers", 1));
    }

    /** One server under the churn, with its samples. */
    private record Subject(String name, FieldcastServer server, SoakChurn churn, List<SoakSample> samples) {
    }

    Path run() throws Exception {
        CameraFarm.Plan plan = new CameraFarm.Plan(encoders, cameras, 640, 360, 25, 1000, 0).ptzDomes(1);
        report.note("cameras: " + plan.describe() + ", the first encoder's cameras PTZ; idle timeout " + idleTimeout.toSeconds()
                + " s; viewers at once: " + seats + ", each staying 5-20 s after a pause of 10-40 s; encoder i reboots (RTSP and web interface down "
                + REBOOT_DOWN.toSeconds() + " s) every " + rebootEvery.toSeconds() + " s in turn; " + minutes + " min, sampled every "
                + sampleEvery.toSeconds() + " s, slopes over the samples from minute " + format(warmupMinutes) + " on");
        Map<String, String> settings = Map.of("FIELDCAST_STREAM_IDLE_TIMEOUT", "PT" + idleTimeout.toSeconds() + "S");
        List<Subject> subjects = new ArrayList<>();
        ScheduledExecutorService reboots = Executors.newSingleThreadScheduledExecutor();
        try (CameraFarm farm = CameraFarm.start(plan, Benchmarks.workDir("soak").resolve("farm"))) {
            subjects.add(subject("this build", ServerUnderTest.boot(farm, settings), farm));
            if (!baseline.isEmpty()) {
                subjects.add(subject("baseline", ServerUnderTest.bootBuild(farm, settings, Path.of(baseline)), farm));
            }
            long start = System.nanoTime();
            for (int i = 0; i < subjects.size(); i++) {
                subjects.get(i).churn().start(seats, 1000L * i);
            }
            int[] next = {0};
            reboots.scheduleAtFixedRate(() -> farm.reboot(next[0]++ % encoders, REBOOT_DOWN),
                    rebootEvery.toSeconds(), rebootEvery.toSeconds(), TimeUnit.SECONDS);
            printHeading(subjects);
            sampleUntil(subjects, start, start + Duration.ofMinutes(minutes).toNanos());
            reboots.shutdownNow();
            for (Subject s : subjects) {
                s.churn().stop();
            }
            Processes.sleep(SETTLE.toMillis());
            sample(subjects, start);
            conclude(subjects);
        } finally {
            reboots.shutdownNow();
            subjects.forEach(s -> s.churn().close());
            subjects.forEach(s -> s.server().close());
        }
        Path file = report.finish();
        int left = subjects.get(0).samples().get(subjects.get(0).samples().size() - 1).ffmpeg();
        if (left != 0) {
            throw new AssertionError(left + " ffmpeg process(es) left after every viewer had gone");
        }
        return file;
    }

    private Subject subject(String name, FieldcastServer server, CameraFarm farm) {
        List<String> domes = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            if (i % encoders == 0) {
                domes.add(farm.cameraIds().get(i)); // station camera i reads encoder i % encoders; encoder 0 is the dome
            }
        }
        return new Subject(name, server, new SoakChurn(server, farm.cameraIds(), domes), new ArrayList<>());
    }

    private void sampleUntil(List<Subject> subjects, long start, long end) {
        for (long at = start + sampleEvery.toNanos(); at <= end; at += sampleEvery.toNanos()) {
            Processes.sleep(Math.max(0, (at - System.nanoTime()) / 1_000_000));
            sample(subjects, start);
        }
    }

    private void sample(List<Subject> subjects, long start) {
        double minute = (System.nanoTime() - start) / 60e9;
        List<SoakSample> taken = new ArrayList<>();
        for (Subject s : subjects) {
            SoakSample sample = SoakSample.take(minute, ProcessHandle.of(s.server().pid()).orElseThrow());
            s.samples().add(sample);
            taken.add(sample);
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6.1f", minute));
        for (SoakSample.Series series : SoakSample.SERIES) {
            List<String> values = taken.stream().map(t -> format(series.value().applyAsDouble(t))).toList();
            line.append(String.format(Locale.ROOT, " | %15s", String.join(" / ", values)));
        }
        System.out.println(line);
    }

    private static void printHeading(List<Subject> subjects) {
        StringBuilder heading = new StringBuilder("minute");
        SoakSample.SERIES.forEach(s -> heading.append(String.format(Locale.ROOT, " | %15s", s.name())));
        System.out.println("\n" + heading + "   (" + String.join(" / ", subjects.stream().map(Subject::name).toList()) + ")");
    }

    private void conclude(List<Subject> subjects) throws IOException {
        JsonArrayBuilder json = Json.createArrayBuilder();
        for (Subject s : subjects) {
            for (SoakSample.Series series : SoakSample.SERIES) {
                double slope = SoakSample.slopePer10Minutes(s.samples().subList(0, s.samples().size() - 1), series, warmupMinutes);
                report.row(s.name() + ": " + series.name() + ", slope per 10 min after minute " + format(warmupMinutes),
                        String.format(Locale.ROOT, "%+.1f (first %s, last under churn %s, after the viewers left %s)", slope,
                                format(series.value().applyAsDouble(s.samples().get(0))),
                                format(series.value().applyAsDouble(s.samples().get(s.samples().size() - 2))),
                                format(series.value().applyAsDouble(s.samples().get(s.samples().size() - 1)))));
            }
            for (SoakSample.Series series : SoakSample.SERIES.subList(0, SoakSample.SERIES.size() - 1)) {
                double beyond = SoakSample.slopeBeyondWorkPer10Minutes(s.samples().subList(0, s.samples().size() - 1), series, warmupMinutes);
                report.row(s.name() + ": " + series.name() + ", slope per 10 min beyond the work (fitted to the ffmpeg processes running)",
                        String.format(Locale.ROOT, "%+.1f", beyond));
            }
            SoakSample last = s.samples().get(s.samples().size() - 1);
            report.row(s.name() + ": ffmpeg processes left " + SETTLE.toSeconds() + " s after the last viewer", Integer.toString(last.ffmpeg()));
            report.row(s.name() + ": camera starts seen (IDLE to another state)", Long.toString(s.churn().cameraStarts()));
            s.churn().summary().forEach(line -> report.row(s.name() + ": viewers", line));
            json.add(Json.createObjectBuilder().add("build", s.name()).add("samples", samplesJson(s.samples())));
            writeCsv(s);
            writeHistogram(s);
        }
        report.put("builds", json.build());
    }

    private static JsonArrayBuilder samplesJson(List<SoakSample> samples) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (SoakSample sample : samples) {
            var row = Json.createObjectBuilder().add("minute", Report.number(sample.minute()));
            SoakSample.SERIES.forEach(series -> row.add(series.name(), Report.number(series.value().applyAsDouble(sample))));
            list.add(row);
        }
        return list;
    }

    /** {@code <build-dir>/bench/soak-<build>.csv}: the raw samples, one row each (the last one after the viewers left). */
    private static void writeCsv(Subject s) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("minute," + String.join(",", SoakSample.SERIES.stream().map(SoakSample.Series::name).toList()));
        for (SoakSample sample : s.samples()) {
            lines.add(format(sample.minute()) + "," + String.join(",",
                    SoakSample.SERIES.stream().map(series -> format(series.value().applyAsDouble(sample))).toList()));
        }
        Files.write(output("soak-" + s.name().replace(' ', '-') + ".csv"), lines);
    }

    /**
     * {@code <build-dir>/bench/soak-<build>-histogram.txt}: the live heap's classes once the viewers have gone,
     * so what an idle server still holds can be told apart from what it should have let go.
     */
    private static void writeHistogram(Subject s) throws IOException {
        String histogram = Processes.jcmd(s.server().pid(), "GC.class_histogram");
        Files.writeString(output("soak-" + s.name().replace(' ', '-') + "-histogram.txt"),
                String.join("\n", histogram.lines().limit(60).toList()) + "\n");
    }

    private static Path output(String name) throws IOException {
        Path file = Path.of(System.getProperty("fieldcast.build-dir", "target"), "bench", name);
        Files.createDirectories(file.getParent());
        return file;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
