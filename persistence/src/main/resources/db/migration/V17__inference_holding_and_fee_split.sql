-- Serving charges an inference into the model owner's holding account (INFERENCE_HOLDING, one per owning
-- organization); attribution empties it by one FEE_SPLIT transfer per receipt into earnings accounts.
alter table ledger_account drop constraint ledger_account_kind_check;
alter table ledger_account add constraint ledger_account_kind_check check (kind in ('CONTRIBUTOR_EARNINGS',
    'VALIDATOR_EARNINGS', 'MODEL_OWNER_EARNINGS', 'TENANT_TREASURY', 'PREPAID_CREDITS', 'PLATFORM_FEES',
    'PAYOUTS_IN_FLIGHT', 'GAS', 'EXTERNAL', 'INFERENCE_HOLDING'));

alter table ledger_transfer drop constraint ledger_transfer_cause_type_check;
alter table ledger_transfer add constraint ledger_transfer_cause_type_check check (cause_type in (
    'INFERENCE_CHARGE', 'GRANT', 'PAYOUT', 'WITHDRAWAL', 'DEPOSIT', 'GAS', 'ADJUSTMENT', 'FEE_SPLIT'));
