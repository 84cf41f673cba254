package org.fieldcast.hls.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldcast.fmp4.InitSegment;
import org.fieldcast.hls.HlsSegmenters;
import org.fieldcast.hls.HlsSettings;
import org.fieldcast.hls.HlsWindow;
import org.fieldcast.hls.MediaPlaylist;
import org.fieldcast.hls.MultivariantPlaylist;
import org.fieldcast.hls.Part;
import org.fieldcast.hls.RenderedPlaylists;
import org.fieldcast.hls.Timeline;
import org.fieldcast.http.ApiError;
import org.fieldcast.http.HeldRequestDeadlines;
import org.fieldcast.http.StatusException;
import org.fieldcast.limits.ClientAllowance;
import org.fieldcast.limits.ClientLimitException;
import org.fieldcast.limits.ClientLimits;
import org.fieldcast.limits.WatchedCameras;
import org.fieldcast.stream.CameraStreams;
import org.fieldcast.stream.StreamExecutors;
/**
 * Serves a camera's HLS from memory: {@code /hls/{camera}/index.m3u8} (multivariant),
 * {@code stream.m3u8} (media playlist, with blocking reload), {@code init-G.mp4}, {@code seg-M.m4s}
 * and {@code part-N.m4s} (parts are numbered through the whole stream). Waiting requests are held with Servlet async: no thread waits.
 */
