package org.fieldcast.bench;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Java LL-HLS viewer for load: blocking playlist reloads ({@code _HLS_msn}/{@code _HLS_part}) for
 * the next part, then every new part fetched, in order, from the live edge on. No decoding. It notes
 * each part's arrival, the parts it lost (fell out of the playlist's part window before it got them,
 * or 404) and gaps in the program date-times (frames the server never had).
 * Asynchronous, on a keep-alive connection of its own, as a player has: hundreds of clients share
 * one {@link LoopbackHttp} selector thread.
 */
final class LlHlsClient {
    private static final double GAP_MILLIS = 60; // more than a frame at 25 fps

    /** Told of every part that arrived complete. */
    interface Arrivals {
        void part(long msn, int index, long arrivedNanos, double arrivedEpochMillis, double partEndEpochMillis, int bytes);
    }

    record Outcome(long parts, long lostParts, long errors, long dateTimeGaps, long bytes, String lastError) {
    }

    private final ViewerTransport http;
    private final URI playlist;
    private final Arrivals arrivals;
    private final Set<Long> checkedSegments = new HashSet<>();
    private long deadlineNanos;
    private long cursorMsn = -1;
    private int cursorPart;
    private long parts;
    private long lost;
    private long errors;
    private long gaps;
    private long bytes;
    private String lastError = "";

    LlHlsClient(ViewerTransport http, URI playlist, Arrivals arrivals) {
        this.http = http;
        this.playlist = playlist;
        this.arrivals = arrivals;
    }

    /** Plays until the deadline (System.nanoTime()); the future completes then. */
    CompletableFuture<Outcome> run(long untilNanos) {
        deadlineNanos = untilNanos;
        return reload(playlist).thenApply(x -> new Outcome(parts, lost, errors, gaps, bytes, lastError));
    }

    private CompletableFuture<Void> reload(URI uri) {
        if (System.nanoTime() > deadlineNanos) {
            return CompletableFuture.completedFuture(null);
        }
        return http.get(target(uri), true)
                .handle((response, failure) -> {
                    if (failure != null || response.status() != 200) {
                        return failed(failure != null ? failure.toString() : "playlist " + response.status());
                    }
                    return fetchFrom(MediaPlaylistView.parseShared(response.text()));
                })
                .thenCompose(next -> next);
    }

    private CompletableFuture<Void> failed(String why) {
        errors++;
        lastError = why;
        // Start over from a plain playlist after a pause, as players do.
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
                .thenCompose(x -> reload(playlist));
    }

    /** Fetches what the playlist offers from the cursor on, then blocks for the next part. */
    private CompletableFuture<Void> fetchFrom(MediaPlaylistView view) {
        checkDateTimes(view);
        if (cursorMsn < 0) {
            cursorMsn = view.open().msn(); // join at the live edge: the part the server will make next
            cursorPart = view.open().parts().size();
        }
        while (true) {
            var segment = view.segment(cursorMsn);
            if (segment.isEmpty() && cursorMsn < view.mediaSequence()) {
                lost += Math.round((view.mediaSequence() - cursorMsn) * 5.0); // whole segments gone; 5 parts each, roughly
                cursorMsn = view.mediaSequence();
                cursorPart = 0;
                continue;
            }
            if (segment.isEmpty()) {
                break;
            }
            var s = segment.get();
            if (cursorPart < s.parts().size()) {
                MediaPlaylistView.Part part = s.parts().get(cursorPart);
                return fetchPart(part, s).thenCompose(x -> fetchFrom(view));
            }
            if (s.complete() && s.parts().isEmpty()) {
                lost += Math.max(1, Math.round(s.seconds() / 0.2)) - cursorPart; // left the part window before we got there
                cursorMsn++;
                cursorPart = 0;
                continue;
            }
            if (s.complete()) {
                cursorMsn++;
                cursorPart = 0;
                continue;
            }
            break;
        }
        return reload(playlist.resolve(playlist.getPath() + "?_HLS_msn=" + cursorMsn + "&_HLS_part=" + cursorPart));
    }

    private CompletableFuture<Void> fetchPart(MediaPlaylistView.Part part, MediaPlaylistView.Segment segment) {
        cursorPart++;
        return http.get(target(playlist.resolve(part.uri())), false)
                .handle((response, failure) -> {
                    if (failure != null) {
                        errors++;
                        lastError = failure.toString();
                        lost++;
                    } else if (response.status() != 200) {
                        lost++;
                        lastError = part.uri() + ": " + response.status();
                    } else {
                        parts++;
                        bytes += response.length();
                        arrivals.part(part.msn(), part.index(), response.arrivedNanos(), System.currentTimeMillis(),
                                segment.partEndEpochMillis(part.index()), (int) response.length());
                    }
                    return null;
                });
    }

    /** A complete segment that starts later than the one before it ends lacks frames the camera sent. */
    private void checkDateTimes(MediaPlaylistView view) {
        var segments = view.segments();
        for (int i = 1; i < segments.size(); i++) {
            var before = segments.get(i - 1);
            var s = segments.get(i);
            if (!s.complete() || s.discontinuity() || !checkedSegments.add(s.msn())) {
                continue;
            }
            if (s.startEpochMillis() - (before.startEpochMillis() + before.seconds() * 1000) > GAP_MILLIS) {
                gaps++;
            }
        }
    }

    private static String target(URI uri) {
        return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
