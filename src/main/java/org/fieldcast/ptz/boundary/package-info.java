/**
 * The PTZ and alarm entry points: JAX-RS resources under {@code /api/cameras/{id}/ptz} and
 * {@code /api/cameras/{id}/alarms}, and the held-move WebSocket {@code /ws/cameras/{id}/ptz}, whose
 * close ends the move. Each camera action is announced as a CDI event for the audit trail.
 */
package org.fieldcast.ptz.boundary;
