-- The audit log: one row per state-changing command, appended in the command's own transaction.
-- seq is the leaf index in the RFC 6962 Merkle log; it is handed out by audit_log_head under a row lock,
-- so numbers are gapless and committed in order.

create table audit_log_head (
    id   smallint primary key check (id = 1),
    size bigint   not null
);
insert into audit_log_head (id, size) values (1, 0);

create table audit_event (
    seq          bigint      primary key,
    recorded_at  timestamptz not null,
    actor        text        not null,
    role         text        not null,
    organisation text        not null,
    action       text        not null,
    subject      text        not null,
    request_id   text        not null,
    data         text        not null, -- canonical JSON of the command's essential data
    data_sha256  text        not null, -- hex SHA-256 of data
    canonical    text        not null, -- the exact event bytes (UTF-8) that the leaf hash covers
    leaf_hash    bytea       not null  -- SHA-256(0x00 || canonical)
);

-- Append-only, enforced by the database itself: no UPDATE, DELETE or TRUNCATE, whoever asks.
create function audit_event_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_refuse_change();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_refuse_change();
