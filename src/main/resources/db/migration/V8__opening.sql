-- The opening (开标, opening): custody of each tender's opening key, the opening itself, the opening record's
-- lines, and the events the live opening hall shows.

-- Who may unlock a tender's opening key at the opening (docs/opening.md, "Custody"). Under dual control the
-- private key is wrapped under a key that only k of the custodians' shares give back (kek_id 'k-of-n').
alter table opening_key add column custody text not null default 'SCHEDULED'
    check (custody in ('SCHEDULED', 'DUAL_CONTROL', 'BIDDER_DECRYPTS'));
alter table opening_key add column threshold integer;

-- The custody a draft asks for (none: scheduled), and under dual control its custodians, each with the
-- certificate its share is encrypted to at publication and, at the opening, the share it handed in.
create table opening_custody (
    tender_id  uuid    primary key references tender (id),
    custody    text    not null check (custody in ('SCHEDULED', 'DUAL_CONTROL', 'BIDDER_DECRYPTS')),
    threshold  integer check (threshold between 2 and 9)
);
create table opening_custodian (
    tender_id       uuid        not null references tender (id),
    position        integer     not null check (position between 1 and 9),   -- the share's index
    account         text        not null,
    organisation    char(18)    not null,
    certificate     text        not null,   -- PEM
    share_envelope  bytea,                  -- from publication: the share, encrypted to the certificate
    share_sha256    char(64),               -- of the share document, to recognise it when it is handed in
    handed_in_at    timestamptz,
    share_wrapped   bytea,                  -- the share handed in, wrapped under the platform KEK
    primary key (tender_id, position),
    unique (tender_id, account)
);

-- One row per tender whose bids are being, or were, opened. One instance at a time works on it: the one whose
-- lease runs (lease_owner, lease_until); after a crash the lease runs out and any instance resumes.
create table opening (
    tender_id        uuid        primary key references tender (id),
    custody          text        not null,
    state            text        not null check (state in ('DECRYPTING', 'RECORDED')),
    bids             integer     not null,   -- the valid bids at the start: the lines the record will have
    started_at       timestamptz not null,
    recorded_at      timestamptz,            -- when the last line was written
    objections_until timestamptz,            -- bidders confirm or object until then
    record_pdf       bytea,                  -- the signed opening record (开标记录), made when complete
    record_sha256    char(64),
    decryption_until timestamptz,            -- bidder decrypts: the keys are taken until then
    transport_certificate text,              -- the opening's one-time transport key: shares and keys come
    transport_key    bytea,                  -- encrypted to it; its private key wrapped under the platform KEK
    lease_owner      uuid,
    lease_until      timestamptz
);
create index opening_due on opening (lease_until) where state = 'DECRYPTING';

-- One line of the opening record (开标记录) per valid bid, written once: what the opening read, or why it could
-- not. The package itself is a file, encrypted at rest under a data key that only the platform key unwraps.
create table opening_line (
    bid_id          uuid        primary key references sealed_bid (id),
    tender_id       uuid        not null references opening (tender_id),
    outcome         text        not null check (outcome in ('OPENED', 'REVOKED', 'WITHDRAWN')),
    reason          text,                    -- why a bid is revoked or withdrawn
    price           numeric(17, 2),          -- as declared in the manifest
    declared        jsonb,                   -- every declared figure, as read
    problems        jsonb,                   -- what is wrong with the declared figures
    package_sha256  char(64),
    package_size    bigint,
    package_file    text,                    -- the encrypted package's file name (storage: opened/)
    package_key     bytea,                   -- its data key, wrapped under the platform key
    opened_at       timestamptz not null
);
create index opening_line_of on opening_line (tender_id);

-- What the opening hall shows, in order: a late joiner gets them all first.
create table opening_event (
    seq        bigint      generated always as identity primary key,
    tender_id  uuid        not null references tender (id),
    kind       text        not null,
    data       jsonb       not null,
    at         timestamptz not null
);
create index opening_event_of on opening_event (tender_id, seq);

-- After the record is complete, each bidder of the opening confirms it or objects (异议), once, within the window;
-- the agent answers each objection on the record.
create table opening_response (
    id            uuid        primary key,
    tender_id     uuid        not null references opening (tender_id),
    organisation  char(18)    not null,
    kind          text        not null check (kind in ('CONFIRMED', 'OBJECTED')),
    text          text,                    -- the objection
    responded_by  text        not null,
    responded_at  timestamptz not null,
    answer        text,
    answered_by   text,
    answered_at   timestamptz,
    unique (tender_id, organisation)
);

-- Bidder decrypts: the content key each bidder handed in for its bid, kept wrapped under the platform KEK.
create table opening_content_key (
    bid_id        uuid        primary key references sealed_bid (id),
    tender_id     uuid        not null references opening (tender_id),
    key_wrapped   bytea       not null,
    handed_in_by  text        not null,
    handed_in_at  timestamptz not null
);
