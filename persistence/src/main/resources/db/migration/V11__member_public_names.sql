-- How a member appears outside their own organization (public DataNets' leaderboards, review queues, exports): a name
-- they choose, by default a random pseudonym such as "Contributor 7F3A1C". Never derived from the e-mail, which stays
-- inside the organization. The default is volatile, so existing rows (and rows inserted by SQL) each get their own.
alter table member
    add column public_name varchar(80) not null
        default ('Contributor ' || upper(substr(md5(gen_random_uuid()::text), 1, 6)))
        check (length(trim(public_name)) > 0);
