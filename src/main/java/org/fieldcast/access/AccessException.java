package org.fieldcast.access;

import org.fieldcast.http.BadInputException;

/** A refused or malformed access request (a bad user name, an unknown token), with its 4xx status. */
public class AccessException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public AccessException(int status, String message) {
        super(status, message);
    }
}
