package org.fieldcast.gateway;

import org.fieldcast.http.StatusException;

/**
 * A camera cannot be reached: its gateways have no mapping for the port, or the connection failed.
 * The message names the camera and the gateway or address; never credentials.
 */
public class UnreachableCameraException extends StatusException {

    public UnreachableCameraException(String message) {
        super(502, message);
    }

    public UnreachableCameraException(String message, Throwable cause) {
        super(502, message, cause);
    }
}
