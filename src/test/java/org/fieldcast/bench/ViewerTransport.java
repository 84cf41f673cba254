package org.fieldcast.bench;

import java.util.concurrent.CompletableFuture;

/**
 * How one load viewer sends its GETs to the server: its own HTTP/1.1 keep-alive connection
 * ({@link LoopbackHttp.Connection}) or a stream on an HTTP/2 connection it shares ({@link Http2Clients}).
 */
interface ViewerTransport {
    /**
     * GET of {@code target} (path and query). With {@code keepBody} false only the body's length is
     * kept, which is all a load viewer needs of a media part.
     */
    CompletableFuture<LoopbackHttp.Response> get(String target, boolean keepBody);
}
