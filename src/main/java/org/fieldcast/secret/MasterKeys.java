package org.fieldcast.secret;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.station.DataFolder;

/**
 * Where the master keys come from: a key file, re-read whenever it changes so that a new key can be
 * put in front without a restart, and an environment variable, read once. The file's keys come
 * first; a key from the environment stays usable for unwrapping.
 */
@ApplicationScoped
public class MasterKeys {

    private static final Logger LOG = Logger.getLogger(MasterKeys.class.getName());

    /** Master keys in base64, newest first (commas or spaces between). Default: none. Prefer the key file. */
    @Inject
    @ConfigProperty(name = "fieldcast.secret.master-key")
    Optional<String> configuredKeys;

    /**
     * A file with one master key per line in base64, newest first; re-read when it changes. Default:
     * {@code master-key} in the data folder, made (owner-only, with one new key) at the first start
     * when no key is configured, so that even the embedded default stores camera passwords encrypted.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.secret.master-key-file")
    Optional<String> configuredFile;

    /** The data folder, where the default key file lives. */
    @Inject
    DataFolder dataFolder;

    private String dataDir;

    static final String DEFAULT_FILE = "master-key";

    private MasterKeyRing fromEnvironment = MasterKeyRing.EMPTY;
    private Path file;
    private MasterKeyRing fromFile = MasterKeyRing.EMPTY; // guarded by this
    private FileStamp stamp; // guarded by this

    private record FileStamp(FileTime modified, long size) {
    }

    protected MasterKeys() {
        // for CDI
    }

    private MasterKeys(Optional<String> keys, Optional<String> file, String dataDir) {
        this.configuredKeys = keys;
        this.configuredFile = file;
        this.dataDir = dataDir;
        load();
    }

    /** Master keys outside the container, e.g. for the command line: the same defaults as the server's. */
    public static MasterKeys of(Optional<String> keys, Optional<String> file, String dataDir) {
        return new MasterKeys(keys, file, dataDir);
    }

    @PostConstruct
    void start() {
        dataDir = dataFolder.path().toString();
        load();
    }

    void load() {
        fromEnvironment = configuredKeys.filter(k -> !k.isBlank())
                .map(k -> MasterKeyRing.parse(k, "fieldcast.secret.master-key")).orElse(MasterKeyRing.EMPTY);
        file = configuredFile.filter(f -> !f.isBlank()).map(Path::of).orElse(null);
        if (file == null && fromEnvironment.isEmpty() && dataDir != null) {
            file = defaultFile(Path.of(dataDir).resolve(DEFAULT_FILE));
        }
        if (file != null) {
            // A configured file that cannot be read fails the start, with the path in the message.
            readFile();
        }
        LOG.info(() -> ring().isEmpty() ? "No master key configured: camera passwords can only be stored in plain text"
                : "Master keys: " + ring().ids() + ", current " + ring().current().id());
    }

    /** The default key file, made with one new key if there is none yet. */
    private static Path defaultFile(Path path) {
        if (Files.exists(path)) {
            return path;
        }
        try {
            OwnerOnlyFiles.write(path, "# Fieldcast's master key (newest first). Move it to a secret store: README.md, Camera passwords.\n"
                    + MasterKey.generate().encoded() + "\n");
            LOG.info(() -> "Made a master key for camera passwords in " + path + " (readable by this user only)");
            return path;
        } catch (IOException e) {
            throw new SecretException("cannot make the master key file " + path + ": " + e.getMessage(), e);
        }
    }

    /** The keys now, newest first; the key file is looked at again if it changed since the last call. */
    public synchronized MasterKeyRing ring() {
        if (file != null && !Objects.equals(stamp, stampOf(file))) {
            try {
                readFile();
                LOG.info(() -> "Master key file " + file + " changed: keys " + fromFile.ids());
            } catch (SecretException e) {
                // Keep the keys that worked: a file caught half-written must not stop every camera.
                LOG.warning(() -> e.getMessage() + "; keeping the keys read before");
                stamp = stampOf(file);
            }
        }
        return fromFile.followedBy(fromEnvironment);
    }

    private synchronized void readFile() {
        FileStamp before = stampOf(file);
        try {
            fromFile = MasterKeyRing.parse(Files.readString(file, StandardCharsets.UTF_8), "master key file " + file);
            stamp = before;
        } catch (IOException e) {
            throw new SecretException("master key file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static FileStamp stampOf(Path file) {
        try {
            return new FileStamp(Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException e) {
            return null;
        }
    }
}
