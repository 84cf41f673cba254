package org.fieldcast.ffmpeg;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The ffmpeg this server runs, found and checked once at start-up, and the runs it starts. */
@ApplicationScoped
public class FfmpegInstallation {
    private static final Logger LOG = Logger.getLogger(FfmpegInstallation.class.getName());
    /**
     * Jaffree logs every command line at INFO, and a camera's RTSP URL carries its credentials:
     * keep its logger at WARNING. Held in a field because java.util.logging keeps loggers weakly.
     */
    private static final Logger JAFFREE = Logger.getLogger("com.github.kokorin.jaffree");
    /**
     * Logs every ffmpeg stderr line at up to SEVERE, and ffmpeg's error lines quote the input URL with
     * its credentials. Off: the stream keeps its own tail of stderr with credentials removed.
     */
    private static final Logger JAFFREE_STDERR = Logger.getLogger("com.github.kokorin.jaffree.process.BaseStdReader");
    /** Advises seekable output on every start; fragmented MP4 to a pipe needs no seeking. */
    private static final Logger JAFFREE_PIPE = Logger.getLogger("com.github.kokorin.jaffree.ffmpeg.PipeOutput");
    /** Warns on every start that no progress listener is set; fps and bitrate are measured from the fragments instead. */
    private static final Logger JAFFREE_FFMPEG = Logger.getLogger("com.github.kokorin.jaffree.ffmpeg.FFmpeg");

    /** Directory holding ffmpeg and ffprobe, or the ffmpeg executable; empty means: look on the PATH. */
    @Inject
    @ConfigProperty(name = "fieldcast.ffmpeg.path")
    Optional<String> configuredPath;

    /** How long ffmpeg may take to quit before it is killed. */
    @Inject
    @ConfigProperty(name = "fieldcast.stream.stop-grace", defaultValue = "PT2S")
    Duration stopGrace;

    /**
     * The streams' executor (made by payara/post-boot-commands.asadmin; stream.StreamExecutors names it too,
     * but ffmpeg sits below stream): every
     * run holds one task there for its life, plus Jaffree's pipe and stderr readers.
     */
    @Resource(lookup = "concurrent/fieldcast-streams")
    ManagedExecutorService executor;

    private Path directory;
    private String version;

    @PostConstruct
    void locate() {
        JAFFREE.setLevel(Level.WARNING);
        JAFFREE_PIPE.setLevel(Level.SEVERE);
        JAFFREE_STDERR.setLevel(Level.OFF);
        JAFFREE_FFMPEG.setLevel(Level.SEVERE);
        directory = FfmpegLocator.directory(configuredPath.orElse(null));
        version = FfmpegLocator.checkVersion(directory);
        LOG.info(() -> "Using ffmpeg " + version + " from " + directory);
    }

    /** Every ffmpeg run of the server: camera pulls and JPEG transcoders. */
    @Produces
    @ApplicationScoped
    FfmpegRuns runs() {
        return new JaffreeRuns(directory, executor, stopGrace);
    }

    public Path directory() {
        return directory;
    }

    public String version() {
        return version;
    }
}
