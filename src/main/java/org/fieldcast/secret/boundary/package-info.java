/** {@code /api/admin/secrets} (admin): encrypting a camera's password for a site and wrapping site keys again after a master-key rotation; no plain password is ever answered. */
package org.fieldcast.secret.boundary;
