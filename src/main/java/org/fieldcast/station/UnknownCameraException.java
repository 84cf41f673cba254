package org.fieldcast.station;

import org.fieldcast.http.StatusException;

/** No camera with that id is in the station directory. */
public class UnknownCameraException extends StatusException {
    public UnknownCameraException(String cameraId) {
        super(404, "no camera '" + cameraId + "'");
    }
}
