package org.fieldcast.secret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys Fieldcast knows, newest first: the first wraps new site keys, all of them unwrap.
 * Rotation adds a new key in front while the old one stays until every site key is wrapped again.
 *
 * <p>Written one key per line (or separated by commas or spaces, as in an environment variable);
 * {@code #} starts a comment.
 */
public final class MasterKeyRing {

    public static final MasterKeyRing EMPTY = new MasterKeyRing(List.of());

    private final Map<String, MasterKey> byId = new LinkedHashMap<>();

    public MasterKeyRing(List<MasterKey> newestFirst) {
        newestFirst.forEach(key -> byId.putIfAbsent(key.id(), key));
    }

    /**
     * @param where names the source in messages, e.g. the key file's path; never the keys
     */
    public static MasterKeyRing parse(String text, String where) {
        List<MasterKey> keys = new ArrayList<>();
        int line = 0;
        for (String row : text.split("\\R")) {
            line++;
            int hash = row.indexOf('#');
            String content = (hash < 0 ? row : row.substring(0, hash)).strip();
            for (String word : content.split("[,\\s]+")) {
                if (!word.isEmpty()) {
                    try {
                        keys.add(MasterKey.parse(word));
                    } catch (SecretException e) {
                        throw new SecretException(where + " line " + line + ": " + e.getMessage());
                    }
                }
            }
        }
        return new MasterKeyRing(keys);
    }

    /** This ring's keys, followed by the keys of {@code then} that it lacks. */
    public MasterKeyRing followedBy(MasterKeyRing then) {
        List<MasterKey> all = new ArrayList<>(byId.values());
        all.addAll(then.byId.values());
        return new MasterKeyRing(all);
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** The key that wraps new site keys and re-wraps old ones. */
    public MasterKey current() {
        return byId.values().stream().findFirst().orElseThrow(() -> new SecretException(
                "no master key is configured: set fieldcast.secret.master-key-file (or FIELDCAST_SECRET_MASTER_KEY);"
                        + " SecretsCommand generate-master-key makes one"));
    }

    public Optional<MasterKey> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The ids, newest first. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKeyRing other && ids().equals(other.ids());
    }

    @Override
    public int hashCode() {
        return ids().hashCode();
    }

    @Override
    public String toString() {
        return "MasterKeyRing" + ids();
    }
}
