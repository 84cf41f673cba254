package org.fieldcast.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fieldcast.station.AuthMode;
import org.fieldcast.station.CameraConfig;
import org.fieldcast.station.CameraType;
import org.fieldcast.station.StationDatabase;
import org.fieldcast.testing.TestDatabase;

/** The command line as an operator runs it: its own JVM, settings in the environment, the password on stdin. */
class SecretsCommandIT {

    private record Run(int exit, String out, String err) {
    }

    private static Run command(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SecretsCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command ends");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void encryptsAPasswordFromStdinThatTheServerCanDecrypt(@TempDir Path dir) throws Exception {
        Run generated = command(Map.of(), "", "generate-master-key");
        assertEquals(0, generated.exit(), generated.err());
        Path keyFile = dir.resolve("master.keys");
        Files.writeString(keyFile, generated.out() + "\n");
        try (TestDatabase database = TestDatabase.create()) {
            StationDatabase.open(database.url(), TestDatabase.USER, "").close(); // the schema, as the server makes it
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("insert into site (id, name) values ('a7-km12', 'A7')");
            }
            Map<String, String> env = Map.of("FIELDCAST_SECRET_MASTER_KEY_FILE", keyFile.toString(),
                    "FIELDCAST_DB_URL", database.url(), "FIELDCAST_DB_USER", TestDatabase.USER);

            Run encrypted = command(env, "typed-on-stdin\n", "encrypt", "--site", "a7-km12");
            assertEquals(0, encrypted.exit(), encrypted.err());
            assertTrue(encrypted.out().startsWith("fc1:"), encrypted.out());
            assertFalse((encrypted.out() + encrypted.err()).contains("typed-on-stdin"));

            StationDatabase reader = StationDatabase.open(database.url(), TestDatabase.USER, "");
            try {
                MasterKeys keys = MasterKeys.of(Optional.empty(), Optional.of(keyFile.toString()), null);
                CameraCredentials credentials = new CameraCredentials(
                        new SiteKeys(reader, keys, Duration.ofSeconds(30), Clock.systemUTC()), keys, Clock.systemUTC());
                CameraConfig camera = new CameraConfig("c", "C", "a7-km12", "A7", CameraType.FIXED, null, "127.0.0.1", 554, 80,
                        0, null, "/", AuthMode.DIGEST, "user", null, true, false, encrypted.out(), List.of());
                assertEquals("typed-on-stdin", credentials.of(camera).password());
            } finally {
                reader.close();
            }

            Run status = command(env, "", "status");
            assertTrue(status.out().contains("site keys wrapped by " + MasterKey.parse(generated.out()).id() + ": 1"),
                    status.out());
            Run refused = command(env, "", "encrypt", "--site", "a7-km12", "--password", "on-the-command-line");
            assertEquals(1, refused.exit());
            assertTrue(refused.err().contains("secrets are not taken as arguments"), refused.err());
        }
    }
}
