-- Govern, version 9: the privacy keystore (wrapped data keys) and data-subject requests with their certificates.
-- Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT epoch milliseconds, JSON as TEXT.

-- Data keys, each wrapped (AES-GCM, random 96-bit IV, the key id as associated data) by the master key, which is
-- never stored here. Pseudonymisation keys have versions (rotation); subject keys are one per data subject and are
-- shredded (wrapped_key set to NULL) when the subject is erased.
CREATE TABLE ns_privacy_keys (
    key_id      TEXT   NOT NULL PRIMARY KEY,  -- pseudonymise-v<version> or subject-<sha256 of the subject>
    kind        TEXT   NOT NULL,              -- PSEUDONYMISE or SUBJECT
    version     BIGINT NOT NULL,              -- 1, 2... for PSEUDONYMISE; 1 for SUBJECT
    status      TEXT   NOT NULL,              -- ACTIVE, RETIRED (kept for re-identification) or SHREDDED
    wrapped_key TEXT,                         -- base64(iv || ciphertext || tag); NULL once shredded
    created_at  BIGINT NOT NULL,
    created_by  TEXT   NOT NULL,
    retired_at  BIGINT,
    shredded_at BIGINT
);

CREATE INDEX ns_privacy_keys_kind ON ns_privacy_keys (kind, version);

-- Data-subject requests (GDPR articles 15 and 17), with the legal deadline and the outcome.
CREATE TABLE ns_privacy_requests (
    id           TEXT   NOT NULL PRIMARY KEY, -- dsr-<12 hex>
    kind         TEXT   NOT NULL,             -- ACCESS or ERASE
    subject      TEXT   NOT NULL,             -- the subject key value as the requester gave it
    status       TEXT   NOT NULL,             -- RECEIVED, COMPLETED or FAILED
    received_at  BIGINT NOT NULL,
    deadline_at  BIGINT NOT NULL,             -- received_at + 30 days
    requested_by TEXT   NOT NULL,
    completed_at BIGINT,
    completed_by TEXT,
    outcome      TEXT,                        -- JSON: the erasure certificate or the access summary
    error        TEXT
);

CREATE INDEX ns_privacy_requests_status ON ns_privacy_requests (status, deadline_at);
