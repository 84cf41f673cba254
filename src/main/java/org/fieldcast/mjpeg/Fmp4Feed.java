package org.fieldcast.mjpeg;

import com.github.kokorin.jaffree.ffmpeg.TcpInput;
import com.github.kokorin.jaffree.net.TcpNegotiator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A transcoder's input as Jaffree sees it: ffmpeg reads {@code tcp://127.0.0.1:port}, and Jaffree's
 * helper thread writes the {@link FragmentQueue} into that socket as fast as ffmpeg takes it.
 */
final class Fmp4Feed extends TcpInput<Fmp4Feed> {
    /** Bytes the socket holds on each side: a few frames of a camera stream, a keyframe at least. */
    static final int SOCKET_BUFFER = 128 * 1024;

    Fmp4Feed(FragmentQueue queue) {
        super(new Writer(queue));
    }

    private record Writer(FragmentQueue queue) implements TcpNegotiator {

        @Override
        public void negotiate(Socket socket) throws IOException {
            // Each fragment is one frame; Nagle would hold its tail back until the previous one is acknowledged.
            socket.setTcpNoDelay(true);
            // A small buffer keeps the backlog of a transcoder that falls behind in the queue, where it can
            // jump to the next keyframe, rather than seconds of video in the kernel (loopback buffers grow to MBs).
            socket.setSendBufferSize(SOCKET_BUFFER);
            OutputStream out = socket.getOutputStream();
            try {
                for (byte[] bytes = queue.take(); bytes != FragmentQueue.END; bytes = queue.take()) {
                    out.write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // Jaffree's own stop, after ffmpeg ended
            } catch (IOException e) {
                // ffmpeg closed its end (it exited or was stopped): nothing left to feed
            }
        }
    }
}
