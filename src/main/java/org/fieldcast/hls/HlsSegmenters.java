package org.fieldcast.hls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.fieldcast.stream.PullOutput;
import org.fieldcast.stream.PullOutputs;

/**
 * Makes each camera stream's output: an {@link HlsSegmenter}, new each time the stream starts from idle.
 * The stream knows it only as a {@link PullOutput}; the HLS servlet gets it back as a segmenter here.
 */
@ApplicationScoped
public class HlsSegmenters implements PullOutputs {

    @Inject
    HlsSettings settings;

    @Override
    public PullOutput open(String cameraId) {
        return new HlsSegmenter(settings.partTarget(), settings.minSegment(), settings.window(), Clock.systemUTC());
    }

    /** The segmenter behind a stream's output; every stream's output is made here. */
    public HlsSegmenter of(PullOutput output) {
        if (output instanceof HlsSegmenter segmenter) {
            return segmenter;
        }
        throw new IllegalStateException("a stream's output was not made by HlsSegmenters: " + output);
    }
}
