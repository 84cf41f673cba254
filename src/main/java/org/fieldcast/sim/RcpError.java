package org.fieldcast.sim;

/** RCP+ error codes a tag handler can answer with, inside {@code <err>} of an HTTP 200 reply (RCP+ 1.5). */
enum RcpError {
    INVALID_CMD(0x40),
    INVALID_ACCESS_TYPE(0x50),
    INVALID_DATA_TYPE(0x60),
    WRITE_ERROR(0x70),
    PACKET_SIZE(0x80),
    READ_NOT_SUPPORTED(0x90),
    INVALID_AUTH_LEVEL(0xa0),
    /** The camera is busy; a fault switch answers every request with it. */
    TRY_LATER(0xc0),
    /** A Bicom message that failed while asking for no reply payload (flags 0x80): chosen, not documented. */
    COMMAND_SPECIFIC(0xf0);

    final int code;

    RcpError(int code) {
        this.code = code;
    }
}
