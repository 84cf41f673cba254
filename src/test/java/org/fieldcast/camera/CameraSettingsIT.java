package org.fieldcast.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.fieldcast.testing.FieldcastServer;

/**
 * Settings of the camera transport as a real server reads them: the renamed trust-on-first-use key
 * still counts and is reported once at start.
 */
class CameraSettingsIT {

    @Test
    void theOldTrustOnFirstUseKeyIsReportedOnceAtStart() throws Exception {
        try (FieldcastServer server = FieldcastServer.start(Map.of("FIELDCAST_PTZ_TRUST_ON_FIRST_USE", "true"))) {
            Matcher warnings = Pattern.compile("fieldcast.ptz.trust-on-first-use is deprecated: set fieldcast.camera.trust-on-first-use instead")
                    .matcher(server.log());
            int count = 0;
            while (warnings.find()) {
                count++;
            }
            assertEquals(1, count, server.logTail(40));
        }
    }
}
