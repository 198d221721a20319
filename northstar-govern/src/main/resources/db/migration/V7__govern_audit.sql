-- Govern, version 7: the tamper-evident audit log. Append-only: each entry carries the SHA-256 of its canonical
-- content plus the previous entry's hash (a hash chain), so editing, removing or reordering an entry breaks the chain
-- at that entry. The primary key on the sequence number serialises writers: two that read the same head cannot both
-- insert the next number, the second retries on the new head. Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT
-- epoch milliseconds, JSON as TEXT.

CREATE TABLE ns_audit_log (
    sequence      BIGINT NOT NULL PRIMARY KEY, -- 1, 2, 3... without gaps
    recorded_at   BIGINT NOT NULL,             -- epoch milliseconds
    principal     TEXT   NOT NULL,             -- who acted
    action        TEXT   NOT NULL,             -- data.read, data.denied, policy.change, token.create...
    resources     TEXT   NOT NULL,             -- JSON array of domain.table or domain.table.column
    purpose       TEXT,                        -- the declared purpose, if any
    decision      TEXT   NOT NULL,             -- allowed, denied or failed
    row_count     BIGINT,                      -- rows answered, for reads
    details       TEXT   NOT NULL,             -- JSON object of strings, keys sorted
    previous_hash TEXT   NOT NULL,             -- hash of entry sequence - 1; 64 zeros for the first
    hash          TEXT   NOT NULL              -- hex SHA-256 of the canonical JSON of the fields above
);

-- Serves the filters of the log's listing.
CREATE INDEX ns_audit_log_principal ON ns_audit_log (principal, sequence);
CREATE INDEX ns_audit_log_time ON ns_audit_log (recorded_at);
