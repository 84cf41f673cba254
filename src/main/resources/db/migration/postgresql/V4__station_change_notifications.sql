-- Tells listening Fieldcast servers that the stations changed, so they reload within a moment
-- instead of at the next poll. One notification per statement (the payload names the table):
-- Fieldcast re-reads all stations and works out which cameras differ, so row details are not needed,
-- and PostgreSQL folds identical notifications of one transaction into one.
create function fieldcast_stations_changed() returns trigger
    language plpgsql as $$
begin
    perform pg_notify('fieldcast_stations', tg_table_name);
    return null;
end
$$;

create trigger site_changed after insert or update or delete or truncate on site
    for each statement execute function fieldcast_stations_changed();
create trigger gateway_changed after insert or update or delete or truncate on gateway
    for each statement execute function fieldcast_stations_changed();
create trigger port_mapping_changed after insert or update or delete or truncate on port_mapping
    for each statement execute function fieldcast_stations_changed();
create trigger camera_changed after insert or update or delete or truncate on camera
    for each statement execute function fieldcast_stations_changed();
