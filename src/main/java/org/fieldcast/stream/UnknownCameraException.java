package org.fieldcast.stream;

/** No camera with that id is in the station directory. */
public class UnknownCameraException extends RuntimeException {
    public UnknownCameraException(String cameraId) {
        super("no camera '" + cameraId + "'");
    }
}
