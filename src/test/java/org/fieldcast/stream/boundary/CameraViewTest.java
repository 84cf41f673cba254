package org.fieldcast.stream.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fieldcast.station.AudioMode;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.station.VideoMode;
import org.junit.jupiter.api.Test;

class CameraViewTest {

    private static CameraConfig camera(String substreamPath) {
        return new CameraConfig("cam", "Camera", "site", "Site", CameraType.FIXED, null, "192.0.2.10", 554, 80, 0, null,
                "/?inst=1", AuthMode.NONE, null, null, true, false, null, List.of(), VideoMode.COPY, AudioMode.AUTO,
                substreamPath);
    }

    @Test
    void saysWhetherTheCameraHasASubstreamButNeverItsPath() {
        CameraView with = CameraView.of(camera("/?inst=2&secret-path"), null);
        assertTrue(with.substream());
        assertFalse(with.toString().contains("inst=2"), with::toString);
        assertFalse(CameraView.of(camera(null), null).substream());
    }
}
