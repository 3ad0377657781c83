-- The rewards ledger: double-entry accounts, transfers and their legs. Amounts are integer base units of the asset
-- (wei-like: 1 TRIB = 10^18), numeric(38,0) because an 18-decimal token overflows bigint at 9.2 tokens.
-- Transfers and legs are immutable: the database refuses to change or delete them, so history can only grow.

-- Lets ledger_account prove a member's account sits in that member's tenant (a composite foreign key needs this).
alter table member add constraint member_id_in_tenant unique (id, tenant_id);

create table ledger_account (
    id              uuid primary key,
    tenant_id       uuid references tenant (id),
    member_id       uuid,
    kind            varchar(32)    not null check (kind in ('CONTRIBUTOR_EARNINGS', 'VALIDATOR_EARNINGS',
                        'MODEL_OWNER_EARNINGS', 'TENANT_TREASURY', 'PREPAID_CREDITS', 'PLATFORM_FEES',
                        'PAYOUTS_IN_FLIGHT', 'GAS', 'EXTERNAL')),
    currency        varchar(16)    not null check (currency ~ '^[A-Z][A-Z0-9]{1,15}$'),
    allow_negative  boolean        not null,
    posted_balance  numeric(38, 0) not null,
    pending_debits  numeric(38, 0) not null check (pending_debits >= 0),
    pending_credits numeric(38, 0) not null check (pending_credits >= 0),
    created_at      timestamptz    not null,
    version         bigint         not null,
    -- The last line of defence: pending debits reserve funds, so they count against the balance.
    constraint ledger_account_not_overdrawn check (allow_negative or posted_balance - pending_debits >= 0),
    constraint ledger_account_member_in_tenant foreign key (member_id, tenant_id) references member (id, tenant_id),
    constraint ledger_account_member_needs_tenant check (member_id is null or tenant_id is not null)
);
-- A null tenant means the platform's own accounts (fees, the outside world); coalesce makes nulls collide.
create unique index ledger_account_identity on ledger_account (
    coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'),
    coalesce(member_id, '00000000-0000-0000-0000-000000000000'),
    kind, currency);
create index ledger_account_member on ledger_account (member_id) where member_id is not null;
create index ledger_account_currency on ledger_account (currency);

create table ledger_transfer (
    id         uuid primary key,
    status     varchar(8)   not null check (status in ('PENDING', 'POSTED', 'VOIDED')),
    cause_type varchar(32)  not null check (cause_type in ('INFERENCE_CHARGE', 'GRANT', 'PAYOUT', 'WITHDRAWAL',
                   'DEPOSIT', 'GAS', 'ADJUSTMENT')),
    cause_ref  varchar(200) not null check (length(trim(cause_ref)) > 0),
    memo       varchar(500),
    created_at timestamptz  not null,
    posted_at  timestamptz,
    voided_at  timestamptz,
    constraint ledger_transfer_settlement check (
        (status = 'PENDING' and posted_at is null and voided_at is null)
        or (status = 'POSTED' and posted_at is not null and voided_at is null)
        or (status = 'VOIDED' and voided_at is not null and posted_at is null))
);
create index ledger_transfer_cause on ledger_transfer (cause_type, cause_ref);
create index ledger_transfer_pending on ledger_transfer (created_at) where status = 'PENDING';

create table ledger_leg (
    transfer_id uuid           not null references ledger_transfer (id),
    sequence    integer        not null check (sequence >= 0),
    account_id  uuid           not null references ledger_account (id),
    amount      numeric(38, 0) not null check (amount <> 0),
    primary key (transfer_id, sequence),
    unique (transfer_id, account_id)
);
create index ledger_leg_account on ledger_leg (account_id);

-- Legs never change: a correction is a new, reversing transfer.
create function ledger_leg_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'ledger_leg is immutable: post a reversing transfer instead of changing or deleting legs';
end;
$$;

create trigger ledger_leg_immutable
    before update or delete on ledger_leg
    for each row execute function ledger_leg_is_immutable();

create trigger ledger_leg_no_truncate
    before truncate on ledger_leg
    for each statement execute function ledger_leg_is_immutable();

-- A transfer may only settle once: PENDING to POSTED or VOIDED, touching nothing but its status and timestamp.
create function ledger_transfer_settles_once() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'ledger_transfer is immutable: transfers are never deleted';
    end if;
    if old.status <> 'PENDING' then
        raise exception 'ledger_transfer % is % and can no longer change', old.id, old.status;
    end if;
    if new.status not in ('POSTED', 'VOIDED')
            or (new.id, new.cause_type, new.cause_ref, new.memo, new.created_at)
                is distinct from (old.id, old.cause_type, old.cause_ref, old.memo, old.created_at) then
        raise exception 'ledger_transfer %: only the status of a PENDING transfer may change, to POSTED or VOIDED',
            old.id;
    end if;
    return new;
end;
$$;

create trigger ledger_transfer_settle_once
    before update or delete on ledger_transfer
    for each row execute function ledger_transfer_settles_once();

create trigger ledger_transfer_no_truncate
    before truncate on ledger_transfer
    for each statement execute function ledger_transfer_settles_once();

-- Double entry, checked by the database at commit: a transfer has two legs or more, summing to zero per currency.
create function ledger_transfer_is_balanced() returns trigger language plpgsql as $$
declare
    legs integer;
    unbalanced text;
begin
    select count(*) into legs from ledger_leg where transfer_id = new.transfer_id;
    if legs < 2 then
        raise exception 'ledger_transfer % has % leg(s); a transfer needs at least two', new.transfer_id, legs;
    end if;
    select string_agg(s.currency || ' off by ' || s.total, ', ') into unbalanced
      from (select a.currency, sum(l.amount) as total
              from ledger_leg l join ledger_account a on a.id = l.account_id
             where l.transfer_id = new.transfer_id
             group by a.currency
            having sum(l.amount) <> 0) s;
    if unbalanced is not null then
        raise exception 'ledger_transfer % does not sum to zero: %', new.transfer_id, unbalanced;
    end if;
    return null;
end;
$$;

create constraint trigger ledger_leg_balanced
    after insert on ledger_leg
    deferrable initially deferred
    for each row execute function ledger_transfer_is_balanced();
