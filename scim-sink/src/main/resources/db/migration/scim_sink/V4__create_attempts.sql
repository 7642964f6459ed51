-- When a command's record was first delivered while its object had no link (it may create the object). A record
-- delivered again after the sink was killed between its create and the create's result finds the object in the target;
-- created since then (meta.created), it was this command's create, and the result says so instead of "matched, no
-- change". Unlogged: nothing here is needed after a PostgreSQL crash but the audit wording of such a redelivery, which
-- then falls back to the match it is; writing it must not cost WAL on every create.
create unlogged table create_attempt (
    source_id    text primary key,
    record       text not null,
    attempted_at timestamptz not null
);
