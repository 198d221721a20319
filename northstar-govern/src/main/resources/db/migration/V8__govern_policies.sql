-- Govern, version 8: access policies (YAML documents, versioned) and time-bound access requests.
-- Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT epoch milliseconds.

-- The policies in force: one row per policy name, its latest version.
CREATE TABLE ns_policies (
    name       TEXT   NOT NULL PRIMARY KEY,
    version    BIGINT NOT NULL,               -- 1, 2, ... per name
    yaml       TEXT   NOT NULL,               -- the kind: AccessPolicy document as applied
    sha256     TEXT   NOT NULL,               -- of yaml, so applying the same text again is a no-op
    updated_by TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Every change: who changed which policy when (APPLIED a new version, or DELETED it).
CREATE TABLE ns_policy_versions (
    name       TEXT   NOT NULL,
    version    BIGINT NOT NULL,
    action     TEXT   NOT NULL,               -- APPLIED or DELETED
    yaml       TEXT,                          -- NULL for DELETED
    changed_by TEXT   NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (name, version)
);

-- Access requests: a principal asks for a table for a purpose; the table's owner approves (a grant that expires).
CREATE TABLE ns_access_requests (
    id              TEXT   NOT NULL PRIMARY KEY,  -- req-<12 hex>
    principal       TEXT   NOT NULL,
    table_name      TEXT   NOT NULL,              -- domain.table
    purpose         TEXT   NOT NULL,
    justification   TEXT   NOT NULL,
    duration_millis BIGINT NOT NULL,
    status          TEXT   NOT NULL,              -- PENDING, APPROVED or DENIED
    requested_at    BIGINT NOT NULL,
    decided_by      TEXT,
    decided_at      BIGINT,
    decision_note   TEXT,
    expires_at      BIGINT                        -- decided_at + duration for an approved request
);

CREATE INDEX ns_access_requests_grants ON ns_access_requests (principal, table_name, status);
