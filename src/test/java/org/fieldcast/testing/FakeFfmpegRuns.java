package org.fieldcast.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.fieldcast.ffmpeg.FfmpegCommand;
import org.fieldcast.ffmpeg.FfmpegExit;
import org.fieldcast.ffmpeg.FfmpegRun;
import org.fieldcast.ffmpeg.FfmpegRuns;
import org.fieldcast.ffmpeg.StderrTail;

/** ffmpeg runs that start nothing: a test reads their commands and ends them when it likes. */
public final class FakeFfmpegRuns implements FfmpegRuns {
    private final List<Run> started = new ArrayList<>();

    @Override
    public synchronized FfmpegRun start(FfmpegCommand command, int generation) {
        Run run = new Run(command, generation);
        started.add(run);
        return run;
    }

    @Override
    public Duration stopGrace() {
        return Duration.ofSeconds(2);
    }

    public synchronized List<Run> started() {
        return List.copyOf(started);
    }

    public synchronized Run last() {
        return started.get(started.size() - 1);
    }

    /** One fake run: stopping or killing it only records that; {@link #exit(String)} ends it. */
    public static final class Run implements FfmpegRun {
        private final FfmpegCommand command;
        private final int generation;
        private final StderrTail stderr = new StderrTail();
        private final CompletableFuture<FfmpegExit> exit = new CompletableFuture<>();
        private boolean stopped;
        private boolean killed;

        Run(FfmpegCommand command, int generation) {
            this.command = command;
            this.generation = generation;
        }

        public FfmpegCommand command() {
            return command;
        }

        public int generation() {
            return generation;
        }

        /** Ends the run as ffmpeg would, having written this last line to stderr. */
        public void exit(String lastLine) {
            stderr.add(lastLine);
            exit.complete(new FfmpegExit(generation, new RuntimeException("exit code 1"), stderr));
        }

        public synchronized boolean stopped() {
            return stopped;
        }

        public synchronized boolean killed() {
            return killed;
        }

        @Override
        public CompletableFuture<FfmpegExit> exit() {
            return exit;
        }

        @Override
        public synchronized void stop() {
            stopped = true;
        }

        @Override
        public synchronized void kill() {
            killed = true;
        }

        @Override
        public StderrTail stderr() {
            return stderr;
        }
    }
}
