-- Cockpit, version 14: the cockpit's declarative kinds (PriceModel, Budget, BusinessKpi, versioned by content), the
-- alerts budgets raised (one per budget, month and threshold, so re-evaluating never raises twice) and the history
-- of business KPI evaluations. Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT epoch milliseconds,
-- DOUBLE PRECISION, JSON as TEXT.

CREATE TABLE ns_cockpit_definitions (
    kind       TEXT   NOT NULL,              -- PriceModel, Budget or BusinessKpi
    name       TEXT   NOT NULL,              -- the definition's id
    yaml       TEXT   NOT NULL,              -- the document as applied
    sha256     TEXT   NOT NULL,              -- of yaml: applying the same text again is a no-op
    applied_by TEXT   NOT NULL,
    applied_at BIGINT NOT NULL,
    PRIMARY KEY (kind, name)
);

CREATE TABLE ns_cockpit_budget_alerts (
    budget            TEXT   NOT NULL,           -- Budget name
    month             TEXT   NOT NULL,           -- YYYY-MM (UTC)
    threshold_percent BIGINT NOT NULL,           -- e.g. 80 or 100
    actual            DOUBLE PRECISION NOT NULL, -- cost attributed when the threshold was crossed
    amount            DOUBLE PRECISION NOT NULL, -- the budget of the month
    currency          TEXT   NOT NULL,
    notify            TEXT   NOT NULL,           -- JSON array of who is told
    raised_at         BIGINT NOT NULL,
    PRIMARY KEY (budget, month, threshold_percent)
);

CREATE TABLE ns_cockpit_kpi_evaluations (
    id           TEXT   NOT NULL PRIMARY KEY,     -- kev-<uuid>
    kpi          TEXT   NOT NULL,                 -- BusinessKpi id
    evaluated_at BIGINT NOT NULL,
    status       TEXT   NOT NULL,                 -- SUCCEEDED or FAILED
    value        DOUBLE PRECISION,                -- the latest value; NULL when failed or empty
    points       TEXT   NOT NULL,                 -- JSON array of {date, value} for a time series, [] otherwise
    run_as       TEXT   NOT NULL,
    error        TEXT                             -- why it failed (a policy denial names the table or column)
);

-- Serves the history of one KPI, in time order.
CREATE INDEX ns_cockpit_kpi_evaluations_kpi ON ns_cockpit_kpi_evaluations (kpi, evaluated_at);
