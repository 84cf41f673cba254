package org.fieldcast.web;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.fieldcast.testing.FieldcastServer;
import org.junit.jupiter.api.Test;

/** A setting that does not convert to its type stops the start, naming the key and the value. */
class SettingsCheckIT {

    @Test
    void aSettingThatDoesNotConvertStopsTheStartNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FieldcastServer.start(Map.of(
                "FIELDCAST_PTZ_LEASE", "banana",
                "FIELDCAST_STREAM_RESTART_STEPS", "PT1S*many")).close());
        assertTrue(e.getMessage().contains("fieldcast.ptz.lease = 'banana' is not a valid Duration"), e.getMessage());
        assertTrue(e.getMessage().contains("fieldcast.stream.restart-steps = 'PT1S*many'"), e.getMessage());
    }
}
