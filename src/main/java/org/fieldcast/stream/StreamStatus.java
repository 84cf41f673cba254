package org.fieldcast.stream;

import java.time.Instant;

/**
 * A camera stream's state with its reason (ffmpeg's own words or the snapshot's failure, credentials
 * removed), since when, and how many times RTSP was reconnected.
 */
public record StreamStatus(StreamState state, String reason, Instant since, int reconnects) {

    static StreamStatus idle(Instant now, int reconnects) {
        return new StreamStatus(StreamState.IDLE, null, now, reconnects);
    }
}
