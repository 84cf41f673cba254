package org.fieldcast.sim;

/**
 * One packet on its way from the publisher to the readers. Immutable once queued: every reader
 * shares the same bytes and only the interleaved channel differs per reader.
 *
 * @param track index of the media section in the SDP
 * @param rtcp  true for RTCP (the odd interleaved channel), false for RTP
 */
record RelayedPacket(int track, boolean rtcp, byte[] data) {

    /** RTP sequence number, for RTP-Info. */
    int sequence() {
        return ((data[2] & 0xff) << 8) | (data[3] & 0xff);
    }

    /** RTP timestamp, for RTP-Info. */
    long timestamp() {
        return ((long) (data[4] & 0xff) << 24) | ((data[5] & 0xff) << 16) | ((data[6] & 0xff) << 8) | (data[7] & 0xff);
    }
}
