package org.fieldcast.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One line of the audit trail: who did what, to which camera, when, from where. Never changed. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "at", nullable = false, updatable = false)
    private OffsetDateTime at;

    @Column(name = "actor", nullable = false, length = 200, updatable = false)
    private String actor;

    @Column(name = "actor_kind", nullable = false, length = 16, updatable = false)
    private String actorKind;

    @Column(name = "action", nullable = false, length = 64, updatable = false)
    private String action;

    @Column(name = "camera_id", length = 64, updatable = false)
    private String cameraId;

    @Column(name = "target", length = 200, updatable = false)
    private String target;

    @Column(name = "detail", length = 1000, updatable = false)
    private String detail;

    @Column(name = "address", length = 64, updatable = false)
    private String address;

    protected AuditEvent() {
        // for JPA
    }

    AuditEvent(OffsetDateTime at, String actor, String actorKind, String action, String cameraId, String target,
               String detail, String address) {
        this.at = at;
        this.actor = clip(actor, 200);
        this.actorKind = actorKind;
        this.action = action;
        this.cameraId = clip(cameraId, 64);
        this.target = clip(target, 200);
        this.detail = clip(detail, 1000);
        this.address = clip(address, 64);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    public Long id() {
        return id;
    }

    public OffsetDateTime at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String actorKind() {
        return actorKind;
    }

    public String action() {
        return action;
    }

    public String cameraId() {
        return cameraId;
    }

    public String target() {
        return target;
    }

    public String detail() {
        return detail;
    }

    public String address() {
        return address;
    }
}
