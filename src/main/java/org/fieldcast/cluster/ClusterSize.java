package org.fieldcast.cluster;

import java.util.Optional;

/** The cluster's expected size: configured, or the number of members a {@code tcpip:} member list names. */
final class ClusterSize {
    private ClusterSize() {
    }

    /** @return 0 when neither says (multicast, dns, kubernetes without {@code fieldcast.cluster.size}) */
    static int expected(Optional<Integer> configured, Optional<String> mode) {
        if (configured.isPresent()) {
            return configured.get();
        }
        return mode.map(String::trim).filter(m -> m.startsWith("tcpip:"))
                .map(m -> (int) java.util.Arrays.stream(m.substring("tcpip:".length()).split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).distinct().count())
                .orElse(0);
    }
}
