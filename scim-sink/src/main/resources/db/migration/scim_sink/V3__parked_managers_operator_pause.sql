-- Manager references whose manager (or the user itself) had no target id yet; set by PATCH when it appears.
-- One manager per user: a newer command's manager replaces the parked one.
create table parked_manager (
    user_source_id    text primary key,
    manager_source_id text not null,
    command_id        text not null,
    change_id         text not null,
    cycle_id          text,
    parked_at         timestamptz not null default now()
);
create index parked_manager_manager on parked_manager (manager_source_id);

-- The operator's pause (POST /api/pause), kept so that a restarted sink stays paused until resumed.
-- At most one row (id = 1): present = paused.
create table operator_pause (
    id         integer primary key check (id = 1),
    paused_by  text,
    reason     text,
    paused_at  timestamptz not null default now()
);
