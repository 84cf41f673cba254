package org.fieldcast.mjpeg;

import com.github.kokorin.jaffree.ffmpeg.PipeOutput;
import com.github.kokorin.jaffree.ffmpeg.UrlInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.fieldcast.ffmpeg.FfmpegCommand;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.ffmpeg.FfmpegRun;
import org.fieldcast.ffmpeg.JaffreeRuns;
import org.fieldcast.ffmpeg.PullProfile;
import org.fieldcast.fmp4.Fmp4StreamParser;
/** A camera pull as the camera stream runs it (same arguments), feeding one listener. */
final class TestPull implements AutoCloseable {
    /** Where ffmpeg is, found as the server finds it ({@code -Dfieldcast.ffmpeg.path}, else the PATH). */
    static final Path FFMPEG_DIRECTORY = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path"));

    private final FfmpegRun run;

    private TestPull(FfmpegRun run) {
        this.run = run;
    }

    static TestPull start(String rtspUrl, Fmp4StreamParser.Listener listener, ExecutorService executor) {
        PullProfile profile = new PullProfile(Duration.ofSeconds(5));
        FfmpegCommand command = FfmpegCommand.named("test-pull")
                .input(FfmpegCommand.withArguments(UrlInput.fromUrl(rtspUrl), profile.inputArguments()))
                .output(FfmpegCommand.withArguments(PipeOutput.pumpTo(new Fmp4StreamParser(listener)).setFormat("mp4"),
                        profile.outputArguments()));
        return new TestPull(new JaffreeRuns(FFMPEG_DIRECTORY, executor, Duration.ofSeconds(3)).start(command, 1));
    }

    @Override
    public void close() {
        run.stop();
        try {
            run.exit().get(5, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            run.kill();
        }
    }
}
