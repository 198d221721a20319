-- Govern, version 6: classification suggestions of the PII/PHI detectors and their review by stewards.
-- Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT epoch milliseconds, DOUBLE PRECISION, JSON as TEXT.

CREATE TABLE ns_classification_suggestions (
    id          TEXT   NOT NULL PRIMARY KEY,  -- cls-<12 hex>
    table_name  TEXT   NOT NULL,              -- domain.table
    column_name TEXT   NOT NULL,
    class_id    TEXT   NOT NULL,              -- e.g. pii.email, phi.diagnosis_code
    confidence  DOUBLE PRECISION NOT NULL,    -- 0 to 1
    evidence    TEXT   NOT NULL,              -- JSON: name hint, rule, matched, sampled, masked examples
    status      TEXT   NOT NULL,              -- PENDING, ACCEPTED or REJECTED
    scanned_at  BIGINT NOT NULL,              -- epoch milliseconds of the scan that last confirmed it
    reviewer    TEXT,                         -- principal who accepted or rejected it
    reviewed_at BIGINT,
    note        TEXT
);

-- One suggestion per class of a column: a re-scan updates it instead of adding another.
CREATE UNIQUE INDEX ns_classification_suggestions_column
    ON ns_classification_suggestions (table_name, column_name, class_id);

-- Serves the review queue.
CREATE INDEX ns_classification_suggestions_status ON ns_classification_suggestions (status, table_name);

CREATE TABLE ns_classification_scans (
    table_name   TEXT   NOT NULL PRIMARY KEY, -- domain.table
    scanned_at   BIGINT NOT NULL,
    sampled_rows BIGINT NOT NULL,
    snapshot_id  BIGINT,                      -- Iceberg snapshot sampled, NULL for a table never written
    scanned_by   TEXT   NOT NULL
);
