-- Identity: e-mail domains are held by one tenant platform-wide and count only once proven; invitations are accepted
-- by the invited person through a one-time link; removed members stay as tombstones so their history keeps its owner.

create table domain_claim (
    id              uuid primary key,
    tenant_id       uuid         not null references tenant (id),
    domain          varchar(253) not null check (domain = lower(domain)),
    challenge_token varchar(64)  not null,
    status          varchar(16)  not null check (status in ('PENDING', 'VERIFIED', 'REJECTED')),
    -- 'dns' when the TXT record proved it, else the platform staff member who decided.
    decided_by      varchar(320),
    created_at      timestamptz  not null,
    decided_at      timestamptz,
    version         bigint       not null,
    constraint domain_claim_decided check ((status = 'PENDING') = (decided_at is null))
);
-- A domain is held (claimed or verified) by at most one tenant on the whole platform; a rejected claim frees it.
create unique index domain_claim_held on domain_claim (domain) where status <> 'REJECTED';
create index domain_claim_tenant on domain_claim (tenant_id);

alter table member add column status varchar(16) not null default 'ACTIVE' check (status in ('ACTIVE', 'REMOVED'));
alter table member add column removed_at timestamptz;
alter table member add constraint member_removed_at check ((status = 'REMOVED') = (removed_at is not null));
-- One member per identity and tenant.
create unique index member_tenant_subject on member (tenant_id, subject) where subject is not null;

create table invitation (
    id          uuid primary key,
    tenant_id   uuid         not null,
    member_id   uuid         not null,
    email       varchar(320) not null,
    -- SHA-256 of the one-time token in the e-mailed link; the token itself is never stored.
    token_hash  varchar(64)  not null unique,
    status      varchar(16)  not null check (status in ('PENDING', 'ACCEPTED', 'REVOKED')),
    invited_by  varchar(320) not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    accepted_at timestamptz,
    version     bigint       not null,
    constraint invitation_member foreign key (member_id, tenant_id) references member (id, tenant_id)
);
create index invitation_tenant on invitation (tenant_id, created_at);
-- At most one open invitation per member.
create unique index invitation_pending on invitation (member_id) where status = 'PENDING';
