package org.fieldcast.stream;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import org.fieldcast.station.CameraConfig;

/**
 * The streams of every camera, at most one per camera and variant: the main stream, and the substream of
 * a camera that has one. A camera without a substream answers SUB with its main stream, the same object,
 * so a tile and the single-camera view share one pull. Kept apart from {@link CameraStreams} (which
 * owns the container's resources) so the choice is tested with fakes.
 */
final class StreamTable {

    private record Key(String cameraId, StreamVariant variant) {
    }

    private final ConcurrentMap<Key, CameraStream> streams = new ConcurrentHashMap<>();
    /** Makes a stream for the camera as its pull reads it ({@link CameraConfig#substream()} for SUB). */
    private final BiFunction<CameraConfig, StreamVariant, CameraStream> make;

    StreamTable(BiFunction<CameraConfig, StreamVariant, CameraStream> make) {
        this.make = make;
    }

    /** The camera's stream of this variant, made idle on first use. */
    CameraStream stream(CameraConfig camera, StreamVariant variant) {
        StreamVariant served = variant.servedBy(camera);
        CameraConfig pulled = served == StreamVariant.SUB ? camera.substream() : camera;
        return streams.computeIfAbsent(new Key(camera.id(), served), key -> make.apply(pulled, served));
    }

    Optional<CameraStream> existing(String cameraId, StreamVariant variant) {
        return Optional.ofNullable(streams.get(new Key(cameraId, variant)));
    }

    /**
     * The camera changed: each of its streams restarts only if what its pull reads changed. A substream
     * the camera no longer names is closed; its viewers are told the stream was removed and ask again,
     * which gives them the main stream.
     */
    void changed(CameraConfig camera) {
        existing(camera.id(), StreamVariant.MAIN).ifPresent(s -> s.reconfigure(camera));
        if (camera.hasSubstream()) {
            existing(camera.id(), StreamVariant.SUB).ifPresent(s -> s.reconfigure(camera.substream()));
        } else {
            Optional.ofNullable(streams.remove(new Key(camera.id(), StreamVariant.SUB))).ifPresent(CameraStream::close);
        }
    }

    /** The camera is gone: every stream of it closes. */
    void removed(String cameraId) {
        for (StreamVariant variant : StreamVariant.values()) {
            Optional.ofNullable(streams.remove(new Key(cameraId, variant))).ifPresent(CameraStream::close);
        }
    }

    Collection<CameraStream> all() {
        return List.copyOf(streams.values());
    }

    void clear() {
        streams.clear();
    }
}