@WebServlet(urlPatterns = "/hls/*", asyncSupported = true)
public class HlsServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(HlsServlet.class.getName());
    /** Numbers of at most 9 and 18 digits: every one fits an int and a long, so no name fails to parse. */
    private static final Pattern PATH = Pattern.compile("^/([a-z0-9][a-z0-9-]{0,63})/(index\\.m3u8|stream\\.m3u8|init-(\\d{1,9})\\.mp4|seg-(\\d{1,18})\\.m4s|part-(\\d{1,18})\\.m4s)$");
    private static final String PLAYLIST = "application/vnd.apple.mpegurl";
    /** Parts, segments and init segments never change once served: their URIs are never reused. */
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @Inject
    HlsSettings settings;

    @Inject
    HlsSegmenters segmenters;

    @Inject
    CameraStreams streams;

    @Inject
    ClientLimits limits;

    @Inject
    WatchedCameras watched;

    @Resource(lookup = StreamExecutors.TIMERS)
    ManagedScheduledExecutorService scheduler;

    private RenderedPlaylists mediaPlaylists;
    private HeldRequestDeadlines deadlines;

    @Override
    public void init() {
        mediaPlaylists = new RenderedPlaylists(new MediaPlaylist(settings.partHoldBack()));
        deadlines = HeldRequestDeadlines.sweptOn(scheduler);
    }

    @Override
    public void destroy() {
        deadlines.stop();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher m = PATH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!m.matches()) {
            ApiError.send(response, 404, "no such HLS resource");
            return;
        }
        HlsWindow window;
        try {
            // Address and user agent tell players apart well enough to count viewers.
            window = segmenters.of(streams.stream(m.group(1)).watch(request.getRemoteAddr() + " " + request.getHeader("User-Agent")));
        } catch (StatusException e) { // no such camera (404), or its stream cannot start (503)
            ApiError.send(response, e.status(), e.getMessage());
            return;
        }
        String file = m.group(2);
        if (file.equals("index.m3u8")) {
            hold(request, response, window, Timeline::playable, settings.startTimeout(),
                    t -> text(response, MultivariantPlaylist.render(t.currentInit(), MultivariantPlaylist.peakBandwidth(t))));
        } else if (file.equals("stream.m3u8")) {
            mediaPlaylist(request, response, window);
        } else if (m.group(3) != null) {
            InitSegment init = window.timeline().inits().get(Integer.parseInt(m.group(3)));
            if (init == null) {
                ApiError.send(response, 404, "init segment " + m.group(3) + " is not in the window");
            } else {
                media(response, List.of(init.bytes()));
            }
        } else if (m.group(4) != null) {
            segment(request, response, window, Long.parseLong(m.group(4)));
        } else {
            part(request, response, window, Long.parseLong(m.group(5)));
        }
    }

    /** RFC 8216bis 6.2.5.2: _HLS_msn / _HLS_part hold the request until that part exists. */
    private void mediaPlaylist(HttpServletRequest request, HttpServletResponse response, HlsWindow window) throws IOException {
        Long msn;
        Integer part;
        try {
            msn = optionalLong(request.getParameter("_HLS_msn"));
            Long p = optionalLong(request.getParameter("_HLS_part"));
            part = p == null ? null : Math.toIntExact(p);
        } catch (NumberFormatException | ArithmeticException e) {
            ApiError.send(response, 400, "_HLS_msn and _HLS_part must be whole numbers");
            return;
        }
        if (part != null && msn == null) {
            ApiError.send(response, 400, "_HLS_part needs _HLS_msn");
            return;
        }
        boolean skip = request.getParameter("_HLS_skip") != null;
        Timeline now = window.timeline();
        if (msn != null && now.playable() && msn > now.openMsn() + 1) {
            // "If the _HLS_msn is greater than the Media Sequence Number of the last Media Segment in the
            // current Playlist plus two, the server SHOULD immediately return Bad Request."
            ApiError.send(response, 400, "_HLS_msn " + msn + " is too far ahead of the live edge " + now.openMsn());
            return;
        }
        Predicate<Timeline> ready = msn == null ? Timeline::playable
                : t -> t.playable() && (part == null ? t.openMsn() > msn : t.hasPartOrLater(msn, part));
        Duration wait = msn == null ? settings.startTimeout() : Duration.ofSeconds(3L * Math.max(1, now.targetDuration()));
        hold(request, response, window, ready, wait,
                t -> text(response, mediaPlaylists.render(t, skip ? MediaPlaylist.skippable(t) : 0)));
    }

    private void segment(HttpServletRequest request, HttpServletResponse response, HlsWindow window, long msn) throws IOException {
        Timeline t = window.timeline();
        if (t.segment(msn).isEmpty() && msn != t.openMsn()) {
            ApiError.send(response, 404, "segment " + msn + " is not in the window");
            return;
        }
        hold(request, response, window, tl -> tl.segment(msn).isPresent() || tl.firstMsn() > msn,
                Duration.ofSeconds(3L * Math.max(1, t.targetDuration())),
                tl -> media(response, tl.segment(msn).map(s -> s.parts().stream().map(Part::bytes).toList()).orElse(null)));
    }

    /** A part that does not exist yet is held until complete when it is the one the preload hint announced. */
    private void part(HttpServletRequest request, HttpServletResponse response, HlsWindow window, long id) throws IOException {
        Timeline t = window.timeline();
        if (t.partById(id).isEmpty() && id != t.nextPartId()) {
            ApiError.send(response, 404, "part " + id + " is not in the window");
            return;
        }
        hold(request, response, window, tl -> tl.nextPartId() > id,
                Duration.ofSeconds(3L * Math.max(1, t.targetDuration())),
                tl -> media(response, tl.partById(id).map(p -> List.of(p.bytes())).orElse(null)));
    }

    /**
     * Answers at once when the condition already holds; otherwise holds the request asynchronously
     * until it does (503 after {@code wait}), and writes the answer on a container thread, never on
     * the camera's pump thread. A client address may have {@code fieldcast.limits.held-requests} held
     * at once; beyond that it gets 429 with {@code Retry-After}.
     */
    private void hold(HttpServletRequest request, HttpServletResponse response, HlsWindow window,
                      Predicate<Timeline> condition, Duration wait, Answer answer) throws IOException {
        String client = request.getRemoteAddr();
        String path = request.getPathInfo(); // "/camera/file": matched by PATH
        watched.seen(client, path.substring(1, path.indexOf('/', 1))); // this address plays the camera: its telemetry counts
        CompletableFuture<Timeline> ready = window.await(condition);
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            answer.write(ready.join());
            return;
        }
        ClientAllowance.Grant held;
        try {
            held = limits.heldRequests().acquire(client);
        } catch (ClientLimitException e) {
            ready.cancel(false); // nobody waits for it any more
            ApiError.send(response, 429, e.getMessage());
            response.setHeader("Retry-After", e.retryAfterHeader());
            return;
        }
        ready.whenComplete((t, error) -> held.close()); // the wait is over, whichever way it ended
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // bounded by our own deadline below
        deadlines.add(ready, wait);
        ready.whenComplete((t, error) -> {
            async.start(() -> {
                try {
                    if (error == null) {
                        answer.write(t);
                    } else {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        ApiError.send(response, 503, cause instanceof TimeoutException
                                ? "not available within " + wait.toMillis() + " ms" : cause.getMessage());
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "HLS response not delivered", e);
                } finally {
                    async.complete();
                }
            });
        });
    }

    private static void text(HttpServletResponse response, String playlist) throws IOException {
        byte[] bytes = playlist.getBytes(StandardCharsets.UTF_8);
        response.setContentType(PLAYLIST);
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void media(HttpServletResponse response, List<byte[]> chunks) throws IOException {
        if (chunks == null) {
            ApiError.send(response, 404, "no longer in the window");
            return;
        }
        response.setContentType("video/mp4");
        response.setHeader("Cache-Control", IMMUTABLE);
        response.setContentLengthLong(chunks.stream().mapToLong(c -> c.length).sum());
        OutputStream out = response.getOutputStream();
        for (byte[] c : chunks) {
            out.write(c);
        }
    }

    /** Absent, or a whole number from 0: sequence numbers and part indexes are never negative. */
    private static Long optionalLong(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        long n = Long.parseLong(value);
        if (n < 0) {
            throw new NumberFormatException("negative");
        }
        return n;
    }

    @FunctionalInterface
    private interface Answer {
        void write(Timeline timeline) throws IOException;
    }
}
