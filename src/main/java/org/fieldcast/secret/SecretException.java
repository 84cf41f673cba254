package org.fieldcast.secret;

/**
 * A secret cannot be encrypted or decrypted: no master key, a key that does not fit, altered
 * ciphertext. The message says which camera, site or key and what to do; it never holds a secret.
 */
public class SecretException extends RuntimeException {

    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
