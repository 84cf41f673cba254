-- Sites, their NAT gateways and their cameras. Other systems write these tables; Fieldcast reads
-- them into its station directory and upserts station files into them.
-- This SQL must run unchanged on H2 2.3 and PostgreSQL 15: vendor-only parts go to ../h2 or ../postgresql.

create table site (
    id         varchar(64)  not null primary key,
    name       varchar(200) not null,
    created_at timestamp with time zone default current_timestamp not null,
    updated_at timestamp with time zone default current_timestamp not null
);

-- A gateway is one NAT hop between Fieldcast and a site's cameras; parent_id is the next hop outwards.
-- Port mappings come with a later migration.
create table gateway (
    id          varchar(64)  not null primary key,
    site_id     varchar(64)  not null,
    name        varchar(200) not null,
    public_host varchar(255),
    parent_id   varchar(64),
    constraint gateway_site_fk foreign key (site_id) references site (id) on delete cascade,
    constraint gateway_parent_fk foreign key (parent_id) references gateway (id)
);
create index gateway_site_idx on gateway (site_id);
create index gateway_parent_idx on gateway (parent_id);

create table camera (
    id         varchar(64)   not null primary key,
    site_id    varchar(64)   not null,
    name       varchar(200)  not null,
    type       varchar(16)   default 'FIXED' not null,
    model      varchar(200),
    host       varchar(255)  not null,
    rtsp_port  integer       default 554 not null,
    http_port  integer       default 80 not null,
    rtsp_path  varchar(1024) default '/?inst=1' not null,
    auth_mode  varchar(16)   default 'NONE' not null,
    username   varchar(255),
    -- Plain text for now; a later migration moves it to encrypted storage.
    password   varchar(255),
    enabled    boolean       default true not null,
    always_on  boolean       default false not null,
    created_at timestamp with time zone default current_timestamp not null,
    updated_at timestamp with time zone default current_timestamp not null,
    constraint camera_site_fk foreign key (site_id) references site (id) on delete cascade,
    constraint camera_type_known check (type in ('FIXED', 'PTZ')),
    constraint camera_auth_mode_known check (auth_mode in ('NONE', 'BASIC', 'DIGEST'))
);
create index camera_site_idx on camera (site_id);
