package org.fieldcast.hls;

import java.time.Instant;
import java.util.List;

/**
 * A complete media segment: its parts in order. The segment's bytes are the parts' bytes one after
 * the other, so they are held once.
 *
 * @param discontinuity the first segment after ffmpeg restarted (EXT-X-DISCONTINUITY)
 * @param generation    which ffmpeg run (and so which init segment) produced it
 */
public record Segment(long msn, List<Part> parts, double duration, Instant programDateTime,
                      boolean discontinuity, int generation) {

    public long size() {
        return parts.stream().mapToLong(p -> p.bytes().length).sum();
    }
}
