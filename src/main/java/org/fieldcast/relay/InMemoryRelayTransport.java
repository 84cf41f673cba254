package org.fieldcast.relay;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Topics within one JVM: a message reaches the listeners at once, on the sender's thread, in order.
 * What the relay's unit tests run on, from one thread: a publisher and a subscriber that called each
 * other from two threads at once would each hold its own lock and wait for the other's.
 */
public final class InMemoryRelayTransport implements RelayTransport {
    private final Map<String, List<Consumer<byte[]>>> topics = new ConcurrentHashMap<>();

    @Override
    public void send(String topic, byte[] message) {
        topics.getOrDefault(topic, List.of()).forEach(r -> r.accept(message));
    }

    @Override
    public Subscription listen(String topic, Consumer<byte[]> receiver) {
        List<Consumer<byte[]>> listeners = topics.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
        Consumer<byte[]> own = receiver::accept; // its own identity, so that closing removes this one only
        listeners.add(own);
        return () -> listeners.remove(own);
    }
}
