create table review (
    id                  uuid primary key,
    contribution_id     uuid         not null references contribution (id),
    datanet_id          uuid         not null references datanet (id),
    validator_tenant_id uuid         not null references tenant (id),
    validator_member_id uuid         not null references member (id),
    validator_email     varchar(320) not null,
    verdict             varchar(8)   not null check (verdict in ('APPROVE', 'REJECT')),
    reason              varchar(2000) not null check (length(trim(reason)) > 0),
    created_at          timestamptz  not null,
    unique (contribution_id, validator_member_id)
);
create index review_validator on review (validator_member_id);

create table release (
    id           uuid primary key,
    datanet_id   uuid         not null references datanet (id),
    version      integer      not null check (version >= 1),
    merkle_root  varchar(66)  not null,
    record_count integer      not null,
    published_by varchar(320) not null,
    published_at timestamptz  not null,
    anchor_tx    varchar(66),
    unique (datanet_id, version)
);

create table release_entry (
    release_id      uuid        not null references release (id),
    contribution_id uuid        not null references contribution (id),
    leaf            varchar(66) not null,
    primary key (release_id, contribution_id)
);

create table notification (
    id         uuid primary key,
    tenant_id  uuid          not null references tenant (id),
    member_id  uuid          not null references member (id),
    message    varchar(1000) not null,
    link       varchar(500),
    created_at timestamptz   not null,
    read_at    timestamptz
);
create index notification_member on notification (member_id, created_at desc);
