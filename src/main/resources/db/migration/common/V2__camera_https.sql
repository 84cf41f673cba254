-- A camera's HTTPS interface (rcp.xml, snap.jpg) and the SHA-256 fingerprint of its certificate,
-- pinned by the operator because cameras usually present self-signed certificates.
alter table camera add column https_port integer;
alter table camera add column tls_fingerprint varchar(64);
alter table camera add constraint camera_https_port_range check (https_port is null or (https_port between 1 and 65535));
