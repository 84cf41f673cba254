package org.fieldcast.ptz;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;

/** A PTZ dome's control over a {@link FakeCamera}, with no command gap, for lease and queue tests. */
final class TestDome {
    static final String STOP = "0x800006011085000000";
    static final String RIGHT = "0x8000060110858F0000";

    private TestDome() {
    }

    static CameraConfig config() {
        return new CameraConfig("dome", "Dome", "site", "Site", CameraType.PTZ, null, "127.0.0.1",
                554, 80, 0, null, "/", AuthMode.NONE, null, null, true, false);
    }

    static PtzSettings settings(Duration lease) {
        return new PtzSettings(lease, Duration.ZERO, Duration.ofSeconds(3), Duration.ofSeconds(60), 16);
    }

    /** @param nanoTime the move limit's clock */
    static PtzCamera of(FakeCamera camera, ScheduledExecutorService timers, Duration lease, LongSupplier nanoTime) {
        return new PtzCamera(config(), new CameraCommandQueue("dome", camera::send, timers, 0, 16, System::nanoTime),
                timers, settings(lease), nanoTime);
    }
}
