package org.fieldcast.fmp4;

import java.util.List;
import java.util.Optional;

/** The ftyp and moov boxes that every segment of one ffmpeg run refers to (EXT-X-MAP). */
public record InitSegment(byte[] bytes, List<TrackInfo> tracks) {

    /** The track that paces parts and segments: the video track, else the first one. */
    public TrackInfo leadTrack() {
        return tracks.stream().filter(TrackInfo::isVideo).findFirst().orElse(tracks.get(0));
    }

    public Optional<TrackInfo> track(int trackId) {
        return tracks.stream().filter(t -> t.trackId() == trackId).findFirst();
    }
}
