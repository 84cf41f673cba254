package org.fieldcast.rtp;

/**
 * One picture's NAL units, as MP4 stores them: each prefixed with its 4-byte length.
 *
 * @param timestamp the RTP timestamp, unwrapped (it no longer rolls over at 2^32), in the clock rate of the SDP
 * @param keyframe  holds an IDR picture: decoding can start here
 */
public record AccessUnit(long timestamp, boolean keyframe, byte[] nalUnits) {
}
