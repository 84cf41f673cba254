package org.fieldcast.stream;

import org.fieldcast.station.CameraConfig;

/**
 * Which of a camera's RTSP streams a viewer wants. Bosch cameras serve each encoder stream on its own
 * path of one RTSP server ({@code /?inst=1}, {@code /?inst=2} ...), so a camera may offer a small
 * second stream that costs its thin uplink far less than the main one.
 */
public enum StreamVariant {
    /** The camera's {@code rtspPath}: the single-camera view, the embed page, HLS and the JPEG views. */
    MAIN,
    /** The camera's low-resolution {@code substreamPath}, for grid tiles; the main stream when it has none. */
    SUB;

    /** The variant a camera actually serves when asked for this one. */
    public StreamVariant servedBy(CameraConfig camera) {
        return this == SUB && camera.hasSubstream() ? SUB : MAIN;
    }
}
