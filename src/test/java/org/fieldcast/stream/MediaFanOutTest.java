package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.fieldcast.fmp4.AvcSpsRewrite;
import org.fieldcast.fmp4.Fmp4Fixture;
import org.fieldcast.fmp4.Fmp4StreamParser;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.fmp4.SampleFragment;
import org.fieldcast.fmp4.TrackInfo;
import org.fieldcast.hls.HlsSegmenter;
import org.fieldcast.rtp.H264Sps;
import org.fieldcast.rtp.VideoRtpTap;

/** Which source the sub-second taps get: the proxy's RTP pictures when they come first, else ffmpeg's fragments. */
class MediaFanOutTest {
    private static final String SDP = "v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n";

    private final Recorded ffmpeg = Recorded.load();
    private final List<Fragment> tapped = new ArrayList<>();
    private final List<InitSegment> tappedInits = new ArrayList<>();
    private final MediaTaps taps = new MediaTaps();
    private final MediaFanOut fanOut = new MediaFanOut(new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7,
            Clock.systemUTC()), taps, () -> true);
    private final VideoRtpTap rtp = new VideoRtpTap("cam");
    private int seq;

    MediaFanOutTest() {
        taps.attach(new Fmp4StreamParser.Listener() {
            @Override
            public void onInit(InitSegment init) {
                tappedInits.add(init);
            }

            @Override
            public void onFragment(Fragment fragment) {
                tapped.add(fragment);
            }
        });
        rtp.described(SDP);
        rtp.setUp("rtsp://127.0.0.1/cam/trackID=1", "RTP/AVP/TCP;unicast;interleaved=0-1");
        fanOut.takeVideoFrom(rtp);
    }

    @Test
    void picturesFromRtpGoToTheTapsAndFfmpegsFragmentsOnlyToHls() {
        picture(0, true); // before ffmpeg's init: kept
        fanOut.onInit(ffmpeg.init);
        picture(3600, false);
        fanOut.onFragment(ffmpeg.fragments.get(0)); // the choice: RTP had a keyframe first
        picture(7200, false);
        fanOut.onFragment(ffmpeg.fragments.get(1));

        assertEquals(3, tapped.size(), "the three pictures, none of ffmpeg's fragments");
        assertEquals(1, tappedInits.size(), "one init per run, given once the source is chosen");
        assertTrue(tapped.get(0).independent());
        long frame = 3600 * ffmpeg.init.leadTrack().timescale() / 90_000; // RTP's 90 kHz in the track's timescale
        assertEquals(List.of(0L, frame, 2 * frame), tapped.stream().map(Fragment::decodeTime).toList());
        assertEquals(List.of(0L, frame, frame), tapped.stream().map(Fragment::duration).toList());
    }

    @Test
    void aStoppedRunsLateInitAndFragmentsNeverReachTheStreamsSegmenter() {
        // A run stopped just after it connected (the camera turned out to send AAC) may still write its
        // init while the next run writes its own: only the current run may feed the shared segmenter.
        HlsSegmenter shared = new HlsSegmenter(Duration.ofMillis(200), Duration.ofSeconds(1), 7, Clock.systemUTC());
        int[] feeding = {1};
        MediaFanOut stopped = new MediaFanOut(shared, new MediaTaps(), () -> feeding[0] == 1);
        MediaFanOut next = new MediaFanOut(shared, new MediaTaps(), () -> feeding[0] == 2);
        feeding[0] = 2;

        InitSegment late = new InitSegment(ffmpeg.init.bytes().clone(), ffmpeg.init.tracks()); // e.g. without the audio
        next.onInit(ffmpeg.init);
        stopped.onInit(late);
        stopped.onFragment(ffmpeg.fragments.get(0));
        ffmpeg.fragments.forEach(next::onFragment);

        assertTrue(shared.timeline().playable(), "the current run's media made the stream playable");
        assertSame(ffmpeg.init, shared.timeline().currentInit(), "the current run's init describes its segments");
        assertEquals(1, shared.timeline().inits().size(), "one run in the window, no discontinuity");
    }

    @Test
    void audioWrittenBeforeTheFirstKeyframeDoesNotDecide() {
        fanOut.onInit(ffmpeg.init);
        fanOut.onFragment(SampleFragment.of(1, 99, 0, 1024, true, new byte[] {1, 2})); // an audio track's frame
        picture(0, true);
        fanOut.onFragment(ffmpeg.fragments.get(0));

        assertEquals(1, tapped.size());
        assertTrue(tapped.get(0).independent() && tapped.get(0) != ffmpeg.fragments.get(0), "the RTP picture");
    }

    @Test
    void withoutRtpPicturesTheTapsGetFfmpegsFragments() {
        fanOut.onInit(ffmpeg.init);
        fanOut.onFragment(ffmpeg.fragments.get(0));
        picture(0, true); // too late: the run already chose ffmpeg
        fanOut.onFragment(ffmpeg.fragments.get(1));

        assertEquals(List.of(ffmpeg.fragments.get(0), ffmpeg.fragments.get(1)), tapped);
    }

    @Test
    void whenRtpGoesQuietTheTapsRestartOnFfmpegsNextKeyframe() {
        fanOut.onInit(ffmpeg.init);
        picture(0, true);
        fanOut.onFragment(ffmpeg.fragments.get(0));
        int rtpFragments = tapped.size();
        for (Fragment f : ffmpeg.fragments.subList(1, ffmpeg.fragments.size())) {
            fanOut.onFragment(f);
        }

        assertEquals(1, rtpFragments);
        assertEquals(2, tappedInits.size(), "a fresh init restarts the decoders on the new time line");
        Fragment firstFromFfmpeg = tapped.get(rtpFragments);
        assertTrue(firstFromFfmpeg.independent());
        assertTrue(ffmpeg.fragments.indexOf(firstFromFfmpeg) > 50, "after 2 s without RTP");
    }

    @Test
    void rtpPicturesAndTheirInitDeclareNoReorderDelayWhenTheCameraLeftItOut() {
        Camera camera = Camera.withoutBitstreamRestriction();
        fanOut.onInit(camera.init);
        picture(0, camera.keyframeNalUnits);
        fanOut.onFragment(camera.keyframe);

        assertEquals(1, tappedInits.size(), "one init per run: the rewritten one");
        H264Sps sps = H264Sps.parse(avcCSps(tappedInits.get(0)));
        assertEquals(0, sps.vui().bitstreamRestriction().maxNumReorderFrames());
        assertEquals(1, tapped.size());
        assertArrayEquals(avcCSps(tappedInits.get(0)), firstSps(mdatPayload(tapped.get(0).bytes())),
                "the keyframe's in-band SPS is the init's");
    }

    @Test
    void ffmpegsInitAndFragmentsReachTheTapsAsTheCameraSentThem() {
        Camera camera = Camera.withoutBitstreamRestriction();
        fanOut.onInit(camera.init);
        fanOut.onFragment(camera.keyframe);

        assertEquals(List.of(camera.init), tappedInits);
        assertSame(camera.keyframe, tapped.get(0));
        assertNull(H264Sps.parse(avcCSps(tappedInits.get(0))).vui().bitstreamRestriction());
    }

    @Test
    void ffmpegsAudioJoinsTheRtpPicturesTimeLineOnceOnePictureIsRecognisedInBoth() {
        Fmp4Fixture withAudio = Fmp4Fixture.parse("/fmp4/testsrc-160x90-25fps-1s-aac.mp4", 64 * 1024);
        InitSegment init = withAudio.inits.get(0);
        TrackInfo video = init.leadTrack();
        TrackInfo audio = init.tracks().stream().filter(t -> !t.isVideo()).findFirst().orElseThrow();
        List<Fragment> pictures = withAudio.fragments.stream().filter(f -> f.trackId() == video.trackId()).toList();
        List<Fragment> sounds = withAudio.fragments.stream().filter(f -> f.trackId() == audio.trackId()).toList();
        long rtpStart = 1_234_567_890L; // a camera's RTP clock starts anywhere; the tap counts from its first unit

        fanOut.onInit(init);
        picture(rtpStart, nalUnits(pictures.get(0)));
        picture(rtpStart + 3600, nalUnits(pictures.get(1)));
        fanOut.onFragment(sounds.get(0)); // before the choice: not for the taps
        fanOut.onFragment(pictures.get(1)); // the choice (RTP), and ffmpeg's picture 1 recognised as RTP's second
        picture(rtpStart + 7200, nalUnits(pictures.get(2)));
        Fragment sound = sounds.get(sounds.size() - 1);
        fanOut.onFragment(sound);

        long offset = 3600 * video.timescale() / 90_000 - pictures.get(1).decodeTime();
        List<Fragment> tappedAudio = tapped.stream().filter(f -> f.trackId() == audio.trackId()).toList();
        assertEquals(1, tappedAudio.size(), "audio from the moment the offset is known");
        assertEquals(sound.decodeTime() + Math.floorDiv(offset * audio.timescale(), video.timescale()),
                tappedAudio.get(0).decodeTime());
        assertEquals(tappedAudio.get(0).decodeTime(), readBack(init, tappedAudio.get(0)).decodeTime(), "in its tfdt");
        assertEquals(3, tapped.stream().filter(f -> f.trackId() == video.trackId()).count(), "the RTP pictures");
    }

    @Test
    void audioWaitsUntilAPictureIsRecognised() {
        Fmp4Fixture withAudio = Fmp4Fixture.parse("/fmp4/testsrc-160x90-25fps-1s-aac.mp4", 64 * 1024);
        InitSegment init = withAudio.inits.get(0);
        List<Fragment> pictures = withAudio.fragments.stream().filter(f -> f.trackId() == init.leadTrack().trackId()).toList();

        fanOut.onInit(init);
        picture(0, nalUnits(pictures.get(0)));
        fanOut.onFragment(pictures.get(3)); // a picture RTP never sent
        withAudio.fragments.stream().filter(f -> f.trackId() != init.leadTrack().trackId()).forEach(fanOut::onFragment);

        assertEquals(1, tapped.size(), "only the RTP picture");
    }

    private static Fragment readBack(InitSegment init, Fragment fragment) {
        Fragment[] read = new Fragment[1];
        Fmp4StreamParser parser = new Fmp4StreamParser(new Fmp4StreamParser.Listener() {
            @Override
            public void onInit(InitSegment i) {
            }

            @Override
            public void onFragment(Fragment f) {
                read[0] = f;
            }
        });
        parser.write(init.bytes(), 0, init.bytes().length);
        parser.write(fragment.bytes(), 0, fragment.bytes().length);
        return read[0];
    }

    private static List<byte[]> nalUnits(Fragment fragment) {
        byte[] sample = mdatPayload(fragment.bytes());
        List<byte[]> nalUnits = new ArrayList<>();
        for (int at = 0; at < sample.length; at += 4 + ByteBuffer.wrap(sample).getInt(at)) {
            nalUnits.add(Arrays.copyOfRange(sample, at + 4, at + 4 + ByteBuffer.wrap(sample).getInt(at)));
        }
        return nalUnits;
    }

    /** x264's init and first keyframe (SPS in band too), with the SPS a camera without bitstream_restriction sends. */
    private record Camera(InitSegment init, Fragment keyframe, List<byte[]> keyframeNalUnits) {
        static Camera withoutBitstreamRestriction() {
            Fmp4Fixture x264 = Fmp4Fixture.parse("/fmp4/testsrc-160x90-25fps-5frames-inband-sps.mp4", 64 * 1024);
            InitSegment init = AvcSpsRewrite.inInit(x264.inits.get(0), Camera::withoutRestriction);
            Fragment keyframe = AvcSpsRewrite.inFragment(x264.fragments.get(0), Camera::withoutRestriction);
            return new Camera(init, keyframe, nalUnits(keyframe));
        }

        private static byte[] withoutRestriction(byte[] nal) {
            H264Sps sps = H264Sps.parse(nal);
            return sps.withVui(sps.vui().with(null)).write();
        }
    }

    /** The avcC's first SPS: its length 6 bytes into the record, the NAL unit after it. */
    private static byte[] avcCSps(InitSegment init) {
        byte[] b = init.bytes();
        for (int i = 4; i + 4 <= b.length; i++) {
            if (b[i] == 'a' && b[i + 1] == 'v' && b[i + 2] == 'c' && b[i + 3] == 'C') {
                int length = ByteBuffer.wrap(b, i + 4 + 6, 2).getShort() & 0xFFFF;
                return Arrays.copyOfRange(b, i + 4 + 8, i + 4 + 8 + length);
            }
        }
        throw new AssertionError("no avcC");
    }

    private static byte[] firstSps(byte[] sample) {
        for (int at = 0; at < sample.length; at += 4 + ByteBuffer.wrap(sample).getInt(at)) {
            if (H264Sps.isSps(new byte[] {sample[at + 4]})) {
                return Arrays.copyOfRange(sample, at + 4, at + 4 + ByteBuffer.wrap(sample).getInt(at));
            }
        }
        throw new AssertionError("no SPS in the sample");
    }

    private static byte[] mdatPayload(byte[] fragment) {
        int moof = ByteBuffer.wrap(fragment).getInt(0);
        return Arrays.copyOfRange(fragment, moof + 8, fragment.length);
    }

    /** One access unit: each NAL unit a single-NAL RTP packet, the marker bit on the last. */
    private void picture(long timestamp, List<byte[]> nalUnits) {
        for (int n = 0; n < nalUnits.size(); n++) {
            byte[] nal = nalUnits.get(n);
            byte[] frame = new byte[4 + 12 + nal.length];
            frame[0] = '$';
            frame[2] = (byte) ((12 + nal.length) >> 8);
            frame[3] = (byte) (12 + nal.length);
            frame[4] = (byte) 0x80;
            frame[5] = (byte) ((n == nalUnits.size() - 1 ? 0x80 : 0) | 96);
            frame[6] = (byte) (seq >> 8);
            frame[7] = (byte) seq++;
            for (int i = 0; i < 4; i++) {
                frame[8 + i] = (byte) (timestamp >> (24 - 8 * i));
            }
            System.arraycopy(nal, 0, frame, 16, nal.length);
            rtp.interleaved(frame);
        }
    }

    /** One picture as a single-NAL RTP packet with the marker bit, in an interleaved frame on channel 0. */
    private void picture(long timestamp, boolean keyframe) {
        byte[] nal = {(byte) (keyframe ? 0x65 : 0x41), 1, 2, 3};
        byte[] frame = new byte[4 + 12 + nal.length];
        frame[0] = '$';
        frame[3] = (byte) (12 + nal.length);
        frame[4] = (byte) 0x80;
        frame[5] = (byte) (0x80 | 96);
        frame[6] = (byte) (seq >> 8);
        frame[7] = (byte) seq++;
        for (int i = 0; i < 4; i++) {
            frame[8 + i] = (byte) (timestamp >> (24 - 8 * i));
        }
        System.arraycopy(nal, 0, frame, 16, nal.length);
        rtp.interleaved(frame);
    }

    /** ffmpeg's output for a 4 s, 25 fps test picture with 1 s GOPs (see src/test/resources/fmp4). */
    private static final class Recorded implements Fmp4StreamParser.Listener {
        InitSegment init;
        final List<Fragment> fragments = new ArrayList<>();

        static Recorded load() {
            Recorded r = new Recorded();
            try (InputStream in = MediaFanOutTest.class.getResourceAsStream("/fmp4/testsrc-160x90-25fps-4s.mp4")) {
                byte[] all = in.readAllBytes();
                new Fmp4StreamParser(r).write(all, 0, all.length);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return r;
        }

        @Override
        public void onInit(InitSegment i) {
            init = i;
        }

        @Override
        public void onFragment(Fragment f) {
            fragments.add(f);
        }
    }
}
