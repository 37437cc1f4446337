-- The trust list: root certificates of recognised CAs (CA互认), and the CRLs the platform holds.

create table trusted_ca (
    id            bigint generated always as identity primary key,
    subject       text        not null,
    sha256        char(64)    not null unique, -- fingerprint of the DER certificate
    certificate   text        not null,        -- PEM
    not_after     timestamptz not null,
    enabled       boolean     not null,
    added_at      timestamptz not null
);

create table crl (
    issuer        text        primary key,     -- RFC 2253 name of the CA that issued it; the newest is kept
    this_update   timestamptz not null,
    next_update   timestamptz,
    revoked_count integer     not null,
    crl           text        not null,        -- PEM
    received_at   timestamptz not null
);
