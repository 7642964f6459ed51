-- The audit database is created by POSTGRES_DB; the sink keeps its links in a database of its own.
CREATE DATABASE scim_sink OWNER pipeline;
