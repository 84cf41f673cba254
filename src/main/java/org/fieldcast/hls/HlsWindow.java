package org.fieldcast.hls;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * What the HLS servlet reads of a camera's window: the current {@link Timeline}, and a wait for one
 * that meets a condition (blocking playlist reload, preload hints). The node that pulls the camera
 * reads its {@link HlsSegmenter}; any other node reads an {@link HlsMirror} of the owner's, with the
 * same timelines, so a player may move between nodes mid-stream.
 */
public interface HlsWindow {

    Timeline timeline();

    /**
     * A future that completes with the first timeline meeting the condition (at once if the current
     * one does). The caller bounds the wait by completing or cancelling the future.
     */
    CompletableFuture<Timeline> await(Predicate<Timeline> condition);

    /** Whether players can play anything now. */
    default boolean playable() {
        return timeline().playable();
    }

    /** Ends every wait, e.g. when the stream stops for good. */
    void failWaiters(RuntimeException reason);
}
