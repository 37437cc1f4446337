-- Tenders until the deadline (tender), their public notices (publication) and opening keys (opening).

create table tender (
    id                 uuid        primary key,
    template_code      text        not null,
    template_version   integer     not null,
    agent_organisation char(18)    not null,   -- the agency (or tenderer) whose agents manage it
    status             text        not null check (status in ('DRAFT', 'PUBLISHED', 'BIDDING_CLOSED', 'OPENING',
                                   'EVALUATION', 'PUBLICITY', 'AWARDED', 'FAILED', 'CANCELLED')),
    tender_values      jsonb       not null,   -- the field values, as the agent gave them
    project_name       text        not null,
    bid_deadline       timestamptz not null,
    opening_time       timestamptz not null,
    published_at       timestamptz,
    cancellation       text,                   -- why it was cancelled (a cancelled tender only)
    created_by         text        not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
-- The scheduler's question: which published tenders have reached their deadline.
create index tender_due on tender (bid_deadline) where status = 'PUBLISHED';

-- Every published version of a tender's document: version 1 at publication, one more per amendment.
create table tender_document (
    tender_id  uuid        not null references tender (id),
    version    integer     not null check (version >= 1),
    issued_at  timestamptz not null,
    sha256     char(64)    not null,
    pdf        bytea       not null,
    summary    text,                     -- the amendment's summary; null for version 1
    changes    jsonb,                    -- the amendment's changed fields: [{label, before, after}]
    primary key (tender_id, version)
);

-- Who obtained the documents. Private: no endpoint lists or counts these before the opening.
create table tender_registration (
    tender_id     uuid        not null references tender (id),
    organisation  char(18)    not null,
    registered_at timestamptz not null,
    primary key (tender_id, organisation)
);

-- Questions from bidders, answered publicly; who asked is never shown.
create table clarification (
    id          uuid        primary key,
    tender_id   uuid        not null references tender (id),
    asked_by    char(18)    not null,
    question    text        not null,
    asked_at    timestamptz not null,
    answer      text,
    answered_at timestamptz
);
create index clarification_tender on clarification (tender_id, asked_at);

-- Public notices (no login): tenders published, amended, clarified, and later their results.
create table notice (
    id           bigint      generated always as identity primary key,
    tender_id    uuid        not null references tender (id),
    kind         text        not null,
    title        text        not null,
    published_at timestamptz not null
);
create index notice_newest on notice (published_at desc, id desc);
create index notice_tender on notice (tender_id);

-- Each tender's opening key: the certificate bidders encrypt to; the private key wrapped under the platform KEK.
create table opening_key (
    tender_id           uuid        primary key references tender (id),
    certificate         text        not null,
    certificate_sha256  char(64)    not null,
    wrapped_private_key bytea       not null,
    kek_id              text        not null,
    created_at          timestamptz not null
);
