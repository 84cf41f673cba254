package org.fieldcast.rtp;

import org.fieldcast.fmp4.AvcSpsRewrite;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.Mp4FormatException;

/**
 * The sub-second path's pictures without the decoder's reorder wait: every H.264 SPS it sends, out of
 * band in the init segment and in-band before an IDR, made to declare max_num_reorder_frames 0 when the
 * camera left bitstream_restriction out ({@link H264Sps#withoutReorderDelay()}). Without it a browser's
 * decoder may hold each picture back until later ones arrive, as many as the level allows.
 * <p>
 * Init segment and samples must both go through here: the rewrite gives the same SPS the same bytes, so
 * a decoder sees one configuration, not a new one with each keyframe. Only right for streams without
 * B-frames, which the sub-second path already assumes (composition offset 0).
 */
public final class Fmp4Sps {
    private Fmp4Sps() {
    }

    /** The init segment with its avcC's SPS rewritten; itself when there is nothing to do (H.265 too). */
    public static InitSegment withoutReorderDelay(InitSegment init) {
        return AvcSpsRewrite.inInit(init, H264Sps::withoutReorderDelay);
    }

    /**
     * The fragment with any in-band SPS rewritten; itself when it holds none, or when its boxes have a
     * shape the rewrite does not know (then the picture still plays, only perhaps later).
     */
    public static Fragment withoutReorderDelay(Fragment fragment) {
        try {
            return AvcSpsRewrite.inFragment(fragment, H264Sps::withoutReorderDelay);
        } catch (Mp4FormatException e) {
            return fragment;
        }
    }

    /** The access unit with any SPS rewritten, for building its fragment ({@code SampleFragment.of}) afterwards. */
    public static AccessUnit withoutReorderDelay(AccessUnit unit) {
        byte[] nalUnits;
        try {
            nalUnits = AvcSpsRewrite.inSample(unit.nalUnits(), H264Sps::withoutReorderDelay);
        } catch (Mp4FormatException e) {
            return unit;
        }
        return nalUnits == unit.nalUnits() ? unit : new AccessUnit(unit.timestamp(), unit.keyframe(), nalUnits);
    }
}
