package org.fieldcast.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Trust on first use moved from fieldcast.ptz.* to fieldcast.camera.*: the old key still counts, with a warning. */
class CameraHttpProducerTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void offUnlessSet() {
        assertFalse(CameraHttpProducer.trustOnFirstUse(Optional.empty(), Optional.empty(), warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void theNewKeyIsReadWithoutAWarning() {
        assertTrue(CameraHttpProducer.trustOnFirstUse(Optional.of(true), Optional.empty(), warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void theOldKeyStillCountsAndTheWarningNamesTheNewOne() {
        assertTrue(CameraHttpProducer.trustOnFirstUse(Optional.empty(), Optional.of(true), warnings::add));
        assertEquals(List.of("fieldcast.ptz.trust-on-first-use is deprecated: set fieldcast.camera.trust-on-first-use instead"),
                warnings);
    }

    @Test
    void whenBothAreSetTheNewKeyWins() {
        assertFalse(CameraHttpProducer.trustOnFirstUse(Optional.of(false), Optional.of(true), warnings::add));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("fieldcast.ptz.trust-on-first-use is ignored"), warnings.get(0));
    }
}
