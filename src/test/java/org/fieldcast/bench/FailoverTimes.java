package org.fieldcast.bench;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one fail-over took, read from the surviving viewers' part arrivals (monotonic nanoseconds) and
 * from the survivors' logs (Payara's {@code timeMillis}, wall clock): the figure is the time from the
 * SIGKILL to the next part at the <em>last</em> of the viewers on the other nodes, as an operator watching
 * every node's screen would count it.
 */
final class FailoverTimes {
    /** Payara's log record: {@code [timeMillis: 1796565753846]} precedes the message on the same line. */
    private static final Pattern TIME_MILLIS = Pattern.compile("\\[timeMillis: (\\d+)\\]");

    private FailoverTimes() {
    }

    /**
     * Seconds from the kill to the first part after it at each viewer; infinite for a viewer that got none.
     *
     * @param partArrivals per viewer, the {@link System#nanoTime()} of each part's arrival, in order
     */
    static double[] firstPartAfter(long killNanos, List<List<Long>> partArrivals) {
        return partArrivals.stream().mapToDouble(times -> times.stream().filter(t -> t > killNanos).findFirst()
                .map(t -> (t - killNanos) / 1e9).orElse(Double.POSITIVE_INFINITY)).toArray();
    }

    /** The fail-over: until every surviving viewer has had a part again (infinite if one never did). */
    static double failover(long killNanos, List<List<Long>> partArrivals) {
        double worst = 0;
        for (double s : firstPartAfter(killNanos, partArrivals)) {
            worst = Math.max(worst, s);
        }
        return partArrivals.isEmpty() ? Double.POSITIVE_INFINITY : worst;
    }

    /**
     * The earliest log record at or after {@code sinceMillis} whose line holds {@code marker}, in epoch
     * milliseconds, over several nodes' logs: e.g. the first survivor to drop the dead member.
     */
    static OptionalLong firstLogged(List<String> logs, String marker, long sinceMillis) {
        long earliest = Long.MAX_VALUE;
        for (String log : logs) {
            for (String line : (Iterable<String>) log.lines()::iterator) {
                if (!line.contains(marker)) {
                    continue;
                }
                Matcher m = TIME_MILLIS.matcher(line);
                if (m.find()) {
                    long at = Long.parseLong(m.group(1));
                    if (at >= sinceMillis && at < earliest) {
                        earliest = at;
                    }
                }
            }
        }
        return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
    }
}
