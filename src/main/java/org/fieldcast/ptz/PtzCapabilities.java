package org.fieldcast.ptz;

/**
 * What a camera offers, as it reports it.
 *
 * @param ptz            the camera has a PTZ controller on line 1 (tag 0x0a51)
 * @param presets        presets it can recall and store (256 with Bicom, 99 with the legacy form, 0 without PTZ)
 * @param presetForm     {@code BICOM}, {@code OSRD} (legacy) or {@code UNKNOWN} until one was used
 * @param virtualAlarms  virtual inputs (capability list, I/O type 3)
 * @param moveLeaseMillis how long a move runs without renewal
 */
public record PtzCapabilities(boolean ptz, int presets, String presetForm, int virtualAlarms, long moveLeaseMillis) {
}
