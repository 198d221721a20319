-- Cockpit, version 16: usage rolled up by the hour from the audit log, so that cost attribution and the adoption and
-- waste KPIs read a few rows per hour instead of parsing every audited read of the period. Derived data: rebuilt
-- from the audit log when emptied (last_sequence back to 0). Portable SQL (SQLite and PostgreSQL).

CREATE TABLE ns_cockpit_usage_state (
    id            BIGINT NOT NULL PRIMARY KEY,  -- always 1
    last_sequence BIGINT NOT NULL               -- the last audit entry rolled up
);
INSERT INTO ns_cockpit_usage_state (id, last_sequence) VALUES (1, 0);

-- Allowed data reads of each table in each hour, and their engine time shared equally by the tables of a read.
CREATE TABLE ns_cockpit_table_reads (
    hour       BIGINT NOT NULL,                 -- epoch milliseconds of the hour's start (UTC)
    table_name TEXT   NOT NULL,                 -- domain.table
    reads      BIGINT NOT NULL,
    compute_ms DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (hour, table_name)
);

-- Each principal's reads in each hour: audited reads allowed or denied outside the KPI channel (adoption), and
-- answered reads on any channel (cost per query).
CREATE TABLE ns_cockpit_reader_hours (
    hour      BIGINT NOT NULL,
    principal TEXT   NOT NULL,
    reads     BIGINT NOT NULL,
    answered  BIGINT NOT NULL,
    PRIMARY KEY (hour, principal)
);
