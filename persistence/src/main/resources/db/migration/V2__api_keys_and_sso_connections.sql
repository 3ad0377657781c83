-- Machine credentials (hash only) and enterprise identity providers per tenant.
create table api_key (
    id           uuid primary key,
    tenant_id    uuid         not null references tenant (id),
    name         varchar(100) not null,
    prefix       varchar(16)  not null,
    secret_hash  varchar(64)  not null unique,
    roles        varchar(200) not null,
    created_by   varchar(320) not null,
    created_at   timestamptz  not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index api_key_tenant on api_key (tenant_id);

create table sso_connection (
    id            uuid primary key,
    tenant_id     uuid         not null references tenant (id),
    idp_alias     varchar(100) not null unique,
    display_name  varchar(100) not null,
    issuer_url    varchar(500) not null,
    client_id     varchar(200) not null,
    email_domain  varchar(253) not null unique,
    default_roles varchar(200) not null,
    created_at    timestamptz  not null
);
