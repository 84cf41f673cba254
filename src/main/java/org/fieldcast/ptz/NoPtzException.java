package org.fieldcast.ptz;

/** A PTZ command for a camera that is not a PTZ dome. Mapped to 409: nothing is sent to the camera. */
public class NoPtzException extends RuntimeException {
    public NoPtzException(String cameraId) {
        super("camera '" + cameraId + "' is not a PTZ camera; it cannot pan, tilt, zoom or use presets");
    }
}
