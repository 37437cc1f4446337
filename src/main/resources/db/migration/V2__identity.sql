create table organisation (
    code          char(18)    primary key,
    name          text        not null,
    registered_at timestamptz not null
);

create table account (
    username      text        primary key,
    password_hash text        not null,
    role          text        not null check (role in ('agent', 'bidder', 'expert', 'guarantor', 'supervisor', 'admin')),
    organisation  char(18)    not null references organisation (code),
    display_name  text        not null,
    enabled       boolean     not null,
    created_at    timestamptz not null
);
create index account_organisation on account (organisation);
