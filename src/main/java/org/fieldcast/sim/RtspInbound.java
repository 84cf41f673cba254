package org.fieldcast.sim;

/** What arrives on an RTSP connection: a request, or an RTP/RTCP packet framed with {@code $} (RFC 2326 10.12). */
sealed interface RtspInbound permits RtspRequest, InterleavedFrame {
}
