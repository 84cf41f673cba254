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
import org.fieldcast.stream.StreamVariant;

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

    private record StreamKey(String cameraId, StreamVariant variant) {
    }

    /** The tap of each camera stream (main, and the substream of a camera with one); replaced when it is made again. */
    private final Map<StreamKey, MseTap> taps = new ConcurrentHashMap<>();
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

    @Override
    public StreamTap open(String cameraId, StreamVariant variant) {
        MseTap made = new MseTap(cameraId, System::currentTimeMillis);
        taps.put(new StreamKey(cameraId, variant), made);
        return made;
    }

    /** The tap of a camera stream that exists: ask {@code CameraStreams.stream(id, variant)} first. */
    public MseTap of(String cameraId, StreamVariant variant) {
        MseTap found = taps.get(new StreamKey(cameraId, variant));
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
