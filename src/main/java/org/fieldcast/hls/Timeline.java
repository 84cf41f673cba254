package org.fieldcast.hls;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldcast.fmp4.InitSegment;

/**
 * What a camera's HLS stream holds at one moment; immutable, so servlet threads read it without locks.
 *
 * @param targetDuration EXT-X-TARGETDURATION in seconds, fixed when the first segment completes
 * @param segments       complete segments in the window, oldest first
 * @param openMsn        sequence number of the segment being built
 * @param openParts      the complete parts of that segment so far
 * @param discontinuitySequence EXT-X-DISCONTINUITY-SEQUENCE: discontinuities that left the window
 * @param inits          init segments by generation, for the generations still in the window
 * @param nextPartId     the id the next part will have (the preload hint)
 */
public record Timeline(int targetDuration, double partTarget, List<Segment> segments, long openMsn,
                       List<Part> openParts, long discontinuitySequence, Map<Integer, InitSegment> inits,
                       long nextPartId, int generation) {

    static Timeline empty(double partTarget) {
        return new Timeline(0, partTarget, List.of(), 0, List.of(), 0, Map.of(), 0, -1);
    }

    /** Players may start once one segment is complete: TARGETDURATION is known from then on. */
    public boolean playable() {
        return !segments.isEmpty();
    }

    public Optional<Segment> segment(long msn) {
        return segments.stream().filter(s -> s.msn() == msn).findFirst();
    }

    public Optional<Part> part(long msn, int index) {
        if (msn == openMsn) {
            return index < openParts.size() ? Optional.of(openParts.get(index)) : Optional.empty();
        }
        return segment(msn).filter(s -> index < s.parts().size()).map(s -> s.parts().get(index));
    }

    /**
     * RFC 8216bis 6.2.5.2 "Partial Segment N of Media Segment M, or later": true once that part exists,
     * or the segment ended without it and a part of a later segment exists.
     */
    public boolean hasPartOrLater(long msn, int index) {
        if (msn >= openMsn) {
            return msn == openMsn && index < openParts.size();
        }
        if (segment(msn).map(s -> index < s.parts().size()).orElse(false)) {
            return true;
        }
        return openMsn > msn + 1 || !openParts.isEmpty();
    }

    /** A part still in the window, by its id. */
    public Optional<Part> partById(long id) {
        for (Part p : openParts) {
            if (p.id() == id) {
                return Optional.of(p);
            }
        }
        for (int i = segments.size() - 1; i >= 0; i--) {
            for (Part p : segments.get(i).parts()) {
                if (p.id() == id) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    public long firstMsn() {
        return segments.isEmpty() ? openMsn : segments.get(0).msn();
    }

    public InitSegment currentInit() {
        return inits.get(generation);
    }
}
