package org.fieldcast.mjpeg;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain client of {@code stream.mjpg}: reads the multipart stream part by part, by each part's
 * Content-Length, as any MJPEG client does. Not thread-safe; one per connection.
 */
final class MjpegClient implements AutoCloseable {

    /** One part: its headers (lower-case names), its JPEG, and when it was read here. */
    record Part(Map<String, String> headers, byte[] jpeg, long receivedMillis, long receivedNanos) {
        long frameTime() {
            return Long.parseLong(headers.get("x-frame-time"));
        }
    }

    private final Runnable onClose;
    private final InputStream in;
    private final String boundary;

    private MjpegClient(Runnable onClose, InputStream in, String boundary) {
        this.onClose = onClose;
        this.in = in;
        this.boundary = boundary;
    }

    /** Reads parts from any multipart stream, e.g. an ffmpeg or GStreamer relay's standard output. */
    static MjpegClient of(InputStream in, String boundary, Runnable onClose) {
        return new MjpegClient(onClose, new BufferedInputStream(in, 256 * 1024), boundary);
    }

    /** Connects and reads the response head; the body is left unread until {@link #next()}. */
    static MjpegClient open(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(20000);
        int status = c.getResponseCode();
        if (status != 200) {
            String body = new String(c.getErrorStream() == null ? new byte[0] : c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            c.disconnect();
            throw new IOException("HTTP " + status + ": " + body);
        }
        String type = c.getContentType();
        if (type == null || !type.startsWith("multipart/x-mixed-replace") || !type.contains("boundary=")) {
            c.disconnect();
            throw new IOException("not a multipart stream: " + type);
        }
        return new MjpegClient(c::disconnect, new BufferedInputStream(c.getInputStream(), 256 * 1024),
                type.substring(type.indexOf("boundary=") + "boundary=".length()).trim());
    }

    /** The next part; blocks until it has arrived whole. */
    Part next() throws IOException {
        String line = line();
        while (line.isEmpty() || line.equals("--" + boundary)) {
            line = line();
        }
        Map<String, String> headers = new HashMap<>();
        for (; !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] jpeg = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        return new Part(headers, jpeg, System.currentTimeMillis(), System.nanoTime());
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the stream ended");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
