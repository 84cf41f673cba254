package org.fieldcast.stream;

import java.time.Duration;
import org.fieldcast.ffmpeg.PullProfile;
/**
 * What a camera stream needs to know, handed to each supervisor as values.
 *
 * @param idleTimeout   how long after the last viewer request the pull stops
 * @param stallTimeout  no frame for this long means the stream stalled, even with the connection open
 * @param startGrace    extra time a new run gets for its first frame (connecting, first keyframe)
 * @param restarts      the pauses between RTSP retries
 * @param fallbackEvery how often the camera's snapshot is fetched while RTSP fails
 * @param pull          the pull's ffmpeg arguments
 */
public record StreamSettings(Duration idleTimeout, Duration stallTimeout, Duration startGrace,
                             RestartLadder restarts, Duration fallbackEvery, PullProfile pull) {
}
