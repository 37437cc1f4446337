-- The audit log's numbering, guarded by the database too: the head only ever advances by one, and an event
-- must take exactly the number the head just handed out. (UPDATE, DELETE and TRUNCATE on audit_event are
-- refused since V1.) A role that owns these tables can still disable triggers: run the platform as a role
-- that does not own them (docs/operations.md).

create function audit_log_head_advance_by_one() returns trigger language plpgsql as $$
begin
    if new.size <> old.size + 1 or new.id <> old.id then
        raise exception 'audit_log_head only advances by one (% to % refused)', old.size, new.size
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;

create trigger audit_log_head_advances_by_one
    before update on audit_log_head
    for each row execute function audit_log_head_advance_by_one();

create trigger audit_log_head_no_delete_or_insert
    before delete or insert on audit_log_head
    for each row execute function audit_event_refuse_change();

create function audit_event_takes_the_next_number() returns trigger language plpgsql as $$
declare
    handed_out bigint;
begin
    select size - 1 into handed_out from audit_log_head where id = 1;
    if new.seq <> handed_out then
        raise exception 'audit_event % out of order: the number handed out is %', new.seq, handed_out
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;

create trigger audit_event_next_number_only
    before insert on audit_event
    for each row execute function audit_event_takes_the_next_number();
