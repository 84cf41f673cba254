package org.fieldcast.station;

/** What a camera can do: a fixed video-analytics camera, or a PTZ dome that Fieldcast may steer. */
public enum CameraType {
    FIXED,
    PTZ
}
