package org.fieldcast.cluster;

import java.util.Optional;

/**
 * One stream's lease as the cluster's map holds it: a plain string, {@code node|generation|expiresAt|address},
 * so no class of ours crosses the wire (Payara's Hazelcast does not see the application's classes), and
 * compare-and-set compares whole values. A released lease keeps its generation with expiry 0, so the
 * next claim still counts up from it.
 *
 * @param expiresAt cluster time in milliseconds
 */
record Lease(String node, long generation, long expiresAt, String address) {

    Lease {
        if (node.contains("|") || address.contains("|")) {
            throw new IllegalArgumentException("a node id or address with '|': " + node + ", " + address);
        }
    }

    boolean liveAt(long clusterMillis) {
        return clusterMillis < expiresAt;
    }

    boolean heldBy(String otherNode, long otherGeneration) {
        return node.equals(otherNode) && generation == otherGeneration;
    }

    String format() {
        return node + "|" + generation + "|" + expiresAt + "|" + address;
    }

    StreamOwner owner() {
        return new StreamOwner(node, generation, address);
    }

    /** Empty for no value; a value that does not parse is treated as expired with generation 0. */
    static Optional<Lease> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] f = value.split("\\|", 4);
        try {
            return Optional.of(new Lease(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
        } catch (RuntimeException e) {
            return Optional.of(new Lease("", 0, 0, ""));
        }
    }
}
