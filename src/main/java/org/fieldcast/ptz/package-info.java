/**
 * Steering PTZ domes and raising virtual alarms over Bosch RCP+ over CGI ({@code /rcp.xml}).
 * <p>
 * Owns the RCP+ codec ({@link org.fieldcast.ptz.RcpCommand}, {@link org.fieldcast.ptz.RcpReply},
 * the Bicom payloads of {@link org.fieldcast.ptz.Bicom}), sent by {@link org.fieldcast.ptz.RcpClient}
 * through the camera transport ({@link org.fieldcast.camera.CameraTransport}, which owns HTTPS,
 * authentication and certificates) along the camera's current route, the per-camera
 * command queue that keeps commands at least 100 ms apart and lets a newer move replace a queued one
 * ({@link org.fieldcast.ptz.CameraCommandQueue}), move leases with a dead-man stop
 * ({@link org.fieldcast.ptz.PtzCamera}), and the boundary: JAX-RS resources under
 * {@code /api/cameras/{id}/ptz} and {@code /api/cameras/{id}/alarms}, and the WebSocket
 * {@code /ws/cameras/{id}/ptz} for held moves.
 * <p>
 * A Bosch dome keeps turning until it is told to stop (RCP+ 2.3), so every move here is a lease:
 * the server sends the stop itself when the lease lapses or the operator's socket closes.
 * Threads: none of its own. Timers run on the container's scheduled executor, HTTP completions on
 * the camera transport's managed executor.
 */
package org.fieldcast.ptz;
