package org.fieldcast.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.fieldcast.ffmpeg.PullProfile;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.TrackInfo;
import org.fieldcast.rtp.VideoRtpTap;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.testing.FakeFfmpegRuns;
import org.fieldcast.testing.ManualScheduler;
import org.fieldcast.testing.SettableClock;

/**
 * One camera stream with every collaborator faked: ffmpeg runs, inputs, the HLS output, snapshots
 * and a tap; one settable clock, and a scheduler that runs tasks as the test moves that clock.
 */
final class StreamRig {
    static final Duration IDLE = Duration.ofSeconds(30);
    static final Duration STALL = Duration.ofSeconds(3);
    static final Duration START_GRACE = Duration.ofSeconds(5);
    static final Duration FALLBACK_EVERY = Duration.ofSeconds(2);
    /** 1 s twice, then 5 s: short enough to walk through, without jitter so pauses are exact. */
    static final RestartLadder LADDER = RestartLadder.parse("PT1S*2,PT5S", 0);

    static final InitSegment INIT = new InitSegment(new byte[] {0}, List.of(
            new TrackInfo(1, "vide", 90000, "avc1.42c01f", 1280, 720, 3600, 0)));

    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final FakeFfmpegRuns runs = new FakeFfmpegRuns();
    final Inputs inputs = new Inputs();
    final Outputs outputs = new Outputs();
    final Snapshots snapshots = new Snapshots();
    final Tap tap = new Tap();
    final List<StreamState> changes = new ArrayList<>();
    final CameraStream stream;
    /** Whether ffmpeg delivers a frame every second of {@link #run}. */
    boolean framesArrive;
    private Fmp4StreamParser.Listener initialised;
    private long decodeTime;

    StreamRig(CameraConfig camera) {
        this(camera, IDLE);
    }

    StreamRig(CameraConfig camera, Duration idleTimeout) {
        StreamSettings settings = new StreamSettings(idleTimeout, STALL, START_GRACE, LADDER, FALLBACK_EVERY,
                new PullProfile(Duration.ofSeconds(5)));
        StreamServices services = new StreamServices(runs, scheduler, scheduler, clock, snapshots, inputs, outputs,
                List.of((id, variant) -> tap), s -> changes.add(s.status().state()));
        stream = new CameraStream(camera, settings, services);
    }

    static CameraConfig camera(String host, boolean alwaysOn) {
        return new CameraConfig("cam", "Camera", "site", "Site", CameraType.FIXED, null, host, 554, 80, 443, null,
                "/?inst=1", AuthMode.NONE, null, null, true, alwaysOn);
    }

    StreamState state() {
        return stream.status().state();
    }

    /** Moves time on and ticks every whole second on the way, as CameraStreams does. */
    void run(Duration time) {
        for (long s = 0; s < time.toSeconds(); s++) {
            scheduler.advance(Duration.ofSeconds(1));
            if (framesArrive) {
                frame();
            }
            stream.tick();
        }
        scheduler.advance(time.minusSeconds(time.toSeconds()));
    }

    /** One video frame from the current run, its init segment first, as ffmpeg's pipe delivers them. */
    void frame() {
        Fmp4StreamParser.Listener media = stream.media();
        if (media != initialised) {
            media.onInit(INIT);
            initialised = media;
        }
        decodeTime += 3600;
        media.onFragment(new Fragment(new byte[] {0}, 1, decodeTime, 3600, true, 1));
    }

    FakeFfmpegRuns.Run lastRun() {
        return runs.last();
    }

    Output output() {
        return outputs.made.get(outputs.made.size() - 1);
    }

    /** The LL-HLS window as faked: playable on demand, failures recorded. */
    static final class Output implements PullOutput {
        final List<CompletableFuture<Object>> waits = new ArrayList<>();
        final List<RuntimeException> failures = new ArrayList<>();
        boolean playable;

        @Override
        public CompletableFuture<?> playableFromNextRun() {
            CompletableFuture<Object> wait = new CompletableFuture<>();
            waits.add(wait);
            return wait;
        }

        /** The latest run's first segment is complete. */
        void lastRunPlayable() {
            playable = true;
            waits.get(waits.size() - 1).complete(null);
        }

        @Override
        public boolean playable() {
            return playable;
        }

        @Override
        public void failWaiters(RuntimeException reason) {
            failures.add(reason);
        }

        @Override
        public void onInit(InitSegment init) {
        }

        @Override
        public void onFragment(Fragment fragment) {
        }
    }

    static final class Outputs implements PullOutputs {
        final List<Output> made = new ArrayList<>();

        @Override
        public PullOutput open(String cameraId) {
            Output o = new Output();
            made.add(o);
            return o;
        }
    }

    static final class Inputs implements PullInputs {
        final List<Input> opened = new ArrayList<>();
        RuntimeException failure;
        Optional<String> described = Optional.empty();

        @Override
        public PullInput open(CameraConfig camera) {
            if (failure != null) {
                throw failure;
            }
            Input input = new Input("rtsp://127.0.0.1:40" + opened.size() + "/" + camera.id());
            opened.add(input);
            return input;
        }

        @Override
        public Optional<String> audioLastDescribed(CameraConfig camera) {
            return described;
        }
    }

    static final class Input implements PullInput {
        final String url;
        Consumer<String> onDescribed;
        boolean closed;

        Input(String url) {
            this.url = url;
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public Optional<VideoRtpTap> videoTap() {
            return Optional.empty();
        }

        @Override
        public void onDescribed(Consumer<String> listener) {
            onDescribed = listener;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static final class Snapshots implements SnapshotSource {
        final List<CompletableFuture<byte[]>> requests = new ArrayList<>();

        @Override
        public CompletableFuture<byte[]> fetch(CameraConfig camera) {
            CompletableFuture<byte[]> request = new CompletableFuture<>();
            requests.add(request);
            return request;
        }

        CompletableFuture<byte[]> last() {
            return requests.get(requests.size() - 1);
        }
    }

    static final class Tap implements StreamTap {
        final List<byte[]> pictures = new ArrayList<>();
        boolean closed;
        boolean killed;

        @Override
        public void onFallbackPicture(byte[] jpeg, long epochMillis) {
            pictures.add(jpeg);
        }

        @Override
        public boolean processAlive() {
            return !killed && !closed;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void kill() {
            killed = true;
        }

        @Override
        public void onInit(InitSegment init) {
        }

        @Override
        public void onFragment(Fragment fragment) {
        }
    }
}
