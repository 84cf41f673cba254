/**
 * The camera's HTTP transport: requests to a camera's own web interface ({@code /snap.jpg},
 * {@code /rcp.xml}) with its authentication (none, Basic, Digest) and, for HTTPS, a certificate
 * accepted only when its fingerprint is pinned. Shared by snapshots, fallback and PTZ.
 */
package org.fieldcast.camera;
