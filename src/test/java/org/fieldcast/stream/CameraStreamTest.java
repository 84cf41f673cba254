package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.testing.FakeFfmpegRuns;
import org.junit.jupiter.api.Test;

/** The supervisor's state table (README, "Stream states"), its restart ladder, generations and timers. */
class CameraStreamTest {
    private static final Duration STALLED_AFTER = StreamRig.START_GRACE.plus(StreamRig.STALL);

    private final StreamRig rig = new StreamRig(StreamRig.camera("10.0.0.1", false));

    /** IDLE -> STARTING -> LIVE: a viewer starts the pull, its first playable output makes it live. */
    private StreamRig live() {
        rig.stream.watch("player-1");
        rig.output().lastRunPlayable();
        rig.framesArrive = true;
        return rig;
    }

    @Test
    void aViewerStartsThePullFromIdle() {
        assertEquals(StreamState.IDLE, rig.state());

        PullOutput output = rig.stream.watch("player-1");

        assertEquals(StreamState.STARTING, rig.state());
        assertEquals(1, rig.runs.started().size());
        assertSame(rig.output(), output);
        List<String> args = rig.lastRun().command().arguments();
        assertTrue(args.contains("rtsp://127.0.0.1:400/cam"), "ffmpeg reads the input's URL, no credentials: " + args);
        assertSame(output, rig.stream.watch("player-2"), "a second viewer joins the running pull");
        assertEquals(1, rig.runs.started().size());
    }

    @Test
    void startingBecomesLiveWhenTheRunsOutputIsPlayable() {
        rig.stream.watch("player-1");
        rig.run(Duration.ofSeconds(2));
        assertEquals(StreamState.STARTING, rig.state());

        rig.output().lastRunPlayable();

        assertEquals(StreamState.LIVE, rig.state());
        assertEquals(List.of(StreamState.STARTING, StreamState.LIVE), rig.changes);
    }

    @Test
    void aNewRunGetsTheStartGraceForItsFirstFrame() {
        rig.stream.watch("player-1");
        rig.output().lastRunPlayable();
        rig.run(STALLED_AFTER.minusSeconds(1));
        assertEquals(StreamState.LIVE, rig.state());

        rig.run(Duration.ofSeconds(2));

        assertEquals(StreamState.STALLED, rig.state());
    }

    @Test
    void noFrameForTheStallTimeoutStallsALiveStream() {
        live();
        rig.run(Duration.ofSeconds(20));
        assertEquals(StreamState.LIVE, rig.state(), "frames keep coming");

        rig.framesArrive = false; // the connection stays open, nothing comes
        rig.run(StreamRig.STALL);
        assertEquals(StreamState.LIVE, rig.state(), "not before the stall timeout has passed");
        rig.run(Duration.ofSeconds(1));

        assertEquals(StreamState.STALLED, rig.state());
        assertTrue(rig.stream.status().reason().contains("no frame for 3.0 s"), rig.stream.status().reason());
        assertTrue(rig.runs.started().get(0).stopped(), "the stalled run is told to quit");
    }

    @Test
    void anExitLosesLiveVideoWithFfmpegsOwnReason() {
        live();

        rig.lastRun().exit("rtsp://admin:secret@10.0.0.1/ Connection refused");
        rig.scheduler.runDue();

        assertEquals(StreamState.STALLED, rig.state());
        assertEquals("live video lost: rtsp://***@10.0.0.1/ Connection refused", rig.stream.status().reason());
        assertTrue(rig.inputs.opened.get(0).closed, "the run's input closes with it");
        assertEquals(1, rig.snapshots.requests.size(), "a snapshot is asked for at once");
    }

    @Test
    void aSnapshotTellsFallbackFromOffline() {
        live();
        rig.lastRun().exit("Connection refused");
        rig.scheduler.runDue();

        rig.snapshots.last().complete(new byte[] {1, 2, 3});
        assertEquals(StreamState.FALLBACK, rig.state());
        assertEquals(1, rig.tap.pictures.size(), "frame viewers see the snapshot");

        rig.scheduler.advance(StreamRig.FALLBACK_EVERY.dividedBy(2)); // the retry ladder's first pause: 1 s
        rig.lastRun().exit("Connection refused");
        rig.scheduler.advance(StreamRig.FALLBACK_EVERY);
        rig.snapshots.last().completeExceptionally(new IOException("snapshot timed out"));

        assertEquals(StreamState.OFFLINE, rig.state());
        assertEquals("live video: Connection refused; snapshot: snapshot timed out", rig.stream.status().reason());
    }

    @Test
    void oneSnapshotRequestInFlightAtATime() {
        live();
        rig.lastRun().exit("Connection refused");
        rig.scheduler.runDue();

        rig.scheduler.advance(StreamRig.FALLBACK_EVERY.multipliedBy(3));

        assertEquals(1, rig.snapshots.requests.size(), "no second request while the first is unanswered");
        rig.snapshots.last().complete(new byte[] {1});
        rig.scheduler.advance(StreamRig.FALLBACK_EVERY);
        assertEquals(2, rig.snapshots.requests.size());
    }

