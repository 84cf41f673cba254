/**
 * The camera's HTTP transport, one for every request to a camera's own web interface
 * ({@code /snap.jpg}, {@code /rcp.xml}): {@link org.fieldcast.camera.CameraHttp} applies one HTTPS rule
 * (HTTPS whenever the camera has an HTTPS port), authenticates (none, Basic, Digest), trusts a
 * camera's certificate by its pinned fingerprint, the JDK's CAs or, when switched on, on first use
 * ({@link org.fieldcast.camera.PinnedCertificate}), keeps each camera's session cookie and bounds each
 * request by a timeout. Features speak to it through {@link org.fieldcast.camera.CameraTransport}:
 * snapshots and fallback here, the RCP+ codec in {@code ptz}.
 */
package org.fieldcast.camera;
