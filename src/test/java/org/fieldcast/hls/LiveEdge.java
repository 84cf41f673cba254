package org.fieldcast.hls;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a media playlist's live edge is, worked out as an LL-HLS player does: the segment being
 * built (media sequence plus complete segments), the next part's index in it, and the hinted URI.
 */
public record LiveEdge(long msn, int nextPart, String hintedUri) {
    private static final Pattern SEQUENCE = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)");
    private static final Pattern HINT = Pattern.compile("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"([^\"]+)\"");

    public static LiveEdge of(String playlist) {
        Matcher sequence = SEQUENCE.matcher(playlist);
        Matcher hint = HINT.matcher(playlist);
        if (!sequence.find() || !hint.find()) {
            throw new AssertionError("not an LL-HLS media playlist:\n" + playlist);
        }
        String afterLastSegment = playlist.substring(Math.max(0, playlist.lastIndexOf("#EXTINF")));
        long segments = playlist.lines().filter(l -> l.startsWith("#EXTINF")).count();
        int parts = (int) afterLastSegment.lines().filter(l -> l.startsWith("#EXT-X-PART:")).count();
        if (segments == 0) {
            parts = (int) playlist.lines().filter(l -> l.startsWith("#EXT-X-PART:")).count();
        }
        return new LiveEdge(Long.parseLong(sequence.group(1)) + segments, parts, hint.group(1));
    }

    /** The blocking reload that returns once the next part exists. */
    public String blockingReload() {
        return "stream.m3u8?_HLS_msn=" + msn + "&_HLS_part=" + nextPart;
    }
}
