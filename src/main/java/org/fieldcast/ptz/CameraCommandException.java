package org.fieldcast.ptz;

/** The camera answered, but refused the command: an RCP+ {@code <err>} or a Bicom error reply. */
public class CameraCommandException extends CameraException {
    public CameraCommandException(String message) {
        super(message);
    }
}
