-- When an account's password was last set: a session that logged in before it ends (a password
-- changed because it leaked must not leave the thief's session open).
alter table access_user add column password_changed_at timestamp with time zone;
