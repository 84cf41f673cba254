package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one benchmark: a table for people (printed as the benchmark goes and again at the
 * end) and the same figures with their raw detail as JSON under {@code <build-dir>/bench/}.
 */
final class Report {
    private final String name;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final JsonObjectBuilder json = Json.createObjectBuilder();

    Report(String name) {
        this.name = name;
        json.add("benchmark", name).add("started", Instant.now().toString()).add("loadAverageAtStart", loadAverage());
    }

    /**
     * The machine's load average (1, 5, 15 minutes): on a shared 2-core machine, other work at the same
     * time moves every figure, so each report says how busy the machine was.
     */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A line of the table; also printed at once, so a long run shows progress. */
    synchronized void row(String what, String figure) {
        rows.add(new String[] {what, figure});
        System.out.printf("[%s] %-58s %s%n", name, what, figure);
    }

    synchronized void note(String text) {
        notes.add(text);
        System.out.println("[" + name + "] note: " + text);
    }

    synchronized void put(String key, JsonValue value) {
        json.add(key, value);
    }

    synchronized void put(String key, JsonObjectBuilder value) {
        json.add(key, value);
    }

    /** Prints the table and writes {@code <build-dir>/bench/<name>.json}. */
    synchronized Path finish() {
        System.out.println();
        System.out.println("## " + name);
        System.out.println();
        System.out.println("| what | figure |");
        System.out.println("|---|---|");
        rows.forEach(r -> System.out.println("| " + r[0] + " | " + r[1] + " |"));
        notes.forEach(n -> System.out.println("\n" + n));
        System.out.println("\nload average (1/5/15 min) at the end: " + loadAverage() + " on "
                + Runtime.getRuntime().availableProcessors() + " cores");
        var table = Json.createArrayBuilder();
        rows.forEach(r -> table.add(Json.createObjectBuilder().add("what", r[0]).add("figure", r[1])));
        json.add("table", table).add("notes", Json.createArrayBuilder(notes)).add("finished", Instant.now().toString())
                .add("loadAverageAtEnd", loadAverage());
        Path file = Path.of(System.getProperty("fieldcast.build-dir", "target"), "bench", name + ".json");
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
                writer.writeObject(json.build());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("\nwritten: " + file.toAbsolutePath());
        return file;
    }

    /** JSON has no NaN: an absent figure is null. */
    static JsonValue number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? JsonValue.NULL : Json.createValue(round(value));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** "p50 812 ms, p95 1020 ms (n=1500)" */
    static String millis(Distribution d) {
        if (d.count() == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (n=%d)", d.p50(), d.p95(), d.p99(), d.count());
    }

    /** "812 ms (650–990 over 3 rounds)": the median of per-round values and their range. */
    static String spread(List<Double> perRound, String unit) {
        if (perRound.isEmpty()) {
            return "no samples";
        }
        Distribution d = Distribution.of(perRound);
        return String.format(Locale.ROOT, "%.0f %s (%.0f–%.0f over %d rounds)", d.p50(), unit, d.min(), d.max(), d.count());
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f %%", value);
    }
}
