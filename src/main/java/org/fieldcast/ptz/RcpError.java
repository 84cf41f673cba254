package org.fieldcast.ptz;

import java.util.Locale;

/**
 * RCP+ error codes a camera answers inside {@code <err>} of an HTTP 200 reply (RCP+ 1.5), with the
 * meaning an operator can act on. The table agrees across the Bosch web library, hawell/rcpplus,
 * BVIP and a VB client, except 0xe0, where the sources conflict.
 */
public enum RcpError {
    INVALID_VERSION(0x10, "protocol version not supported"),
    NOT_REGISTERED(0x20, "client not registered"),
    INVALID_CLIENT_ID(0x21, "invalid client id"),
    INVALID_METHOD(0x30, "invalid method"),
    INVALID_CMD(0x40, "unknown or unsupported command"),
    INVALID_ACCESS_TYPE(0x50, "wrong direction for this command (e.g. a write to a read-only value)"),
    INVALID_DATA_TYPE(0x60, "wrong data type for this command"),
    WRITE_ERROR(0x70, "the camera could not write the value"),
    PACKET_SIZE(0x80, "wrong payload length"),
    READ_NOT_SUPPORTED(0x90, "reading is not supported (or no such number)"),
    INVALID_AUTH_LEVEL(0xa0, "the account's level is too low: PTZ and alarms need a 'user' or 'service' account"),
    INVALID_SESSION_ID(0xb0, "invalid session id"),
    TRY_LATER(0xc0, "the camera is busy, try again later"),
    TIMEOUT(0xd0, "the camera timed out"),
    NO_LICENCE_OR_COMMAND_SPECIFIC(0xe0, "no licence, or a command-specific error (sources differ)"),
    COMMAND_SPECIFIC(0xf0, "command-specific error"),
    ADDRESS_FORMAT(0xf1, "address format error"),
    NOT_SUPPORTED_ON_THIS_PLATFORM(0xf2, "not supported on this platform"),
    UNKNOWN(0xff, "unknown error");

    public final int code;
    public final String meaning;

    RcpError(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** {@code 0x40 INVALID_CMD (unknown or unsupported command)}; codes outside the table are named as such. */
    public static String describe(int code) {
        for (RcpError e : values()) {
            if (e.code == code) {
                return String.format(Locale.ROOT, "0x%02x %s (%s)", code, e.name(), e.meaning);
            }
        }
        return String.format(Locale.ROOT, "0x%02x (not a documented RCP+ error code)", code);
    }
}
