package org.fieldcast.secret;

import org.fieldcast.http.StatusException;

/**
 * A secret cannot be encrypted or decrypted: no master key, a key that does not fit, altered
 * ciphertext. The message says which camera, site or key and what to do; it never holds a secret.
 */
public class SecretException extends StatusException {

    public SecretException(String message) {
        super(502, message);
    }

    public SecretException(String message, Throwable cause) {
        super(502, message, cause);
    }
}
