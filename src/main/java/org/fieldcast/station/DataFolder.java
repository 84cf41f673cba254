package org.fieldcast.station;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where this server keeps its own files: the embedded database, the master key, the embed signing key,
 * the first admin's password, the self-signed certificate. The key {@code fieldcast.data-dir} is
 * declared here alone; every feature that keeps a file there asks this bean for the folder.
 */
@ApplicationScoped
public class DataFolder {
    /** Relative to the working directory. */
    public static final String DEFAULT = "data";

    @Inject
    @ConfigProperty(name = "fieldcast.data-dir", defaultValue = DEFAULT)
    String folder;

    public Path path() {
        return Path.of(folder);
    }
}
