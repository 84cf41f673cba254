package org.fieldcast.station;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A camera at a site, as stored. Streams never see this entity, only its {@link #toConfig()} snapshot. */
@Entity
@Table(name = "camera")
public class Camera {

    @Id
    @Column(name = "id", length = 64)
    private String id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "site_id", nullable = false)
    private Site site;

    @Column(name = "name", nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "type", nullable = false)
    private CameraType type;

    @Column(name = "model")
    private String model;

    @Column(name = "host", nullable = false)
    private String host;

    @Column(name = "rtsp_port", nullable = false)
    private int rtspPort;

    @Column(name = "http_port", nullable = false)
    private int httpPort;

    @Column(name = "https_port")
    private Integer httpsPort;

    @Column(name = "tls_fingerprint")
    private String tlsFingerprint;

    @Column(name = "rtsp_path", nullable = false)
    private String rtspPath;

    @Column(name = "substream_path")
    private String substreamPath;

    @Enumerated(EnumType.STRING)
    @Column(name = "auth_mode", nullable = false)
    private AuthMode authMode;

    @Column(name = "username")
    private String username;

    @Column(name = "password")
    private String password;

    @Column(name = "password_encrypted")
    private String encryptedPassword;

    /** No relation on purpose: a camera naming a gateway that does not exist is reported, not fatal. */
    @Column(name = "gateway_id")
    private String gatewayId;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "always_on", nullable = false)
    private boolean alwaysOn;

    @Enumerated(EnumType.STRING)
    @Column(name = "video_mode", nullable = false)
    private VideoMode videoMode = VideoMode.COPY;

    @Enumerated(EnumType.STRING)
    @Column(name = "audio_mode", nullable = false)
    private AudioMode audioMode = AudioMode.AUTO;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Camera() {
        // for JPA
    }

    Camera(Site site, CameraDefinition definition) {
        this.id = definition.id();
        this.site = site;
        copy(definition);
    }

    public String id() {
        return id;
    }

    public Site site() {
        return site;
    }

    /**
     * What keeps this row from being streamed: its own fields, and its way out through the gateways.
     * Empty when {@link #toConfig} may be called.
     *
     * @param gateways every gateway, by id
     */
    List<String> problems(Map<String, Gateway> gateways) {
        List<String> found = new ArrayList<>();
        definition().violations().forEach(violation -> found.add(violation.message()));
        if (gatewayId != null) {
            Gateway gateway = gateways.get(gatewayId);
            if (gateway == null) {
                found.add("gateway '" + gatewayId + "' does not exist");
            } else if (!gateway.site().id().equals(site.id())) {
                found.add("gateway '" + gatewayId + "' belongs to site '" + gateway.site().id() + "', not to the camera's site");
            } else if (gateway.chainProblem() != null) {
                found.add(gateway.chainProblem());
            }
        }
        return found;
    }

    /**
     * The snapshot the streams use; only for a camera without {@link #problems}. Each gateway keeps
     * only the port mappings on this camera's way, so that other cameras' mappings cannot make this
     * camera look changed.
     */
    CameraConfig toConfig(Map<String, Gateway> gateways) {
        List<Gateway> chain = gatewayId == null ? List.of() : gateways.get(gatewayId).hopsOutwards();
        CameraConfig allMappings = definition().toConfig(site.id(), site.name(),
                chain.stream().map(g -> g.toHop(Set.copyOf(g.forwards()))).toList());
        List<Set<PortForward>> used = chain.stream().map(g -> (Set<PortForward>) new HashSet<PortForward>()).toList();
        for (PortProtocol protocol : PortProtocol.values()) {
            List<PortForward> way = allMappings.routeThroughGateways(protocol).forwards();
            for (int hop = 0; hop < way.size(); hop++) {
                used.get(hop).add(way.get(hop));
            }
        }
        List<GatewayHop> hops = new ArrayList<>();
        for (int hop = 0; hop < chain.size(); hop++) {
            hops.add(chain.get(hop).toHop(used.get(hop)));
        }
        return definition().toConfig(site.id(), site.name(), hops);
    }

    CameraDefinition definition() {
        return new CameraDefinition(id, name, type, model, host, rtspPort, httpPort,
                httpsPort == null ? 0 : httpsPort, CameraDefinition.normalisedFingerprint(tlsFingerprint), rtspPath, authMode,
                username, password, encryptedPassword, gatewayId, enabled, alwaysOn,
                videoMode == null ? VideoMode.COPY : videoMode, audioMode == null ? AudioMode.AUTO : audioMode,
                CameraDefinition.normalisedSubstream(substreamPath));
    }

    /** Takes the file's view of this camera; true when anything differed, so that an import can count updates. */
    boolean update(Site newSite, CameraDefinition definition) {
        boolean moved = !site.id().equals(newSite.id());
        if (!moved && definition().equals(definition)) {
            return false;
        }
        site = newSite;
        copy(definition);
        return true;
    }

    private void copy(CameraDefinition d) {
        name = d.name();
        type = d.type();
        model = d.model();
        host = d.host();
        rtspPort = d.rtspPort();
        httpPort = d.httpPort();
        httpsPort = d.httpsPort() == 0 ? null : d.httpsPort();
        tlsFingerprint = d.tlsFingerprint();
        rtspPath = d.rtspPath();
        authMode = d.authMode();
        username = d.username();
        password = d.password();
        encryptedPassword = d.encryptedPassword();
        gatewayId = d.gatewayId();
        enabled = d.enabled();
        alwaysOn = d.alwaysOn();
        videoMode = d.videoMode();
        audioMode = d.audioMode();
        substreamPath = d.substreamPath();
    }

    @PrePersist
    void stampCreated() {
        createdAt = Site.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void stampUpdated() {
        updatedAt = Site.now();
    }
}
