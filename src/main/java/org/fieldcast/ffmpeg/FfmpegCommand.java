package org.fieldcast.ffmpeg;

import com.github.kokorin.jaffree.LogLevel;
import com.github.kokorin.jaffree.ffmpeg.BaseInOut;
import com.github.kokorin.jaffree.ffmpeg.FFmpeg;
import com.github.kokorin.jaffree.ffmpeg.Input;
import com.github.kokorin.jaffree.ffmpeg.Output;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one ffmpeg run is told to do: its inputs and outputs (Jaffree's typed ones), and the few
 * global options Fieldcast sets. Only a description: {@link FfmpegRuns} starts it, so a test reads
 * the command a component would run without running it.
 */
public final class FfmpegCommand {
    private final String context;
    private final List<Input> inputs = new ArrayList<>();
    private final List<Output> outputs = new ArrayList<>();
    private LogLevel logLevel;
    private String complexFilter;
    private boolean overwriteOutput;
    private Duration exitReportWait;

    private FfmpegCommand(String context) {
        this.context = context;
    }

    /** @param context names the run in Jaffree's thread names and log lines (never a secret) */
    public static FfmpegCommand named(String context) {
        return new FfmpegCommand(context);
    }

    public FfmpegCommand input(Input input) {
        inputs.add(input);
        return this;
    }

    public FfmpegCommand output(Output output) {
        outputs.add(output);
        return this;
    }

    public FfmpegCommand logLevel(LogLevel level) {
        this.logLevel = level;
        return this;
    }

    public FfmpegCommand complexFilter(String graph) {
        this.complexFilter = graph;
        return this;
    }

    public FfmpegCommand overwriteOutput() {
        this.overwriteOutput = true;
        return this;
    }

    /**
     * How long Jaffree waits, after ffmpeg has exited, for its pipe helpers before it reports the exit
     * (Jaffree's default: 10 s). A helper that never got a connection would otherwise hold it back.
     */
    public FfmpegCommand exitReportedWithin(Duration wait) {
        this.exitReportWait = wait;
        return this;
    }

    public String context() {
        return context;
    }

    /** Adds flag-value pairs ({@code "-timeout", "5000000", ...}) to an input or output, in order. */
    public static <T extends BaseInOut<T>> T withArguments(T inOut, List<String> pairs) {
        if (pairs.size() % 2 != 0) {
            throw new IllegalArgumentException("ffmpeg arguments come in flag-value pairs: " + pairs);
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            inOut.addArguments(pairs.get(i), pairs.get(i + 1));
        }
        return inOut;
    }

    /** The command line as it would run (the executable left out), for tests and golden tables. */
    public List<String> arguments() {
        return new ArgumentsOnly(this).arguments;
    }

    /** Jaffree builds the command line in a protected method: read it back without starting anything. */
    private static final class ArgumentsOnly extends FFmpeg {
        final List<String> arguments;

        ArgumentsOnly(FfmpegCommand command) {
            super(Path.of("ffmpeg"));
            command.configure(this);
            arguments = List.copyOf(buildArguments());
        }
    }

    /** Applies this command to a Jaffree FFmpeg; the run's own stderr listener is added by the caller. */
    FFmpeg configure(FFmpeg ffmpeg) {
        inputs.forEach(ffmpeg::addInput);
        outputs.forEach(ffmpeg::addOutput);
        ffmpeg.setContextName(context).setOverwriteOutput(overwriteOutput);
        if (logLevel != null) {
            ffmpeg.setLogLevel(logLevel);
        }
        if (complexFilter != null) {
            ffmpeg.setComplexFilter(complexFilter);
        }
        if (exitReportWait != null) {
            ffmpeg.setExecutorTimeoutMillis(Math.toIntExact(exitReportWait.toMillis()));
        }
        return ffmpeg;
    }
}
