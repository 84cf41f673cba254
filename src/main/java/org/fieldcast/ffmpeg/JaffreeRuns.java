package org.fieldcast.ffmpeg;

import com.github.kokorin.jaffree.ffmpeg.FFmpeg;
import com.github.kokorin.jaffree.ffmpeg.FFmpegResultFuture;
import com.github.kokorin.jaffree.ffmpeg.FFmpegStopper;
import com.github.kokorin.jaffree.process.Stopper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Real ffmpeg runs through Jaffree, on the executor given (Jaffree holds one task per process and
 * adds its pipe and stderr readers there). The only class that starts ffmpeg.
 */
public final class JaffreeRuns implements FfmpegRuns {
    private final Path executable;
    private final ExecutorService executor;
    private final Duration stopGrace;

    /**
     * @param ffmpeg    the ffmpeg executable, or the directory holding it
     * @param executor  a container executor (or, outside one, the caller's pool); never shut down here
     * @param stopGrace how long ffmpeg may take to quit before it is killed
     */
    public JaffreeRuns(Path ffmpeg, ExecutorService executor, Duration stopGrace) {
        this.executable = Files.isDirectory(ffmpeg) ? ffmpeg.resolve("ffmpeg") : ffmpeg;
        this.executor = executor;
        this.stopGrace = stopGrace;
    }

    @Override
    public FfmpegRun start(FfmpegCommand command, int generation) {
        Run run = new Run();
        KillableFfmpeg ffmpeg = new KillableFfmpeg(executable, run);
        command.configure(ffmpeg).setOutputListener(run.stderr::add);
        run.started = ffmpeg.executeAsync(executor);
        run.started.toCompletableFuture().whenComplete(
                (result, error) -> run.exit.complete(new FfmpegExit(generation, error, run.stderr)));
        return run;
    }

    @Override
    public Duration stopGrace() {
        return stopGrace;
    }

    private final class Run implements FfmpegRun {
        final StderrTail stderr = new StderrTail();
        final CompletableFuture<FfmpegExit> exit = new CompletableFuture<>();
        volatile FFmpegResultFuture started;
        volatile Process process;

        @Override
        public CompletableFuture<FfmpegExit> exit() {
            return exit;
        }

        @Override
        public StderrTail stderr() {
            return stderr;
        }

        @Override
        public void stop() {
            if (!alive()) {
                return;
            }
            started.graceStop();
            // A bounded wait on a pool thread, not the caller's: nobody blocks on a stop.
            executor.execute(() -> {
                if (!exitedWithin(stopGrace)) {
                    kill();
                }
            });
        }

        /**
         * Jaffree's own force stop sends {@code qq} to stdin, which its graceful stop has already
         * closed: so the process it started is killed, with its children.
         */
        @Override
        public void kill() {
            Process p = process;
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }

        private boolean exitedWithin(Duration wait) {
            try {
                exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Jaffree's FFmpeg, telling the run which process it started so that it can be killed. */
    private static final class KillableFfmpeg extends FFmpeg {
        private final Run run;

        KillableFfmpeg(Path executable, Run run) {
            super(executable);
            this.run = run;
        }

        @Override
        protected Stopper createStopper() {
            FFmpegStopper quit = new FFmpegStopper();
            return new Stopper() {
                @Override
                public void graceStop() {
                    quit.graceStop();
                }

                @Override
                public void forceStop() {
                    run.kill();
                }

                @Override
                public void setProcess(Process process) {
                    run.process = process;
                    quit.setProcess(process);
                }
            };
        }
    }
}
