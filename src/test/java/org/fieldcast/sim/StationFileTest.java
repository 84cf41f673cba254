package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StationFileTest {

    @Test
    void specsMakeCameraZeroPtzAndCountPortsUpFromTheBases() {
        List<SimulatedCameraSpec> specs = SimulatedSite.specs("sim", 3, 1, 8554, 8654, SimAuth.DIGEST, "user", "secret", 640, 360);

        assertEquals("sim-ptz-1", specs.get(0).id());
        assertEquals("Simulated PTZ 1", specs.get(0).name());
        assertEquals(true, specs.get(0).ptz());
        assertEquals("sim-fixed-2", specs.get(2).id());
        assertEquals("Simulated fixed 2", specs.get(2).name());
        assertEquals(false, specs.get(2).ptz());
        assertEquals(8556, specs.get(2).rtspPort());
        assertEquals(8656, specs.get(2).httpPort());
        assertEquals(0, SimulatedSite.specs("s", 2, 1, 0, 0, SimAuth.NONE, null, null, 640, 360).get(1).rtspPort());
    }

    @Test
    void stationJsonHasTheImporterFormat() {
        SimulatedCameraSpec ptz = SimulatedCameraSpec.of("sim-ptz-1", "Simulated PTZ 1", true)
                .withAuth(SimAuth.DIGEST, "user", "secret");
        SimulatedCameraSpec fixed = SimulatedCameraSpec.of("sim-fixed-1", "Simulated fixed 1", false);

        String json = StationFile.describe("sim", "Simulated site",
                List.of(new StationFile.Entry(ptz, 8554, 8654), new StationFile.Entry(fixed, 8555, 8655))).toString();

        assertEquals("{\"sites\":[{\"id\":\"sim\",\"name\":\"Simulated site\",\"cameras\":["
                + "{\"id\":\"sim-ptz-1\",\"name\":\"Simulated PTZ 1\",\"type\":\"PTZ\",\"model\":\"Simulated AUTODOME\","
                + "\"host\":\"127.0.0.1\",\"rtspPort\":8554,\"httpPort\":8654,\"rtspPath\":\"/?inst=1\",\"substreamPath\":\"/?inst=2\",\"auth\":\"DIGEST\","
                + "\"username\":\"user\",\"password\":\"secret\",\"enabled\":true,\"alwaysOn\":false},"
                + "{\"id\":\"sim-fixed-1\",\"name\":\"Simulated fixed 1\",\"type\":\"FIXED\",\"model\":\"Simulated FLEXIDOME\","
                + "\"host\":\"127.0.0.1\",\"rtspPort\":8555,\"httpPort\":8655,\"rtspPath\":\"/?inst=1\",\"substreamPath\":\"/?inst=2\",\"auth\":\"NONE\","
                + "\"username\":null,\"password\":null,\"enabled\":true,\"alwaysOn\":false}]}]}", json);
    }

    @Test
    void specNeverPrintsThePassword() {
        String text = SimulatedCameraSpec.of("c", "C", false).withAuth(SimAuth.BASIC, "user", "hunter2").toString();

        assertEquals(false, text.contains("hunter2"), text);
    }
}
