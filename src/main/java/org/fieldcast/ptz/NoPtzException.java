package org.fieldcast.ptz;

import org.fieldcast.http.StatusException;

/** A PTZ command for a camera that is not a PTZ dome. Mapped to 409: nothing is sent to the camera. */
public class NoPtzException extends StatusException {
    public NoPtzException(String cameraId) {
        super(409, "camera '" + cameraId + "' is not a PTZ camera; it cannot pan, tilt, zoom or use presets");
    }
}