    @Test
    void fallbackEndsWhenLiveVideoReturns() {
        live();
        rig.lastRun().exit("Connection refused");
        rig.scheduler.runDue();
        rig.snapshots.last().complete(new byte[] {1});
        rig.scheduler.advance(Duration.ofSeconds(1));
        assertEquals(2, rig.runs.started().size(), "RTSP retried after the ladder's first pause");
        assertEquals(StreamState.FALLBACK, rig.state(), "the retry keeps the fallback on show until video returns");

        rig.output().lastRunPlayable();
        int asked = rig.snapshots.requests.size();
        rig.scheduler.advance(StreamRig.FALLBACK_EVERY.multipliedBy(3));

        assertEquals(StreamState.LIVE, rig.state());
        assertEquals(asked, rig.snapshots.requests.size(), "no more snapshots once live");
        assertEquals(1.0, rig.stream.secondsInFallback(), 1e-9, "FALLBACK from the snapshot to the return of video");
    }

    @Test
    void pausesClimbTheLadderAndResetOnceLive() {
        live();
        assertEquals(List.of(1L, 1L, 5L, 5L), failTimes(4), "PT1S*2 then PT5S, the last step repeating");

        rig.output().lastRunPlayable();
        assertEquals(StreamState.LIVE, rig.state());
        assertEquals(List.of(1L), failTimes(1), "failures counted afresh after live video");
    }

    /** Ends the current run {@code n} times and measures, in seconds, how long each retry took to come. */
    private List<Long> failTimes(int n) {
        Long[] pauses = new Long[n];
        for (int i = 0; i < n; i++) {
            int before = rig.runs.started().size();
            rig.lastRun().exit("Connection refused");
            long waited = 0;
            while (rig.runs.started().size() == before && waited < 60) {
                rig.scheduler.advance(Duration.ofSeconds(1));
                waited++;
            }
            pauses[i] = waited;
        }
        return List.of(pauses);
    }

    @Test
    void theExitOfAReplacedRunIsIgnored() {
        live();
        FakeFfmpegRuns.Run first = rig.lastRun();
        rig.stream.reconfigure(StreamRig.camera("10.0.0.2", false));
        assertEquals(2, rig.runs.started().size());
        assertTrue(first.stopped());

        first.exit("Exiting normally, received signal 2.");
        rig.run(Duration.ofSeconds(2));

        assertEquals(StreamState.STARTING, rig.state(), "the old run's exit is stale");
        assertEquals(2, rig.runs.started().size(), "and schedules no restart");
        assertEquals(0, rig.snapshots.requests.size());
    }

    @Test
    void theOutputOfAReplacedRunDoesNotMakeTheStreamLive() {
        rig.stream.watch("player-1");
        rig.inputs.described = Optional.of("MPEG4-GENERIC");
        rig.inputs.opened.get(0).onDescribed.accept("m=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/16000/1\r\n");
        StreamRig.Output output = rig.output();
        assertEquals(2, output.waits.size(), "the same output, asked again for the new run");

        output.waits.get(0).complete(null); // what the first run wrote before it made way

        assertEquals(StreamState.STARTING, rig.state());
        output.lastRunPlayable();
        assertEquals(StreamState.LIVE, rig.state());
    }

    @Test
    void anUnwatchedStreamStopsAfterTheIdleTimeout() {
        live();
        rig.run(StreamRig.IDLE.minusSeconds(1));
        rig.stream.watch("player-1"); // a playlist reload: watched again
        rig.run(StreamRig.IDLE.minusSeconds(1));
        assertEquals(StreamState.LIVE, rig.state());
        assertFalse(rig.lastRun().stopped());

        rig.run(Duration.ofSeconds(2));

        assertEquals(StreamState.IDLE, rig.state());
        assertTrue(rig.lastRun().stopped());
        assertEquals(1, rig.output().failures.size(), "waiting requests learn that the stream stopped");
    }

    /**
     * An idle timeout shorter than a start (a busy machine, a slow camera): the request that started the
     * pull waits for its first segment, so the start is not cut short for want of a viewer; the stream
     * idles out once it has something to show and still nobody asks.
     */
    @Test
    void aStartIsNotIdledOutBeforeItsFirstOutput() {
        StreamRig quick = new StreamRig(StreamRig.camera("10.0.0.1", false), Duration.ofSeconds(1));
        quick.stream.watch("player-1");
        quick.framesArrive = true;

        quick.run(Duration.ofSeconds(4));

        assertEquals(StreamState.STARTING, quick.state());
        assertFalse(quick.lastRun().stopped());
        quick.output().lastRunPlayable();
        assertEquals(StreamState.LIVE, quick.state());
        quick.run(Duration.ofSeconds(2));
        assertEquals(StreamState.IDLE, quick.state());
    }

