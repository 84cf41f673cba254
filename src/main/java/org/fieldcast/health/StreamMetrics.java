package org.fieldcast.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.fieldcast.stream.CameraStream;
import org.fieldcast.stream.CameraStreams;
import org.fieldcast.stream.StreamHealth;
import org.fieldcast.stream.StreamVariant;
import org.fieldcast.stream.SubstreamHealth;
/**
 * Per-camera metrics in MicroProfile Metrics (Prometheus format at {@code /metrics}), registered when
 * a camera's stream first changes state: state, fps, bit rate, viewers, reconnects, seconds in
 * fallback, and what players report (latency, part load time, stalls). A camera's substream has its own
 * {@code fieldcast_substream_*} series, registered when it first changes state, so the two never mix.
 */
@ApplicationScoped
public class StreamMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    CameraStreams streams;

    @Inject
    PlayerTelemetry telemetry;

    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Set<String> registeredSubstreams = ConcurrentHashMap.newKeySet();

    void onChange(@Observes StreamHealth health) {
        if (registered.add(health.camera())) {
            register(health.camera());
        }
    }

    void onSubstreamChange(@Observes SubstreamHealth change) {
        String camera = change.health().camera();
        if (registeredSubstreams.add(camera)) {
            registerSubstream(camera);
        }
    }

    private void registerSubstream(String camera) {
        Tag tag = new Tag("camera", camera);
        substream(camera, tag, "fieldcast_substream_state", "substream state: 0 idle, 1 starting, 2 live, 3 stalled, 4 fallback, 5 offline",
                MetricUnits.NONE, h -> h.state().ordinal());
        substream(camera, tag, "fieldcast_substream_fps", "substream frames per second arriving from the camera", MetricUnits.NONE,
                StreamHealth::fps);
        substream(camera, tag, "fieldcast_substream_bitrate", "substream bits per second arriving from the camera", "bits_per_second",
                h -> h.bitrate());
        substream(camera, tag, "fieldcast_substream_viewers", "connected viewers of the substream", MetricUnits.NONE, h -> h.viewers());
        substream(camera, tag, "fieldcast_substream_reconnects", "substream RTSP reconnects since start", MetricUnits.NONE,
                h -> h.reconnects());
    }

    private void substream(String camera, Tag tag, String name, String description, String unit, ToDoubleFunction<StreamHealth> f) {
        registry.gauge(meta(name, description, unit), this, self -> self.streams.existing(camera, StreamVariant.SUB)
                .map(s -> f.applyAsDouble(s.health())).orElse(0.0), tag);
    }

    private void register(String camera) {
        Tag tag = new Tag("camera", camera);
        stream(camera, tag, "fieldcast_stream_state", "state: 0 idle, 1 starting, 2 live, 3 stalled, 4 fallback, 5 offline",
                MetricUnits.NONE, s -> s.status().state().ordinal());
        health(camera, tag, "fieldcast_stream_fps", "frames per second arriving from the camera", MetricUnits.NONE, StreamHealth::fps);
        health(camera, tag, "fieldcast_stream_bitrate", "bits per second arriving from the camera", "bits_per_second",
                h -> h.bitrate());
        health(camera, tag, "fieldcast_stream_viewers", "connected viewers and recent HLS players", MetricUnits.NONE, h -> h.viewers());
        health(camera, tag, "fieldcast_stream_reconnects", "RTSP reconnects since start", MetricUnits.NONE, h -> h.reconnects());
        stream(camera, tag, "fieldcast_stream_fallback", "seconds spent showing snapshots instead of live video",
                MetricUnits.SECONDS, CameraStream::secondsInFallback);
        player(tag, camera, "fieldcast_player_latency", "latency behind live reported by players (smoothed)",
                MetricUnits.SECONDS, PlayerTelemetry.Figures::latencySeconds);
        player(tag, camera, "fieldcast_player_part_load", "part load time reported by players (smoothed)",
                MetricUnits.SECONDS, PlayerTelemetry.Figures::partLoadSeconds);
        player(tag, camera, "fieldcast_player_stalls", "playback stalls reported by players", MetricUnits.NONE,
                f -> f.stalls());
    }

    private void stream(String camera, Tag tag, String name, String description, String unit, ToDoubleFunction<CameraStream> f) {
        registry.gauge(meta(name, description, unit), this,
                self -> self.streams.existing(camera).map(f::applyAsDouble).orElse(0.0), tag);
    }

    private void health(String camera, Tag tag, String name, String description, String unit, ToDoubleFunction<StreamHealth> f) {
        stream(camera, tag, name, description, unit, s -> f.applyAsDouble(s.health()));
    }

    private void player(Tag tag, String camera, String name, String description, String unit,
                        ToDoubleFunction<PlayerTelemetry.Figures> f) {
        registry.gauge(meta(name, description, unit), this, self -> {
            Optional<PlayerTelemetry.Figures> figures = self.telemetry.figures(camera);
            return figures.map(f::applyAsDouble).filter(d -> !d.isNaN()).orElse(0.0);
        }, tag);
    }

    private static Metadata meta(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }
}
