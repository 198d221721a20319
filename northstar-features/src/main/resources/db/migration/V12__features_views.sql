-- Features, version 12: the feature views the platform serves (kind: FeatureView YAML, versioned).
-- Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT epoch milliseconds.
CREATE TABLE ns_feature_views (
    name       TEXT   NOT NULL,
    version    BIGINT NOT NULL,               -- 1, 2, ... per name; the highest is in force
    yaml       TEXT   NOT NULL,
    sha256     TEXT   NOT NULL,               -- of yaml: applying the same text again is a no-op
    applied_by TEXT   NOT NULL,
    applied_at BIGINT NOT NULL,
    PRIMARY KEY (name, version)
);
