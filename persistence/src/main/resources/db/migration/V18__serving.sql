-- Serving: the published versions it can host, the names callers use (<organization>/<model> → one version), each
-- organization's limits, the rate windows every node counts against, and one usage record per answered request.

-- Every published version serving may host, recorded when the factory's ModelPublished arrives. Shared by design:
-- a public model's versions are served to every organization; the serving service checks who may call which.
create table serving_version (
    version_id          uuid primary key,
    tenant_id           uuid           not null references tenant (id),
    name                varchar(200)   not null,
    version             integer        not null check (version >= 1),
    run_id              uuid           not null,
    base_sha256         varchar(64)    not null,
    price_per_1k_tokens numeric(20, 6) not null check (price_per_1k_tokens >= 0),
    published_at        timestamptz    not null,
    unique (tenant_id, name, version)
);

-- The name callers use, <organization alias>/<name>, and the version it answers with now: moving it is a hot swap.
create table serving_model (
    id           uuid         primary key,
    tenant_id    uuid         not null references tenant (id),
    name         varchar(200) not null check (name ~ '^[a-z0-9][a-z0-9._-]*$'),
    display_name varchar(200) not null,
    version_id   uuid         not null references serving_version (version_id),
    public       boolean      not null default false,
    updated_by   varchar(320) not null,
    updated_at   timestamptz  not null,
    unique (tenant_id, name)
);
create index serving_model_public on serving_model (public) where public;

-- Limits staff set per organization; absent: the defaults (see ServingLimits).
create table serving_limits (
    tenant_id           uuid         primary key references tenant (id),
    requests_per_minute integer      not null check (requests_per_minute >= 0),
    tokens_per_minute   integer      not null check (tokens_per_minute >= 0),
    monthly_token_quota bigint       not null check (monthly_token_quota >= 0),
    queue_bound         integer      not null check (queue_bound >= 0),
    updated_by          varchar(320) not null,
    updated_at          timestamptz  not null
);

-- One fixed one-minute window per calling organization, in the database so every node counts against it.
create table serving_rate_window (
    tenant_id    uuid        primary key references tenant (id),
    window_start timestamptz not null,
    requests     integer     not null,
    tokens       bigint      not null
);

-- One row per answered request; the caller's organization owns it (tenant_id), the model's owner reads its models'
-- rows through owner_tenant_id. Never changes.
create table serving_usage (
    id                       uuid primary key,
    tenant_id                uuid         not null references tenant (id),
    api_key_id               uuid,
    member_id                uuid,
    caller                   varchar(320) not null,
    model                    varchar(420) not null,
    version_id               uuid references serving_version (version_id),
    owner_tenant_id          uuid references tenant (id),
    prompt_tokens            integer      not null check (prompt_tokens >= 0),
    completion_tokens        integer      not null check (completion_tokens >= 0),
    latency_ms               integer      not null check (latency_ms >= 0),
    time_to_first_token_ms   integer check (time_to_first_token_ms >= 0),
    status                   varchar(12)  not null check (status in ('COMPLETED', 'CANCELLED', 'FAILED')),
    charge                   numeric(38, 0) not null check (charge >= 0),
    created_at               timestamptz  not null
);
create index serving_usage_tenant on serving_usage (tenant_id, created_at desc);
create index serving_usage_owner on serving_usage (owner_tenant_id, created_at desc) where owner_tenant_id is not null;

create function serving_usage_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'serving_usage is append-only';
end;
$$;
create trigger serving_usage_immutable
    before update or delete on serving_usage
    for each row execute function serving_usage_is_immutable();
