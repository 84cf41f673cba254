package org.fieldcast.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Calls between two real Hazelcast members on loopback, as Payara Micro's nodes make them. */
class NodeCallsIT {
    private static HazelcastInstance a;
    private static HazelcastInstance b;
    private static HazelcastNodeCalls callsA;
    private static HazelcastNodeCalls callsB;

    @BeforeAll
    static void twoMembers() {
        String cluster = "calls-" + UUID.randomUUID();
        int port = 15701 + (int) (ProcessHandle.current().pid() % 500) * 4;
        a = Hazelcast.newHazelcastInstance(config(cluster, port));
        b = Hazelcast.newHazelcastInstance(config(cluster, port));
        assertEquals(2, b.getCluster().getMembers().size(), "the two members form one cluster");
        callsA = new HazelcastNodeCalls(a, Duration.ofSeconds(2));
        callsB = new HazelcastNodeCalls(b, Duration.ofSeconds(2));
    }

    static Config config(String cluster, int port) {
        Config c = new Config().setClusterName(cluster).setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.logging.type", "jdk");
        c.getNetworkConfig().setPort(port).setPortAutoIncrement(true).setPortCount(4);
        c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = c.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        for (int p = port; p < port + 4; p++) {
            join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + p);
        }
        return c;
    }

    @AfterAll
    static void stop() {
        callsA.close();
        callsB.close();
        b.shutdown();
        a.shutdown();
    }

    @Test
    void aCallIsAnsweredByTheNodeItNames() throws Exception {
        callsA.serve("echo", request -> CompletableFuture.completedFuture(("a:" + new String(request, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));

        byte[] answer = callsB.call(callsA.localNode(), "echo", "hi".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);

        assertArrayEquals("a:hi".getBytes(StandardCharsets.UTF_8), answer);
    }

    @Test
    void callsFromOneNodeArriveInTheOrderSent() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        callsA.serve("order", request -> {
            seen.add((int) request[0]);
            return CompletableFuture.completedFuture(new byte[0]);
        });
        List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(callsB.call(callsA.localNode(), "order", new byte[] {(byte) i}));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        for (int i = 0; i < 100; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void aFailureOrAnUnknownNodeFailsTheCall() {
        callsA.serve("fails", request -> CompletableFuture.failedFuture(new IllegalStateException("broken")));

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> callsB.call(callsA.localNode(), "fails", new byte[0]).get(5, TimeUnit.SECONDS));
        assertEquals("broken", failed.getCause().getMessage());
        assertThrows(ExecutionException.class,
                () -> callsB.call(UUID.randomUUID().toString(), "echo", new byte[0]).get(5, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class,
                () -> callsB.call(callsA.localNode(), "nobody", new byte[0]).get(5, TimeUnit.SECONDS));
        assertTrue(true);
    }
}
