-- Serial numbers of the platform TSA's tokens: unique for the life of the TSA (RFC 3161).
create sequence timestamp_serial start with 1;
