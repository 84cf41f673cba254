package org.fieldcast.fmp4;

/** The fragmented MP4 coming from ffmpeg is not what the segmenter expects. */
public class Mp4FormatException extends RuntimeException {
    public Mp4FormatException(String message) {
        super(message);
    }
}
