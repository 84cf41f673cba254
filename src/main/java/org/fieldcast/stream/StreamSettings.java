package org.fieldcast.stream;

import java.time.Duration;
import org.fieldcast.ffmpeg.PullProfile;
/**
 * What a camera stream needs to know, handed to each supervisor as values.
 *
 * @param idleTimeout   how long after the last viewer request the pull stops
 * @param stopGrace     how long ffmpeg may take to quit before it is killed
 * @param stallTimeout  no frame for this long means the stream stalled, even with the connection open
 * @param startGrace    extra time a new run gets for its first frame (connecting, first keyframe)
 * @param restarts      the pauses between RTSP retries
 * @param fallbackEvery how often the camera's snapshot is fetched while RTSP fails
 */
public record StreamSettings(Duration idleTimeout, Duration stopGrace, Duration stallTimeout, Duration startGrace,
                             RestartLadder restarts, Duration fallbackEvery,
                             Duration partTarget, Duration minSegment, int window, PullProfile pull) {
}
