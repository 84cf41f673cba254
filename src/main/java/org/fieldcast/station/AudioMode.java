package org.fieldcast.station;

/** What the pull does with a camera's audio for LL-HLS. */
public enum AudioMode {
    /** AAC from the camera is copied; any other audio (G.711, G.726 ...) is dropped. The default. */
    AUTO,
    /** No audio, whatever the camera sends. */
    NONE,
    /** Any audio transcoded to AAC, which every HLS player decodes (G.711 from most cameras). */
    AAC
}
