/**
 * The embedded default: a simulated Bosch site started inside Fieldcast and registered in the
 * station database, so a first run shows live video, PTZ and alarms without any camera.
 */
package org.fieldcast.demo;
