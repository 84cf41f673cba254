package org.fieldcast.ffmpeg;

import java.time.Duration;

/**
 * Starts ffmpeg runs. The one seam between Fieldcast and the processes it runs: {@link JaffreeRuns}
 * starts real ones on a container executor; tests start fakes and end them when they like.
 */
public interface FfmpegRuns {

    /**
     * Starts ffmpeg as the command says. Its exit, however it happens, completes {@link FfmpegRun#exit()}
     * with {@code generation}, so the caller can tell the exit of a run it replaced from its current one's.
     */
    FfmpegRun start(FfmpegCommand command, int generation);

    /** How long a stopped run may take to quit before it is killed. */
    Duration stopGrace();
}
