package org.fieldcast.stream;

import org.fieldcast.fmp4.Fmp4StreamParser;

/**
 * A view that lives as long as a camera's stream and gets all its media (the JPEG transcoders): attached
 * when the stream is made, closed with it. It may run processes of its own, which the stream's shutdown
 * waits for and kills like its own. Defined here and implemented by the view, so the stream knows no view.
 */
public interface StreamTap extends Fmp4StreamParser.Listener {

    /**
     * A picture from the camera's HTTP snapshot while live video is lost, so frame viewers keep seeing images.
     *
     * @param jpeg        shared: nobody changes it afterwards
     * @param epochMillis when Fieldcast got it
     */
    void onFallbackPicture(byte[] jpeg, long epochMillis);

    /** True while a process of this tap may still be alive. */
    boolean processAlive();

    /** Stops its processes in steps (the stream was closed). */
    void close();

    /** Kills whatever is left (shutdown, after the grace period). */
    void kill();
}
