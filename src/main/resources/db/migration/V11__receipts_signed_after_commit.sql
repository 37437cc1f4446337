-- A receipt's content is written in the transaction that commits the bid (or its withdrawal); its signature and
-- RFC 3161 token are added after that commit, outside the audit log's lock (an external TSA is an HTTP round trip).
-- Until then both are null: the receipt is pending, and a start of the platform issues any that a crash left so.
alter table receipt alter column signature drop not null;
alter table receipt alter column timestamp drop not null;
alter table receipt add constraint receipt_signed_and_stamped_together
    check ((signature is null) = (timestamp is null));
create index receipt_pending on receipt (issued_at) where signature is null;
