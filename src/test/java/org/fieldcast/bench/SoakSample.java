package org.fieldcast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What a long-running server holds at one moment, read from Linux and the JDK's tools: what grows
 * here without bound is a leak.
 *
 * @param minute        minutes since the churn began
 * @param threads       the JVM's live threads ({@code /proc/PID/task})
 * @param streamThreads threads of the stream executor, by name ({@code jcmd Thread.print})
 * @param heapMb        live heap after a full collection
 * @param rssMb         resident memory ({@code VmRSS})
 * @param fds           open file descriptors ({@code /proc/PID/fd})
 * @param ffmpeg        ffmpeg processes descended from the server
 */
record SoakSample(double minute, int threads, int streamThreads, double heapMb, double rssMb, int fds, int ffmpeg) {
    /** Each series with its column heading, in table order. */
    static final List<Series> SERIES = List.of(
            new Series("threads", s -> s.threads),
            new Series("stream threads", s -> s.streamThreads),
            new Series("heap MB", s -> s.heapMb),
            new Series("RSS MB", s -> s.rssMb),
            new Series("fds", s -> s.fds),
            new Series("ffmpeg", s -> s.ffmpeg));

    /** The executor's JNDI name is in its threads' names, before and after it moved to the post-boot commands. */
    private static final String STREAM_THREAD = "fieldcast-streams";

    record Series(String name, ToDoubleFunction<SoakSample> value) {
    }

    static SoakSample take(double minute, ProcessHandle server) {
        long pid = server.pid();
        double heap = Processes.heapAfterGc(pid) / 1e6;
        return new SoakSample(minute, count(Path.of("/proc", Long.toString(pid), "task")), streamThreads(pid), heap,
                residentMb(pid), count(Path.of("/proc", Long.toString(pid), "fd")),
                (int) server.descendants().filter(Processes::isFfmpeg).count());
    }

    /**
     * Least-squares slope of a series over the samples from {@code fromMinute} on, per 10 minutes;
     * NaN with fewer than two such samples.
     */
    static double slopePer10Minutes(List<SoakSample> samples, Series series, double fromMinute) {
        List<SoakSample> used = samples.stream().filter(s -> s.minute >= fromMinute).toList();
        int n = used.size();
        if (n < 2) {
            return Double.NaN;
        }
        double meanX = used.stream().mapToDouble(SoakSample::minute).average().orElseThrow();
        double meanY = used.stream().mapToDouble(series.value()).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (SoakSample s : used) {
            covariance += (s.minute - meanX) * (series.value().applyAsDouble(s) - meanY);
            variance += (s.minute - meanX) * (s.minute - meanX);
        }
        return covariance / variance * 10;
    }

    /**
     * The slope per 10 minutes of what a series does beyond following the work: the churn is random, so
     * more cameras may run at the end than at the start, and threads, files and memory rise with them
     * without leaking. Fitted as series = a + b * ffmpeg processes + c * minute, this is c (by least
     * squares: time and the series both taken net of what the work explains). NaN with fewer than
     * three samples, or when the work explains the time.
     */
    static double slopeBeyondWorkPer10Minutes(List<SoakSample> samples, Series series, double fromMinute) {
        List<SoakSample> used = samples.stream().filter(s -> s.minute >= fromMinute).toList();
        if (used.size() < 3) {
            return Double.NaN;
        }
        double[] time = netOfWork(used, SoakSample::minute);
        double[] value = netOfWork(used, series.value());
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < used.size(); i++) {
            covariance += time[i] * value[i];
            variance += time[i] * time[i];
        }
        return variance < 1e-9 ? Double.NaN : covariance / variance * 10;
    }

    /** What is left of y once its least-squares line over the number of ffmpeg processes is taken away. */
    private static double[] netOfWork(List<SoakSample> used, ToDoubleFunction<SoakSample> y) {
        double meanWork = used.stream().mapToDouble(SoakSample::ffmpeg).average().orElseThrow();
        double meanY = used.stream().mapToDouble(y).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (SoakSample s : used) {
            covariance += (s.ffmpeg - meanWork) * (y.applyAsDouble(s) - meanY);
            variance += (s.ffmpeg - meanWork) * (s.ffmpeg - meanWork);
        }
        double perProcess = variance == 0 ? 0 : covariance / variance;
        return used.stream().mapToDouble(s -> y.applyAsDouble(s) - meanY - perProcess * (s.ffmpeg - meanWork)).toArray();
    }

    private static int streamThreads(long pid) {
        String dump = Processes.jcmd(pid, "Thread.print");
        return (int) dump.lines().filter(l -> l.startsWith("\"") && l.contains(STREAM_THREAD)).count();
    }

    private static double residentMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException gone) {
            // the server ended
        }
        return Double.NaN;
    }

    private static int count(Path dir) {
        try (var entries = Files.list(dir)) {
            return (int) entries.count();
        } catch (IOException gone) {
            return -1;
        }
    }
}
