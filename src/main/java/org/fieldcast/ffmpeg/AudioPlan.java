package org.fieldcast.ffmpeg;

/** What one pull run does with the camera's audio, decided before ffmpeg starts. */
public enum AudioPlan {
    /** Video only. */
    NONE,
    /** The camera's AAC, remuxed as it is. */
    COPY,
    /** The camera's audio, whatever it is, encoded to AAC. */
    AAC
}
