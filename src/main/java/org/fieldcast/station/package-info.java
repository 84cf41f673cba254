/**
 * Stations: the sites, NAT gateways (with their port mappings) and cameras that Fieldcast streams.
 *
 * <p>Owns the schema (Flyway migrations for H2 and PostgreSQL, documented for the systems that
 * write it in {@code docs/schema.md}), the JPA entities and their resource-local persistence unit
 * ({@link org.fieldcast.station.StationDatabase}), the import of station files
 * ({@link org.fieldcast.station.StationImporter}) and the in-memory
 * {@link org.fieldcast.station.StationDirectory} that every other feature reads. Other systems
 * write the database, so the directory follows it: on PostgreSQL through LISTEN/NOTIFY (triggers
 * on the tables, {@link org.fieldcast.station.StationNotifications}), elsewhere by polling. Each
 * difference is announced as a {@link org.fieldcast.station.StationsChanged} CDI event.
 *
 * <p>Entities carry the behaviour of their data: a {@link org.fieldcast.station.CameraConfig}
 * crosses its gateways hop by hop ({@link org.fieldcast.station.CameraConfig#routeThroughGateways}),
 * and keeps only the mappings on its own way so that other cameras' changes do not touch it. Site
 * keys are stored here ({@link org.fieldcast.station.SiteKey}) but only {@code org.fieldcast.secret}
 * wraps and unwraps them.
 *
 * <p>Bad rows and bad file entries are reported as {@link org.fieldcast.station.StationProblem}s,
 * one camera at a time, without stopping the others. Camera passwords never reach a log line or a
 * problem message.
 */
package org.fieldcast.station;
