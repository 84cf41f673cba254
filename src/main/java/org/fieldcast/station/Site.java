package org.fieldcast.station;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/** A road-side field site: a place with one or more cameras behind its gateways. */
@Entity
@Table(name = "site")
public class Site {

    @Id
    @Column(name = "id", length = 64)
    private String id;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Site() {
        // for JPA
    }

    public Site(String id, String name) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Takes the new name; true when it differed, so that an import can count updates. */
    boolean rename(String newName) {
        if (name.equals(newName)) {
            return false;
        }
        name = newName;
        return true;
    }

    public SiteSummary summary(int cameraCount) {
        return new SiteSummary(id, name, cameraCount);
    }

    @PrePersist
    void stampCreated() {
        createdAt = now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void stampUpdated() {
        updatedAt = now();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
