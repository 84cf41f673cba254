package org.fieldcast.hls;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.stream.PullOutput;

/**
 * A followed stream's output on a node that does not pull it: the owner's window as the relay keeps it
 * in an {@link HlsMirror}. Nothing is pulled into it here; it is playable once the owner's timeline is.
 */
public final class MirroredOutput implements PullOutput, HlsWindow {
    private final HlsMirror mirror;

    MirroredOutput(HlsMirror mirror) {
        this.mirror = mirror;
    }

    /** Where the relay applies the owner's timelines. */
    public HlsMirror mirror() {
        return mirror;
    }

    @Override
    public void onInit(InitSegment init) {
        // Not pulled here: the owner's segmenter made the window.
    }

    @Override
    public void onFragment(Fragment fragment) {
        // As onInit.
    }

    @Override
    public CompletableFuture<?> playableFromNextRun() {
        return mirror.await(Timeline::playable);
    }

    @Override
    public Timeline timeline() {
        return mirror.timeline();
    }

    @Override
    public CompletableFuture<Timeline> await(Predicate<Timeline> condition) {
        return mirror.await(condition);
    }

    @Override
    public boolean playable() {
        return mirror.playable();
    }

    @Override
    public void failWaiters(RuntimeException reason) {
        mirror.failWaiters(reason);
    }
}
