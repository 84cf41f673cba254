package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldcast.sim.SimulatedCameraSpec;
import org.fieldcast.testing.FieldcastServer;
import org.fieldcast.testing.SimulatedSiteServer;
import org.junit.jupiter.api.Test;

/**
 * A camera started and idled again and again must not leave stream-executor threads behind: each
 * start reuses the threads the last one let go. (With a pool below its core size every start added
 * 3 to 7 threads for good.) Counts are taken with the camera idle, so they do not depend on timing.
 */
class StreamThreadsIT {
    private static final String ID = "thr-fixed-1";
    private static final int CYCLES = 5;
    /** Threads one cycle may add at most, for tasks that happened to overlap differently. */
    private static final int SLACK = 4;

    @Test
    void startingAndIdlingACameraReusesTheStreamThreads() throws Exception {
        try (SimulatedSiteServer site = SimulatedSiteServer.start("thr", List.of(SimulatedCameraSpec.of(ID, "Thread camera", false)
                .withPicture(320, 180, 25, 400)), Map.of("FIELDCAST_STREAM_IDLE_TIMEOUT", "PT3S"))) {
            FieldcastServer server = site.server();
            List<Integer> counts = new ArrayList<>();
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                play(server);
                awaitIdle(server);
                counts.add(streamThreads(server));
            }
            assertTrue(counts.get(CYCLES - 1) <= counts.get(0) + SLACK,
                    "stream threads after each start-and-idle cycle: " + counts);
        }
    }

    /** Asks for the playlist until it comes, as a player retries: a loaded machine may start the camera slowly. */
    private static void play(FieldcastServer server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        java.net.http.HttpResponse<String> answer;
        while ((answer = server.get("hls/" + ID + "/stream.m3u8")).statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "the camera started (last answer " + answer.statusCode() + " " + answer.body()
                    + "; camera " + server.get("api/cameras/" + ID).body() + ")");
            Thread.sleep(500);
        }
    }

    private static void awaitIdle(FieldcastServer server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!server.get("api/cameras/" + ID).body().contains("\"state\":\"IDLE\"")) {
            assertTrue(System.nanoTime() < deadline, "the camera went idle");
            Thread.sleep(200);
        }
        Thread.sleep(1000); // the pull's exit callbacks run just after the state changes
    }

    private static int streamThreads(FieldcastServer server) {
        return (int) server.threadDump().lines().filter(l -> l.startsWith("\"") && l.contains("fieldcast-streams")).count();
    }
}
