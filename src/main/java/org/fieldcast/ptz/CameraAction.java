package org.fieldcast.ptz;

import java.security.Principal;

/**
 * Someone steered a camera or touched its alarms: a move started (or changed speed), a stop, a
 * preset stored or recalled, an alarm set, cleared or pulsed. Fired as an asynchronous CDI event by
 * {@link CameraActions}; the audit trail above this package records it.
 *
 * @param action  {@code ptz-move}, {@code ptz-stop}, {@code preset-store}, {@code preset-recall},
 *                {@code alarm-set}, {@code alarm-clear} or {@code alarm-pulse}
 * @param detail  the speeds, preset or alarm, for a person to read
 * @param who     the request's user principal; null when nobody is logged in
 * @param address the client's address
 */
public record CameraAction(String camera, String action, String detail, Principal who, String address) {
}
