-- Platform metadata, version 1: API tokens and job runs.
--
-- This file runs unchanged on SQLite and PostgreSQL, so it keeps to their common subset: TEXT rather than
-- VARCHAR(n) (PostgreSQL would enforce a length SQLite ignores), BIGINT epoch milliseconds rather than TIMESTAMP
-- (SQLite has no timestamp type), JSON as TEXT. Every table is prefixed ns_ so it never meets the Iceberg
-- JdbcCatalog's own tables (iceberg_tables, iceberg_namespace_properties) in the same database.

CREATE TABLE ns_api_tokens (
    id             TEXT    NOT NULL PRIMARY KEY, -- public token id, the <id> of the secret ns_<id>_<random>
    principal_name TEXT    NOT NULL,
    roles          TEXT    NOT NULL,             -- JSON array of strings, sorted
    attributes     TEXT    NOT NULL,             -- JSON object of strings, sorted by key
    secret_hash    TEXT    NOT NULL,             -- lower-case hex SHA-256 of the whole secret; the secret is never stored
    created_at     BIGINT  NOT NULL,             -- epoch milliseconds
    expires_at     BIGINT,                       -- epoch milliseconds, NULL for no expiry
    last_used_at   BIGINT,                       -- epoch milliseconds, NULL if never used
    revoked        BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX ns_api_tokens_principal ON ns_api_tokens (principal_name);

CREATE TABLE ns_runs (
    id                 TEXT   NOT NULL PRIMARY KEY, -- run id (a UUID), also in the Iceberg snapshot summary
    kind               TEXT   NOT NULL,
    target             TEXT   NOT NULL,
    status             TEXT   NOT NULL,             -- RUNNING, SUCCEEDED or FAILED
    started_at         BIGINT NOT NULL,             -- epoch milliseconds
    finished_at        BIGINT,                      -- epoch milliseconds, NULL while running
    rows_read          BIGINT NOT NULL,
    rows_written       BIGINT NOT NULL,
    snapshot_id        BIGINT,
    source_fingerprint TEXT,
    error              TEXT,
    details            TEXT   NOT NULL              -- JSON object of strings, sorted by key
);

-- Serves forTarget: runs of a target, newest first.
CREATE INDEX ns_runs_target_started ON ns_runs (target, started_at);
-- Serves findSucceeded: the idempotency check before every load.
CREATE INDEX ns_runs_fingerprint ON ns_runs (source_fingerprint, target, kind);
