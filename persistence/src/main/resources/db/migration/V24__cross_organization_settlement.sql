-- Cross-organization settlement: inference charges, fee splits and dispute corrections move TRIB between
-- organizations in the ledger only; a settlement moves the netted amount on chain, by an ERC-20 transfer from the
-- debtor's custodial wallet to the creditor's, sent through the debtor wallet's outbox (chain_transaction).
alter table chain_transaction drop constraint chain_transaction_purpose_check;
alter table chain_transaction add constraint chain_transaction_purpose_check
    check (purpose in ('APPROVE_BATCHER', 'PAYOUT_BATCH', 'SETTLEMENT'));

create table settlement (
    id                  uuid primary key,
    debtor_tenant_id    uuid           not null references tenant (id),
    debtor_wallet_id    uuid           not null references custodial_wallet (id),
    creditor_tenant_id  uuid           not null references tenant (id),
    creditor_wallet_id  uuid           not null references custodial_wallet (id),
    creditor_address    varchar(42)    not null check (creditor_address ~ '^0x[0-9a-fA-F]{40}$'),
    amount              numeric(38, 0) not null check (amount > 0),
    -- SENDING until the transaction is confirmed (SETTLED) or reverted (FAILED: the amount is owed again).
    status              varchar(12)    not null check (status in ('SENDING', 'SETTLED', 'FAILED')),
    transaction_id      uuid           not null unique references chain_transaction (id),
    -- The creditor's deposit scan saw the transfer arrive (at the confirmation depth) in this block.
    received_block      bigint,
    -- What the two organizations' unsettled positions were when this settlement was planned (for staff).
    debtor_position     numeric(38, 0) not null,
    creditor_position   numeric(38, 0) not null,
    created_at          timestamptz    not null,
    finished_at         timestamptz,
    version             bigint         not null,
    check (debtor_tenant_id <> creditor_tenant_id)
);
create index settlement_created on settlement (created_at desc);
create index settlement_debtor on settlement (debtor_tenant_id);
create index settlement_creditor on settlement (creditor_tenant_id);
