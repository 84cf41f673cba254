package org.fieldcast.station;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * CDI event: the station directory took a new snapshot that differs from the last one.
 * Fired after the new snapshot is in place, so observers that read the directory see it.
 * Observers run on the directory's reload thread and must not block.
 *
 * @param addedIds   cameras that were not there before
 * @param changedIds cameras whose configuration differs in any way (use
 *                   {@link CameraConfig#streamDiffers} to tell whether a stream must restart)
 * @param removedIds cameras that are gone, deleted or no longer valid
 */
public record StationsChanged(Set<String> addedIds, Set<String> changedIds, Set<String> removedIds) {

    public StationsChanged {
        addedIds = Set.copyOf(addedIds);
        changedIds = Set.copyOf(changedIds);
        removedIds = Set.copyOf(removedIds);
    }

    /** The difference between two sets of cameras keyed by id. */
    public static StationsChanged between(Map<String, CameraConfig> before, Map<String, CameraConfig> after) {
        Set<String> added = new HashSet<>(after.keySet());
        added.removeAll(before.keySet());
        Set<String> removed = new HashSet<>(before.keySet());
        removed.removeAll(after.keySet());
        Set<String> changed = new HashSet<>();
        after.forEach((id, camera) -> {
            CameraConfig old = before.get(id);
            if (old != null && !old.equals(camera)) {
                changed.add(id);
            }
        });
        return new StationsChanged(added, changed, removed);
    }

    public boolean isEmpty() {
        return addedIds.isEmpty() && changedIds.isEmpty() && removedIds.isEmpty();
    }
}
