package org.fieldcast.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a load-generating client needs from an LL-HLS media playlist: its segments with their parts
 * and program date-times, the open segment's parts so far. Sequence numbers are counted from
 * EXT-X-MEDIA-SEQUENCE, not read from URIs.
 */
record MediaPlaylistView(long mediaSequence, List<Segment> segments) {
    private static final Pattern DURATION = Pattern.compile("DURATION=([0-9.]+)");
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");

    record Part(long msn, int index, double seconds, String uri) {
    }

    /**
     * @param startEpochMillis program date-time of the segment's first frame (for the open segment, the
     *                         end of the one before)
     * @param complete false for the open segment at the live edge
     * @param discontinuity the segment starts a new ffmpeg run
     */
    record Segment(long msn, double startEpochMillis, double seconds, List<Part> parts, boolean complete, boolean discontinuity) {
        /** Wall-clock end of a part by the program date-time: when its last frame was made, roughly. */
        double partEndEpochMillis(int index) {
            double t = startEpochMillis;
            for (int i = 0; i <= index && i < parts.size(); i++) {
                t += parts.get(i).seconds() * 1000;
            }
            return t;
        }
    }

    /** The last few playlists parsed, by their text. */
    private static final Map<String, MediaPlaylistView> RECENT = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MediaPlaylistView> eldest) {
            return size() > 8;
        }
    });

    /**
     * {@link #parse}, once per distinct text: a new part answers hundreds of viewers' blocking reloads
     * with the same playlist, and the load generator shares the server's cores, so its parsing (dates,
     * regular expressions) would otherwise be counted in every viewer's delivery time.
     */
    static MediaPlaylistView parseShared(String text) {
        MediaPlaylistView view = RECENT.get(text);
        if (view == null) {
            view = parse(text);
            RECENT.put(text, view);
        }
        return view;
    }

    static MediaPlaylistView parse(String text) {
        long msn = 0;
        long first = 0;
        double pdt = Double.NaN;
        double lastEnd = Double.NaN;
        double extinf = 0;
        boolean discontinuity = false;
        List<Part> parts = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                msn = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                first = msn;
            } else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                pdt = Instant.parse(line.substring(line.indexOf(':') + 1).trim()).toEpochMilli();
            } else if (line.startsWith("#EXT-X-DISCONTINUITY") && !line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE")) {
                discontinuity = true;
            } else if (line.startsWith("#EXT-X-PART:")) {
                parts.add(new Part(msn, parts.size(), number(DURATION, line), attribute(line)));
            } else if (line.startsWith("#EXTINF:")) {
                extinf = Double.parseDouble(line.substring(8, line.indexOf(',')));
            } else if (line.startsWith("#EXT-X-SKIP:")) {
                throw new IllegalArgumentException("delta updates are not read here");
            } else if (!line.isBlank() && !line.startsWith("#")) {
                double start = Double.isNaN(pdt) ? lastEnd : pdt;
                segments.add(new Segment(msn, start, extinf, List.copyOf(parts), true, discontinuity));
                lastEnd = start + extinf * 1000;
                msn++;
                parts.clear();
                pdt = Double.NaN;
                discontinuity = false;
            }
        }
        segments.add(new Segment(msn, Double.isNaN(pdt) ? lastEnd : pdt, 0, List.copyOf(parts), false, discontinuity));
        return new MediaPlaylistView(first, segments);
    }

    Optional<Segment> segment(long msn) {
        return segments.stream().filter(s -> s.msn() == msn).findFirst();
    }

    Segment open() {
        return segments.get(segments.size() - 1);
    }

    private static double number(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String attribute(String line) {
        Matcher m = URI_ATTRIBUTE.matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("no URI in " + line);
        }
        return m.group(1);
    }
}
