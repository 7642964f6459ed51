-- The polled batches of scim.commands.v1 handed to the sink and not known to be committed: one row per batch and
-- partition, with each record's offset and a checksum of its value. A record delivered again (the sink was killed, or
-- lost its partitions, before committing it) is told when its earlier delivery began, and an object its command then
-- finds in the target, created since, is reported as the create that delivery made (its result was lost) instead of
-- "matched, no change". Rows below a partition's next batch are committed and deleted, so the table holds a few rows
-- per partition. Unlogged: after a PostgreSQL crash it is empty and such a redelivery is reported as the match it is;
-- noting a batch must not cost WAL.
create unlogged table delivered_batch (
    topic        text        not null,
    partition_no integer     not null,
    first_offset bigint      not null,
    last_offset  bigint      not null,
    offsets      bigint[]    not null,
    -- CRC32C of each record's value; null where the record's object had several commands in the batch (a later one
    -- finds what an earlier one created, which is no lost create of its own)
    crcs         integer[]   not null,
    delivered_at timestamptz not null
);
create index delivered_batch_range on delivered_batch (topic, partition_no, last_offset);
