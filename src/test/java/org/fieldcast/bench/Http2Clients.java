package org.fieldcast.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load viewers over HTTPS with HTTP/2, as browsers reach Fieldcast: JDK {@link HttpClient}s, each with
 * one TLS connection to the server on which several viewers' requests are multiplexed (a browser shares
 * one h2 connection per origin among all its tabs and tiles).
 * <p>
 * A request that gets no answer within the timeout is counted, not only failed: a server that stops
 * answering streams on a connection (the h2c burst deadlock Grizzly once had) shows up here.
 */
final class Http2Clients implements AutoCloseable {
    /** Longer than any blocking reload the server may hold (a few part durations). */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<HttpClient> clients = new ArrayList<>();
    private final ExecutorService executor;
    private final int viewersPerClient;
    private final AtomicLong timeouts = new AtomicLong();

    /**
     * @param clients          HTTP/2 connections
     * @param viewersPerClient viewers multiplexed on each
     */
    Http2Clients(int clients, int viewersPerClient) {
        this.viewersPerClient = viewersPerClient;
        // Two threads for every client's completions: the default, a cached pool, grows a thread per
        // response in flight and spends the generator's share of the two cores on hand-offs.
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "h2-viewers");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < clients; i++) {
            this.clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).executor(executor)
                    .connectTimeout(Duration.ofSeconds(5)).build());
        }
    }

    int viewers() {
        return clients.size() * viewersPerClient;
    }

    /** The transport of viewer i: a stream on connection i / viewersPerClient. */
    ViewerTransport viewer(int i, URI server) {
        HttpClient client = clients.get(i / viewersPerClient);
        return (target, keepBody) -> client.sendAsync(HttpRequest.newBuilder(server.resolve(target)).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new LoopbackHttp.Response(r.statusCode(), keepBody ? r.body() : null, r.body().length, System.nanoTime()))
                .whenComplete((r, failure) -> {
                    Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
                    if (cause instanceof HttpTimeoutException) {
                        timeouts.incrementAndGet();
                    }
                });
    }

    /** Requests that had no answer within {@link #TIMEOUT}. */
    long timeouts() {
        return timeouts.get();
    }

    /** Whether the connections really are HTTP/2 (ALPN chose h2), from one request on each. */
    long http2Connections(URI probe) {
        return clients.stream().map(c -> c.sendAsync(HttpRequest.newBuilder(probe).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.discarding()))
                .map(CompletableFuture::join).filter(r -> r.version() == HttpClient.Version.HTTP_2).count();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
