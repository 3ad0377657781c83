-- V20: where release roots are anchored (the first part), and disputes of attribution receipts (the second).

-- Where each release root is anchored, so that a record's proof stands alone: the chain, the ProvenanceRegistry and
-- the subject word the root was anchored under (anchorOf(root).subject).
alter table release add column anchor_chain_id bigint;
alter table release add column anchor_registry varchar(42);
alter table release add column anchor_subject varchar(66);

-- Releases anchored before V20 were anchored under their DataNet's id (the README and the contract say the release
-- id; anchoring now uses it). Their anchors stay as they are on chain, so record what they were anchored under.
update release
   set anchor_subject = '0x' || repeat('0', 32) || replace(cast(datanet_id as varchar), '-', '')
 where anchored_block is not null;

-- A contributor's dispute of an attribution receipt about one of their records ("my record should have been
-- credited", "this credited record copies mine"), decided once by a validator of the record's DataNet. An upheld
-- dispute is corrected by a new ADJUSTMENT transfer whose id is the dispute's; the receipt and its split stay as they
-- were.
create table attribution_dispute (
    id                     uuid primary key,
    receipt_id             uuid          not null references attribution_receipt (id),
    tenant_id              uuid          not null references tenant (id),
    member_id              uuid          not null references member (id),
    data_net_id            uuid          not null references datanet (id),
    kind                   varchar(12)   not null check (kind in ('NOT_CREDITED', 'COPIED')),
    record_id              uuid          not null references contribution (id),
    copied_by_record_id    uuid references contribution (id),
    statement              varchar(2000) not null check (length(trim(statement)) > 0),
    status                 varchar(8)    not null check (status in ('OPEN', 'UPHELD', 'REJECTED')),
    opened_at              timestamptz   not null,
    decided_by_member_id   uuid references member (id),
    decided_by             varchar(320),
    decision_reason        varchar(2000),
    decided_at             timestamptz,
    correction_amount      numeric(38,0) check (correction_amount > 0),
    correction_transfer_id uuid references ledger_transfer (id),
    check ((status = 'OPEN') = (decided_at is null)),
    check ((status = 'UPHELD') = (correction_transfer_id is not null)),
    check ((kind = 'COPIED') = (copied_by_record_id is not null))
);
create unique index attribution_dispute_open on attribution_dispute (receipt_id, record_id) where status = 'OPEN';
create index attribution_dispute_datanet on attribution_dispute (data_net_id, status);
create index attribution_dispute_member on attribution_dispute (member_id);
create index attribution_dispute_receipt on attribution_dispute (receipt_id);

-- A decision is final: once decided, a dispute never changes, and no dispute is deleted.
create function attribution_dispute_decided_once() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' or old.status <> 'OPEN' then
        raise exception 'attribution_dispute % is decided and cannot change', old.id;
    end if;
    return new;
end $$;
create trigger attribution_dispute_decided_once before update or delete on attribution_dispute
    for each row execute function attribution_dispute_decided_once();
