package org.fieldcast.fmp4;

/**
 * One track of the camera's stream, read from the init segment.
 *
 * @param handler {@code vide} or {@code soun}
 * @param codec   RFC 6381 codec string for the multivariant playlist, e.g. {@code avc1.42c01e}
 */
public record TrackInfo(int trackId, String handler, long timescale, String codec, int width, int height,
                        long defaultSampleDuration, long defaultSampleFlags) {

    public boolean isVideo() {
        return "vide".equals(handler);
    }
}
