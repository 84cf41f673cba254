package org.fieldcast.mjpeg.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldcast.http.ApiError;
import org.fieldcast.http.HeldRequestDeadlines;
import org.fieldcast.http.StatusException;
import org.fieldcast.limits.ClientAllowance;
import org.fieldcast.limits.ClientLimitException;
import org.fieldcast.limits.ClientLimits;
import org.fieldcast.mjpeg.FrameHub;
import org.fieldcast.mjpeg.JpegFrame;
import org.fieldcast.mjpeg.JpegProfile;
import org.fieldcast.mjpeg.JpegTaps;
import org.fieldcast.mjpeg.MjpegSettings;
import org.fieldcast.mjpeg.UnknownProfileException;
import org.fieldcast.mjpeg.MjpegViewer;
import org.fieldcast.stream.CameraStream;
import org.fieldcast.stream.CameraStreams;
import org.fieldcast.stream.StreamExecutors;
import org.fieldcast.stream.ViewerLease;
/**
 * {@code /mjpeg/{camera}/stream.mjpg}: the camera as {@code multipart/x-mixed-replace} JPEGs, each
 * part with {@code Content-Length} and {@code X-Frame-Time} (epoch ms when Fieldcast got it), written
 * with non-blocking I/O (no thread per viewer). {@code /mjpeg/{camera}/snapshot.jpg}: the latest
 * frame, or, when none is recent, the next one within {@code fieldcast.mjpeg.snapshot-timeout}.
 * Both take {@code ?profile=NAME}.
 */
@WebServlet(urlPatterns = "/mjpeg/*", asyncSupported = true)
public class MjpegServlet extends HttpServlet {
    private static final Pattern PATH = Pattern.compile("^/([a-z0-9][a-z0-9-]{0,63})/(stream\\.mjpg|snapshot\\.jpg)$");
    private static final String NO_STORE = "no-store, no-cache, must-revalidate";

    @Inject
    CameraStreams streams;

    @Inject
    JpegTaps jpegs;

    @Inject
    MjpegSettings settings;

    @Inject
    ClientLimits limits;

    @Resource(lookup = StreamExecutors.TIMERS)
    ManagedScheduledExecutorService scheduler;

    private HeldRequestDeadlines deadlines;

    @Override
    public void init() {
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
            ApiError.send(response, 404, "no such MJPEG resource (stream.mjpg or snapshot.jpg)");
            return;
        }
        try {
            JpegProfile profile = settings.profiles().resolve(request.getParameter("profile"));
            CameraStream stream = streams.stream(m.group(1));
            FrameHub hub = jpegs.of(stream.camera().id()).hub(profile);
            if (m.group(2).equals("stream.mjpg")) {
                stream(request, response, hub, stream);
            } else {
                snapshot(request, response, stream, hub);
            }
        } catch (UnknownProfileException e) {
            ApiError.send(response, 400, e.getMessage());
        } catch (StatusException e) { // no such camera (404), or its stream cannot start (503)
            ApiError.send(response, e.status(), e.getMessage());
        }
    }

    /** HEAD of a stream would otherwise hold a viewer open with nowhere to write. */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.endsWith("/stream.mjpg") && PATH.matcher(path).matches()) {
            response.setContentType("multipart/x-mixed-replace; boundary=" + JpegFrame.BOUNDARY);
            response.setHeader("Cache-Control", NO_STORE);
        } else {
            super.doHead(request, response);
        }
    }

    /**
     * A client address may keep {@code fieldcast.limits.mjpeg-streams} streams open and
     * {@code fieldcast.limits.transcoders} transcoders busy; beyond either it gets 429 with
     * {@code Retry-After}, before the stream's pull is started for it.
     */
    private void stream(HttpServletRequest request, HttpServletResponse response, FrameHub hub, CameraStream stream)
            throws IOException {
        String client = request.getRemoteAddr();
        ClientAllowance.Grant held;
        try {
            held = limits.mjpegStreams().acquire(client)
                    .and(() -> limits.transcoders().acquire(client, ClientLimits.transcoder(hub.cameraId(), hub.profile().name())));
        } catch (ClientLimitException e) {
            ApiError.send(response, 429, e.getMessage());
            response.setHeader("Retry-After", e.retryAfterHeader());
            return;
        }
        ViewerLease lease = null;
        try {
            lease = stream.lease();
            ViewerLease viewing = lease;
            response.setContentType("multipart/x-mixed-replace; boundary=" + JpegFrame.BOUNDARY);
            response.setHeader("Cache-Control", NO_STORE);
            response.setHeader("X-Accel-Buffering", "no"); // a reverse proxy must pass each part on at once
            AsyncContext async = request.startAsync();
            async.setTimeout(0); // as long as the viewer stays
            MjpegViewer viewer = new MjpegViewer(async, response.getOutputStream(), self -> {
                hub.unsubscribe(self);
                viewing.close();
                held.close();
            });
            async.addListener(viewer);
            response.getOutputStream().setWriteListener(viewer);
            hub.subscribe(viewer);
        } catch (IOException | RuntimeException e) {
            if (lease != null) {
                lease.close();
            }
            held.close();
            throw e;
        }
    }

    private void snapshot(HttpServletRequest request, HttpServletResponse response, CameraStream stream, FrameHub hub)
            throws IOException {
        JpegFrame latest = hub.latest().orElse(null);
        if (latest != null) {
            stream.watch(); // a snapshot reader is a viewer too: the pull's idle timer restarts
            writeJpeg(response, latest);
            return;
        }
        // A waiting snapshot is a held request, and it keeps a transcoder busy until its picture comes:
        // counted against the client's allowances like held HLS requests and MJPEG streams.
        String client = request.getRemoteAddr();
        ClientAllowance.Grant held;
        try {
            held = limits.heldRequests().acquire(client)
                    .and(() -> limits.transcoders().acquire(client, ClientLimits.transcoder(hub.cameraId(), hub.profile().name())));
        } catch (ClientLimitException e) {
            response.setHeader("Retry-After", e.retryAfterHeader());
            ApiError.send(response, 429, e.getMessage());
            return;
        }
        ViewerLease lease;
        try {
            lease = stream.lease(); // starts the pull if it is idle
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(settings.snapshotTimeout().toMillis() + 5000); // the timer below answers first
        CompletableFuture<JpegFrame> next = hub.nextFrame();
        deadlines.add(next, settings.snapshotTimeout());
        next.whenComplete((frame, failure) -> {
            lease.close();
            held.close();
            async.start(() -> answer(async, response, frame, stream)); // a container thread writes, not the transcoder's
        });
    }

    private static void answer(AsyncContext async, HttpServletResponse response, JpegFrame frame, CameraStream stream) {
        try {
            if (frame != null) {
                writeJpeg(response, frame);
            } else {
                String reason = stream.status().reason();
                ApiError.send(response, 503, "no picture from camera '" + stream.camera().id() + "' in time"
                        + (reason == null ? "" : ": " + reason));
            }
        } catch (IOException e) {
            // the client left while it waited
        } finally {
            async.complete();
        }
    }

    private static void writeJpeg(HttpServletResponse response, JpegFrame frame) throws IOException {
        response.setContentType("image/jpeg");
        response.setContentLength(frame.jpeg().length);
        response.setHeader("Cache-Control", NO_STORE);
        response.setHeader("X-Frame-Time", Long.toString(frame.epochMillis()));
        response.getOutputStream().write(frame.jpeg());
    }
}
