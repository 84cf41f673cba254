package org.fieldcast.stream;

import java.util.concurrent.CompletableFuture;
import org.fieldcast.fmp4.Fmp4StreamParser;

/**
 * What a stream's pulls write into while viewers watch (the LL-HLS window): it receives each run's
 * init segment and fragments, says when the current run's output can be played, and fails the
 * requests waiting on it when live video is lost or the stream stops. Defined here and implemented
 * by the view built on the stream, so the stream knows no view; a seam with a fake in tests.
 */
public interface PullOutput extends Fmp4StreamParser.Listener {

    /**
     * Completes when what the run about to start writes can be played. Ask before the run starts,
     * so that its output, and not the previous run's, is what completes it.
     */
    CompletableFuture<?> playableFromNextRun();

    /** Whether players can play anything now (an earlier run's window counts). */
    boolean playable();

    /** Ends every waiting request with this reason. */
    void failWaiters(RuntimeException reason);
}
