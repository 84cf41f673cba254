/**
 * Stream health for people and machines: the {@code /ws/health} WebSocket (every camera's state on
 * connect, then changes; player telemetry back), MicroProfile Health checks and Metrics per camera.
 */
package org.fieldcast.health;
