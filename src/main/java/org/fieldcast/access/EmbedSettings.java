package org.fieldcast.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fieldcast.station.DataFolder;

/** The embed grants' settings, validated at start. */
@ApplicationScoped
public class EmbedSettings {

    /**
     * The file holding the key that signs embed grants (made at the first start, readable by the
     * owner only). Every node of a cluster needs the same file. Replacing it ends every grant.
     * Default: {@code embed-key} in the data folder.
     */
    @Inject
    @ConfigProperty(name = "fieldcast.embed.key-file")
    Optional<String> keyFile;

    /** How long a grant may last at most. Default one year. */
    @Inject
    @ConfigProperty(name = "fieldcast.embed.max-lifetime", defaultValue = "P365D")
    Duration maxLifetime;

    /** How many cameras one grant may name at most (the grant travels in a cookie). Default 16. */
    @Inject
    @ConfigProperty(name = "fieldcast.embed.max-cameras", defaultValue = "16")
    int maxCameras;

    @Inject
    DataFolder dataFolder;

    @PostConstruct
    void validate() {
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("fieldcast.embed.max-lifetime must be positive, not " + maxLifetime);
        }
        if (maxCameras < 1 || maxCameras > EmbedRequest.MAX_CAMERAS) {
            throw new IllegalArgumentException("fieldcast.embed.max-cameras must be 1 to " + EmbedRequest.MAX_CAMERAS + ", not " + maxCameras);
        }
    }

    Path keyFile() {
        return keyFile.map(String::strip).filter(f -> !f.isEmpty()).map(Path::of).orElse(dataFolder.path().resolve("embed-key"));
    }

    Duration maxLifetime() {
        return maxLifetime;
    }

    int maxCameras() {
        return maxCameras;
    }
}
