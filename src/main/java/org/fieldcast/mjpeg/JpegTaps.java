package org.fieldcast.mjpeg;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fieldcast.ffmpeg.FfmpegRuns;
import org.fieldcast.stream.StreamExecutors;
import org.fieldcast.stream.StreamTap;
import org.fieldcast.stream.StreamTaps;
import org.fieldcast.stream.StreamUnavailableException;
import org.fieldcast.stream.StreamVariant;

/**
 * Makes each camera stream's {@link JpegTranscoders} (the stream attaches them as its tap and closes
 * them with it), and finds them for the MJPEG and frame-socket viewers. Keyed by stream, camera and
 * variant, so a substream's transcoders never replace the main stream's; the viewers use the main
 * stream's, and a substream's start no process until someone asks them for a JPEG profile.
 */
@ApplicationScoped
public class JpegTaps implements StreamTaps {

    @Inject
    FfmpegRuns runs;

    @Resource(lookup = StreamExecutors.TIMERS)
    ManagedScheduledExecutorService scheduler;

    private record StreamKey(String cameraId, StreamVariant variant) {
    }

    /** The transcoders of each camera stream; replaced when that stream is made again. */
    private final Map<StreamKey, JpegTranscoders> transcoders = new ConcurrentHashMap<>();

    @Override
    public StreamTap open(String cameraId, StreamVariant variant) {
        JpegTranscoders made = new JpegTranscoders(cameraId, runs, scheduler, JpegTranscoders.DEFAULT_LINGER);
        transcoders.put(new StreamKey(cameraId, variant), made);
        return made;
    }

    /** The transcoders of a camera whose main stream exists: ask {@code CameraStreams.stream(id)} first. */
    public JpegTranscoders of(String cameraId) {
        return of(cameraId, StreamVariant.MAIN);
    }

    /** The transcoders of a camera stream that exists: ask {@code CameraStreams.stream(id, variant)} first. */
    public JpegTranscoders of(String cameraId, StreamVariant variant) {
        JpegTranscoders found = transcoders.get(new StreamKey(cameraId, variant));
        if (found == null) {
            throw new StreamUnavailableException("camera '" + cameraId + "' has no stream");
        }
        return found;
    }
}
