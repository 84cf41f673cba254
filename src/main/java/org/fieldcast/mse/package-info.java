/**
 * Sub-second H.264 for browsers' Media Source Extensions: each picture of the camera's one pull, as
 * the moment-it-arrives fMP4 fragment the stream already makes, sent over one WebSocket per page
 * ({@code /ws/mse}); no transcoder, no second RTSP session.
 * <p>
 * Owns, per camera ({@link org.fieldcast.mse.MseTap}, made by {@link org.fieldcast.mse.MseTaps} as a
 * tap of the camera's stream): the video-only init segment ({@link org.fieldcast.mse.MseInit}) and the
 * pictures since the latest keyframe; per socket, {@link org.fieldcast.mse.MseSocketQueue}, which
 * bounds what a slow viewer may hold and cuts it to the next keyframe when it falls behind.
 * <p>
 * Threads: none of its own. Pictures are fanned out on the camera's media thread into the sockets'
 * queues and written with the container's asynchronous sends, one message in flight per socket.
 */
package org.fieldcast.mse;
