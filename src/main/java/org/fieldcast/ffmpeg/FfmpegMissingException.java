package org.fieldcast.ffmpeg;

/** ffmpeg or ffprobe cannot be found or is too old; the message says what to install. */
public class FfmpegMissingException extends RuntimeException {
    public FfmpegMissingException(String message) {
        super(message);
    }
}
