package org.fieldcast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The baseline: plain {@code ffmpeg -f hls} (fMP4, 1 s segments, no parts) reading the same camera,
 * its files served by {@link BenchSite}. Its input options are Fieldcast's own, so the comparison is
 * about packaging and delivery, not about how ffmpeg reads RTSP.
 */
final class BaselineHls implements AutoCloseable {
    private final Process ffmpeg;
    private final Path playlist;

    private BaselineHls(Process ffmpeg, Path playlist) {
        this.ffmpeg = ffmpeg;
        this.playlist = playlist;
    }

    static BaselineHls start(String rtspUrl, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path log = folder.resolveSibling(folder.getFileName() + "-ffmpeg.log");
        Process p = new ProcessBuilder(command(rtspUrl, folder)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BaselineHls baseline = new BaselineHls(p, folder.resolve("index.m3u8"));
        baseline.awaitSegments(3, Duration.ofSeconds(30));
        return baseline;
    }

    static List<String> command(String rtspUrl, Path folder) {
        return List.of("ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error",
                "-rtsp_transport", "tcp", "-fflags", "nobuffer", "-analyzeduration", "500000", "-probesize", "500000",
                "-i", rtspUrl,
                "-map", "0:v:0", "-c", "copy", // the camera's H.264 as it is, like Fieldcast
                "-f", "hls", "-hls_time", "1", "-hls_list_size", "6",
                "-hls_segment_type", "fmp4", // fMP4, as Fieldcast serves
                "-hls_flags", "delete_segments+independent_segments",
                "-hls_fmp4_init_filename", "init.mp4",
                "-hls_segment_filename", folder.resolve("seg%05d.m4s").toString(),
                folder.resolve("index.m3u8").toString());
    }

    /** The playlist's name inside the folder. */
    String playlistName() {
        return playlist.getFileName().toString();
    }

    Process process() {
        return ffmpeg;
    }

    private void awaitSegments(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (segments() < count) {
            if (!ffmpeg.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the baseline ffmpeg wrote no playlist; see its log beside " + playlist.getParent());
            }
            Processes.sleep(200);
        }
    }

    private long segments() {
        try {
            return Files.readAllLines(playlist).stream().filter(l -> l.startsWith("#EXTINF")).count();
        } catch (IOException notYet) {
            return 0;
        }
    }

    @Override
    public void close() {
        Processes.stopFfmpeg(ffmpeg);
    }
}
