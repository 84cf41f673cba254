package org.fieldcast.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StationsChangedTest {

    private static CameraConfig camera(String id, String host, String password) {
        return new CameraConfig(id, "Camera " + id, "site", "Site", CameraType.FIXED, null, host, 554, 80, 0, null,
                "/?inst=1", AuthMode.DIGEST, "user", password, true, false);
    }

    @Test
    void findsAddedChangedAndRemovedCameras() {
        Map<String, CameraConfig> before = Map.of(
                "kept", camera("kept", "127.0.0.1", "pw"),
                "moved", camera("moved", "127.0.0.1", "pw"),
                "rekeyed", camera("rekeyed", "127.0.0.1", "old"),
                "gone", camera("gone", "127.0.0.1", "pw"));
        Map<String, CameraConfig> after = Map.of(
                "kept", camera("kept", "127.0.0.1", "pw"),
                "moved", camera("moved", "127.0.0.2", "pw"),
                "rekeyed", camera("rekeyed", "127.0.0.1", "new"),
                "new", camera("new", "127.0.0.1", "pw"));

        assertEquals(new StationsChanged(Set.of("new"), Set.of("moved", "rekeyed"), Set.of("gone")),
                StationsChanged.between(before, after));
    }

    @Test
    void identicalSnapshotsAreNoChange() {
        Map<String, CameraConfig> cameras = Map.of("a", camera("a", "127.0.0.1", "pw"));
        assertTrue(StationsChanged.between(cameras, Map.copyOf(cameras)).isEmpty());
    }

    @Test
    void theFirstLoadAddsEverything() {
        assertEquals(new StationsChanged(Set.of("a"), Set.of(), Set.of()),
                StationsChanged.between(Map.of(), Map.of("a", camera("a", "127.0.0.1", "pw"))));
    }
}
