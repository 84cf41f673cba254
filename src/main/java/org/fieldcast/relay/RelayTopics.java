package org.fieldcast.relay;

/** The names of a stream's two topics: the owner's messages, and the snapshot requests to it. */
final class RelayTopics {
    private RelayTopics() {
    }

    /** @param stream the stream's name, the same on every node (a camera and its variant) */
    static String media(String stream) {
        return "fieldcast.relay." + stream;
    }

    static String requests(String stream) {
        return "fieldcast.relay-requests." + stream;
    }
}
