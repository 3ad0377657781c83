-- The transactional outbox: a domain event is written in the same transaction as the change it announces, so it
-- exists exactly when the change does. Each observer known when the event is published gets its own delivery row,
-- so one failing observer is retried on its own and never makes another observer see the event twice.
create table outbox_event (
    id          uuid         primary key,
    type        varchar(100) not null,
    subject     varchar(200) not null,
    tenant_id   uuid,
    payload     jsonb        not null,
    occurred_at timestamptz  not null
);
create index outbox_event_type on outbox_event (type, occurred_at);

-- status: PENDING (not yet delivered, no failure), FAILED (the last attempt failed; retried at next_attempt_at, or
-- never again when next_attempt_at is null until staff retry it), DELIVERED.
create table event_delivery (
    id              uuid         primary key,
    event_id        uuid         not null references outbox_event (id),
    observer        varchar(200) not null,
    status          varchar(20)  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    last_error      text,
    unique (event_id, observer)
);
-- The courier's question, "what is due now?", reads only undelivered rows.
create index event_delivery_due on event_delivery (next_attempt_at) where status <> 'DELIVERED';
create index event_delivery_status on event_delivery (status, event_id);
