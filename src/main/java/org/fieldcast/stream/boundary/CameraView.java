package org.fieldcast.stream.boundary;

import java.util.Map;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.stream.StreamState;
import org.fieldcast.stream.StreamStatus;
/**
 * A camera as the API shows it. Built from {@link CameraConfig} here at the boundary, naming each
 * field it takes, so credentials can never reach JSON.
 *
 * @param substream true when the camera has a low-resolution second stream, which grid tiles play (its path is
 *                  not shown)
 * @param streams stream kind ({@code hls}, {@code mjpeg}, {@code snapshot}, {@code ws}: the one frame socket of
 *                every camera; {@code mse}: the one H.264 socket of every camera) to a URL relative to the app root
 * @param audio   true when the camera's running stream carries AAC audio (HLS plays it; {@code /ws/mse} sends it to a
 *                subscription with {@code "audio":true}), false when it carries none (as its last run showed),
 *                null before the stream first ran (not known until the camera answers)
 * @param owner   in a cluster, the address of the node that pulls the camera now (null when none does, and on a
 *                single node)
 * @param controls what an operator can do to the camera, to a URL relative to the app root: {@code alarms}
 *                 (virtual alarms) for every camera; {@code ptz} (REST) and {@code ptzSocket} (held moves)
 *                 only for PTZ domes
 */
public record CameraView(String id, String name, String type, String model, SiteRef site, boolean enabled,
                         String state, String stateReason, boolean substream, Map<String, String> streams,
                         Boolean audio, String owner, Map<String, String> controls) {

    public record SiteRef(String id, String name) {
    }

    static CameraView of(CameraConfig c, StreamStatus status) {
        return of(c, status, null, null);
    }

    static CameraView of(CameraConfig c, StreamStatus status, Boolean audio, String owner) {
        StreamState state = status == null ? StreamState.IDLE : status.state();
        return new CameraView(c.id(), c.name(), c.type().name(), c.model(), new SiteRef(c.siteId(), c.siteName()),
                c.enabled(), c.enabled() ? state.name() : "DISABLED", status == null ? null : status.reason(),
                c.hasSubstream(), Map.of("hls", "hls/" + c.id() + "/index.m3u8",
                        "mjpeg", "mjpeg/" + c.id() + "/stream.mjpg",
                        "snapshot", "mjpeg/" + c.id() + "/snapshot.jpg",
                        "ws", "ws/frames",
                        "mse", "ws/mse"),
                audio, owner, controls(c));
    }

    private static Map<String, String> controls(CameraConfig c) {
        String api = "api/cameras/" + c.id();
        return c.type() == org.fieldcast.station.CameraType.PTZ
                ? Map.of("alarms", api + "/alarms", "ptz", api + "/ptz", "ptzSocket", "ws/cameras/" + c.id() + "/ptz")
                : Map.of("alarms", api + "/alarms");
    }
}
