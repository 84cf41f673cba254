package org.fieldcast.station;

/** A site as lists show it: its id, name, and how many of its cameras the directory offers. */
public record SiteSummary(String id, String name, int cameraCount) {
}
