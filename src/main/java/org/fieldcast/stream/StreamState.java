package org.fieldcast.stream;

/** Where a camera's live stream stands; every state but IDLE and LIVE comes with a reason. */
public enum StreamState {
    /** Nobody watches; no process runs. */
    IDLE,
    /** ffmpeg runs and the first part of this run has not arrived yet. */
    STARTING,
    /** Frames arrive. */
    LIVE,
    /** No frame for the stall timeout, though the connection may still be open; being restarted. */
    STALLED,
    /** RTSP fails; the camera's HTTP snapshots stand in for live video while RTSP is retried. */
    FALLBACK,
    /** Neither RTSP nor snapshots work; both are retried. */
    OFFLINE
}