    /** A camera that starts and idles out all day: a run that has ended is not held after the next stop. */
    @Test
    void stoppedRunsThatEndedAreNotHeld() {
        for (int cycle = 0; cycle < 5; cycle++) {
            live();
            rig.run(StreamRig.IDLE.plusSeconds(1));
            assertEquals(StreamState.IDLE, rig.state());
            rig.lastRun().exit("Exiting normally, received signal 2.");
        }
        assertTrue(rig.stream.runsHeld() <= 1, "runs held: " + rig.stream.runsHeld());
    }

    @Test
    void aLeaseKeepsTheStreamRunningUntilReleased() {
        ViewerLease lease = rig.stream.lease();
        rig.output().lastRunPlayable();
        rig.framesArrive = true;
        rig.run(StreamRig.IDLE.multipliedBy(2));
        assertEquals(StreamState.LIVE, rig.state());

        lease.close();
        lease.close(); // twice is harmless
        rig.run(StreamRig.IDLE.plusSeconds(1));

        assertEquals(StreamState.IDLE, rig.state());
    }

    @Test
    void anAlwaysOnCameraStartsWithoutAViewerAndStaysOn() {
        StreamRig alwaysOn = new StreamRig(StreamRig.camera("10.0.0.1", true));
        alwaysOn.run(Duration.ofSeconds(1));
        assertEquals(StreamState.STARTING, alwaysOn.state());
        alwaysOn.output().lastRunPlayable();
        alwaysOn.framesArrive = true;

        alwaysOn.run(StreamRig.IDLE.multipliedBy(2));

        assertEquals(StreamState.LIVE, alwaysOn.state());
        assertEquals(1, alwaysOn.runs.started().size());
    }

    @Test
    void aFailingUnwatchedStreamStopsInsteadOfRetrying() {
        live();
        rig.run(StreamRig.IDLE.minusSeconds(1));
        rig.lastRun().exit("Connection refused");
        rig.run(Duration.ofSeconds(2));

        assertEquals(StreamState.IDLE, rig.state());
        assertEquals(1, rig.runs.started().size());
    }

    @Test
    void reconfigureRestartsOnlyWhenThePullsConfigurationChanged() {
        live();
        CameraConfig renamed = new CameraConfig("cam", "Gate camera", "site", "Site", CameraType.FIXED,
                null, "10.0.0.1", 554, 80, 443, null, "/?inst=1", AuthMode.NONE, null, null, true, false);

        rig.stream.reconfigure(renamed);
        assertEquals(1, rig.runs.started().size(), "a new name changes nothing the pull uses");
        assertEquals(StreamState.LIVE, rig.state());

        rig.stream.reconfigure(StreamRig.camera("10.0.0.2", false));
        assertEquals(2, rig.runs.started().size());
        assertTrue(rig.runs.started().get(0).stopped());
        assertEquals(StreamState.STARTING, rig.state());
    }

    @Test
    void closeStopsForGoodAndKillEndsWhatLingers() {
        live();
        FakeFfmpegRuns.Run run = rig.lastRun();

        rig.stream.close();
        assertTrue(run.stopped());
        assertTrue(rig.tap.closed);
        assertEquals(StreamState.IDLE, rig.state());
        assertTrue(rig.stream.processAlive(), "the run has not ended yet");
        assertThrows(StreamUnavailableException.class, () -> rig.stream.watch("player-1"));

        rig.stream.kill();
        assertTrue(run.killed());
        assertTrue(rig.tap.killed);
    }

    @Test
    void anInputThatDoesNotOpenFailsTheRunWithItsReason() {
        rig.inputs.failure = new IllegalStateException("no route to camera cam: gateway gw has no mapping for RTSP");

        rig.stream.watch("player-1");
        rig.scheduler.runDue();

        assertEquals(StreamState.STALLED, rig.state());
        assertTrue(rig.stream.status().reason().endsWith("gateway gw has no mapping for RTSP"), rig.stream.status().reason());
        assertEquals(0, rig.runs.started().size());
        assertEquals(1, rig.output().failures.size(), "a viewer waiting for a first segment is answered now");
    }

    @Test
    void aCameraFirstDescribingAacRestartsItsPullWithTheAudio() {
        rig.stream.watch("player-1");
        FakeFfmpegRuns.Run first = rig.lastRun();
        assertFalse(first.command().arguments().contains("0:a:0?"));
        rig.inputs.described = Optional.of("MPEG4-GENERIC");

        rig.inputs.opened.get(0).onDescribed.accept("v=0\r\nm=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/16000/1\r\n");

        assertTrue(first.stopped());
        assertEquals(2, rig.runs.started().size());
        List<String> args = rig.lastRun().command().arguments();
        assertTrue(args.contains("0:a:0?") && args.contains("copy"), args.toString());
    }
}
