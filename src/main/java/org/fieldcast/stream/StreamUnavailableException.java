package org.fieldcast.stream;

import org.fieldcast.http.StatusException;

/** The camera exists but its stream cannot be served now (disabled, failing, not started in time). */
public class StreamUnavailableException extends StatusException {
    public StreamUnavailableException(String message) {
        super(503, message);
    }
}
