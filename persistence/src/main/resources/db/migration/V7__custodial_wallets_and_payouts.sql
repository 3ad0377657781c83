-- Custodial wallets, members' withdrawal addresses, deposits, payout runs and the per-wallet transaction outbox.
-- Token amounts are base units (18 decimals) like the ledger's; gas amounts are wei.

create table custodial_wallet (
    id                    uuid primary key,
    tenant_id             uuid           not null unique references tenant (id),
    address               varchar(42)    not null unique check (address ~ '^0x[0-9a-fA-F]{40}$'),
    -- The sealed key (see docs/custody.md): only ciphertext, bound to wallet, tenant and address.
    algorithm             varchar(64)    not null,
    master_key_id         varchar(100)   not null,
    data_key_nonce        bytea          not null,
    wrapped_data_key      bytea          not null,
    private_key_nonce     bytea          not null,
    encrypted_private_key bytea          not null,
    -- The next nonce to sign with; null until the first signing reads the chain's count.
    next_nonce            bigint check (next_nonce >= 0),
    -- Withdrawal policy.
    daily_limit           numeric(38, 0) not null check (daily_limit > 0),
    approval_threshold    numeric(38, 0) not null check (approval_threshold > 0),
    payout_minimum        numeric(38, 0) not null check (payout_minimum > 0),
    cooling_off_hours     integer        not null check (cooling_off_hours between 0 and 720),
    scheduled_payouts     boolean        not null,
    -- Deposits are credited up to and including this block.
    deposits_scanned_to   bigint         not null,
    -- One sender per wallet across a cluster: whoever holds an unexpired lease.
    sender_node           varchar(100),
    sender_lease_until    timestamptz,
    frozen_at             timestamptz,
    frozen_reason         varchar(2000),
    reconciled_at         timestamptz,
    reconciled_block      bigint,
    reconciled_ok         boolean,
    created_at            timestamptz    not null,
    version               bigint         not null,
    constraint custodial_wallet_frozen_has_reason check ((frozen_at is null) = (frozen_reason is null))
);

create table withdrawal_address (
    id           uuid primary key,
    tenant_id    uuid        not null,
    member_id    uuid        not null,
    address      varchar(42) not null check (address ~ '^0x[0-9a-fA-F]{40}$'),
    created_at   timestamptz not null,
    usable_from  timestamptz not null,
    removed_at   timestamptz,
    constraint withdrawal_address_member foreign key (member_id, tenant_id) references member (id, tenant_id)
);
-- One address in use per member; replacing it starts a new cooling-off period.
create unique index withdrawal_address_current on withdrawal_address (member_id) where removed_at is null;

create table payout_run (
    id                uuid primary key,
    tenant_id         uuid           not null references tenant (id),
    wallet_id         uuid           not null references custodial_wallet (id),
    kind              varchar(16)    not null check (kind in ('MANUAL', 'SCHEDULED', 'WITHDRAWAL')),
    status            varchar(20)    not null check (status in ('AWAITING_APPROVAL', 'REJECTED', 'SENDING',
                          'COMPLETED', 'FAILED', 'PARTIAL')),
    minimum           numeric(38, 0) not null,
    total             numeric(38, 0) not null check (total > 0),
    recipients        integer        not null check (recipients > 0),
    requested_by      varchar(320)   not null,
    approved_by       varchar(320),
    idempotency_key   varchar(200),
    note              varchar(2000),
    created_at        timestamptz    not null,
    decided_at        timestamptz,
    finished_at       timestamptz,
    version           bigint         not null
);
create unique index payout_run_idempotency on payout_run (tenant_id, idempotency_key) where idempotency_key is not null;
create index payout_run_tenant on payout_run (tenant_id, created_at desc);

-- A wallet's signed transactions (and the outbox rows they start as), in nonce order once signed.
create table chain_transaction (
    id              uuid primary key,
    tenant_id       uuid           not null references tenant (id),
    wallet_id       uuid           not null references custodial_wallet (id),
    purpose         varchar(20)    not null check (purpose in ('APPROVE_BATCHER', 'PAYOUT_BATCH')),
    status          varchar(12)    not null check (status in ('QUEUED', 'SIGNED', 'BROADCAST', 'MINED', 'CONFIRMED',
                        'FAILED', 'CANCELLED')),
    nonce           bigint check (nonce >= 0),
    raw             bytea,
    tx_hash         varchar(66) unique,
    block_number    bigint,
    block_hash      varchar(66),
    gas_used        numeric(38, 0),
    gas_cost_wei    numeric(38, 0),
    attempts        integer        not null,
    next_attempt_at timestamptz    not null,
    last_error      varchar(2000),
    created_at      timestamptz    not null,
    finished_at     timestamptz,
    version         bigint         not null,
    unique (wallet_id, nonce),
    -- Bytes and hash are stored together before the first broadcast, and never change afterwards.
    constraint chain_transaction_signed check ((status in ('QUEUED', 'CANCELLED')) or
        (nonce is not null and raw is not null and tx_hash is not null))
);
create index chain_transaction_open on chain_transaction (wallet_id, created_at)
    where status not in ('CONFIRMED', 'FAILED', 'CANCELLED');

create table payout_batch (
    id              uuid primary key,
    batch_key       varchar(66)    not null unique check (batch_key ~ '^0x[0-9a-f]{64}$'),
    run_id          uuid           not null references payout_run (id),
    tenant_id       uuid           not null references tenant (id),
    sequence        integer        not null,
    recipients      integer        not null check (recipients > 0),
    total           numeric(38, 0) not null check (total > 0),
    transfer_id     uuid           not null references ledger_transfer (id),
    transaction_id  uuid           not null unique references chain_transaction (id),
    unique (run_id, sequence)
);

create table payout_line (
    run_id     uuid           not null references payout_run (id),
    member_id  uuid           not null,
    tenant_id  uuid           not null,
    address    varchar(42)    not null,
    amount     numeric(38, 0) not null check (amount > 0),
    batch_id   uuid references payout_batch (id),
    primary key (run_id, member_id),
    constraint payout_line_member foreign key (member_id, tenant_id) references member (id, tenant_id)
);
create index payout_line_batch on payout_line (batch_id);

create table chain_deposit (
    tx_hash      varchar(66)    not null,
    log_index    integer        not null,
    tenant_id    uuid           not null references tenant (id),
    wallet_id    uuid           not null references custodial_wallet (id),
    from_address varchar(42)    not null,
    amount       numeric(38, 0) not null check (amount > 0),
    block_number bigint         not null,
    block_hash   varchar(66)    not null,
    transfer_id  uuid           not null references ledger_transfer (id),
    credited_at  timestamptz    not null,
    primary key (tx_hash, log_index)
);
create index chain_deposit_wallet on chain_deposit (wallet_id, block_number desc);

-- Mismatches found by reconciliation: each froze its wallet and is an alert in the admin console until resolved.
create table reconciliation_alert (
    id            uuid primary key,
    tenant_id     uuid          not null references tenant (id),
    wallet_id     uuid          not null references custodial_wallet (id),
    block_number  bigint        not null,
    findings      varchar(4000) not null,
    raised_at     timestamptz   not null,
    resolved_at   timestamptz,
    resolved_by   varchar(320),
    resolution    varchar(2000)
);
create index reconciliation_alert_open on reconciliation_alert (raised_at) where resolved_at is null;

-- Release roots are anchored in the ProvenanceRegistry by the platform operator; the block is known even when the
-- transaction is not (a root found already anchored after a crash between sending and recording).
alter table release add column anchored_block bigint;
create index release_unanchored on release (published_at) where anchored_block is null;
