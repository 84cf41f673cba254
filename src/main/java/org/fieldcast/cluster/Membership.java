package org.fieldcast.cluster;

/** The cluster as this node sees it: Hazelcast's member list in the server, a fake in tests. */
interface Membership {

    /** Members this node sees, itself included. */
    int membersSeen();

    /** How many members the cluster should have; 0 when not known (then there is no quorum). */
    int expectedSize();

    /**
     * A strict majority of the expected size: of two sides of a split at most one has it, so at most
     * one side pulls. (A cluster of two then needs both; three survive the loss of one.)
     */
    default boolean quorum() {
        return expectedSize() > 0 && membersSeen() * 2 > expectedSize();
    }

    /**
     * Asks the other members now, and is true when a strict majority of the expected size answered (this
     * node included). The member list lags a split by the heartbeat timeout (3 s); an answer does not: a
     * node cut off from the majority finds out within one short call, before it claims or renews.
     */
    default boolean reachesMajority() {
        return quorum();
    }
}
