-- Platform metadata, version 3: ingestion (northstar-ingest).
--
-- Portable SQL for SQLite and PostgreSQL (TEXT, BIGINT epoch milliseconds, JSON as TEXT), tables prefixed ns_.

-- OpenLineage run events emitted by ingestion runs (START, COMPLETE, FAIL), kept for the lineage graph.
CREATE TABLE ns_lineage_events (
    id          TEXT   NOT NULL PRIMARY KEY, -- run id and event type, e.g. <uuid>:START
    run_id      TEXT   NOT NULL,             -- the OpenLineage run id, also the Northstar run id
    event_type  TEXT   NOT NULL,             -- START, COMPLETE or FAIL
    event_time  BIGINT NOT NULL,             -- epoch milliseconds
    job_name    TEXT   NOT NULL,             -- e.g. ingest.retail.orders
    event       TEXT   NOT NULL              -- the event as OpenLineage JSON
);

CREATE INDEX ns_lineage_events_run ON ns_lineage_events (run_id);
CREATE INDEX ns_lineage_events_job ON ns_lineage_events (job_name, event_time);
