-- Tenants are Keycloak organizations; members carry the roles Tributary grants them in one tenant.
create table tenant (
    id              uuid primary key,
    alias           varchar(63)  not null unique check (alias ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name            varchar(200) not null check (length(trim(name)) > 0),
    status          varchar(16)  not null check (status in ('ACTIVE', 'SUSPENDED')),
    keycloak_org_id varchar(64),
    brand_name      varchar(200) not null,
    brand_logo      text check (brand_logo is null or length(brand_logo) <= 140000),
    brand_colour    varchar(7)   not null check (brand_colour ~ '^#[0-9a-fA-F]{6}$'),
    brand_mode      varchar(8)   not null check (brand_mode in ('LIGHT', 'DARK')),
    created_at      timestamptz  not null,
    version         bigint       not null
);

create table member (
    id           uuid primary key,
    tenant_id    uuid         not null references tenant (id),
    email        varchar(320) not null,
    display_name varchar(200),
    subject      varchar(255),
    roles        varchar(200) not null,
    created_at   timestamptz  not null,
    last_sign_in timestamptz,
    version      bigint       not null
);
create unique index member_tenant_email on member (tenant_id, lower(email));
create index member_subject on member (subject);
