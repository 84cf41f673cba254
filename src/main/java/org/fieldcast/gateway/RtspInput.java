package org.fieldcast.gateway;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.fieldcast.rtp.VideoRtpTap;
/**
 * What one ffmpeg pull opens: a loopback URL without credentials, and the proxy behind it, closed
 * when the pull ends. Closing is idempotent.
 */
public final class RtspInput implements AutoCloseable {

    private final String url;
    private final RtspProxy proxy;
    private final AtomicReference<Consumer<String>> described;

    RtspInput(String url, RtspProxy proxy, AtomicReference<Consumer<String>> described) {
        this.url = url;
        this.proxy = proxy;
        this.described = described;
    }

    /** Who gets the camera's session description when it answers DESCRIBE, on the proxy's thread. */
    public void onDescribed(Consumer<String> listener) {
        described.set(listener);
    }

    /** The URL for ffmpeg's input. */
    public String url() {
        return url;
    }

    /**
     * Why the camera was not reached or refused the credentials, as the proxy saw it. ffmpeg only
     * sees the proxy's error status ({@code Server returned 5XX}), so this is the better reason to show.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(proxy.failure());
    }

    /** The camera's video as it passes the proxy, decoded from RTP without ffmpeg's delay. */
    public VideoRtpTap videoTap() {
        return proxy.videoTap();
    }

    @Override
    public void close() {
        proxy.close();
    }

    @Override
    public String toString() {
        return "RtspInput[" + url + "]";
    }
}
