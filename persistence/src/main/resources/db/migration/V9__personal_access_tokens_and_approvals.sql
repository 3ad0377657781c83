-- Personal access tokens: an API key bound to the member it acts as (null: an organization service key), with an
-- expiry; every key remembers the member who issued it, who answers for what the key does.
alter table api_key add column member_id uuid references member (id) on delete cascade;
alter table api_key add column issued_by_member uuid references member (id) on delete set null;
alter table api_key add column expires_at timestamptz;
update api_key k set issued_by_member = m.id from member m where m.tenant_id = k.tenant_id and m.email = k.created_by;
create index api_key_member on api_key (member_id) where member_id is not null;

-- Payout runs name their requester and approver by member (names can be shared by keys and people), and keep the
-- fingerprint of the request that started them under its caller-scoped idempotency key.
alter table payout_run add column requested_by_member uuid;
alter table payout_run add column approved_by_member uuid;
alter table payout_run add column request_fingerprint varchar(64);
alter table payout_run alter column idempotency_key type varchar(300);

-- Withdrawal policy changes and treasury grants: applied at once when harmless, otherwise awaiting a second org
-- admin and then the cooling-off period. A grant awaiting approval holds a pending ledger transfer with its id.
create table wallet_change (
    id                  uuid primary key,
    tenant_id           uuid           not null references tenant (id),
    kind                varchar(10)    not null check (kind in ('POLICY', 'GRANT')),
    status              varchar(20)    not null check (status in ('AWAITING_APPROVAL', 'COOLING_OFF', 'APPLIED',
                            'REJECTED', 'SUPERSEDED', 'FAILED')),
    requested_by        varchar(320)   not null,
    requested_by_member uuid,
    why_approval        varchar(500),
    daily_limit         numeric(38, 0),
    approval_threshold  numeric(38, 0),
    payout_minimum      numeric(38, 0),
    cooling_off_hours   integer,
    scheduled_payouts   boolean,
    grantee             uuid,
    grantee_email       varchar(320),
    account_kind        varchar(30),
    amount              numeric(38, 0) check (amount > 0),
    memo                varchar(500),
    decided_by          varchar(320),
    decided_by_member   uuid,
    decided_at          timestamptz,
    effective_at        timestamptz,
    applied_at          timestamptz,
    note                varchar(2000),
    idempotency_key     varchar(300),
    request_fingerprint varchar(64),
    created_at          timestamptz    not null,
    version             bigint         not null
);
create index wallet_change_tenant on wallet_change (tenant_id, created_at desc);
create index wallet_change_due on wallet_change (effective_at) where status = 'COOLING_OFF';
create unique index wallet_change_idempotency on wallet_change (tenant_id, idempotency_key)
    where idempotency_key is not null;

-- Reconciliation scans BatchPaid events from here on instead of from the deployment block.
alter table custodial_wallet add column events_scanned_to bigint;
update custodial_wallet set events_scanned_to = reconciled_block where reconciled_ok;

-- Every transaction a nonce was signed as (the first and its fee bumps): whichever is mined settles the batch.
create table chain_transaction_attempt (
    tx_hash          varchar(66) primary key,
    transaction_id   uuid           not null references chain_transaction (id),
    raw              bytea          not null,
    max_fee_per_gas  numeric(38, 0) not null,
    priority_fee     numeric(38, 0) not null,
    signed_at        timestamptz    not null
);
create index chain_transaction_attempt_tx on chain_transaction_attempt (transaction_id);
