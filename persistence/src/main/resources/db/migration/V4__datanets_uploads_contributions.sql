-- DataNets are shared across tenants when public, so they carry their owner explicitly instead of a tenant filter.
create table datanet (
    id                       uuid primary key,
    owner_tenant_id          uuid          not null references tenant (id),
    owner_member_id          uuid          not null references member (id),
    name                     varchar(120)  not null,
    domain                   varchar(120)  not null,
    description              varchar(20000) not null,
    tags                     varchar(500)  not null,
    record_type              varchar(32)   not null,
    licence                  varchar(100)  not null,
    visibility               varchar(16)   not null check (visibility in ('PRIVATE', 'PUBLIC')),
    allowed_formats          varchar(200)  not null,
    max_upload_bytes         bigint        not null check (max_upload_bytes > 0),
    daily_quota              integer       not null check (daily_quota > 0),
    bad_line_policy          varchar(16)   not null check (bad_line_policy in ('KEEP_VALID', 'REJECT_FILE')),
    personal_data_policy     varchar(16)   not null check (personal_data_policy in ('FLAG', 'BLOCK')),
    near_duplicate_threshold double precision not null check (near_duplicate_threshold > 0 and near_duplicate_threshold <= 1),
    approvals_required       integer       not null check (approvals_required >= 1),
    reviewers_per_record     integer       not null check (reviewers_per_record >= approvals_required),
    validator_pool           varchar(32)   not null check (validator_pool in ('OWNER_ORGANIZATION', 'ANY_ORGANIZATION')),
    created_at               timestamptz   not null,
    version                  bigint        not null,
    unique (owner_tenant_id, name)
);
create index datanet_public on datanet (visibility);

create table upload (
    id                    uuid primary key,
    datanet_id            uuid         not null references datanet (id),
    contributor_tenant_id uuid         not null references tenant (id),
    contributor_member_id uuid         not null references member (id),
    contributor_email     varchar(320) not null,
    file_name             varchar(255) not null,
    format                varchar(16)  not null,
    sha256                varchar(64)  not null,
    size_bytes            bigint       not null,
    records_added         integer      not null,
    bad_lines             integer      not null,
    bad_line_report       text,
    created_at            timestamptz  not null
);
create index upload_contributor on upload (contributor_member_id, created_at desc);

create table contribution (
    id                    uuid primary key,
    datanet_id            uuid         not null references datanet (id),
    upload_id             uuid         not null references upload (id),
    contributor_tenant_id uuid         not null references tenant (id),
    contributor_member_id uuid         not null references member (id),
    contributor_email     varchar(320) not null,
    position              integer      not null,
    fields                text         not null,
    content_hash          varchar(64)  not null,
    signature             bytea        not null,
    quality_score         double precision not null,
    checks                text         not null,
    similar_to            uuid references contribution (id),
    similarity            double precision,
    status                varchar(16)  not null check (status in ('BLOCKED', 'IN_REVIEW', 'ESCALATED', 'ACCEPTED', 'REJECTED')),
    approvals             integer      not null,
    rejections            integer      not null,
    decision_reason       varchar(2000),
    created_at            timestamptz  not null,
    decided_at            timestamptz,
    version               bigint       not null
);
create index contribution_queue on contribution (datanet_id, status, created_at);
create index contribution_contributor on contribution (contributor_member_id, created_at desc);
-- The first accepted-or-pending copy of a content hash keeps priority; later copies are blocked as duplicates.
create index contribution_hash on contribution (datanet_id, content_hash);
