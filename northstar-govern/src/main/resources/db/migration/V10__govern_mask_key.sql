-- Govern, version 10: the platform key of the SQL gateway's keyed-hash masks.
-- One key per installation, so every server and CLI process sharing this database masks a value to the same
-- pseudonym (joinable across processes). Wrapped by the master key when one is configured.
CREATE TABLE ns_mask_key (
    key_id     TEXT   NOT NULL PRIMARY KEY,   -- 'gateway-mask'
    wrapped    INTEGER NOT NULL,              -- 1: AES-GCM under the master key; 0: plain base64 (no master key)
    material   TEXT   NOT NULL,               -- base64
    created_at BIGINT NOT NULL
);
