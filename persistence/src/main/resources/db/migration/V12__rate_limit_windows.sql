-- Write rate limits: one fixed window per caller (an API key by its hash, or a member), kept in the database so that
-- every node of a cluster counts against the same window. One row per caller, updated in place.
create table rate_limit_window (
    caller       varchar(100) primary key,
    window_start timestamptz  not null,
    hits         integer      not null
);
