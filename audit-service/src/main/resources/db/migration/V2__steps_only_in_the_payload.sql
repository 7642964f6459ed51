-- The steps and modified properties were stored twice: in the record as received (raw_payload, what the API and the
-- export read) and as JSONB columns that no query of the service reads. Writing them cost the audit a second JSON
-- serialization of every result (about a quarter of its ingest CPU) and PostgreSQL a JSONB conversion and ~1 KB per
-- row. They stay at hand for ad-hoc SQL through this view (parsed from the payload when queried).
alter table provisioning_result drop column steps, drop column modified_properties;

create view provisioning_result_json as
select id, activity_time, change_id, cycle_id, source_id, target_id, status, action,
       (raw_payload::jsonb) -> 'steps' as steps,
       (raw_payload::jsonb) -> 'modifiedProperties' as modified_properties,
       raw_payload::jsonb as result
from provisioning_result;
