package org.fieldcast.hls;

/**
 * A partial segment (EXT-X-PART): a whole number of frames, about the part target long.
 *
 * @param id          the part's number in the whole stream, which names its URI: the preload hint
 *                    must name the next part before anyone knows whether it starts a new segment
 * @param msn         the segment it belongs to
 * @param index       its place in that segment (what {@code _HLS_part} counts)
 * @param independent starts with a keyframe, so a player may begin decoding here
 */
public record Part(long id, long msn, int index, byte[] bytes, double duration, boolean independent) {
}
