-- The Model Factory: base models, training runs (a durable queue), their metrics and checkpoints, organization
-- limits, and published model versions (immutable).

-- Bases every organization may fine-tune (owner_tenant_id null), or one organization's own imports.
create table factory_base_model (
    id              uuid primary key,
    owner_tenant_id uuid references tenant (id),
    name            varchar(200)  not null,
    directory       varchar(1000) not null,
    architecture    varchar(100)  not null,
    licence         varchar(200)  not null,
    sha256          varchar(64)   not null,
    parameters      bigint        not null,
    context_length  integer       not null,
    vocabulary_size integer       not null,
    registered_at   timestamptz   not null,
    unique (sha256)
);

-- Limits staff set per organization; absent: the defaults (see FactoryLimits).
create table factory_limits (
    tenant_id            uuid primary key references tenant (id),
    max_concurrent_runs  integer     not null check (max_concurrent_runs >= 0),
    monthly_token_quota  bigint      not null check (monthly_token_quota >= 0),
    updated_by           varchar(320) not null,
    updated_at           timestamptz not null
);

create table factory_run (
    id                 uuid primary key,
    tenant_id          uuid          not null references tenant (id),
    name               varchar(200)  not null,
    base_model_id      uuid          not null references factory_base_model (id),
    objective          varchar(30)   not null check (objective in ('INSTRUCTION', 'CONTINUED_PRETRAINING')),
    settings           jsonb         not null,
    releases           jsonb         not null,
    for_sale           boolean       not null,
    status             varchar(12)   not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED')),
    created_by         varchar(320)  not null,
    created_by_member  uuid,
    queued_at          timestamptz   not null,
    started_at         timestamptz,
    finished_at        timestamptz,
    claimed_by         varchar(200),
    heartbeat_at       timestamptz,
    cancel_requested   boolean       not null default false,
    step               integer       not null default 0,
    total_steps        integer       not null,
    estimated_tokens   bigint        not null,
    tokens_trained     bigint        not null default 0,
    final_loss         double precision,
    validation_loss    double precision,
    failure_reason     varchar(2000),
    resume_from        varchar(1000),
    parent_run_id      uuid references factory_run (id),
    parent_step        integer,
    evaluation         jsonb,
    adapter_sha256     varchar(64)
);
create index factory_run_queue on factory_run (status, queued_at);
create index factory_run_tenant on factory_run (tenant_id, queued_at desc);

create table factory_run_metric (
    run_id            uuid             not null references factory_run (id),
    tenant_id         uuid             not null references tenant (id),
    step              integer          not null,
    loss              double precision not null,
    learning_rate     double precision not null,
    tokens_per_second double precision not null,
    validation_loss   double precision,
    primary key (run_id, step)
);

create table factory_checkpoint (
    id              uuid primary key,
    run_id          uuid             not null references factory_run (id),
    tenant_id       uuid             not null references tenant (id),
    step            integer          not null,
    directory       varchar(1000)    not null,
    loss            double precision not null,
    validation_loss double precision,
    created_at      timestamptz      not null,
    unique (run_id, step)
);

-- A published model version never changes: the database refuses updates and deletes.
create table factory_model_version (
    id                   uuid primary key,
    tenant_id            uuid           not null references tenant (id),
    run_id               uuid           not null references factory_run (id),
    name                 varchar(200)   not null,
    version              integer        not null check (version >= 1),
    base_sha256          varchar(64)    not null,
    adapter_sha256       varchar(64)    not null,
    releases             jsonb          not null,
    settings             jsonb          not null,
    evaluation           jsonb,
    licence              varchar(200)   not null,
    price_per_1k_tokens  numeric(20, 6) not null check (price_per_1k_tokens >= 0),
    published_by         varchar(320)   not null,
    published_at         timestamptz    not null,
    unique (tenant_id, name, version)
);

create function factory_model_version_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'factory_model_version is immutable: publish a new version instead';
end;
$$;
create trigger factory_model_version_immutable
    before update or delete on factory_model_version
    for each row execute function factory_model_version_is_immutable();
