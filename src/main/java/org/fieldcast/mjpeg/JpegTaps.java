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

/**
 * Makes each camera stream's {@link JpegTranscoders} (the stream attaches them as its tap and closes
 * them with it), and finds them for the MJPEG and frame-socket viewers.
 */
@ApplicationScoped
public class JpegTaps implements StreamTaps {

    @Inject
    FfmpegRuns runs;

    @Resource(lookup = StreamExecutors.TIMERS)
    ManagedScheduledExecutorService scheduler;

    /** The transcoders of each camera's current stream; replaced when a camera's stream is made again. */
    private final Map<String, JpegTranscoders> transcoders = new ConcurrentHashMap<>();

    @Override
    public StreamTap open(String cameraId) {
        JpegTranscoders made = new JpegTranscoders(cameraId, runs, scheduler, JpegTranscoders.DEFAULT_LINGER);
        transcoders.put(cameraId, made);
        return made;
    }

    /** The transcoders of a camera whose stream exists: ask {@code CameraStreams.stream(id)} first. */
    public JpegTranscoders of(String cameraId) {
        JpegTranscoders found = transcoders.get(cameraId);
        if (found == null) {
            throw new StreamUnavailableException("camera '" + cameraId + "' has no stream");
        }
        return found;
    }
}
