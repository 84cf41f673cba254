package org.fieldcast.bench;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one fail-over took, read from the surviving viewers' part arrivals (monotonic nanoseconds) and
 * from the survivors' logs (Payara's {@code timeMillis}, wall clock): the figure is the time from the
 * SIGKILL to the part that ends the outage at the <em>last</em> of the viewers on the other nodes, as an
 * operator watching every node's screen would count it.
 */
final class FailoverTimes {
    /** Payara's log record: {@code [timeMillis: 1796565753846]} precedes the message on the same line. */
    private static final Pattern TIME_MILLIS = Pattern.compile("\\[timeMillis: (\\d+)\\]");

    private FailoverTimes() {
    }

    /**
     * Seconds from the kill to the part that ended each viewer's outage; infinite for a viewer that got
     * no part after the kill. The outage is the longest wait between two parts that ends after the kill:
     * not merely the first part to arrive after it, as a part the viewer's node already held (a follower
     * has the owner's last parts) may still arrive just after the kill.
     *
     * @param partArrivals per viewer, the {@link System#nanoTime()} of each part's arrival, in order
     */
    static double[] resumedAfter(long killNanos, List<List<Long>> partArrivals) {
        return partArrivals.stream().mapToDouble(times -> {
            long longest = -1;
            long end = 0;
            for (int i = 1; i < times.size(); i++) {
                long gap = times.get(i) - times.get(i - 1);
                if (times.get(i) > killNanos && gap > longest) {
                    longest = gap;
                    end = times.get(i);
                }
            }
            if (longest < 0 && !times.isEmpty() && times.get(0) > killNanos) {
                end = times.get(0); // its first part ever came after the kill
                longest = 0;
            }
            return longest < 0 ? Double.POSITIVE_INFINITY : (end - killNanos) / 1e9;
        }).toArray();
    }

    /** The fail-over: until every surviving viewer's outage ended (infinite if one's never did). */
    static double failover(long killNanos, List<List<Long>> partArrivals) {
        double worst = 0;
        for (double s : resumedAfter(killNanos, partArrivals)) {
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
