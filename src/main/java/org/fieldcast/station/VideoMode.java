package org.fieldcast.station;

/** What the pull does with a camera's video for LL-HLS. */
public enum VideoMode {
    /** The camera's own H.264 or H.265, remuxed and never re-encoded: the default, and nearly free. */
    COPY,
    /**
     * Re-encoded to H.264, for players that cannot decode the camera's codec (Chromium and Firefox
     * with H.265). Costs a good share of a core per camera.
     */
    H264
}
