package org.fieldcast.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.fieldcast.fmp4.AvcSpsRewrite;
import org.fieldcast.fmp4.Fmp4Fixture;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.SampleFragment;
import org.junit.jupiter.api.Test;

/** On ffmpeg's own init segment and fragments (x264, SPS in-band too), made to look like a camera's. */
class Fmp4SpsTest {
    static final String INBAND = "/fmp4/testsrc-160x90-25fps-5frames-inband-sps.mp4";

    @Test
    void leavesX264sStreamAsItIsSinceItDeclaresItsReordering() {
        Fmp4Fixture x264 = Fmp4Fixture.parse(INBAND, 64 * 1024);
        assertSame(x264.inits.get(0), Fmp4Sps.withoutReorderDelay(x264.inits.get(0)));
        assertSame(x264.fragments.get(0), Fmp4Sps.withoutReorderDelay(x264.fragments.get(0)));
    }

    @Test
    void givesACameraLikeStreamTheSameRestrictedSpsInTheInitAndBeforeEachIdr() {
        Fmp4Fixture x264 = Fmp4Fixture.parse(INBAND, 64 * 1024);
        InitSegment cameraInit = AvcSpsRewrite.inInit(x264.inits.get(0), Fmp4SpsTest::withoutRestriction);
        Fragment cameraKeyframe = AvcSpsRewrite.inFragment(x264.fragments.get(0), Fmp4SpsTest::withoutRestriction);
        assertNull(H264Sps.parse(avcCSps(cameraInit)).vui().bitstreamRestriction());

        InitSegment init = Fmp4Sps.withoutReorderDelay(cameraInit);
        Fragment keyframe = Fmp4Sps.withoutReorderDelay(cameraKeyframe);

        H264Sps sps = H264Sps.parse(avcCSps(init));
        assertEquals(0, sps.vui().bitstreamRestriction().maxNumReorderFrames());
        assertEquals(sps.maxNumRefFrames(), sps.vui().bitstreamRestriction().maxDecFrameBuffering());
        assertArrayEquals(avcCSps(init), inBandSps(keyframe), "one SPS, in band and out");
        assertEquals(cameraInit.tracks(), init.tracks());
        assertSame(x264.fragments.get(1), Fmp4Sps.withoutReorderDelay(x264.fragments.get(1)));
    }

    @Test
    void rewritesAnAccessUnitBeforeItBecomesAFragment() {
        Fmp4Fixture x264 = Fmp4Fixture.parse(INBAND, 64 * 1024);
        Fragment cameraKeyframe = AvcSpsRewrite.inFragment(x264.fragments.get(0), Fmp4SpsTest::withoutRestriction);
        AccessUnit unit = new AccessUnit(90_000, true, mdatPayload(cameraKeyframe.bytes()));

        AccessUnit rewritten = Fmp4Sps.withoutReorderDelay(unit);

        assertNotSame(unit, rewritten);
        Fragment viaUnit = SampleFragment.of(1, 1, 0, 512, true, rewritten.nalUnits());
        Fragment viaFragment = Fmp4Sps.withoutReorderDelay(SampleFragment.of(1, 1, 0, 512, true, unit.nalUnits()));
        assertArrayEquals(viaUnit.bytes(), viaFragment.bytes());
        assertSame(rewritten, Fmp4Sps.withoutReorderDelay(rewritten));
    }

    @Test
    void leavesH265AsItIs() {
        Fmp4Fixture hevc = Fmp4Fixture.parse("/fmp4/testsrc-160x90-25fps-1s-hevc.mp4", 64 * 1024);
        assertSame(hevc.inits.get(0), Fmp4Sps.withoutReorderDelay(hevc.inits.get(0)));
    }

    @Test
    void passesAFragmentItCannotReadThrough() {
        Fragment odd = new Fragment(new byte[] {0, 0, 0, 8, 'f', 'r', 'e', 'e'}, 1, 0, 0, true, 1);
        assertSame(odd, Fmp4Sps.withoutReorderDelay(odd));
    }

    /** The reverse rewrite: an SPS as a camera that leaves bitstream_restriction out would send it. */
    static byte[] withoutRestriction(byte[] nal) {
        H264Sps sps = H264Sps.parse(nal);
        return sps.withVui(sps.vui().with(null)).write();
    }

    /** The avcC's first SPS: sequenceParameterSetLength 6 bytes into the record, the NAL unit after it. */
    static byte[] avcCSps(InitSegment init) {
        byte[] b = init.bytes();
        for (int i = 4; i + 4 <= b.length; i++) {
            if (b[i] == 'a' && b[i + 1] == 'v' && b[i + 2] == 'c' && b[i + 3] == 'C') {
                int length = ByteBuffer.wrap(b, i + 4 + 6, 2).getShort() & 0xFFFF;
                return Arrays.copyOfRange(b, i + 4 + 8, i + 4 + 8 + length);
            }
        }
        throw new AssertionError("no avcC");
    }

    /** The first SPS among the sample's length-prefixed NAL units. */
    static byte[] inBandSps(Fragment fragment) {
        byte[] sample = mdatPayload(fragment.bytes());
        for (int at = 0; at < sample.length; at += 4 + ByteBuffer.wrap(sample).getInt(at)) {
            if (H264Sps.isSps(new byte[] {sample[at + 4]})) {
                return Arrays.copyOfRange(sample, at + 4, at + 4 + ByteBuffer.wrap(sample).getInt(at));
            }
        }
        throw new AssertionError("no SPS in the sample");
    }

    static byte[] mdatPayload(byte[] fragment) {
        int mdat = ByteBuffer.wrap(fragment).getInt(0);
        return Arrays.copyOfRange(fragment, mdat + 8, fragment.length);
    }
}
