package org.fieldcast.mse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.fieldcast.stream.StreamTap;
import org.fieldcast.stream.StreamTaps;
import org.fieldcast.stream.StreamUnavailableException;

/**
 * Makes each camera stream's {@link MseTap} (the stream attaches it and closes it with itself), finds
 * it for {@code /ws/mse}, and counts the fragments dropped for viewers that fell behind, per camera
 * ({@code fieldcast_mse_dropped_fragments} at {@code /metrics}).
 */
@ApplicationScoped
public class MseTaps implements StreamTaps {
    private static final Metadata DROPPED = Metadata.builder().withName("fieldcast_mse_dropped_fragments")
            .withDescription("fragments not sent to /ws/mse viewers that fell behind (they resume at the next keyframe)")
            .withUnit(MetricUnits.NONE).build();

    @Inject
    MetricRegistry registry;

    /** The tap of each camera's current stream; replaced when a camera's stream is made again. */
    private final Map<String, MseTap> taps = new ConcurrentHashMap<>();
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

    @Override
    public StreamTap open(String cameraId) {
        MseTap made = new MseTap(cameraId, System::currentTimeMillis);
        taps.put(cameraId, made);
        return made;
    }

    /** The tap of a camera whose stream exists: ask {@code CameraStreams.stream(id)} first. */
    public MseTap of(String cameraId) {
        MseTap found = taps.get(cameraId);
        if (found == null) {
            throw new StreamUnavailableException("camera '" + cameraId + "' has no stream");
        }
        return found;
    }

    /** Counts fragments a socket dropped for this camera; called on media and container threads. */
    public void countDropped(String cameraId, long fragments) {
        dropped.computeIfAbsent(cameraId, id -> registry.counter(DROPPED, new Tag("camera", id))).inc(fragments);
    }
}
