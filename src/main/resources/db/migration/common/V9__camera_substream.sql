-- A camera's low-resolution second RTSP stream (Bosch: another encoder instance, e.g. '/?inst=2'),
-- pulled for grid tiles. Null: the camera has none, and its tiles use the main stream (rtsp_path).
alter table camera add column substream_path varchar(1024);
