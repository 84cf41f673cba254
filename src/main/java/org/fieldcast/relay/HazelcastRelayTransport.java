package org.fieldcast.relay;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The relay's topics on the cluster's Hazelcast: one {@code ITopic<byte[]>} per name. Hazelcast hands
 * a topic's messages from one member to each listener in the order that member published them (its
 * events are ordered by the topic's name), which is all the relay's sequence numbers need; a message
 * lost on the way (a member cut off) shows as a gap, and the subscriber asks for a snapshot. Only
 * {@code byte[]} crosses: Payara runs Hazelcast with its own class loader, which knows no class of ours.
 */
public final class HazelcastRelayTransport implements RelayTransport {
    private final HazelcastInstance hazelcast;

    public HazelcastRelayTransport(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public void send(String topic, byte[] message) {
        hazelcast.<byte[]>getTopic(topic).publish(message);
    }

    @Override
    public Subscription listen(String topic, Consumer<byte[]> receiver) {
        ITopic<byte[]> t = hazelcast.getTopic(topic);
        UUID id = t.addMessageListener(m -> receiver.accept(m.getMessageObject()));
        return () -> t.removeMessageListener(id);
    }
}
