package org.fieldcast.stream;

import java.util.Optional;
import java.util.function.Consumer;
import org.fieldcast.rtp.VideoRtpTap;

/**
 * What one pull reads from: a URL without credentials (in production the loopback RTSP proxy of
 * {@link org.fieldcast.gateway.RtspInputs}), closed when the pull ends. A seam: tests open no proxy.
 */
public interface PullInput extends AutoCloseable {

    String url();

    /** Why the camera was not reached, as the proxy saw it (ffmpeg sees only its 5XX). */
    Optional<String> failure();

    /** The camera's video as it passes, decoded from RTP ahead of ffmpeg; empty when there is none to tap. */
    Optional<VideoRtpTap> videoTap();

    /** Who gets the camera's session description when it answers DESCRIBE. */
    void onDescribed(Consumer<String> listener);

    @Override
    void close();
}
