package org.fieldcast.stream;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.fieldcast.fmp4.Fragment;
import org.fieldcast.fmp4.Mp4FormatException;
import org.fieldcast.fmp4.Mp4Rewrites;
import org.fieldcast.fmp4.TrackInfo;

/**
 * Puts ffmpeg's audio fragments on the time line of the pictures the taps get from RTP, for one run.
 * ffmpeg counts from its own start and RTP from the camera's timestamps, a constant apart within a run;
 * that offset is found by recognising one picture in both sources: ffmpeg's copy of a picture ends with the
 * same bytes as the access unit the proxy read (the last slice NAL unit's tail), so a few recent units'
 * (decode time, tail) are kept and each ffmpeg picture is looked up until one matches. Audio is shifted by
 * the offset, scaled from the video's timescale to the audio's; until the offset is known it is dropped,
 * since audio on the wrong time line would stall or desynchronise the player.
 * <p>
 * Written by hand: two sources' clocks meeting in one MSE buffer is this server's own arrangement.
 */
final class AudioAlignment {
    /** ffmpeg's copy of a picture trails the RTP unit by a few frame intervals: 32 covers more than a second. */
    private static final int RECENT = 32;
    /** Long enough to tell pictures apart: the tail of a compressed slice is as good as random. */
    private static final int TAIL = 32;

    private record Seen(long decodeTime, byte[] tail) {
    }

    private final Deque<Seen> recent = new ArrayDeque<>();
    private final TrackInfo video;
    private boolean known;
    /** RTP decode time minus ffmpeg's, in the video track's timescale. */
    private long offset;

    AudioAlignment(TrackInfo video) {
        this.video = video;
    }

    /** A picture the taps got from RTP: its decode time in the video track's timescale and its sample. */
    void rtpPicture(long decodeTime, byte[] sample) {
        if (known) {
            return;
        }
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(new Seen(decodeTime, tail(sample, 0, sample.length)));
    }

    /** One of ffmpeg's video fragments: if its picture is one of the recent RTP units, the offset is known. */
    void ffmpegPicture(Fragment fragment) {
        if (known || recent.isEmpty()) {
            return;
        }
        byte[] tail = tail(fragment.bytes(), sampleStart(fragment), fragment.bytes().length);
        for (Seen seen : recent) {
            if (Arrays.equals(seen.tail, tail)) {
                offset = seen.decodeTime - fragment.decodeTime();
                known = true;
                recent.clear();
                return;
            }
        }
    }

    boolean known() {
        return known;
    }

    /** RTP's decode time minus ffmpeg's, in the video track's timescale (once {@link #known()}). */
    long offset() {
        return offset;
    }

    /**
     * The audio fragment on the RTP time line, or null while the offset is unknown or when it would start
     * before zero.
     */
    Fragment shift(Fragment audio, TrackInfo audioTrack) {
        if (!known) {
            return null;
        }
        // Scaled as a whole (not per sample): the offset is fixed for the run, so rounding is too.
        long moved = audio.decodeTime() + Math.floorDiv(offset * audioTrack.timescale(), video.timescale());
        if (moved < 0) {
            return null;
        }
        try {
            return Mp4Rewrites.withDecodeTime(audio, moved);
        } catch (Mp4FormatException e) {
            return null;
        }
    }

    private static byte[] tail(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, Math.max(from, to - TAIL), to);
    }

    /** Where the mdat's payload starts: after the moof (its size first) and the mdat's 8-byte header. */
    private static int sampleStart(Fragment fragment) {
        return Math.min(fragment.bytes().length, ByteBuffer.wrap(fragment.bytes()).getInt(0) + 8);
    }
}
