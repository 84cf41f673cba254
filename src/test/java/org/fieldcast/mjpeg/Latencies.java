package org.fieldcast.mjpeg;

import java.util.List;

/** Latency samples in milliseconds, in arrival order, with their percentiles. */
record Latencies(List<Long> samples) {

    static Latencies of(List<Long> samples) {
        return new Latencies(List.copyOf(samples));
    }

    long at(int index) {
        return samples.get(index);
    }

    long percentile(double p) {
        List<Long> sorted = samples.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p / 100 * sorted.size())));
    }

    long p50() {
        return percentile(50);
    }

    long p95() {
        return percentile(95);
    }

    @Override
    public String toString() {
        return "p50 " + p50() + " ms, p95 " + p95() + " ms, min " + percentile(0) + " ms, max " + percentile(100)
                + " ms (" + samples.size() + " frames)";
    }
}
