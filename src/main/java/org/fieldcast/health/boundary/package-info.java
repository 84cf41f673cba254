/**
 * The {@code /ws/health} WebSocket: every camera the caller may see on connect, then changes; player
 * telemetry back, accepted only from an address that plays that camera.
 */
package org.fieldcast.health.boundary;
