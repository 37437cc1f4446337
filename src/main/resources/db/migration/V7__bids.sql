-- Sealed bids (bid): resumable uploads, committed bids, and their receipts. The envelopes themselves are files
-- (storage), named by their SHA-256; a row names a file only after the file is durable.

create table bid_upload (
    id             uuid        primary key,
    tender_id      uuid        not null references tender (id),
    lot            text        not null,
    organisation   char(18)    not null,
    created_by     text        not null,
    declared_size  bigint      not null check (declared_size > 0),
    received       bigint      not null default 0,  -- bytes confirmed to the client: on disk
    signature      bytea       not null,            -- the detached outer CMS signature (bid.cms.p7s)
    state          text        not null check (state in ('OPEN', 'COMMITTED', 'REJECTED', 'ABANDONED')),
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
-- One upload at a time per bidder and tender: a second concurrent one is refused.
create unique index bid_upload_one_open on bid_upload (tender_id, organisation) where state = 'OPEN';

create sequence receipt_sequence;

create table sealed_bid (
    id                 uuid        primary key,
    tender_id          uuid        not null references tender (id),
    lot                text        not null,
    organisation       char(18)    not null,
    upload_id          uuid        not null unique references bid_upload (id),
    envelope_sha256    char(64)    not null,
    size               bigint      not null,
    signature          bytea       not null,
    signer_certificate text        not null,   -- PEM, as checked at receipt
    received_at        timestamptz not null,   -- when the last byte was committed: the time that counts
    status             text        not null check (status in ('VALID', 'SUPERSEDED', 'WITHDRAWN')),
    status_changed_at  timestamptz
);
create index sealed_bid_of on sealed_bid (tender_id, organisation, lot);
-- At most one valid bid per bidder and lot: the newest.
create unique index sealed_bid_one_valid on sealed_bid (tender_id, organisation, lot) where status = 'VALID';

create table receipt (
    id          uuid        primary key,
    bid_id      uuid        not null references sealed_bid (id),
    kind        text        not null check (kind in ('SUBMITTED', 'WITHDRAWN')),
    sequence    bigint      not null unique,
    issued_at   timestamptz not null,
    audit_seq   bigint      not null,
    content     bytea       not null,   -- the receipt: canonical JSON, as signed
    signature   bytea       not null,   -- detached CMS signature of content by the platform (DER)
    timestamp   bytea       not null    -- RFC 3161 token over SHA-256(content) (DER)
);
create index receipt_of_bid on receipt (bid_id);
