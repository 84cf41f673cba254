package org.fieldcast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSizeTest {

    @Test
    void aTcpipListCountsItsMembers() {
        assertEquals(3, ClusterSize.expected(Optional.empty(), Optional.of("tcpip:10.0.0.1:5900,10.0.0.2:5900, 10.0.0.3:5900")));
    }

    @Test
    void theConfiguredSizeWins() {
        assertEquals(5, ClusterSize.expected(Optional.of(5), Optional.of("tcpip:10.0.0.1:5900")));
        assertEquals(4, ClusterSize.expected(Optional.of(4), Optional.of("dns:fieldcast.example.org:5900")));
    }

    @Test
    void otherModesWithoutASizeAreUnknown() {
        assertEquals(0, ClusterSize.expected(Optional.empty(), Optional.of("multicast:224.2.2.3:2904")));
    }

    @Test
    void quorumIsAStrictMajority() {
        assertTrue(membership(2, 3).quorum());
        assertFalse(membership(1, 3).quorum());
        assertFalse(membership(1, 2).quorum(), "half is not a majority: both halves of a split would pull");
        assertTrue(membership(3, 5).quorum());
        assertFalse(membership(5, 0).quorum(), "unknown size: nobody pulls");
    }

    private static Membership membership(int seen, int expected) {
        return new Membership() {
            @Override
            public int membersSeen() {
                return seen;
            }

            @Override
            public int expectedSize() {
                return expected;
            }
        };
    }
}
