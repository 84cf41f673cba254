package org.fieldcast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read about processes from Linux and the JDK's tools. */
final class Processes {
    /** Linux reports CPU time in clock ticks of 1/100 s on every architecture we run on ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100;
    private static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    private Processes() {
    }

    static boolean isFfmpeg(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/ffmpeg") || c.equals("ffmpeg")).orElse(false);
    }

    /** User plus system CPU seconds the process has used so far; NaN once it is gone. */
    static double cpuSeconds(long pid) {
        return cpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static double cpuSeconds(Path statFile) {
        try {
            String stat = Files.readString(statFile, StandardCharsets.US_ASCII);
            // The command name (field 2) may hold spaces and parentheses; the fields after its last ')' do not.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds per thread name of a process so far, names with their numbers removed so that a
     * pool's threads add up (Linux keeps the first 15 characters of a Java thread's name).
     */
    static java.util.Map<String, Double> threadCpuSeconds(long pid) {
        java.util.Map<String, Double> byName = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip().replaceAll("[0-9]+", "#");
                    double seconds = cpuSeconds(task.resolve("stat"));
                    byName.merge(name, seconds, Double::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // gone between the listing and the read
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return byName;
    }

    /**
     * Seconds the process's threads have spent running and waiting for a CPU so far, from the
     * scheduler's own accounting ({@code /proc/PID/task/TID/schedstat}): a server that waits far more
     * than it runs is starved by the machine, not busy itself.
     */
    static double[] runAndWaitSeconds(long pid) {
        double run = 0;
        double wait = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String[] f = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII).trim().split(" ");
                    run += Long.parseLong(f[0]) / 1e9;
                    wait += Long.parseLong(f[1]) / 1e9;
                } catch (IOException | RuntimeException threadEnded) {
                    // gone between the listing and the read
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return new double[] {run, wait};
    }

    /**
     * Live heap of a JVM after a full collection, in bytes, through {@code jcmd} (same user, same machine).
     * Parses the generations of the serial collector that {@code payara/start} selects.
     */
    static long heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        long kb = 0;
        boolean any = false;
        while (m.find()) {
            kb += Long.parseLong(m.group(1));
            any = true;
        }
        if (!any) {
            throw new IllegalStateException("cannot read the heap of " + pid + " from: " + info);
        }
        return kb * 1024;
    }

    static String jcmd(long pid, String command) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("jcmd failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asks an ffmpeg to quit ('q' on stdin), then kills it and its children if it lingers. */
    static void stopFfmpeg(Process ffmpeg) {
        try {
            ffmpeg.getOutputStream().write('q');
            ffmpeg.getOutputStream().flush();
        } catch (IOException alreadyGone) {
            // the wait below still applies
        }
        try {
            if (!ffmpeg.waitFor(3, TimeUnit.SECONDS)) {
                ffmpeg.descendants().forEach(ProcessHandle::destroyForcibly);
                ffmpeg.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            ffmpeg.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** CPU of a fixed set of processes over a window: one reading now, one at {@link #percentOfCore()}. */
    record CpuWindow(List<Long> pids, double[] start, long startNanos) {
        static CpuWindow open(List<Long> pids) {
            return new CpuWindow(List.copyOf(pids), pids.stream().mapToDouble(Processes::cpuSeconds).toArray(), System.nanoTime());
        }

        /** Per process, percent of one core since the window opened (NaN for a process that ended). */
        double[] percentOfCore() {
            double wall = (System.nanoTime() - startNanos) / 1e9;
            double[] out = new double[pids.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (cpuSeconds(pids.get(i)) - start[i]) / wall * 100;
            }
            return out;
        }
    }
}
