package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldcast.ffmpeg.PullProfile;
import org.fieldcast.station.AudioMode;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.station.VideoMode;
import org.fieldcast.testing.FakeFfmpegRuns;
import org.fieldcast.testing.ManualScheduler;
import org.fieldcast.testing.SettableClock;
import org.junit.jupiter.api.Test;

/** Which stream a viewer of a variant gets: one pull per stream watched, SUB falling back to MAIN. */
class StreamTableTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeFfmpegRuns runs = new FakeFfmpegRuns();
    /** The path each pull read, in order: what the camera's RTSP server was asked for. */
    private final List<String> pathsRead = new ArrayList<>();
    private final List<String> tapsOpened = new ArrayList<>();
    private final StreamTable table;

    StreamTableTest() {
        StreamSettings settings = new StreamSettings(StreamRig.IDLE, StreamRig.STALL, StreamRig.START_GRACE, StreamRig.LADDER,
                StreamRig.FALLBACK_EVERY, new PullProfile(Duration.ofSeconds(5)));
        PullInputs inputs = new PullInputs() {
            @Override
            public PullInput open(CameraConfig camera) {
                pathsRead.add(camera.rtspPath());
                return new StreamRig.Input("rtsp://127.0.0.1:400/" + camera.id() + camera.rtspPath());
            }

            @Override
            public Optional<String> audioLastDescribed(CameraConfig camera) {
                return Optional.empty();
            }
        };
        StreamServices services = new StreamServices(runs, scheduler, scheduler, clock, new StreamRig.Snapshots(), inputs,
                new StreamRig.Outputs(), List.of((id, variant) -> {
                    tapsOpened.add(id + " " + variant);
                    return new StreamRig.Tap();
                }), s -> { });
        table = new StreamTable((camera, variant) -> new CameraStream(camera, variant, settings, services));
    }

    private static CameraConfig camera(String substreamPath, boolean alwaysOn) {
        return new CameraConfig("cam", "Camera", "site", "Site", CameraType.FIXED, null, "192.0.2.10", 554, 80, 0, null,
                "/?inst=1", AuthMode.DIGEST, "user", "secret", true, alwaysOn, null, List.of(), VideoMode.COPY,
                AudioMode.AUTO, substreamPath);
    }

    @Test
    void subOfACameraWithASubstreamIsASecondStreamPullingItsPath() {
        CameraConfig camera = camera("/?inst=2", true);

        CameraStream main = table.stream(camera, StreamVariant.MAIN);
        CameraStream sub = table.stream(camera, StreamVariant.SUB);

        assertNotSame(main, sub);
        assertSame(sub, table.stream(camera, StreamVariant.SUB), "one stream per variant, however often asked");
        assertEquals(StreamVariant.SUB, sub.variant());
        assertEquals(List.of("cam MAIN", "cam SUB"), tapsOpened, "each stream has views of its own");
        assertFalse(sub.camera().alwaysOn(), "a substream runs only while a tile watches it");
        assertEquals("user", sub.camera().username(), "same camera, same credentials");

        sub.watch("tile");
        assertEquals(List.of("/?inst=2"), pathsRead);
        main.watch("player");
        assertEquals(List.of("/?inst=2", "/?inst=1"), pathsRead);
        sub.watch("second tile");
        assertEquals(2, runs.started().size(), "a second tile joins the substream's pull");
    }

    @Test
    void subOfACameraWithoutASubstreamIsTheMainStreamItself() {
        CameraConfig camera = camera(null, false);

        CameraStream sub = table.stream(camera, StreamVariant.SUB);

        assertSame(table.stream(camera, StreamVariant.MAIN), sub);
        assertEquals(StreamVariant.MAIN, sub.variant());
        assertEquals(Optional.empty(), table.existing("cam", StreamVariant.SUB));
        sub.watch("tile");
        table.stream(camera, StreamVariant.MAIN).watch("player");
        assertEquals(List.of("/?inst=1"), pathsRead, "tile and player share one pull");
        assertEquals(List.of("cam MAIN"), tapsOpened);
    }

    @Test
    void aChangedSubstreamPathRestartsOnlyTheSubstream() {
        CameraConfig camera = camera("/?inst=2", false);
        table.stream(camera, StreamVariant.MAIN).watch("player");
        table.stream(camera, StreamVariant.SUB).watch("tile");
        FakeFfmpegRuns.Run mainRun = runs.started().get(0);
        FakeFfmpegRuns.Run subRun = runs.started().get(1);

        table.changed(camera("/?inst=3", false));

        assertFalse(mainRun.stopped(), "the main stream reads what it read");
        assertTrue(subRun.stopped());
        assertEquals(List.of("/?inst=1", "/?inst=2", "/?inst=3"), pathsRead, "the watched substream resumes on its new path");
    }

    @Test
    void aRemovedSubstreamIsClosedAndSubFallsBackToTheMainStream() {
        CameraConfig camera = camera("/?inst=2", false);
        CameraStream sub = table.stream(camera, StreamVariant.SUB);
        sub.watch("tile");

        CameraConfig without = camera(null, false);
        table.changed(without);

        assertTrue(runs.started().get(0).stopped());
        assertThrows(StreamUnavailableException.class, () -> sub.watch("tile"), "its viewers are told and ask again");
        assertSame(table.stream(without, StreamVariant.MAIN), table.stream(without, StreamVariant.SUB));
    }

    @Test
    void aRemovedCameraClosesBothItsStreams() {
        CameraConfig camera = camera("/?inst=2", false);
        CameraStream main = table.stream(camera, StreamVariant.MAIN);
        CameraStream sub = table.stream(camera, StreamVariant.SUB);

        table.removed("cam");

        assertThrows(StreamUnavailableException.class, main::watch);
        assertThrows(StreamUnavailableException.class, sub::watch);
        assertEquals(List.of(), List.copyOf(table.all()));
    }
}
