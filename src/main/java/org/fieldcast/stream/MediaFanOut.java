package org.fieldcast.stream;

import java.util.function.BooleanSupplier;
import org.fieldcast.hls.Fmp4StreamParser;
import org.fieldcast.hls.Fragment;
import org.fieldcast.hls.HlsSegmenter;
import org.fieldcast.hls.InitSegment;

/**
 * One ffmpeg run's media, handed to that run's HLS segmenter and, while the run is still the
 * current one, to the camera's taps. Per run, so that the last fragments of a run being stopped can
 * never reach the next run's segmenter. Called on the run's pump thread.
 */
final class MediaFanOut implements Fmp4StreamParser.Listener {
    private final HlsSegmenter segmenter;
    private final MediaTaps taps;
    private final BooleanSupplier current;

    MediaFanOut(HlsSegmenter segmenter, MediaTaps taps, BooleanSupplier current) {
        this.segmenter = segmenter;
        this.taps = taps;
        this.current = current;
    }

    @Override
    public void onInit(InitSegment init) {
        segmenter.onInit(init);
        if (current.getAsBoolean()) {
            taps.onInit(init);
        }
    }

    @Override
    public void onFragment(Fragment fragment) {
        segmenter.onFragment(fragment);
        if (current.getAsBoolean()) {
            taps.onFragment(fragment);
        }
    }
}
