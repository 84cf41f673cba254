package org.fieldcast.secret;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.fieldcast.station.StationDatabase;
/**
 * The command line for camera secrets, run with the simulator's class path:
 * <pre>
 * java -cp "target/classes:$(cat target/sim-classpath.txt)" org.fieldcast.secret.SecretsCommand COMMAND [--option value]
 *
 *   generate-master-key         prints a new master key (base64) for the key file
 *   encrypt --site SITE         reads a password from the terminal or the first line of stdin and
 *                               prints it encrypted for SITE's cameras (password_encrypted)
 *   rewrap                      wraps every site key with the current master key (after a rotation)
 *   status                      which master key wraps how many site keys
 * </pre>
 * Settings come from the environment as the server reads them: {@code FIELDCAST_SECRET_MASTER_KEY_FILE}
 * (or {@code --master-key-file}), {@code FIELDCAST_SECRET_MASTER_KEY}, {@code FIELDCAST_DB_URL} (or
 * {@code --db-url}), {@code FIELDCAST_DB_USER} (or {@code --db-user}), {@code FIELDCAST_DB_PASSWORD},
 * {@code FIELDCAST_DATA_DIR}. Passwords are never taken as arguments, which the process list shows.
 */
public final class SecretsCommand {

    private final Map<String, String> options;
    private final Map<String, String> env;
    private final PrintStream out;

    private SecretsCommand(Map<String, String> options, Map<String, String> env, PrintStream out) {
        this.options = options;
        this.env = env;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: SecretsCommand generate-master-key | encrypt --site SITE | rewrap | status");
            System.exit(2);
        }
        try {
            new SecretsCommand(options(args), System.getenv(), System.out).run(args[0]);
        } catch (SecretException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private void run(String command) throws IOException {
        switch (command) {
            case "generate-master-key" -> {
                MasterKey key = MasterKey.generate();
                out.println(key.encoded());
                System.err.println("master key id " + key.id() + ": put it first in the key file, keep the old key below it");
            }
            case "encrypt" -> {
                String site = Optional.ofNullable(options.get("site")).orElseThrow(
                        () -> new IllegalArgumentException("encrypt needs --site SITE"));
                String password = readPassword();
                try (Session s = open()) {
                    out.println(s.credentials.encrypt(site, password));
                }
            }
            case "rewrap" -> {
                try (Session s = open()) {
                    out.println("site keys wrapped again: " + s.siteKeys.rewrap());
                    print(s.siteKeys.status());
                }
            }
            case "status" -> {
                try (Session s = open()) {
                    print(s.siteKeys.status());
                }
            }
            default -> throw new IllegalArgumentException("unknown command '" + command + "'");
        }
    }

    private void print(SiteKeys.Status status) {
        out.println("current master key: " + (status.currentMasterKey() == null ? "none" : status.currentMasterKey()));
        status.siteKeysByMasterKey().forEach((id, count) -> out.println("site keys wrapped by " + id + ": " + count
                + (status.unknownMasterKeys().contains(id) ? " (this master key is not configured)" : "")));
    }

    /** The station database and the keys, opened for one command. */
    private final class Session implements AutoCloseable {
        final StationDatabase database;
        final SiteKeys siteKeys;
        final CameraCredentials credentials;

        Session() {
            MasterKeys keys = MasterKeys.of(setting(null, "FIELDCAST_SECRET_MASTER_KEY"),
                    setting("master-key-file", "FIELDCAST_SECRET_MASTER_KEY_FILE"), setting(null, "FIELDCAST_DATA_DIR").orElse("data"));
            database = StationDatabase.open(setting("db-url", "FIELDCAST_DB_URL"), setting("db-user", "FIELDCAST_DB_USER"),
                    setting(null, "FIELDCAST_DB_PASSWORD"), setting(null, "FIELDCAST_DATA_DIR").orElse("data"));
            siteKeys = new SiteKeys(database, keys, Duration.ofSeconds(30), Clock.systemUTC());
            credentials = new CameraCredentials(siteKeys, keys, Clock.systemUTC());
        }

        @Override
        public void close() {
            database.close();
        }
    }

    private Session open() {
        return new Session();
    }

    private Optional<String> setting(String option, String variable) {
        String value = option == null ? null : options.get(option);
        return Optional.ofNullable(value != null ? value : env.get(variable)).filter(v -> !v.isBlank());
    }

    /** From the terminal without echo, or else the first line of stdin (a pipe or a file). */
    private static String readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("camera password: ");
            if (typed != null) {
                return new String(typed);
            }
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on stdin");
        }
        return line;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs after the command");
            }
            String name = args[i].substring(2);
            if (name.contains("password") && !name.equals("master-key-file")) {
                throw new IllegalArgumentException("--" + name + ": secrets are not taken as arguments (the process list shows"
                        + " them); use the environment or stdin");
            }
            o.put(name, args[++i]);
        }
        return o;
    }
}
