-- A command no longer numbers its audit event inside its own transaction. Until now the head row stayed locked
-- from the event's insert to the command's commit, WAL flush included, so every state change on the platform
-- queued behind every other one's commit. Now the command writes an audit_entry (no number, no lock), and once
-- it has committed the audit sequencer numbers committed entries in its own short transactions, a batch at a
-- time: each becomes an audit_event with the next number from audit_log_head (V1, V5: gapless, in order), and
-- the entry is deleted in the same transaction. Entries are numbered in the order of their id, so an event
-- written after another committed always gets a later number.

create table audit_entry (
    id           bigserial   primary key,
    recorded_at  timestamptz not null,
    actor        text        not null,
    role         text        not null,
    organisation text        not null,
    action       text        not null,
    subject      text        not null,
    request_id   text        not null,
    data         text        not null,
    data_sha256  text        not null
);

-- Which entry an event numbered (null for events numbered by their own command, before this migration).
alter table audit_event add column entry_id bigint unique;

-- A receipt names its audit event by leaf hash, which depends on the event's number: its content is completed
-- and signed once the event is numbered. Until then the receipt knows its entry only.
alter table receipt add column audit_entry_id bigint;
alter table receipt alter column audit_seq drop not null;
alter table receipt add constraint receipt_signed_once_numbered check (signature is null or audit_seq is not null);
