package org.fieldcast.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One node asking another and getting its answer, as bytes: how a feature reaches the node that holds
 * something (a camera's PTZ queue) when the request landed elsewhere. Calls from one node to another
 * arrive in the order they were sent, so a move, its renewals and its stop stay in order.
 */
public interface NodeCalls {

    /** This node's name: the one other nodes call it by. */
    String localNode();

    /**
     * Sends a call to {@code service} on {@code node}.
     *
     * @return its answer; fails when the node does not answer within the call timeout or is gone
     */
    CompletableFuture<byte[]> call(String node, String service, byte[] request);

    /** Answers the calls for {@code service}; the handler runs on a cluster thread and must not block. */
    void serve(String service, Function<byte[], CompletableFuture<byte[]>> handler);
}
