-- A contribution's automatic check results become typed jsonb (an array of {check, outcome, detail}) instead of text
-- that pages parsed; the application maps them through Hibernate's JSON type to CheckResult records.
alter table contribution alter column checks type jsonb using checks::jsonb;

alter table contribution add constraint contribution_checks_is_array check (jsonb_typeof(checks) = 'array');
