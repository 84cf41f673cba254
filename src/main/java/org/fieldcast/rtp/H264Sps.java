package org.fieldcast.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * An H.264 sequence parameter set, every syntax element of seq_parameter_set_data() (ITU-T H.264
 * 7.3.2.1.1) and vui_parameters() (Annex E.1.1), so that {@link #write} gives back the NAL unit it was
 * read from bit for bit. Written by hand: the few hundred bits of an SPS do not justify a codec library,
 * and the MSE path needs exactly one change to it ({@link #withoutReorderDelay}).
 * <p>
 * A group of elements that the bitstream may leave out (its presence flag 0) is {@code null} here.
 *
 * @param nalHeader forbidden_zero_bit, nal_ref_idc and nal_unit_type (7), kept as the camera sent them
 * @param constraintFlags constraint_set0_flag .. constraint_set5_flag and reserved_zero_2bits, as one byte
 * @param highProfile the fields only High profiles (and their relatives) carry; null for the others
 * @param frameCropping null when frame_cropping_flag is 0
 * @param vui null when vui_parameters_present_flag is 0
 */
public record H264Sps(int nalHeader, int profileIdc, int constraintFlags, int levelIdc, int seqParameterSetId,
        HighProfile highProfile, int log2MaxFrameNumMinus4, PicOrderCount picOrderCount, int maxNumRefFrames,
        boolean gapsInFrameNumValueAllowed, int picWidthInMbsMinus1, int picHeightInMapUnitsMinus1,
        boolean frameMbsOnly, boolean mbAdaptiveFrameField, boolean direct8x8Inference,
        FrameCropping frameCropping, Vui vui) {

    /** nal_unit_type 7: a sequence parameter set (Table 7-1). */
    public static final int NAL_UNIT_TYPE = 7;

    /** The profile_idc values whose SPS carries chroma_format_idc and the rest of {@link HighProfile} (7.3.2.1.1). */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

    /**
     * @param scalingLists null when seq_scaling_matrix_present_flag is 0; else one entry per
     *                     seq_scaling_list_present_flag[i], null where that flag is 0
     */
    public record HighProfile(int chromaFormatIdc, boolean separateColourPlane, int bitDepthLumaMinus8,
            int bitDepthChromaMinus8, boolean qpprimeYZeroTransformBypass, List<ScalingList> scalingLists) {
    }

    /**
     * scaling_list() (7.3.2.1.1.1): the delta_scale values as coded. The list stops early where nextScale
     * becomes 0, so the deltas, not the 16 or 64 scales, are what writes it back the same.
     */
    public record ScalingList(int size, List<Integer> deltaScales) {
    }

    /**
     * pic_order_cnt_type and the fields that type carries: log2_max_pic_order_cnt_lsb_minus4 for 0;
     * delta_pic_order_always_zero_flag, offset_for_non_ref_pic, offset_for_top_to_bottom_field and
     * offset_for_ref_frame[] for 1; nothing for 2.
     */
    public record PicOrderCount(int type, int log2MaxPicOrderCntLsbMinus4, boolean deltaPicOrderAlwaysZero,
            int offsetForNonRefPic, int offsetForTopToBottomField, List<Integer> offsetForRefFrame) {
    }

    /** frame_crop_left_offset, frame_crop_right_offset, frame_crop_top_offset, frame_crop_bottom_offset. */
    public record FrameCropping(int left, int right, int top, int bottom) {
    }

    /**
     * vui_parameters() (E.1.1). Each nullable group is absent when its *_present_flag is 0.
     *
     * @param overscanAppropriate null when overscan_info_present_flag is 0
     * @param lowDelayHrd low_delay_hrd_flag, coded only when there are HRD parameters
     */
    public record Vui(AspectRatio aspectRatio, Boolean overscanAppropriate, VideoSignalType videoSignalType,
            ChromaLocation chromaLocation, TimingInfo timingInfo, Hrd nalHrd, Hrd vclHrd, boolean lowDelayHrd,
            boolean picStructPresent, BitstreamRestriction bitstreamRestriction) {

        /** A VUI that says nothing but what is given: what an SPS without one is inferred to mean (E.2.1). */
        static Vui empty() {
            return new Vui(null, null, null, null, null, null, null, false, false, null);
        }

        public Vui with(BitstreamRestriction restriction) {
            return new Vui(aspectRatio, overscanAppropriate, videoSignalType, chromaLocation, timingInfo, nalHrd,
                    vclHrd, lowDelayHrd, picStructPresent, restriction);
        }
    }

    /** aspect_ratio_idc; sar_width and sar_height only for Extended_SAR (255). */
    public record AspectRatio(int idc, int sarWidth, int sarHeight) {
        static final int EXTENDED_SAR = 255;
    }

    /** video_format, video_full_range_flag; colour_primaries etc. null when colour_description_present_flag is 0. */
    public record VideoSignalType(int videoFormat, boolean videoFullRange, ColourDescription colourDescription) {
    }

    /** colour_primaries, transfer_characteristics, matrix_coefficients. */
    public record ColourDescription(int colourPrimaries, int transferCharacteristics, int matrixCoefficients) {
    }

    /** chroma_sample_loc_type_top_field, chroma_sample_loc_type_bottom_field. */
    public record ChromaLocation(int topField, int bottomField) {
    }

    /** num_units_in_tick, time_scale, fixed_frame_rate_flag. */
    public record TimingInfo(long numUnitsInTick, long timeScale, boolean fixedFrameRate) {
    }

    /**
     * hrd_parameters() (E.1.2): cpb_cnt_minus1 + 1 schedules, and the lengths of the timing fields.
     */
    public record Hrd(int bitRateScale, int cpbSizeScale, List<CpbSpec> cpbSpecs, int initialCpbRemovalDelayLengthMinus1,
            int cpbRemovalDelayLengthMinus1, int dpbOutputDelayLengthMinus1, int timeOffsetLength) {
    }

    /** bit_rate_value_minus1[i], cpb_size_value_minus1[i], cbr_flag[i]. */
    public record CpbSpec(int bitRateValueMinus1, int cpbSizeValueMinus1, boolean cbr) {
    }

    /**
     * The bitstream_restriction_flag fields. max_num_reorder_frames is what a decoder needs to output a
     * picture as soon as it is decoded: without it, it must assume the largest reordering the level allows.
     */
    public record BitstreamRestriction(boolean motionVectorsOverPicBoundaries, int maxBytesPerPicDenom,
            int maxBitsPerMbDenom, int log2MaxMvLengthHorizontal, int log2MaxMvLengthVertical, int maxNumReorderFrames,
            int maxDecFrameBuffering) {
    }

    /** Whether this NAL unit (without start code or length prefix) is a sequence parameter set. */
    public static boolean isSps(byte[] nal) {
        return nal.length > 0 && (nal[0] & 0x1F) == NAL_UNIT_TYPE;
    }

    /**
     * Reads a sequence parameter set NAL unit (its header byte first, emulation prevention bytes in it).
     *
     * @throws IllegalArgumentException if it is not one, or ends early, or its syntax is out of range
     */
    public static H264Sps parse(byte[] nal) {
        if (!isSps(nal)) {
            throw new IllegalArgumentException("not a sequence parameter set NAL unit");
        }
        BitReader r = new BitReader(RbspBits.unescape(nal, 1));
        int profileIdc = r.u8();
        int constraintFlags = r.u8();
        int levelIdc = r.u8();
        int seqParameterSetId = r.ue();
        HighProfile high = HIGH_PROFILES.contains(profileIdc) ? readHighProfile(r) : null;
        int log2MaxFrameNumMinus4 = r.ue();
        PicOrderCount poc = readPicOrderCount(r);
        int maxNumRefFrames = r.ue();
        boolean gaps = r.flag();
        int widthInMbsMinus1 = r.ue();
        int heightInMapUnitsMinus1 = r.ue();
        boolean frameMbsOnly = r.flag();
        boolean mbAdaptiveFrameField = !frameMbsOnly && r.flag();
        boolean direct8x8Inference = r.flag();
        FrameCropping cropping = r.flag() ? new FrameCropping(r.ue(), r.ue(), r.ue(), r.ue()) : null;
        Vui vui = r.flag() ? readVui(r) : null;
        if (!r.atTrailingBits()) {
            throw new IllegalArgumentException("sequence parameter set does not end with rbsp_trailing_bits");
        }
        return new H264Sps(nal[0] & 0xFF, profileIdc, constraintFlags, levelIdc, seqParameterSetId, high,
                log2MaxFrameNumMinus4, poc, maxNumRefFrames, gaps, widthInMbsMinus1, heightInMapUnitsMinus1,
                frameMbsOnly, mbAdaptiveFrameField, direct8x8Inference, cropping, vui);
    }

    private static HighProfile readHighProfile(BitReader r) {
        int chromaFormatIdc = r.ue();
        boolean separateColourPlane = chromaFormatIdc == 3 && r.flag();
        int bitDepthLumaMinus8 = r.ue();
        int bitDepthChromaMinus8 = r.ue();
        boolean bypass = r.flag();
        List<ScalingList> lists = null;
        if (r.flag()) { // seq_scaling_matrix_present_flag
            lists = new ArrayList<>();
            for (int i = 0; i < (chromaFormatIdc != 3 ? 8 : 12); i++) {
                // seq_scaling_list_present_flag[i]: Sl_4x4 for i < 6, Sl_8x8 after
                lists.add(r.flag() ? readScalingList(r, i < 6 ? 16 : 64) : null);
            }
        }
        return new HighProfile(chromaFormatIdc, separateColourPlane, bitDepthLumaMinus8, bitDepthChromaMinus8, bypass,
                lists == null ? null : java.util.Collections.unmodifiableList(lists));
    }

    /** scaling_list(): delta_scale is coded while nextScale is not 0 (7.3.2.1.1.1). */
    private static ScalingList readScalingList(BitReader r, int size) {
        List<Integer> deltas = new ArrayList<>();
        int lastScale = 8;
        int nextScale = 8;
        for (int j = 0; j < size && nextScale != 0; j++) {
            int deltaScale = r.se();
            deltas.add(deltaScale);
            nextScale = (lastScale + deltaScale + 256) % 256;
            lastScale = nextScale == 0 ? lastScale : nextScale;
        }
        return new ScalingList(size, List.copyOf(deltas));
    }

    private static PicOrderCount readPicOrderCount(BitReader r) {
        int type = r.ue();
        switch (type) {
            case 0 -> {
                return new PicOrderCount(0, r.ue(), false, 0, 0, List.of());
            }
            case 1 -> {
                boolean alwaysZero = r.flag();
                int nonRef = r.se();
                int topToBottom = r.se();
                int cycle = r.ue(); // num_ref_frames_in_pic_order_cnt_cycle, 0..255
                if (cycle > 255) {
                    throw new IllegalArgumentException("num_ref_frames_in_pic_order_cnt_cycle " + cycle);
                }
                List<Integer> offsets = new ArrayList<>();
                for (int i = 0; i < cycle; i++) {
                    offsets.add(r.se());
                }
                return new PicOrderCount(1, 0, alwaysZero, nonRef, topToBottom, List.copyOf(offsets));
            }
            case 2 -> {
                return new PicOrderCount(2, 0, false, 0, 0, List.of());
            }
            default -> throw new IllegalArgumentException("pic_order_cnt_type " + type);
        }
    }

    private static Vui readVui(BitReader r) {
        AspectRatio aspect = null;
        if (r.flag()) { // aspect_ratio_info_present_flag
            int idc = r.u8();
            aspect = idc == AspectRatio.EXTENDED_SAR ? new AspectRatio(idc, (int) r.u(16), (int) r.u(16))
                    : new AspectRatio(idc, 0, 0);
        }
        Boolean overscanAppropriate = r.flag() ? r.flag() : null; // overscan_info_present_flag
        VideoSignalType signal = null;
        if (r.flag()) { // video_signal_type_present_flag
            int videoFormat = (int) r.u(3);
            boolean fullRange = r.flag();
            ColourDescription colour = r.flag() ? new ColourDescription(r.u8(), r.u8(), r.u8()) : null;
            signal = new VideoSignalType(videoFormat, fullRange, colour);
        }
        ChromaLocation chroma = r.flag() ? new ChromaLocation(r.ue(), r.ue()) : null;
        TimingInfo timing = r.flag() ? new TimingInfo(r.u(32), r.u(32), r.flag()) : null;
        Hrd nal = r.flag() ? readHrd(r) : null;
        Hrd vcl = r.flag() ? readHrd(r) : null;
        boolean lowDelayHrd = (nal != null || vcl != null) && r.flag();
        boolean picStructPresent = r.flag();
        BitstreamRestriction restriction = r.flag()
                ? new BitstreamRestriction(r.flag(), r.ue(), r.ue(), r.ue(), r.ue(), r.ue(), r.ue())
                : null;
        return new Vui(aspect, overscanAppropriate, signal, chroma, timing, nal, vcl, lowDelayHrd, picStructPresent,
                restriction);
    }

    private static Hrd readHrd(BitReader r) {
        int cpbCntMinus1 = r.ue();
        if (cpbCntMinus1 > 31) {
            throw new IllegalArgumentException("cpb_cnt_minus1 " + cpbCntMinus1);
        }
        int bitRateScale = (int) r.u(4);
        int cpbSizeScale = (int) r.u(4);
        List<CpbSpec> specs = new ArrayList<>();
        for (int i = 0; i <= cpbCntMinus1; i++) {
            specs.add(new CpbSpec(r.ue(), r.ue(), r.flag()));
        }
        return new Hrd(bitRateScale, cpbSizeScale, List.copyOf(specs), (int) r.u(5), (int) r.u(5), (int) r.u(5),
                (int) r.u(5));
    }

    /** The NAL unit: header byte, then the RBSP with emulation prevention bytes where 7.4.1 requires them. */
    public byte[] write() {
        BitWriter w = new BitWriter();
        w.u(8, profileIdc).u(8, constraintFlags).u(8, levelIdc).ue(seqParameterSetId);
        if (HIGH_PROFILES.contains(profileIdc)) {
            writeHighProfile(w, highProfile);
        }
        w.ue(log2MaxFrameNumMinus4).ue(picOrderCount.type());
        if (picOrderCount.type() == 0) {
            w.ue(picOrderCount.log2MaxPicOrderCntLsbMinus4());
        } else if (picOrderCount.type() == 1) {
            w.flag(picOrderCount.deltaPicOrderAlwaysZero()).se(picOrderCount.offsetForNonRefPic())
                    .se(picOrderCount.offsetForTopToBottomField()).ue(picOrderCount.offsetForRefFrame().size());
            picOrderCount.offsetForRefFrame().forEach(w::se);
        }
        w.ue(maxNumRefFrames).flag(gapsInFrameNumValueAllowed).ue(picWidthInMbsMinus1).ue(picHeightInMapUnitsMinus1)
                .flag(frameMbsOnly);
        if (!frameMbsOnly) {
            w.flag(mbAdaptiveFrameField);
        }
        w.flag(direct8x8Inference).flag(frameCropping != null);
        if (frameCropping != null) {
            w.ue(frameCropping.left()).ue(frameCropping.right()).ue(frameCropping.top()).ue(frameCropping.bottom());
        }
        w.flag(vui != null);
        if (vui != null) {
            writeVui(w, vui);
        }
        byte[] payload = RbspBits.escape(w.withTrailingBits());
        byte[] nal = new byte[1 + payload.length];
        nal[0] = (byte) nalHeader;
        System.arraycopy(payload, 0, nal, 1, payload.length);
        return nal;
    }

    private static void writeHighProfile(BitWriter w, HighProfile h) {
        w.ue(h.chromaFormatIdc());
        if (h.chromaFormatIdc() == 3) {
            w.flag(h.separateColourPlane());
        }
        w.ue(h.bitDepthLumaMinus8()).ue(h.bitDepthChromaMinus8()).flag(h.qpprimeYZeroTransformBypass())
                .flag(h.scalingLists() != null);
        if (h.scalingLists() != null) {
            for (ScalingList list : h.scalingLists()) {
                w.flag(list != null);
                if (list != null) {
                    list.deltaScales().forEach(w::se);
                }
            }
        }
    }

    private static void writeVui(BitWriter w, Vui v) {
        w.flag(v.aspectRatio() != null);
        if (v.aspectRatio() != null) {
            w.u(8, v.aspectRatio().idc());
            if (v.aspectRatio().idc() == AspectRatio.EXTENDED_SAR) {
                w.u(16, v.aspectRatio().sarWidth()).u(16, v.aspectRatio().sarHeight());
            }
        }
        w.flag(v.overscanAppropriate() != null);
        if (v.overscanAppropriate() != null) {
            w.flag(v.overscanAppropriate());
        }
        VideoSignalType s = v.videoSignalType();
        w.flag(s != null);
        if (s != null) {
            w.u(3, s.videoFormat()).flag(s.videoFullRange()).flag(s.colourDescription() != null);
            if (s.colourDescription() != null) {
                ColourDescription c = s.colourDescription();
                w.u(8, c.colourPrimaries()).u(8, c.transferCharacteristics()).u(8, c.matrixCoefficients());
            }
        }
        w.flag(v.chromaLocation() != null);
        if (v.chromaLocation() != null) {
            w.ue(v.chromaLocation().topField()).ue(v.chromaLocation().bottomField());
        }
        w.flag(v.timingInfo() != null);
        if (v.timingInfo() != null) {
            w.u(32, v.timingInfo().numUnitsInTick()).u(32, v.timingInfo().timeScale()).flag(v.timingInfo().fixedFrameRate());
        }
        for (Hrd hrd : Arrays.asList(v.nalHrd(), v.vclHrd())) { // nal_ then vcl_hrd_parameters_present_flag
            w.flag(hrd != null);
            if (hrd != null) {
                writeHrd(w, hrd);
            }
        }
        if (v.nalHrd() != null || v.vclHrd() != null) {
            w.flag(v.lowDelayHrd());
        }
        w.flag(v.picStructPresent()).flag(v.bitstreamRestriction() != null);
        BitstreamRestriction b = v.bitstreamRestriction();
        if (b != null) {
            w.flag(b.motionVectorsOverPicBoundaries()).ue(b.maxBytesPerPicDenom()).ue(b.maxBitsPerMbDenom())
                    .ue(b.log2MaxMvLengthHorizontal()).ue(b.log2MaxMvLengthVertical()).ue(b.maxNumReorderFrames())
                    .ue(b.maxDecFrameBuffering());
        }
    }

    private static void writeHrd(BitWriter w, Hrd h) {
        w.ue(h.cpbSpecs().size() - 1).u(4, h.bitRateScale()).u(4, h.cpbSizeScale());
        for (CpbSpec spec : h.cpbSpecs()) {
            w.ue(spec.bitRateValueMinus1()).ue(spec.cpbSizeValueMinus1()).flag(spec.cbr());
        }
        w.u(5, h.initialCpbRemovalDelayLengthMinus1()).u(5, h.cpbRemovalDelayLengthMinus1())
                .u(5, h.dpbOutputDelayLengthMinus1()).u(5, h.timeOffsetLength());
    }

    /** This SPS with its VUI replaced (null: none). */
    public H264Sps withVui(Vui newVui) {
        return new H264Sps(nalHeader, profileIdc, constraintFlags, levelIdc, seqParameterSetId, highProfile,
                log2MaxFrameNumMinus4, picOrderCount, maxNumRefFrames, gapsInFrameNumValueAllowed, picWidthInMbsMinus1,
                picHeightInMapUnitsMinus1, frameMbsOnly, mbAdaptiveFrameField, direct8x8Inference, frameCropping, newVui);
    }

    /** Whether the SPS tells a decoder how many frames it may have to hold back (bitstream_restriction_flag). */
    public boolean declaresReorderDepth() {
        return vui != null && vui.bitstreamRestriction() != null;
    }

    /**
     * This SPS declaring that no picture waits for a later one: bitstream_restriction_flag = 1,
     * max_num_reorder_frames = 0 and max_dec_frame_buffering = max_num_ref_frames (the least E.2.1
     * allows: "shall be greater than or equal to max_num_ref_frames"); the other restriction fields
     * take the values E.2.1 infers when they are absent, so they restrict nothing: motion vectors may
     * cross picture boundaries, max_bytes_per_pic_denom 2, max_bits_per_mb_denom 1, and
     * log2_max_mv_length_horizontal and _vertical 15. An SPS that already declares a restriction is
     * returned as it is: the camera said what it does.
     * <p>
     * Only true of a stream without B-frames (output order is decoding order), as the MSE path assumes.
     */
    public H264Sps withoutReorderDelay() {
        if (declaresReorderDepth()) {
            return this;
        }
        BitstreamRestriction none = new BitstreamRestriction(true, 2, 1, 15, 15, 0, maxNumRefFrames);
        return withVui((vui == null ? Vui.empty() : vui).with(none));
    }

    /**
     * The SPS NAL unit {@code nal} with {@link #withoutReorderDelay()} applied; {@code nal} itself when
     * it already declares its reordering, or when it cannot be read, or when reading and writing it does
     * not give back the very same bytes (so nothing this class does not understand is ever changed).
     */
    public static byte[] withoutReorderDelay(byte[] nal) {
        H264Sps sps;
        try {
            sps = parse(nal);
        } catch (IllegalArgumentException e) {
            return nal;
        }
        if (sps.declaresReorderDepth() || !Arrays.equals(sps.write(), nal)) {
            return nal;
        }
        return sps.withoutReorderDelay().write();
    }
}
