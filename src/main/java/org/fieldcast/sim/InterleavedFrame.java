package org.fieldcast.sim;

/** One {@code $}-framed packet of the interleaved TCP transport: the channel and the RTP or RTCP bytes. */
record InterleavedFrame(int channel, byte[] data) implements RtspInbound {
}
