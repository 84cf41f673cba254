package org.fieldcast.cluster;

import java.util.Optional;

/**
 * Which node pulls a stream. One per application (a CDI bean): leases in the cluster's map in cluster
 * mode, a local table on a single node.
 */
public interface StreamOwnership {

    /** This node's id in the cluster, stable for the life of this process. */
    String localNode();

    /**
     * Become or stay the owner of a stream. A claim this node still holds for the key is returned as
     * it is; a new one carries a new generation.
     *
     * @return empty when another node owns the stream, or this node may not pull at all (no quorum)
     */
    Optional<OwnershipClaim> claim(String streamKey);

    /** Who owns the stream now, if anyone holds a live lease on it. */
    Optional<StreamOwner> owner(String streamKey);

    /** Whether this node is one of a cluster (false: a single node, always the owner). */
    boolean clustered();

    /** Where other nodes (and operators) reach this node, e.g. {@code https://10.0.0.5:8443}. */
    default String localAddress() {
        return "";
    }

    /** A single node's: it owns every stream (for a node without a cluster, and for tests). */
    static StreamOwnership singleNode() {
        return new LocalOwnership("local", "");
    }
}
