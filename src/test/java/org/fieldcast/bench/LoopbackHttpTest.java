package org.fieldcast.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The load generator's HTTP client against a server that answers each request with canned bytes. */
class LoopbackHttpTest {

    @Test
    void readsLengthChunkedAndCloseDelimitedBodiesOnOneConnectionAndReconnects() throws Exception {
        List<String> answers = List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n",
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             LoopbackHttp http = new LoopbackHttp("test")) {
            Thread serving = new Thread(() -> serve(server, answers));
            serving.start();
            var c = http.connection(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"));
            assertEquals("hello", c.get("/a", true).get(5, TimeUnit.SECONDS).text());
            assertEquals("abcde", c.get("/b", true).get(5, TimeUnit.SECONDS).text());
            LoopbackHttp.Response missing = c.get("/c", false).get(5, TimeUnit.SECONDS);
            assertEquals(404, missing.status());
            assertNull(missing.body());
            LoopbackHttp.Response last = c.get("/d", false).get(5, TimeUnit.SECONDS);
            assertEquals(13, last.length());
            // The server closed after the last answer: the next request opens a new connection.
            assertEquals("hello", c.get("/a", true).get(5, TimeUnit.SECONDS).text());
            serving.join(5000);
        }
    }

    /** Answers requests in turn, closing after one that says so, then serves one more connection. */
    private static void serve(ServerSocket server, List<String> answers) {
        try {
            int next = 0;
            for (int connection = 0; connection < 2; connection++) {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    OutputStream out = s.getOutputStream();
                    while (true) {
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the request's head
                        }
                        String answer = answers.get(next++ % answers.size());
                        out.write(answer.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (answer.contains("Connection: close") || connection == 1) {
                            break;
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
