package org.fieldcast.cluster;

/**
 * The owner of a stream as the cluster's map says.
 *
 * @param node       the owner's node id ({@link StreamOwnership#localNode})
 * @param generation the owner's claim's fencing token
 * @param address    where other nodes reach the owner for the relay, e.g. {@code https://10.0.0.5:8443}
 */
public record StreamOwner(String node, long generation, String address) {
}
