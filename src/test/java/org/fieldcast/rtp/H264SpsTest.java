package org.fieldcast.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class H264SpsTest {
    /** libx264 (ffmpeg 5.1, testsrc2 320x180, {@code -profile:v baseline -bf 0}): VUI with bitstream_restriction. */
    static final String X264_BASELINE = "6742c00cd901419f9f011000000300100000030320f142a480";
    /** The same, {@code -profile:v main}. */
    static final String X264_MAIN = "674d400cd901419f9f011000000300100000030320f142a480";
    /** The same, {@code -profile:v high -bf 0}: the High profile fields (chroma_format_idc ...). */
    static final String X264_HIGH = "6764000cacb202833f3e0220000003002000000641e28549";
    /** {@code -profile:v high} with B-frames: max_num_reorder_frames 2. */
    static final String X264_HIGH_B_FRAMES = "6764000cacd941419f9f011000000300100000030320f1429960";
    /** 1920x1080 High ({@code -x264-params cqm=jvt}, which x264 puts in the PPS): frame cropping. */
    static final String X264_HIGH_1080 = "67640028acb200f0044fcb80880000030008000003019078c19240";
    /** {@code -profile:v high444 -pix_fmt yuv444p}: chroma_format_idc 3. */
    static final String X264_HIGH_444 = "67f4000c919b282833f1b808800000030080000019078a14cb";
    /** 320x240 interlaced ({@code -flags +ildct+ilme -x264-params tff=1}): frame_mbs_only_flag 0. */
    static final String X264_INTERLACED = "67640015ace405043f2e0220000003002000000643e28549";
    /** A camera's sprop-parameter-sets (Main, level 4.1): VUI with timing, no bitstream_restriction. */
    static final String CAMERA_MAIN_VUI = hex(Base64.getDecoder().decode("Z00AKZpmA8ARPyzUBAQFAAADA+gAAOpgBA=="));

    /**
     * An SPS as many IP cameras send it: Main profile, 1920x1080, no VUI at all. Bit by bit, so that the
     * test does not read it with the code it tests.
     */
    static final String CAMERA_NO_VUI = bits(
            "0 11 00111", // forbidden_zero_bit, nal_ref_idc 3, nal_unit_type 7
            "01001101", "00000000", "00101000", // profile_idc 77, constraint flags, level_idc 40
            "1", // seq_parameter_set_id ue 0
            "1", // log2_max_frame_num_minus4 ue 0
            "1", "011", // pic_order_cnt_type 0, log2_max_pic_order_cnt_lsb_minus4 2
            "010", "0", // max_num_ref_frames 1, gaps_in_frame_num_value_allowed_flag
            "000000 1111000", "000000 1000100", // pic_width_in_mbs_minus1 119, pic_height_in_map_units_minus1 67
            "1", "1", // frame_mbs_only_flag, direct_8x8_inference_flag
            "1", "1", "1", "1", "00101", // frame_cropping_flag; left 0, right 0, top 0, bottom 4
            "0", // vui_parameters_present_flag
            "1 0000000"); // rbsp_stop_one_bit, rbsp_alignment_zero_bits

    /**
     * A High profile SPS with seq_scaling_matrix_present_flag: a 4x4 list that stops at once (delta_scale -8
     * makes nextScale 0: useDefaultScalingMatrixFlag) and a full 8x8 list of 64 delta_scale values.
     */
    static final String HIGH_SCALING_LISTS = bits(
            "0 11 00111", "01100100", "00000000", "00011110", // profile_idc 100, level_idc 30
            "1", "010", "1", "1", "0", // seq_parameter_set_id 0, chroma_format_idc 1, bit depths 0, bypass 0
            "1", // seq_scaling_matrix_present_flag
            "1", "000010001", // seq_scaling_list_present_flag[0], delta_scale -8
            "0 0 0 0 0", // lists 1 to 5 absent
            "1", "010", "1".repeat(63), // list 6 (Sl_8x8_Intra_Y): delta_scale 1, then 63 times 0
            "0", // list 7 absent
            "1", "011", "010", "0", // log2_max_frame_num_minus4 0, pic_order_cnt_type 2, max_num_ref_frames 1, gaps
            "000010100", "0001111", // pic_width_in_mbs_minus1 19, pic_height_in_map_units_minus1 14
            "1", "1", "0", "0", // frame_mbs_only_flag, direct_8x8_inference_flag, frame_cropping_flag, no VUI
            "1"); // rbsp_stop_one_bit, already byte-aligned

    /** {@link #CAMERA_NO_VUI} as the rewrite must make it: a VUI with only the bitstream restriction. */
    static final String CAMERA_NO_VUI_REWRITTEN = bits(
            "0 11 00111", "01001101", "00000000", "00101000", "1", "1", "1", "011", "010", "0",
            "000000 1111000", "000000 1000100", "1", "1", "1", "1", "1", "1", "00101",
            "1", // vui_parameters_present_flag
            "0 0 0 0 0", // aspect_ratio_info, overscan_info, video_signal_type, chroma_loc_info, timing_info
            "0 0", // nal_hrd_parameters_present_flag, vcl_hrd_parameters_present_flag
            "0", // pic_struct_present_flag
            "1", // bitstream_restriction_flag
            "1", // motion_vectors_over_pic_boundaries_flag
            "011", "010", // max_bytes_per_pic_denom 2, max_bits_per_mb_denom 1
            "000010000", "000010000", // log2_max_mv_length_horizontal 15, log2_max_mv_length_vertical 15
            "1", "010", // max_num_reorder_frames 0, max_dec_frame_buffering 1 (= max_num_ref_frames)
            "1 0"); // rbsp_stop_one_bit, rbsp_alignment_zero_bit

    static List<String> everySps() {
        return List.of(X264_BASELINE, X264_MAIN, X264_HIGH, X264_HIGH_B_FRAMES, X264_HIGH_1080, X264_HIGH_444,
                HIGH_SCALING_LISTS,
                X264_INTERLACED, CAMERA_MAIN_VUI, CAMERA_NO_VUI, CAMERA_NO_VUI_REWRITTEN);
    }

    static List<String> spsWithRestriction() {
        return List.of(X264_BASELINE, X264_HIGH, X264_HIGH_B_FRAMES, CAMERA_NO_VUI_REWRITTEN);
    }

    @ParameterizedTest
    @MethodSource("everySps")
    void writesBackEverySpsBitForBit(String hex) {
        byte[] nal = bytes(hex);
        assertEquals(hex, hex(H264Sps.parse(nal).write()));
    }

    @Test
    void readsTheFieldsOfACameraSpsWithoutVui() {
        H264Sps sps = H264Sps.parse(bytes(CAMERA_NO_VUI));
        assertEquals(77, sps.profileIdc());
        assertEquals(40, sps.levelIdc());
        assertNull(sps.highProfile());
        assertEquals(new H264Sps.PicOrderCount(0, 2, false, 0, 0, List.of()), sps.picOrderCount());
        assertEquals(1, sps.maxNumRefFrames());
        assertEquals(1920, 16 * (sps.picWidthInMbsMinus1() + 1));
        assertEquals(1088, 16 * (sps.picHeightInMapUnitsMinus1() + 1));
        assertEquals(new H264Sps.FrameCropping(0, 0, 0, 4), sps.frameCropping()); // 1080 lines: 4 x CropUnitY 2
        assertNull(sps.vui());
        assertFalse(sps.declaresReorderDepth());
    }

    @Test
    void readsTheHighProfileFieldsAndTheRestrictionX264Writes() {
        H264Sps high = H264Sps.parse(bytes(X264_HIGH_B_FRAMES));
        assertEquals(100, high.profileIdc());
        assertEquals(1, high.highProfile().chromaFormatIdc());
        assertNull(high.highProfile().scalingLists());
        assertEquals(2, high.vui().bitstreamRestriction().maxNumReorderFrames());
        assertTrue(high.vui().timingInfo() == null || high.vui().timingInfo().timeScale() > 0);

        assertEquals(new H264Sps.FrameCropping(0, 0, 0, 4), H264Sps.parse(bytes(X264_HIGH_1080)).frameCropping());

        List<H264Sps.ScalingList> lists = H264Sps.parse(bytes(HIGH_SCALING_LISTS)).highProfile().scalingLists();
        assertEquals(8, lists.size());
        assertEquals(new H264Sps.ScalingList(16, List.of(-8)), lists.get(0));
        assertNull(lists.get(1));
        assertEquals(64, lists.get(6).deltaScales().size());
        assertEquals(2, H264Sps.parse(bytes(HIGH_SCALING_LISTS)).picOrderCount().type());

        assertEquals(3, H264Sps.parse(bytes(X264_HIGH_444)).highProfile().chromaFormatIdc());
        H264Sps interlaced = H264Sps.parse(bytes(X264_INTERLACED));
        assertFalse(interlaced.frameMbsOnly());
    }

    @Test
    void givesACameraSpsWithoutVuiTheRestriction() {
        assertEquals(CAMERA_NO_VUI_REWRITTEN, hex(H264Sps.withoutReorderDelay(bytes(CAMERA_NO_VUI))));
        H264Sps.BitstreamRestriction r = H264Sps.parse(bytes(CAMERA_NO_VUI_REWRITTEN)).vui().bitstreamRestriction();
        assertEquals(new H264Sps.BitstreamRestriction(true, 2, 1, 15, 15, 0, 1), r);
    }

    @Test
    void addsTheRestrictionToAVuiThatLacksItKeepingTheRest() {
        H264Sps camera = H264Sps.parse(bytes(CAMERA_MAIN_VUI));
        assertNotNull(camera.vui());
        assertFalse(camera.declaresReorderDepth());

        H264Sps rewritten = H264Sps.parse(H264Sps.withoutReorderDelay(bytes(CAMERA_MAIN_VUI)));
        assertEquals(0, rewritten.vui().bitstreamRestriction().maxNumReorderFrames());
        assertEquals(camera.maxNumRefFrames(), rewritten.vui().bitstreamRestriction().maxDecFrameBuffering());
        assertEquals(camera.withVui(camera.vui().with(null)), rewritten.withVui(rewritten.vui().with(null)));
    }

    @ParameterizedTest
    @MethodSource("spsWithRestriction")
    void leavesAnSpsThatDeclaresItsReorderingAsItIs(String hex) {
        byte[] nal = bytes(hex);
        assertSame(nal, H264Sps.withoutReorderDelay(nal));
    }

    @Test
    void leavesWhatItCannotReadOrReproduceAsItIs() {
        byte[] truncated = bytes(CAMERA_NO_VUI.substring(0, 12));
        assertSame(truncated, H264Sps.withoutReorderDelay(truncated));
        byte[] pps = bytes("68ce3c80");
        assertSame(pps, H264Sps.withoutReorderDelay(pps));
        // a trailing zero byte (allowed after a NAL unit in a byte stream, not inside it) is not reproduced
        byte[] padded = bytes(CAMERA_NO_VUI + "00");
        assertSame(padded, H264Sps.withoutReorderDelay(padded));
        assertThrows(IllegalArgumentException.class, () -> H264Sps.parse(truncated));
    }

    @Test
    void escapesWhatWouldLookLikeAStartCode() {
        // CAMERA_MAIN_VUI holds emulation prevention bytes (00 00 03); they survive the rewrite's new tail
        assertTrue(CAMERA_MAIN_VUI.contains("000003"));
        byte[] rewritten = H264Sps.withoutReorderDelay(bytes(CAMERA_MAIN_VUI));
        assertTrue(hex(rewritten).startsWith(CAMERA_MAIN_VUI.substring(0, CAMERA_MAIN_VUI.indexOf("000003") + 6)));
        assertFalse(hex(rewritten).matches("(..)*00000[0-2].*"));
        assertArrayEquals(new byte[] {0, 0, 3, 1, 0, 0, 3, 0}, RbspBits.escape(new byte[] {0, 0, 1, 0, 0, 0}));
        assertArrayEquals(new byte[] {0, 0, 1, 0, 0, 0}, RbspBits.unescape(new byte[] {0, 0, 3, 1, 0, 0, 3, 0}, 0));
    }

    static String bits(String... fields) {
        String all = String.join("", fields).replace(" ", "");
        if (all.length() % 8 != 0) {
            throw new IllegalArgumentException("not whole bytes: " + all.length() + " bits");
        }
        byte[] b = new byte[all.length() / 8];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(all.substring(8 * i, 8 * i + 8), 2);
        }
        return hex(b);
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
