package org.fieldcast.sim;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The sending side of one RTSP connection. Responses (from the request loop) and media (from the
 * reader's writer task) share the socket, so every write holds this object's lock and a response
 * never lands inside a {@code $} frame.
 */
final class RtspOutput {
    private final OutputStream out;

    RtspOutput(OutputStream socketOut) {
        this.out = new BufferedOutputStream(socketOut, 64 * 1024);
    }

    synchronized void response(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes a batch of packets and flushes once; {@code channels[i]} is the interleaved channel of packet i. */
    synchronized void frames(List<RelayedPacket> batch, int[] channels) throws IOException {
        for (int i = 0; i < batch.size(); i++) {
            byte[] data = batch.get(i).data();
            out.write('$');
            out.write(channels[i]);
            out.write(data.length >>> 8);
            out.write(data.length & 0xff);
            out.write(data);
        }
        out.flush();
    }
}
