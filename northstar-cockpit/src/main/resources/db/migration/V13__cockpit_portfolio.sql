-- Cockpit, version 13: the use-case portfolio (kind: UseCase YAML, versioned like contracts and policies). Applying
-- a text whose SHA-256 differs from the version in force stores a new version; the same text is a no-op. Deleting
-- stores a version marked deleted, so the history stays. The status history records each change of pipeline stage
-- (idea, mvp, production, retired) with who applied it and when. Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT
-- epoch milliseconds.
CREATE TABLE ns_usecase_versions (
    id          TEXT    NOT NULL,  -- the use case's slug
    version     BIGINT  NOT NULL,  -- 1, 2, ... per id; the highest is in force unless deleted
    yaml        TEXT    NOT NULL,  -- the document as applied (for a deletion: the last one in force)
    sha256      TEXT    NOT NULL,  -- hex SHA-256 of yaml
    source      TEXT    NOT NULL,  -- the file or channel it came from
    status      TEXT    NOT NULL,  -- idea, mvp, production or retired, as declared
    deleted     INTEGER NOT NULL,  -- 1 for the version recording a deletion
    applied_by  TEXT    NOT NULL,
    applied_at  BIGINT  NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE ns_usecase_status_history (
    id          TEXT    NOT NULL,
    version     BIGINT  NOT NULL,  -- the version that changed the status
    status      TEXT    NOT NULL,
    changed_by  TEXT    NOT NULL,
    changed_at  BIGINT  NOT NULL,
    PRIMARY KEY (id, version)
);
