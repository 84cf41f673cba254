package org.fieldcast.hls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.fieldcast.stream.PullOutput;
import org.fieldcast.stream.PullOutputs;

/**
 * Makes each camera stream's output: an {@link HlsSegmenter}, new each time the stream starts from idle,
 * or, for a stream another node of a cluster pulls, a {@link MirroredOutput} of its window. The stream
 * knows either only as a {@link PullOutput}; the HLS servlet gets it back as an {@link HlsWindow} here.
 */
@ApplicationScoped
public class HlsSegmenters implements PullOutputs {

    @Inject
    HlsSettings settings;

    @Override
    public PullOutput open(String cameraId) {
        return new HlsSegmenter(settings.partTarget(), settings.minSegment(), settings.window(), Clock.systemUTC());
    }

    /**
     * Continues the window this node followed (another node's, now gone) with this node's own pull: a
     * takeover looks to players like a camera that reconnected.
     */
    @Override
    public PullOutput continuing(String cameraId, PullOutput followed) {
        return HlsSegmenter.continuing(of(followed).timeline(), settings.partTarget(), settings.minSegment(), settings.window(),
                Clock.systemUTC());
    }

    /** The output of a stream another node pulls: its window, as the relay brings it. */
    public MirroredOutput mirrored() {
        return new MirroredOutput(new HlsMirror(settings.partTarget().toNanos() / 1e9));
    }

    /** What players read of a stream's output; every stream's output is made here. */
    public HlsWindow of(PullOutput output) {
        if (output instanceof HlsWindow window) {
            return window;
        }
        throw new IllegalStateException("a stream's output was not made by HlsSegmenters: " + output);
    }

    /** The segmenter of a stream this node pulls, for the relay that offers it to the other nodes. */
    public HlsSegmenter segmenter(PullOutput output) {
        if (output instanceof HlsSegmenter segmenter) {
            return segmenter;
        }
        throw new IllegalStateException("not the output of a pull on this node: " + output);
    }
}
