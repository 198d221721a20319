-- Quality, version 4: check runs, their results, raw metrics (history for charts and anomaly detection) and
-- incidents. Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT epoch milliseconds, BOOLEAN, DOUBLE PRECISION.

CREATE TABLE ns_quality_runs (
    id         TEXT   NOT NULL PRIMARY KEY, -- check run id (a UUID)
    table_name TEXT   NOT NULL,             -- domain.table
    run_at     BIGINT NOT NULL,             -- epoch milliseconds
    snapshot_id BIGINT,                     -- Iceberg snapshot the checks read, NULL for a table never written
    checks     BIGINT NOT NULL,
    failed     BIGINT NOT NULL,             -- checks that did not pass, any severity
    passed     BOOLEAN NOT NULL             -- no error-severity check failed
);

-- Serves the latest runs of a table.
CREATE INDEX ns_quality_runs_table ON ns_quality_runs (table_name, run_at);

CREATE TABLE ns_quality_results (
    run_id      TEXT    NOT NULL,
    position    BIGINT  NOT NULL,          -- order of the check in the run
    check_id    TEXT    NOT NULL,
    table_name  TEXT    NOT NULL,
    run_at      BIGINT  NOT NULL,
    metric      TEXT    NOT NULL,
    measured    DOUBLE PRECISION,          -- NULL when nothing could be measured
    unit        TEXT    NOT NULL,          -- ROWS or PERCENT
    expectation TEXT    NOT NULL,
    passed      BOOLEAN NOT NULL,
    severity    TEXT    NOT NULL,          -- INFO, WARNING or ERROR
    message     TEXT    NOT NULL,
    PRIMARY KEY (run_id, check_id)
);

CREATE TABLE ns_quality_metrics (
    run_id      TEXT   NOT NULL,
    table_name  TEXT   NOT NULL,
    metric      TEXT   NOT NULL,           -- e.g. row_count, null_values_percent.email
    measured_at BIGINT NOT NULL,           -- epoch milliseconds
    value       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, metric)
);

-- Serves history(table, metric, since): one series, in time order.
CREATE INDEX ns_quality_metrics_series ON ns_quality_metrics (table_name, metric, measured_at);

CREATE TABLE ns_quality_incidents (
    id               TEXT   NOT NULL PRIMARY KEY, -- inc-<12 hex>
    table_name       TEXT   NOT NULL,
    check_id         TEXT   NOT NULL,             -- the failing check, or anomaly:<metric>
    kind             TEXT   NOT NULL,             -- CHECK_FAILED or ANOMALY
    severity         TEXT   NOT NULL,
    status           TEXT   NOT NULL,             -- OPEN, ACKNOWLEDGED or RESOLVED
    title            TEXT   NOT NULL,
    detail           TEXT   NOT NULL,             -- the latest occurrence
    opened_at        BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,             -- the latest occurrence or transition
    occurrences      BIGINT NOT NULL,
    acknowledged_by  TEXT,
    acknowledged_at  BIGINT,
    acknowledge_note TEXT,
    resolved_by      TEXT,
    resolved_at      BIGINT,
    resolution_note  TEXT
);

-- At most one unresolved incident per check of a table: a new failure updates it instead of opening another.
-- Partial unique indexes exist in SQLite (3.8) and PostgreSQL alike.
CREATE UNIQUE INDEX ns_quality_incidents_active ON ns_quality_incidents (table_name, check_id)
    WHERE status <> 'RESOLVED';
CREATE INDEX ns_quality_incidents_status ON ns_quality_incidents (status, updated_at);
