package org.fieldcast.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link NodeCalls} over Hazelcast: each node listens on a topic of its own ({@code fieldcast.calls.<node>}),
 * where calls to it and answers to its calls arrive. A topic keeps the order of one sender's messages,
 * which a queue of PTZ commands needs; and the payload is plain bytes, so no class of the application
 * crosses the cluster (Payara's Hazelcast loads classes with its own class loader). Not Hazelcast's
 * executor service: its tasks are classes that every member would have to load.
 * <p>
 * Message: kind (1 byte: call or answer), call id (8), the caller's node and the service (each a
 * 2-byte length and UTF-8), then the payload; an answer's first payload byte says ok (1) or failed (0).
 */
public final class HazelcastNodeCalls implements NodeCalls, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HazelcastNodeCalls.class.getName());
    private static final byte CALL = 1;
    private static final byte ANSWER = 2;
    private static final String TOPIC = "fieldcast.calls.";

    private final HazelcastInstance hazelcast;
    private final String localNode;
    private final Duration timeout;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Function<byte[], CompletableFuture<byte[]>>> services = new ConcurrentHashMap<>();
    private final UUID listener;

    public HazelcastNodeCalls(HazelcastInstance hazelcast, Duration timeout) {
        this.hazelcast = hazelcast;
        this.localNode = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.timeout = timeout;
        this.listener = topic(localNode).addMessageListener(this::received);
    }

    @Override
    public String localNode() {
        return localNode;
    }

    @Override
    public CompletableFuture<byte[]> call(String node, String service, byte[] request) {
        return call(node, service, request, timeout);
    }

    /** As {@link #call(String, String, byte[])}, failing after {@code limit} without an answer. */
    public CompletableFuture<byte[]> call(String node, String service, byte[] request, Duration limit) {
        long id = ids.incrementAndGet();
        CompletableFuture<byte[]> answer = new CompletableFuture<byte[]>()
                .orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS);
        waiting.put(id, answer);
        answer.whenComplete((bytes, failure) -> waiting.remove(id));
        if (hazelcast.getCluster().getMembers().stream().noneMatch(m -> m.getUuid().toString().equals(node))) {
            answer.completeExceptionally(new IllegalStateException("node " + node + " is not in the cluster"));
            return answer;
        }
        try {
            topic(node).publish(message(CALL, id, service, request));
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    @Override
    public void serve(String service, Function<byte[], CompletableFuture<byte[]>> handler) {
        services.put(service, handler);
    }

    private void received(Message<byte[]> message) {
        ByteBuffer b = ByteBuffer.wrap(message.getMessageObject());
        byte kind = b.get();
        long id = b.getLong();
        String from = text(b);
        String service = text(b);
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        if (kind == ANSWER) {
            CompletableFuture<byte[]> answer = waiting.get(id);
            if (answer != null) {
                byte[] body = java.util.Arrays.copyOfRange(payload, 1, payload.length);
                if (payload[0] == 1) {
                    answer.complete(body);
                } else {
                    answer.completeExceptionally(new IllegalStateException(new String(body, StandardCharsets.UTF_8)));
                }
            }
            return;
        }
        Function<byte[], CompletableFuture<byte[]>> handler = services.get(service);
        CompletableFuture<byte[]> result;
        try {
            result = handler != null ? handler.apply(payload)
                    : CompletableFuture.failedFuture(new IllegalStateException("no service '" + service + "' on this node"));
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((bytes, failure) -> answer(from, id, service, bytes, failure));
    }

    private void answer(String to, long id, String service, byte[] bytes, Throwable failure) {
        byte[] body = failure == null ? bytes : String.valueOf(failure.getMessage()).getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[body.length + 1];
        payload[0] = (byte) (failure == null ? 1 : 0);
        System.arraycopy(body, 0, payload, 1, body.length);
        try {
            topic(to).publish(message(ANSWER, id, service, payload));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the answer to node " + to + " was not sent (it may have left)", e);
        }
    }

    private byte[] message(byte kind, long id, String service, byte[] payload) {
        byte[] from = localNode.getBytes(StandardCharsets.UTF_8);
        byte[] name = service.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 8 + 2 + from.length + 2 + name.length + payload.length)
                .put(kind).putLong(id).putShort((short) from.length).put(from).putShort((short) name.length).put(name)
                .put(payload).array();
    }

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort() & 0xFFFF];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private ITopic<byte[]> topic(String node) {
        return hazelcast.getTopic(TOPIC + node);
    }

    @Override
    public void close() {
        topic(localNode).removeMessageListener(listener);
        waiting.values().forEach(w -> w.completeExceptionally(new IllegalStateException("this node is shutting down")));
    }
}
