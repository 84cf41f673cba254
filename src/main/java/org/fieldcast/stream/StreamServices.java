package org.fieldcast.stream;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.fieldcast.ffmpeg.FfmpegRuns;

/**
 * What every camera stream uses and none owns: the ffmpeg installation, the container's executors,
 * the snapshot source, where fallback frames go, and who hears about state changes.
 *
 * @param fallbackFrames receives each snapshot taken while RTSP fails (the camera's frame hub)
 * @param changes        told after every change of a stream's state; must not block
 */
public record StreamServices(FfmpegRuns runs, Path ffmpegDirectory, ExecutorService executor, ScheduledExecutorService scheduler,
                             Clock clock, SnapshotSource snapshots, FallbackFrames fallbackFrames,
                             Consumer<CameraStream> changes) {

    /** Where snapshots taken during fallback are published, so every frame viewer keeps seeing images. */
    @FunctionalInterface
    public interface FallbackFrames {
        void publish(String cameraId, byte[] jpeg, long epochMillis);
    }
}
