package org.fieldcast.ptz;

/** One virtual alarm (virtual input) of a camera: 1-based number and whether it is raised. */
public record AlarmState(int number, boolean active) {
}
