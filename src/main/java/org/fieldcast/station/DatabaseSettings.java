package org.fieldcast.station;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the station database is and how to log in. Holds the password, so {@link #toString()} and
 * {@link #safeUrl()} leave it out.
 */
record DatabaseSettings(String url, String user, String password) {

    /** The placeholder a configured URL may use for the data directory. */
    static final String DATA_DIR_PLACEHOLDER = "${fieldcast.data-dir}";

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password|pwd)=[^;&]*");

    /**
     * Settings from configuration values, with the defaults filled in: an embedded H2 file database in
     * the data directory (created if missing), whose built-in user is {@code sa}.
     */
    static DatabaseSettings resolve(Optional<String> url, Optional<String> user, Optional<String> password,
                                    String dataDir) {
        String resolvedUrl = url.filter(u -> !u.isBlank())
                .orElse("jdbc:h2:file:" + DATA_DIR_PLACEHOLDER + "/fieldcast;DB_CLOSE_ON_EXIT=FALSE");
        if (resolvedUrl.contains(DATA_DIR_PLACEHOLDER)) {
            // Config implementations differ in whether they expand ${...}; expanding here works with all.
            resolvedUrl = resolvedUrl.replace(DATA_DIR_PLACEHOLDER, createDataDir(dataDir));
        }
        String resolvedUser = user.filter(u -> !u.isBlank())
                .orElse(resolvedUrl.startsWith("jdbc:h2:") ? "sa" : null);
        return new DatabaseSettings(resolvedUrl, resolvedUser, password.orElse(""));
    }

    /** The word after {@code jdbc:}, e.g. {@code h2} or {@code postgresql}: names the vendor's migration folder. */
    String vendor() {
        int end = url.indexOf(':', 5);
        return url.startsWith("jdbc:") && end > 5 ? url.substring(5, end) : "unknown";
    }

    /** The URL with any password parameter masked, for messages. */
    String safeUrl() {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1=***");
    }

    private static String createDataDir(String dataDir) {
        Path dir = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dir, e);
        }
        // H2 wants forward slashes in file URLs on every platform.
        return dir.toString().replace('\\', '/');
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + safeUrl() + ", user=" + user + "]";
    }
}
