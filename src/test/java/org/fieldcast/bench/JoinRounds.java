package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The probe joins of one source, round by round: per-round medians give the spread. */
final class JoinRounds {
    private final List<List<Probe.Join>> rounds = new ArrayList<>();

    void add(List<Probe.Join> joins) {
        rounds.add(joins);
    }

    List<Probe.Join> joins() {
        return rounds.stream().flatMap(List::stream).toList();
    }

    Distribution all() {
        return Distribution.of(joins().stream().flatMap(j -> j.latencies().stream()).toList());
    }

    List<Double> p50s() {
        return rounds.stream().map(r -> Distribution.of(r.stream().flatMap(j -> j.latencies().stream()).toList()))
                .filter(d -> d.count() > 0).map(Distribution::p50).toList();
    }

    List<Double> firstFrames() {
        return joins().stream().map(Probe.Join::firstFrameMillis).filter(t -> !Double.isNaN(t)).toList();
    }

    long skipped() {
        return joins().stream().mapToLong(Probe.Join::skipped).sum();
    }

    long presented() {
        return joins().stream().mapToLong(Probe.Join::frames).sum();
    }

    /** One line about the latest round, for the progress log. */
    String last() {
        List<Probe.Join> r = rounds.get(rounds.size() - 1);
        Distribution d = Distribution.of(r.stream().flatMap(j -> j.latencies().stream()).toList());
        long skipped = r.stream().mapToLong(Probe.Join::skipped).sum();
        long failed = r.stream().filter(j -> !j.played()).count();
        String player = r.get(0).player().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue().p50())).reduce("", String::concat);
        String whose = r.get(0).player().containsKey("bufferMs") ? ", MSE player" : ", hls.js";
        return Report.millis(d) + ", skipped frames " + skipped + (player.isEmpty() ? "" : whose + player)
                + (failed > 0 ? ", joins without picture " + failed : "")
                + r.stream().flatMap(j -> j.errors().stream()).distinct().map(e -> ", error " + e).reduce("", String::concat);
    }

    JsonObjectBuilder toJson(String label, String source) {
        JsonArrayBuilder joins = Json.createArrayBuilder();
        for (int i = 0; i < rounds.size(); i++) {
            for (Probe.Join j : rounds.get(i)) {
                JsonObjectBuilder player = Json.createObjectBuilder();
                j.player().forEach((k, v) -> player.add(k, Report.number(v.p50())));
                joins.add(Json.createObjectBuilder().add("round", i + 1)
                        .add("firstFrameMs", Report.number(j.firstFrameMillis()))
                        .add("latencyMs", Distribution.of(j.latencies()).toJson())
                        .add("sinceFieldcastMs", Distribution.of(j.sinceFieldcast()).toJson())
                        .add("frames", j.frames()).add("skippedFrames", j.skipped()).add("unreadable", j.unreadable())
                        .add("errors", Json.createArrayBuilder(j.errors()))
                        .add("hlsJs", player));
            }
        }
        return Json.createObjectBuilder().add("label", label).add("source", source)
                .add("latencyMs", all().toJson()).add("p50PerRoundMs", LatencyBench.array(p50s())).add("joins", joins);
    }
}
