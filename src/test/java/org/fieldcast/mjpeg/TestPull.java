package org.fieldcast.mjpeg;

import com.github.kokorin.jaffree.ffmpeg.FFmpeg;
import com.github.kokorin.jaffree.ffmpeg.FFmpegResultFuture;
import com.github.kokorin.jaffree.ffmpeg.PipeOutput;
import com.github.kokorin.jaffree.ffmpeg.UrlInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.fieldcast.ffmpeg.FfmpegLocator;
import org.fieldcast.ffmpeg.PullProfile;
import org.fieldcast.fmp4.Fmp4StreamParser;
/** A camera pull as the camera stream runs it (same arguments), feeding one listener. */
final class TestPull implements AutoCloseable {
    /** Where ffmpeg is, found as the server finds it ({@code -Dfieldcast.ffmpeg.path}, else the PATH). */
    static final Path FFMPEG_DIRECTORY = FfmpegLocator.directory(System.getProperty("fieldcast.ffmpeg.path"));

    private final FFmpegResultFuture run;

    private TestPull(FFmpegResultFuture run) {
        this.run = run;
    }

    static TestPull start(String rtspUrl, Fmp4StreamParser.Listener listener, ExecutorService executor) {
        PullProfile profile = new PullProfile(Duration.ofSeconds(5));
        UrlInput input = UrlInput.fromUrl(rtspUrl);
        pairs(profile.inputArguments(), input::addArguments);
        PipeOutput output = PipeOutput.pumpTo(new Fmp4StreamParser(listener)).setFormat("mp4");
        pairs(profile.outputArguments(), output::addArguments);
        return new TestPull(FFmpeg.atPath(FFMPEG_DIRECTORY).addInput(input).addOutput(output)
                .setContextName("test-pull").executeAsync(executor));
    }

    private static void pairs(List<String> arguments, java.util.function.BiConsumer<String, String> add) {
        for (int i = 0; i + 1 < arguments.size(); i += 2) {
            add.accept(arguments.get(i), arguments.get(i + 1));
        }
    }

    @Override
    public void close() {
        run.graceStop();
        try {
            run.get(3, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            run.forceStop();
        }
    }
}
