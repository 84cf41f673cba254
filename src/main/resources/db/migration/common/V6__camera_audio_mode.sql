-- What the pull does with a camera's audio: AUTO (AAC copied, other audio dropped), NONE, or AAC
-- (any audio transcoded to AAC).
alter table camera add column audio_mode varchar(16) default 'AUTO' not null;
alter table camera add constraint camera_audio_mode_known check (audio_mode in ('AUTO', 'NONE', 'AAC'));
