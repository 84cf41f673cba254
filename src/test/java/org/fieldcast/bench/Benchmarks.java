package org.fieldcast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark command: {@code Benchmarks hls|cost|cameras|load|mjpeg|grid|mse|cluster|soak|all [--name value ...]}.
 * Run it through {@code src/test/sh/bench.sh}, which builds Fieldcast and sets the class path and the
 * {@code fieldcast.*} properties this needs. {@code all} is every one but {@code soak}, which runs for half an hour, and {@code cluster}, which needs
 * PostgreSQL (as the integration tests do).
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: bench.sh hls|cost|cameras|load|mjpeg|grid|mse|cluster|soak|all [--name value ...]");
            System.exit(2);
        }
        Options options = new Options(Arrays.asList(args).subList(1, args.length));
        List<String> which = args[0].equals("all") ? List.of("hls", "cost", "cameras", "load", "mjpeg", "grid", "mse") : List.of(args[0]);
        int failed = 0;
        for (String name : which) {
            try {
                run(name, options);
            } catch (Exception | AssertionError e) {
                // One benchmark that cannot run (a missing tool, a server that did not boot) must not cost the others.
                failed++;
                System.err.println("benchmark " + name + " failed:");
                e.printStackTrace();
            }
        }
        // Selenium and HttpClient leave non-daemon threads behind; everything we started is closed by now.
        System.exit(failed == 0 ? 0 : 1);
    }

    private static void run(String name, Options options) throws Exception {
        switch (name) {
            case "hls" -> new LatencyBench(options).run();
            case "cost" -> new CostBench(options).run();
            case "cameras" -> new ManyCamerasBench(options).run();
            case "load" -> new LoadBench(options).run();
            case "mjpeg" -> new MjpegBench(options).run();
            case "grid" -> new GridBench(options).run();
            case "mse" -> new MseBench(options).run();
            case "soak" -> new SoakBench(options).run();
            case "cluster" -> new ClusterBench(options).run();
            default -> throw new IllegalArgumentException("no benchmark " + name + " (hls, cost, cameras, load, mjpeg, grid, mse, cluster, soak, all)");
        }
    }

    /** A fresh working folder under {@code <build-dir>/bench/}. */
    static Path workDir(String name) {
        Path dir = Path.of(System.getProperty("fieldcast.build-dir", "target"), "bench", "work-" + name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
