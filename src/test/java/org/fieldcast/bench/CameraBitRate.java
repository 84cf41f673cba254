package org.fieldcast.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a camera sends, counted by one more RTSP client of its encoder: a plain {@code ffmpeg -c copy}
 * to the H.264 elementary stream, whose bytes are counted as they come. Read over the same window as
 * the viewers, it is the bit rate their bytes are compared with (the encoder's nominal rate is a
 * target, not what it made in that window).
 */
final class CameraBitRate implements AutoCloseable {
    private final Process ffmpeg;
    private final Thread counter;
    private final AtomicLong bytes = new AtomicLong();

    private CameraBitRate(Process ffmpeg) {
        this.ffmpeg = ffmpeg;
        this.counter = new Thread(this::count, "camera-bit-rate");
        counter.setDaemon(true);
        counter.start();
    }

    static CameraBitRate start(String rtspUrl) throws IOException {
        return new CameraBitRate(new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-rtsp_transport", "tcp",
                "-i", rtspUrl, "-map", "0:v:0", "-c", "copy", "-f", "h264", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** Bytes of elementary stream so far. */
    long bytes() {
        return bytes.get();
    }

    private void count() {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = ffmpeg.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.addAndGet(n);
            }
        } catch (IOException stopped) {
            // closed
        }
    }

    @Override
    public void close() {
        Processes.stopFfmpeg(ffmpeg);
    }
}
