-- Attribution: each published model version's fee split (within bounds platform staff set), one receipt per charged
-- inference with the records that shaped it and who was paid, and the Merkle batches whose roots are anchored on chain.

-- Platform staff's bounds per share, in basis points; one row (id 1). The defaults are what a new version starts with.
create table attribution_split_bounds (
    id                 integer primary key check (id = 1),
    contributors_min   integer not null,
    contributors_max   integer not null,
    validators_min     integer not null,
    validators_max     integer not null,
    owner_min          integer not null,
    owner_max          integer not null,
    platform_min       integer not null,
    platform_max       integer not null,
    updated_by         varchar(320) not null,
    updated_at         timestamptz not null,
    check (0 <= contributors_min and contributors_min <= contributors_max and contributors_max <= 10000),
    check (0 <= validators_min and validators_min <= validators_max and validators_max <= 10000),
    check (0 <= owner_min and owner_min <= owner_max and owner_max <= 10000),
    check (0 <= platform_min and platform_min <= platform_max and platform_max <= 10000),
    check (contributors_min + validators_min + owner_min + platform_min <= 10000),
    check (contributors_max + validators_max + owner_max + platform_max >= 10000)
);
insert into attribution_split_bounds values (1, 3000, 9000, 0, 2000, 0, 6000, 1000, 2000, 'platform', now());

-- A model version's public split of its price; fixed once the version has served (fixed_at set).
create table attribution_fee_split (
    model_version_id  uuid primary key,
    owner_tenant_id   uuid    not null references tenant (id),
    contributors_bp   integer not null check (contributors_bp between 0 and 10000),
    validators_bp     integer not null check (validators_bp between 0 and 10000),
    owner_bp          integer not null check (owner_bp between 0 and 10000),
    platform_bp       integer not null check (platform_bp between 0 and 10000),
    set_by            varchar(320) not null,
    set_at            timestamptz  not null,
    fixed_at          timestamptz,
    check (contributors_bp + validators_bp + owner_bp + platform_bp = 10000)
);

-- Receipts of one batch share one Merkle tree, whose root is anchored in the ProvenanceRegistry.
create table attribution_receipt_batch (
    id                 uuid primary key,
    merkle_root        varchar(66)  not null unique,
    size               integer      not null check (size > 0),
    tree               bytea        not null,
    created_at         timestamptz  not null,
    chain_id           bigint,
    registry           varchar(42),
    anchor_transaction varchar(66),
    anchored_block     bigint
);

-- One per charged inference; the id is serving's usage record id (the event's receiptId).
create table attribution_receipt (
    id                uuid primary key,
    tenant_id         uuid          not null references tenant (id),
    owner_tenant_id   uuid          not null references tenant (id),
    model_version_id  uuid          not null,
    model_name        varchar(200)  not null,
    model_version     integer       not null,
    base_sha256       varchar(64)   not null,
    adapter_sha256    varchar(64)   not null,
    release_roots     jsonb         not null,
    prompt            text          not null,
    completion        text          not null,
    prompt_sha256     varchar(64)   not null,
    output_sha256     varchar(64)   not null,
    share_prompt      boolean       not null,
    prompt_tokens     integer       not null,
    completion_tokens integer       not null,
    method            varchar(100)  not null,
    method_version    varchar(200)  not null,
    spans             jsonb         not null,
    charge            numeric(38,0) not null check (charge >= 0),
    currency          varchar(10)   not null,
    contributors_bp   integer       not null,
    validators_bp     integer       not null,
    owner_bp          integer       not null,
    platform_bp       integer       not null,
    transfer_id       uuid,
    content_sha256    varchar(64)   not null,
    leaf              varchar(66)   not null unique,
    served_at         timestamptz   not null,
    attributed_at     timestamptz   not null,
    batch_id          uuid references attribution_receipt_batch (id)
);
create index attribution_receipt_tenant on attribution_receipt (tenant_id, served_at desc);
create index attribution_receipt_owner on attribution_receipt (owner_tenant_id, served_at desc);
create index attribution_receipt_unbatched on attribution_receipt (attributed_at) where batch_id is null;

-- The records that shaped the answer, best first, and the contributor each credits (the kept record's, for a
-- near duplicate).
create table attribution_receipt_record (
    receipt_id             uuid             not null references attribution_receipt (id),
    rank                   integer          not null,
    record_id              uuid             not null,
    credited_record_id     uuid             not null,
    data_net_id            uuid             not null,
    contributor_tenant_id  uuid             not null,
    contributor_member_id  uuid             not null,
    score                  double precision not null,
    weight                 double precision not null,
    primary key (receipt_id, rank)
);

-- Who the split paid, one row per ledger leg (the platform's has no member); a member appears once per role.
create table attribution_receipt_payee (
    receipt_id  uuid          not null references attribution_receipt (id),
    seq         integer       not null,
    role        varchar(12)   not null check (role in ('CONTRIBUTOR', 'VALIDATOR', 'MODEL_OWNER', 'PLATFORM')),
    tenant_id   uuid,
    member_id   uuid,
    amount      numeric(38,0) not null check (amount > 0),
    primary key (receipt_id, seq),
    unique (receipt_id, role, member_id)
);
create index attribution_receipt_payee_member on attribution_receipt_payee (member_id);
