package org.fieldcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stream executor must be a cached pool, or every camera start leaves threads behind for good
 * (see {@link StreamExecutors}). Its shape lives in Payara's post-boot commands, so this reads them.
 */
class StreamExecutorsTest {
    private static final Path PAYARA = Path.of("payara");
    private static final Pattern OPTION = Pattern.compile("--(\\S+) (\\S+)");

    @Test
    void theStreamExecutorIsACachedPoolWhoseIdleThreadsEnd() throws IOException {
        Map<String, String> o = createCommand(StreamExecutors.STREAMS);
        // Core 0 with the unbounded capacity is what makes the container hand the pool a SynchronousQueue.
        assertEquals("0", o.get("corepoolsize"), "a core thread never ends, and each task below the core size starts one");
        assertEquals(Integer.toString(Integer.MAX_VALUE), o.get("taskqueuecapacity"));
        int keepAlive = Integer.parseInt(o.get("keepaliveseconds"));
        assertTrue(keepAlive > 0 && keepAlive <= 60, "idle threads end within a minute: " + keepAlive);
        assertTrue(Integer.parseInt(o.get("maximumpoolsize")) >= 256, "an ffmpeg run holds a thread for its whole life");
        assertEquals("0", o.get("hungafterseconds"), "pulls run for hours; they are not hung");
    }

    @Test
    void payaraStartAppliesThePostBootCommands() throws IOException {
        assertTrue(Files.readString(PAYARA.resolve("start")).contains("--postbootcommandfile \"$here/post-boot-commands.asadmin\""));
    }

    @Test
    void noDefinitionMakesTheStreamExecutorAFixedPool() {
        // Payara makes a definition's maxAsync its core size as well: the leak this guards against.
        assertFalse(StreamExecutors.class.isAnnotationPresent(ManagedExecutorDefinition.class));
    }

    @Test
    void everyLookupOfTheStreamExecutorNamesTheOneThePlatformMakes() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> stale = sources.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(StreamExecutorsTest::lines)
                    .filter(line -> line.contains("fieldcast-streams") && !line.contains('"' + StreamExecutors.STREAMS + '"'))
                    .toList();
            assertEquals(List.of(), stale);
        }
    }

    private static Map<String, String> createCommand(String jndiName) throws IOException {
        String command = Files.readAllLines(PAYARA.resolve("post-boot-commands.asadmin")).stream()
                .filter(line -> line.startsWith("create-managed-executor-service ") && line.endsWith(" " + jndiName))
                .findFirst().orElseThrow(() -> new AssertionError("no post-boot command creates " + jndiName));
        Map<String, String> options = new HashMap<>();
        Matcher m = OPTION.matcher(command);
        while (m.find()) {
            options.put(m.group(1), m.group(2));
        }
        return options;
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
