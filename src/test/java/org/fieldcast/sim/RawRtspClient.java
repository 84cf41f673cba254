package org.fieldcast.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal RTSP client over a plain socket, to see exactly what the camera puts on the wire. */
final class RawRtspClient implements AutoCloseable {
    private final String user;
    private final String password;
    private final Socket socket;
    private final RtspWireReader reader;
    private int cseq;
    private String session;
    private String nonce;
    String lastReply = "";

    RawRtspClient(int port, String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        reader = new RtspWireReader(socket.getInputStream());
    }

    void play(String url) throws IOException {
        request("DESCRIBE", url, "Accept: application/sdp\r\n");
        if (lastReply.startsWith("RTSP/1.0 401")) {
            Matcher m = Pattern.compile("nonce=\"([^\"]+)\"").matcher(lastReply);
            assertTrue(m.find(), lastReply);
            nonce = m.group(1);
            request("DESCRIBE", url, "Accept: application/sdp\r\n");
        }
        assertTrue(lastReply.startsWith("RTSP/1.0 200"), lastReply);
        assertTrue(lastReply.contains("a=rtpmap:35 H264/90000"), lastReply);
        String base = RtspConnection.contentBase(url);
        request("SETUP", base + "trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
        assertTrue(lastReply.startsWith("RTSP/1.0 200"), lastReply);
        Matcher s = Pattern.compile("Session: ([^;\\r]+)").matcher(lastReply);
        assertTrue(s.find(), lastReply);
        session = s.group(1);
        request("PLAY", base, "Range: npt=0.000-\r\n");
        assertTrue(lastReply.startsWith("RTSP/1.0 200"), lastReply);
    }

    /** Sends a request and returns the reply's head and body; media frames in between are skipped. */
    String request(String method, String url, String headers) throws IOException {
        StringBuilder r = new StringBuilder(method + " " + url + " RTSP/1.0\r\nCSeq: " + (++cseq) + "\r\n" + headers);
        if (session != null) {
            r.append("Session: ").append(session).append("\r\n");
        }
        if (nonce != null) {
            String response = CameraAuthenticator.digestResponse(user, password, method, url, nonce, null, null, null);
            r.append("Authorization: Digest username=\"").append(user).append("\", realm=\"")
                    .append(CameraAuthenticator.REALM).append("\", nonce=\"").append(nonce).append("\", uri=\"")
                    .append(url).append("\", response=\"").append(response).append("\"\r\n");
        }
        socket.getOutputStream().write(r.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        lastReply = readReply();
        return lastReply;
    }

    /** The server's replies parse like requests whose "method" is RTSP/1.0. */
    private String readReply() throws IOException {
        while (true) {
            RtspInbound message = reader.next();
            if (message instanceof RtspRequest reply) {
                StringBuilder text = new StringBuilder(reply.method() + " " + reply.uri() + " " + reply.version() + "\r\n");
                reply.headers().forEach((k, v) -> text.append(k).append(": ").append(v).append("\r\n"));
                return text.append("\r\n").append(new String(reply.body(), StandardCharsets.UTF_8)).toString();
            }
            if (message == null) {
                throw new IOException("connection closed");
            }
        }
    }

    byte[] nextFrame(int channel) throws IOException {
        while (true) {
            RtspInbound message = reader.next();
            if (message instanceof InterleavedFrame frame && frame.channel() == channel) {
                return frame.data();
            }
            if (message == null) {
                throw new IOException("connection closed");
            }
        }
    }

    /** Reads away whatever was already on its way before a switch took effect. */
    void skipQueued() throws IOException {
        socket.setSoTimeout(500);
        try {
            while (reader.next() != null) {
                // drop
            }
        } catch (SocketTimeoutException quiet) {
            // nothing more queued
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    boolean silentFor(Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        try {
            return reader.next() == null;
        } catch (SocketTimeoutException nothing) {
            return true;
        } finally {
            socket.setSoTimeout(5000);
        }
    }

    boolean closedByServerWithin(Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (reader.next() == null) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // keep waiting
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
