-- Disables/deletes held by the accidental-deletion guard until an operator allows or rejects them.
create table staged_deletion (
    seq               bigserial primary key,
    command_id        text not null unique,
    source_object_id  text not null,
    object_type       text not null,
    operation         text not null,
    cycle_id          text,
    change_id         text,
    reason            text not null,
    staged_at         timestamptz not null default now(),
    topic             text not null,
    kafka_partition   int not null,
    kafka_offset      bigint not null,
    record_key        bytea,
    command           bytea not null
);
