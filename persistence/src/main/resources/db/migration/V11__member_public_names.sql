-- How a member appears outside their own organization (public DataNets' leaderboards, review queues, exports): a name
-- they choose, by default a random pseudonym. Never derived from the e-mail, which stays inside the organization.
alter table member add column public_name varchar(80);
update member set public_name = 'Contributor ' || upper(substr(md5(gen_random_uuid()::text), 1, 6));
alter table member alter column public_name set not null;
alter table member add constraint member_public_name_not_blank check (length(trim(public_name)) > 0);
