package org.fieldcast.sim;

/**
 * One RCP+ tag a simulated camera answers: its registered type, how it reads, and how it writes
 * (null when the tag is read-only, which the table turns into {@code 0x50}).
 */
record RcpTag(int code, String name, RcpType type, Read read, Write write) {

    @FunctionalInterface
    interface Read {
        RcpReply read(int num);
    }

    @FunctionalInterface
    interface Write {
        RcpReply write(int num, String payload);
    }

    static RcpTag readOnly(int code, String name, RcpType type, Read read) {
        return new RcpTag(code, name, type, read, null);
    }

    static RcpTag readWrite(int code, String name, RcpType type, Read read, Write write) {
        return new RcpTag(code, name, type, read, write);
    }
}
