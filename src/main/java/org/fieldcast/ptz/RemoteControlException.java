package org.fieldcast.ptz;

import org.fieldcast.http.StatusException;

/**
 * A failure the node that steers a camera reported (with the status it means there), or that node not
 * answering at all (503): the operator's node passes it on as if its own queue had failed.
 */
public class RemoteControlException extends StatusException {
    public RemoteControlException(int status, String message) {
        super(status, message);
    }
}
