-- The audit log is append-only: the database itself refuses updates and deletes.
create table audit_entry (
    id        bigint generated always as identity primary key,
    tenant_id uuid references tenant (id),
    actor     varchar(320) not null,
    action    varchar(100) not null,
    target    varchar(500),
    outcome   varchar(16)  not null check (outcome in ('SUCCESS', 'DENIED', 'FAILED')),
    detail    varchar(2000),
    at        timestamptz  not null
);
create index audit_entry_tenant on audit_entry (tenant_id, id desc);

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;

create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();
