package org.fieldcast.gateway;

/**
 * A camera cannot be reached: its gateways have no mapping for the port, or the connection failed.
 * The message names the camera and the gateway or address; never credentials.
 */
public class UnreachableCameraException extends RuntimeException {

    public UnreachableCameraException(String message) {
        super(message);
    }

    public UnreachableCameraException(String message, Throwable cause) {
        super(message, cause);
    }
}
