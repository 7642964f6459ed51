-- Source object id -> SCIM id, the sink's equivalent of Entra's connector data store.
create table link (
    source_id   text primary key,
    object_type text not null,
    target_id   text not null,
    linked_at   timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index link_target on link (target_id);

-- Group memberships whose member (or group) had no target id yet; applied when it appears.
create table parked_member (
    group_source_id  text not null,
    member_source_id text not null,
    command_id       text not null,
    change_id        text not null,
    cycle_id         text,
    parked_at        timestamptz not null default now(),
    primary key (group_source_id, member_source_id)
);
create index parked_member_member on parked_member (member_source_id);

-- Index of what the sink parked on scim.commands.v1.dlt, for listing and replay.
create table dead_letter (
    result_id         text primary key,
    command_id        text,
    source_object_id  text,
    operation         text,
    error_class       text not null,
    error_code        text,
    reason            text,
    http_status       integer,
    scim_type         text,
    attempts          integer not null,
    first_failure_at  timestamptz,
    last_failure_at   timestamptz not null,
    topic             text not null,
    partition_no      integer not null,
    offset_no         bigint not null,
    dlt_partition     integer,
    dlt_offset        bigint,
    payload           bytea,
    replay_count      integer not null default 0,
    last_replayed_at  timestamptz
);
create index dead_letter_time on dead_letter (last_failure_at);
create index dead_letter_source on dead_letter (source_object_id);
