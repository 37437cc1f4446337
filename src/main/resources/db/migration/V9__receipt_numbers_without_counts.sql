-- Nothing a bidder receives may count the platform's bids before an opening (issue 14).
-- A receipt's sequence numbers the receipts of one organisation for one tender (1, 2, 3 ...), not the platform's.
create table receipt_counter (
    tender_id    uuid     not null references tender (id),
    organisation char(18) not null,
    issued       bigint   not null,
    primary key (tender_id, organisation)
);
insert into receipt_counter (tender_id, organisation, issued)
    select b.tender_id, b.organisation, count(*) from receipt r join sealed_bid b on b.id = r.bid_id
    group by b.tender_id, b.organisation;
alter table receipt drop constraint receipt_sequence_key;
drop sequence receipt_sequence;
-- The TSA's serial numbers are random (PlatformTimestamps), so its sequence is gone.
drop sequence timestamp_serial;
