-- Catalog, version 5: table usage (who read which table when), the business glossary with its links to columns,
-- steward tags beside the contracts' tags, and one revision counter that moves on every glossary or tag change (the
-- search index compares it to know when to rebuild). Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT epoch
-- milliseconds, JSON as TEXT.

CREATE TABLE ns_catalog_usage (
    table_name  TEXT   NOT NULL, -- domain.table
    principal   TEXT   NOT NULL, -- who read it
    channel     TEXT   NOT NULL, -- api, console, cli, preview
    accessed_at BIGINT NOT NULL  -- epoch milliseconds
);

-- Serves usage(table, since) and the per-table aggregate.
CREATE INDEX ns_catalog_usage_table ON ns_catalog_usage (table_name, accessed_at);

CREATE TABLE ns_glossary_terms (
    name       TEXT   NOT NULL PRIMARY KEY, -- the term as written, unique case-insensitively (lower_name)
    lower_name TEXT   NOT NULL UNIQUE,
    definition TEXT   NOT NULL,
    synonyms   TEXT   NOT NULL,              -- JSON array of strings
    owner      TEXT   NOT NULL,
    status     TEXT   NOT NULL,              -- DRAFT, APPROVED or DEPRECATED
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE ns_glossary_links (
    term        TEXT   NOT NULL, -- ns_glossary_terms.name
    table_name  TEXT   NOT NULL, -- domain.table
    column_name TEXT   NOT NULL,
    linked_by   TEXT   NOT NULL,
    linked_at   BIGINT NOT NULL,
    PRIMARY KEY (term, table_name, column_name)
);

-- Serves the terms of a table's columns.
CREATE INDEX ns_glossary_links_table ON ns_glossary_links (table_name);

CREATE TABLE ns_catalog_tags (
    table_name TEXT   NOT NULL, -- domain.table
    tag        TEXT   NOT NULL, -- lower-case
    added_by   TEXT   NOT NULL,
    added_at   BIGINT NOT NULL,
    PRIMARY KEY (table_name, tag)
);

CREATE TABLE ns_catalog_revision (
    name     TEXT   NOT NULL PRIMARY KEY, -- 'catalog'
    revision BIGINT NOT NULL
);

INSERT INTO ns_catalog_revision (name, revision) VALUES ('catalog', 0);
