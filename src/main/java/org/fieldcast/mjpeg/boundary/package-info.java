/**
 * The sub-second entry points: {@link org.fieldcast.mjpeg.boundary.MjpegServlet} ({@code stream.mjpg},
 * {@code snapshot.jpg}) and {@link org.fieldcast.mjpeg.boundary.FramesEndpoint} ({@code /ws/frames},
 * many cameras on one socket). They hold a viewer lease on the camera's stream while they serve.
 */
package org.fieldcast.mjpeg.boundary;
