/**
 * A simulated Bosch camera site, for the demo, tests and benchmarks.
 * <p>
 * Each {@link org.fieldcast.sim.SimulatedCamera} owns one ffmpeg test-pattern encoder, its own RTSP
 * server (H.264 on payload type 35, Bosch URL forms, 60 s session timeout) and its own HTTP server
 * ({@code /snap.jpg}, {@code /rcp.xml}), all behind the same None / Basic / Digest authentication a
 * real camera uses. {@link org.fieldcast.sim.SimulatedSite} starts N of them and describes them as a
 * station file.
 * <p>
 * A PTZ dome also answers Bicom (RCP+ tag 0x09A5): continuous moves, presets (Bicom and legacy OSRD),
 * position reads. Its picture is made in Java ({@link org.fieldcast.sim.PtzFrames}): the view of a
 * 360-degree panorama where the dome points, so pan, tilt, zoom and presets really move it, with
 * raised virtual alarms drawn in. HTTPS with a self-signed certificate
 * ({@link org.fieldcast.sim.CameraCertificate}) and fault switches (PTZ not available, legacy presets
 * only, TRY_LATER, slow replies) serve the client's tests.
 * <p>
 * Plain Java on purpose: no CDI or other container API, so tests run it in-process and it runs from
 * {@code main}. It never creates threads itself: every task runs on the executor its creator passes in.
 */
package org.fieldcast.sim;
