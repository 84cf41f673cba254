package org.fieldcast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LocalOwnershipTest {

    @Test
    void aSingleNodeOwnsEveryStreamAndCountsGenerationsPerClaim() {
        LocalOwnership local = new LocalOwnership("local", "https://127.0.0.1:8443");
        OwnershipClaim first = local.claim("cam1/main").orElseThrow();
        assertSame(first, local.claim("cam1/main").orElseThrow());
        assertEquals(new StreamOwner("local", first.generation(), "https://127.0.0.1:8443"), local.owner("cam1/main").orElseThrow());
        first.close();
        assertFalse(first.valid());
        assertTrue(local.owner("cam1/main").isEmpty());
        OwnershipClaim second = local.claim("cam1/main").orElseThrow();
        assertTrue(second.valid());
        assertTrue(second.generation() > first.generation());
        assertFalse(local.clustered());
    }
}
