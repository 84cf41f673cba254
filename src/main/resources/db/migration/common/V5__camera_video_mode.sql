-- What the pull does with a camera's video: COPY (its own H.264 or H.265, never re-encoded) or
-- H264 (re-encoded to H.264 for browsers that cannot play H.265).
alter table camera add column video_mode varchar(16) default 'COPY' not null;
alter table camera add constraint camera_video_mode_known check (video_mode in ('COPY', 'H264'));
