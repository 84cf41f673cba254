package org.fieldcast.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of measurements (nearest rank), in the unit they were taken in.
 */
public record Distribution(int count, double min, double p50, double p95, double p99, double max, double mean) {

    public static final Distribution EMPTY = new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN);

    public static Distribution of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public static Distribution of(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return new Distribution(v.length, v[0], rank(v, 50), rank(v, 95), rank(v, 99), v[v.length - 1],
                Arrays.stream(v).average().orElse(Double.NaN));
    }

    private static double rank(double[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("count", count)
                .add("min", Report.number(min))
                .add("p50", Report.number(p50))
                .add("p95", Report.number(p95))
                .add("p99", Report.number(p99))
                .add("max", Report.number(max))
                .add("mean", Report.number(mean))
                .build();
    }
}
