package org.fieldcast.sim;

import java.time.Instant;

/**
 * One rcp.xml request as the camera saw it, for tests that check what a client sent and when
 * (for example that a PTZ stop followed the move within a bound).
 *
 * @param command   the tag, or -1 when the request named none the camera could read
 * @param direction READ or WRITE
 * @param payload   the raw payload parameter, or null
 * @param errorCode the RCP+ error answered, or 0 on success
 */
public record RcpRequestTrace(Instant at, int command, String type, String direction, int num, String payload,
        int errorCode) {

    public boolean succeeded() {
        return errorCode == 0;
    }

    public boolean isWrite() {
        return "WRITE".equals(direction);
    }
}
