package org.fieldcast.station;

/** How a camera wants its HTTP and RTSP requests authenticated. */
public enum AuthMode {
    NONE,
    BASIC,
    DIGEST
}
