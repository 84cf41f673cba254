-- Reaching cameras through NAT gateways, and camera passwords encrypted with a key per site.
-- docs/schema.md is the contract for the systems that write these tables.
-- This SQL must run unchanged on H2 2.3 and PostgreSQL 15: vendor-only parts go to ../h2 or ../postgresql.

-- Port forwarding on a gateway: a connection to the gateway's public_host at outer_port reaches
-- inner_host:inner_port on the gateway's inside network. Behind two gateways, the outer gateway's
-- mapping points at the inner gateway's public_host and outer port.
create table port_mapping (
    gateway_id varchar(64)  not null,
    protocol   varchar(8)   not null,
    inner_host varchar(255) not null,
    inner_port integer      not null,
    outer_port integer      not null,
    constraint port_mapping_pk primary key (gateway_id, outer_port),
    constraint port_mapping_gateway_fk foreign key (gateway_id) references gateway (id) on delete cascade,
    constraint port_mapping_protocol_known check (protocol in ('rtsp', 'http', 'https')),
    constraint port_mapping_inner_port_range check (inner_port between 1 and 65535),
    constraint port_mapping_outer_port_range check (outer_port between 1 and 65535),
    constraint port_mapping_inner_once unique (gateway_id, protocol, inner_host, inner_port)
);

-- The gateway a camera sits behind (null: reached directly). Deliberately no foreign key: other
-- systems may write a camera before its gateway, and a camera naming a gateway that does not exist
-- is reported as a problem of that camera alone.
alter table camera add column gateway_id varchar(64);
create index camera_gateway_idx on camera (gateway_id);

-- The camera's password encrypted with its site's key (AES-256-GCM, 'fc1:' + base64), written by
-- the encrypt command or the admin endpoint. The plain password column stays for setups without a
-- master key; a camera has one or the other.
alter table camera add column password_encrypted varchar(2048);
alter table camera add constraint camera_one_password check (password is null or password_encrypted is null);

-- One data key per site, wrapped (AES-256-GCM) by the master key named by master_key_id. The master
-- key itself is never stored here: it comes from the environment or a key file.
create table site_key (
    site_id       varchar(64)  not null primary key,
    master_key_id varchar(32)  not null,
    wrapped_key   varchar(255) not null,
    created_at    timestamp with time zone default current_timestamp not null,
    updated_at    timestamp with time zone default current_timestamp not null,
    constraint site_key_site_fk foreign key (site_id) references site (id) on delete cascade
);
