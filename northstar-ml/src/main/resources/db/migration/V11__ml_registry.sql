-- ML, version 11: the model registry. A version row holds everything needed to judge, reproduce and serve a model:
-- its spec, trainer, metrics, fairness report and gates, lineage (input tables with the Iceberg snapshot read) and
-- the fingerprint of its model, whose bytes (XGBoost JSON) and drift references live in ns_model_artifact so that
-- listing versions does not load them. Aliases (champion, challenger) point at versions; approvals record the second
-- pair of eyes that promotion to champion requires. Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT epoch
-- milliseconds, JSON as TEXT.

CREATE TABLE ns_model_version (
    name            TEXT    NOT NULL,  -- model name from the spec
    version         BIGINT  NOT NULL,  -- 1, 2, 3... per model
    spec            TEXT    NOT NULL,  -- the kind: Model YAML as trained
    trainer         TEXT    NOT NULL,  -- principal who trained and registered it
    created_at      BIGINT  NOT NULL,  -- epoch milliseconds
    features        TEXT    NOT NULL,  -- JSON array of feature columns, in the model's order
    lineage         TEXT    NOT NULL,  -- JSON array of {table, snapshotId, columns}
    metrics         TEXT    NOT NULL,  -- JSON: validation evaluation, row counts, importance, training time
    fairness        TEXT    NOT NULL,  -- JSON: per protected attribute report, and every gate checked
    gates_passed    INTEGER NOT NULL,  -- 1 when every gate passed
    model_format    TEXT    NOT NULL,  -- xgboost-json
    model_sha256    TEXT    NOT NULL,  -- hex SHA-256 of the model bytes
    PRIMARY KEY (name, version)
);

CREATE TABLE ns_model_artifact (
    name     TEXT   NOT NULL,
    version  BIGINT NOT NULL,
    kind     TEXT   NOT NULL,  -- model (XGBoost JSON) or drift-reference (JSON)
    content  TEXT   NOT NULL,
    PRIMARY KEY (name, version, kind)
);

CREATE TABLE ns_model_alias (
    name        TEXT   NOT NULL,
    alias       TEXT   NOT NULL,  -- champion, challenger...
    version     BIGINT NOT NULL,
    updated_by  TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (name, alias)
);

CREATE TABLE ns_model_approval (
    name         TEXT   NOT NULL,
    version      BIGINT NOT NULL,
    approver     TEXT   NOT NULL,  -- never the trainer
    approved_at  BIGINT NOT NULL,
    comment      TEXT   NOT NULL,
    PRIMARY KEY (name, version, approver)
);
