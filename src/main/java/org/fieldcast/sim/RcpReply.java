package org.fieldcast.sim;

/** A tag's answer: a value, or an RCP+ error. */
record RcpReply(RcpValue value, RcpError error) {

    static RcpReply ok(RcpValue value) {
        return new RcpReply(value, null);
    }

    static RcpReply fail(RcpError error) {
        return new RcpReply(null, error);
    }

    boolean failed() {
        return error != null;
    }
}
