package org.fieldcast.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Many {@link LlHlsClient}s at once, started one by one (a crowd that arrives together would measure
 * the start-up, not the steady state): each on an HTTP/1.1 connection of its own, spread over a few
 * selector threads, or on shared HTTP/2 connections ({@link #overHttp2}).
 */
final class Viewers implements AutoCloseable {
    private final List<LoopbackHttp> clients = new ArrayList<>();
    private final Http2Clients http2;
    private final List<CompletableFuture<LlHlsClient.Outcome>> running = new ArrayList<>();

    Viewers(int selectorThreads) {
        for (int i = 0; i < selectorThreads; i++) {
            clients.add(new LoopbackHttp("viewers-" + i));
        }
        http2 = null;
    }

    private Viewers(Http2Clients http2) {
        this.http2 = http2;
    }

    /** Viewers over HTTPS and HTTP/2, as many as the clients have room for, several on each connection. */
    static Viewers overHttp2(Http2Clients clients) {
        return new Viewers(clients);
    }

    /**
     * Starts {@code count} viewers, one every {@code spacing}, each playing until {@code untilNanos}.
     *
     * @param playlist the media playlist of viewer i
     * @param arrivals  where viewer i reports its parts
     */
    void start(int count, Duration spacing, IntFunction<URI> playlist, IntFunction<LlHlsClient.Arrivals> arrivals,
               long untilNanos) {
        start(count, spacing, playlist, i -> "", arrivals, untilNanos);
    }

    /** The same, viewer i sending {@code headers.apply(i)} (lines ending in CRLF) with its requests; HTTP/1.1 only. */
    void start(int count, Duration spacing, IntFunction<URI> playlist, IntFunction<String> headers,
               IntFunction<LlHlsClient.Arrivals> arrivals, long untilNanos) {
        for (int i = 0; i < count; i++) {
            URI uri = playlist.apply(i);
            ViewerTransport transport = http2 != null ? http2.viewer(i, uri) : clients.get(i % clients.size()).connection(uri, headers.apply(i));
            running.add(new LlHlsClient(transport, uri, arrivals.apply(i)).run(untilNanos));
            Processes.sleep(spacing.toMillis());
        }
    }

    /** Waits for every viewer to finish and sums what they saw. */
    LlHlsClient.Outcome await() {
        long parts = 0;
        long lost = 0;
        long errors = 0;
        long gaps = 0;
        long bytes = 0;
        String last = "";
        for (var f : running) {
            LlHlsClient.Outcome o = f.join();
            parts += o.parts();
            lost += o.lostParts();
            errors += o.errors();
            gaps += o.dateTimeGaps();
            bytes += o.bytes();
            last = o.lastError().isEmpty() ? last : o.lastError();
        }
        return new LlHlsClient.Outcome(parts, lost, errors, gaps, bytes, last);
    }

    /** Outcome of each viewer, in start order (after {@link #await}). */
    List<LlHlsClient.Outcome> each() {
        return running.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void close() {
        clients.forEach(LoopbackHttp::close);
        if (http2 != null) {
            http2.close();
        }
    }
}
