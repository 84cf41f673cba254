/**
 * Secrets: camera passwords encrypted at rest, and the keys for them.
 *
 * <p>Each site has a data key (AES-256) that encrypts its cameras' passwords with AES-GCM, bound to
 * the site. The data keys are stored wrapped by a master key ({@link org.fieldcast.secret.MasterKeys}),
 * which comes from a key file or the environment and never from the database. A master key is
 * rotated by putting a new key in front of the key file: {@link org.fieldcast.secret.MasterKeyRotation}
 * wraps every site key again, while the old key keeps working until it is removed.
 *
 * <p>{@link org.fieldcast.secret.CameraCredentials} is what the other features call: it decrypts
 * on demand, keeps decrypted values in memory for a short time only, and reports passwords that do
 * not decrypt as problems of their camera. Decrypted values never reach logs, responses, error
 * messages or command lines; {@link org.fieldcast.secret.SecretsCommand} reads passwords from the
 * terminal or stdin, never from arguments.
 */
package org.fieldcast.secret;
