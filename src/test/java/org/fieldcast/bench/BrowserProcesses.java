package org.fieldcast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Chromium processes this benchmark JVM started (the browser, its renderers, GPU and network
 * services; not chromedriver), read from Linux: what they cost and which sockets they hold.
 */
final class BrowserProcesses {
    private BrowserProcesses() {
    }

    /** Every Chromium process below this JVM now; a benchmark runs one browser at a time. */
    static List<Long> pids() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chromium") && !c.contains("chromedriver")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /**
     * TCP connections the browser holds to a port on loopback, from {@code /proc/net/tcp}: the count
     * HTTP/2 is about (one per origin) and that Resource Timing does not tell.
     */
    static int connectionsTo(int port) {
        Set<String> inodes = new HashSet<>();
        for (long pid : pids()) {
            try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        String link = Files.readSymbolicLink(fd).toString();
                        if (link.startsWith("socket:[")) {
                            inodes.add(link.substring(8, link.length() - 1));
                        }
                    } catch (IOException closedMeanwhile) {
                        // the descriptor went between the listing and the read
                    }
                }
            } catch (IOException gone) {
                // the process ended
            }
        }
        return (int) tcpLines().stream().map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length > 9 && f[3].equals("01")) // ESTABLISHED
                .filter(f -> Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16) == port)
                .filter(f -> inodes.contains(f[9]))
                .count();
    }

    private static List<String> tcpLines() {
        try {
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of("/proc/net/tcp"), StandardCharsets.US_ASCII));
            Path v6 = Path.of("/proc/net/tcp6");
            if (Files.exists(v6)) {
                lines.addAll(Files.readAllLines(v6, StandardCharsets.US_ASCII));
            }
            return lines;
        } catch (IOException e) {
            return List.of();
        }
    }
}
