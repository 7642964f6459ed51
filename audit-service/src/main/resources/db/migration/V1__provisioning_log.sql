-- Contains-search on names needs trigrams; pg_trgm ships with standard PostgreSQL (and zonky's binaries).
create extension if not exists pg_trgm;

-- One row per ProvisioningResult (Graph provisioningObjectSummary). Entries are never edited, only purged by age.
create table provisioning_result (
    id                   text        collate "C" primary key,
    activity_time        timestamptz not null,
    change_id            text        not null,
    cycle_id             text,
    job_id               text,
    action               text        not null,
    status               text        not null,
    duration_ms          bigint      not null,
    reported_by          text        not null,
    origin               text,
    source_id            text,
    source_display_name  text,
    source_type          text,
    target_id            text,
    target_display_name  text,
    target_type          text,
    error_code           text,
    error_reason         text,
    error_details        text,
    error_category       text,
    recommended_action   text,
    replay_of            text,
    steps                jsonb       not null,
    modified_properties  jsonb       not null,
    -- the record exactly as received, so an export or a dispute can show what the producer really sent
    raw_payload          text        not null,
    ingested_at          timestamptz not null default now(),
    -- lower-cased names in one column so a single trigram index serves contains-searches on both names
    search_names         text generated always as
        (lower(coalesce(source_display_name, '') || ' ' || coalesce(target_display_name, ''))) stored
);

-- Keyset pagination is always (activity_time, id); every filter index ends with it so a page is an index range.
create index provisioning_result_time_idx   on provisioning_result (activity_time, id);
create index provisioning_result_source_idx on provisioning_result (source_id, activity_time, id);
create index provisioning_result_target_idx on provisioning_result (target_id, activity_time, id) where target_id is not null;
create index provisioning_result_status_idx on provisioning_result (status, activity_time, id);
create index provisioning_result_cycle_idx  on provisioning_result (cycle_id, activity_time, id);
create index provisioning_result_change_idx on provisioning_result (change_id);
create index provisioning_result_error_idx  on provisioning_result (error_code, activity_time, id) where error_code is not null;
create index provisioning_result_replay_idx on provisioning_result (replay_of) where replay_of is not null;
create index provisioning_result_names_trgm on provisioning_result using gin (search_names gin_trgm_ops);
-- prefix search as B-tree range scans: trigram lookups of a prefix like 'user12' drown in the common trigrams
create index provisioning_result_source_name_prefix on provisioning_result (lower(source_display_name) text_pattern_ops);
create index provisioning_result_target_name_prefix on provisioning_result (lower(target_display_name) text_pattern_ops)
    where target_display_name is not null;

-- Source-connector cycle markers (start, progress, end); the same marker delivered twice is stored once.
create table cycle_marker (
    cycle_id          text        not null,
    phase             text        not null,
    marker_time       timestamptz not null,
    origin            text        not null,
    expected_objects  bigint      not null,
    emitted_events    bigint      not null,
    pages_read        bigint      not null,
    detail            text,
    primary key (cycle_id, phase, marker_time)
);
create index cycle_marker_time_idx on cycle_marker (marker_time);

-- Records that could not be read: kept with their raw bytes and the reason, never dropped.
create table malformed_record (
    id            text        primary key,
    topic         text        not null,
    kafka_partition integer   not null,
    kafka_offset  bigint      not null,
    record_key    bytea,
    raw_value     bytea,
    reason        text        not null,
    field         text,
    received_at   timestamptz not null default now()
);
create index malformed_record_time_idx on malformed_record (received_at);

-- Who asked the sink to replay which failures, and what it answered (operators are audited too).
create table replay_request (
    id            bigserial   primary key,
    requested_at  timestamptz not null default now(),
    requested_by  text        not null,
    result_ids    jsonb       not null,
    dry_run       boolean     not null,
    matched       integer,
    replayed      integer,
    outcome       text        not null
);
