-- Contracts, version 2: data contract versions applied with 'northstar apply', and the tables each version governs.
--
-- Portable SQL for SQLite and PostgreSQL (see V1): TEXT, BIGINT epoch milliseconds, BOOLEAN; tables prefixed ns_.

CREATE TABLE ns_contract_versions (
    contract_id  TEXT    NOT NULL, -- the contract's ODCS id, stable across versions
    version      TEXT    NOT NULL, -- the contract's semantic version, e.g. 1.2.0
    major        BIGINT  NOT NULL, -- parts of the version, for ordering in SQL
    minor        BIGINT  NOT NULL,
    patch        BIGINT  NOT NULL,
    name         TEXT    NOT NULL, -- contract name, may be empty
    domain       TEXT    NOT NULL, -- Northstar domain (normalised ODCS domain)
    data_product TEXT    NOT NULL, -- ODCS dataProduct, or the contract id when absent
    status       TEXT    NOT NULL, -- ODCS status: active, draft, deprecated...
    source       TEXT    NOT NULL, -- file the version was applied from
    yaml         TEXT    NOT NULL, -- the document, exactly as applied
    sha256       TEXT    NOT NULL, -- lower-case hex SHA-256 of the document's UTF-8 bytes
    applied_at   BIGINT  NOT NULL, -- epoch milliseconds
    active       BOOLEAN NOT NULL, -- whether this is the version in force (one per contract)
    PRIMARY KEY (contract_id, version)
);

-- Serves products(): active versions by product.
CREATE INDEX ns_contract_versions_product ON ns_contract_versions (domain, data_product, active);

CREATE TABLE ns_contract_tables (
    contract_id   TEXT NOT NULL,
    version       TEXT NOT NULL,
    table_domain  TEXT NOT NULL, -- Northstar table id: domain.name
    table_name    TEXT NOT NULL,
    schema_object TEXT NOT NULL, -- the ODCS schema object name the table comes from
    PRIMARY KEY (contract_id, version, table_domain, table_name)
);

-- Serves activeContract(table): which contract versions govern a table.
CREATE INDEX ns_contract_tables_table ON ns_contract_tables (table_domain, table_name);
