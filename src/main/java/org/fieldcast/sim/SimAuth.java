package org.fieldcast.sim;

/** How a simulated camera authenticates RTSP and HTTP requests, as a Bosch camera can be configured. */
public enum SimAuth {
    NONE,
    BASIC,
    DIGEST
}
