package org.fieldcast.relay;

import java.util.function.Consumer;

/**
 * Topics of byte arrays between the nodes: whatever one node sends on a topic reaches every listener
 * of it, on any node, in the order that node sent it. Only bytes cross, so no class of ours needs to
 * be known on the other side. The cluster's Hazelcast in the server ({@link HazelcastRelayTransport}),
 * one JVM's listeners in tests ({@link InMemoryRelayTransport}).
 */
public interface RelayTransport {

    void send(String topic, byte[] message);

    /** Calls the receiver with each message sent on the topic from now on, until the subscription is closed. */
    Subscription listen(String topic, Consumer<byte[]> receiver);

    /** A listener's registration. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
