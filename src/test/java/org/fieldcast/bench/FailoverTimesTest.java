package org.fieldcast.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FailoverTimesTest {
    private static final long KILL = 10_000_000_000L;

    @Test
    void eachViewerCountsFromTheKillToThePartThatEndsItsOutage() {
        List<List<Long>> arrivals = List.of(
                List.of(KILL - 200_000_000L, KILL + 4_500_000_000L, KILL + 4_700_000_000L),
                List.of(KILL - 100_000_000L, KILL + 5_200_000_000L));
        assertArrayEquals(new double[] {4.5, 5.2}, FailoverTimes.resumedAfter(KILL, arrivals), 1e-9);
        assertEquals(5.2, FailoverTimes.failover(KILL, arrivals), 1e-9, "the last viewer to see a part again");
    }

    @Test
    void partsTheFollowerAlreadyHeldDoNotEndTheOutage() {
        // Two parts the node had before the kill arrive just after it; the outage ends at 6.0 s.
        List<List<Long>> arrivals = List.of(List.of(KILL - 200_000_000L, KILL + 50_000_000L, KILL + 250_000_000L,
                KILL + 6_000_000_000L, KILL + 6_200_000_000L));
        assertArrayEquals(new double[] {6.0}, FailoverTimes.resumedAfter(KILL, arrivals), 1e-9);
    }

    @Test
    void aViewerWithoutAPartAfterTheKillMakesTheFailoverEndless() {
        List<List<Long>> arrivals = List.of(List.of(KILL + 3_000_000_000L), List.of(KILL - 1, KILL));
        assertEquals(Double.POSITIVE_INFINITY, FailoverTimes.failover(KILL, arrivals));
        assertEquals(Double.POSITIVE_INFINITY, FailoverTimes.failover(KILL, List.of()));
    }

    @Test
    void theEarliestMarkedRecordAfterTheKillAcrossLogs() {
        String a = """
                [2026-12-06T14:02:21.755+0000] [] [INFO] [] [x] [tid: _ThreadID=1] [timeMillis: 1000] [levelValue: 800] camera c: no other node pulls it; this node tries to
                [2026-12-06T14:02:29.986+0000] [] [INFO] [] [x] [timeMillis: 5000] [levelValue: 800] Data Grid Instance Removed abc
                [2026-12-06T14:02:33.846+0000] [] [INFO] [] [x] [timeMillis: 7000] [levelValue: 800] camera c: no other node pulls it; this node tries to
                """;
        String b = "[t] [timeMillis: 6500] [levelValue: 800] camera c: no other node pulls it; this node tries to\n"
                + "no time on this line: no other node pulls it\n";
        assertEquals(OptionalLong.of(6500), FailoverTimes.firstLogged(List.of(a, b), "no other node pulls it", 2000));
        assertEquals(OptionalLong.of(5000), FailoverTimes.firstLogged(List.of(a, b), "Data Grid Instance Removed", 2000));
        assertEquals(OptionalLong.empty(), FailoverTimes.firstLogged(List.of(a, b), "Data Grid Instance Removed", 5001));
    }
}
