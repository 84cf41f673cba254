package org.fieldcast.cluster;

/**
 * The cluster as this node sees it, for health and metrics.
 *
 * @param clustered    false on a single node (then always 1 of 1, with quorum)
 * @param membersSeen  members this node sees, itself included
 * @param expectedSize the configured or derived size of the whole cluster; 0 when unknown
 * @param quorum       whether this node sees a strict majority of it, and so may pull
 */
public record ClusterView(boolean clustered, int membersSeen, int expectedSize, boolean quorum) {
}
