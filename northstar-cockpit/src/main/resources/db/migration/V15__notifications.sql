-- Cockpit, version 15: the notification outbox. An alert queues one notification per recipient in the transaction
-- that raises it, so an alert is never raised without being queued nor queued twice; a deliverer sends what is due
-- and retries failures with backoff. Portable SQL (SQLite and PostgreSQL): TEXT, BIGINT epoch milliseconds.

CREATE TABLE ns_notifications (
    id              TEXT   NOT NULL PRIMARY KEY,  -- ntf-<uuid>
    event           TEXT   NOT NULL,              -- what raised it, e.g. budget:retail-monthly:2026-11:80
    recipient       TEXT   NOT NULL,              -- an e-mail address or webhook:<name> (never a webhook's URL)
    subject         TEXT   NOT NULL,
    body            TEXT   NOT NULL,              -- plain text for people
    payload         TEXT   NOT NULL,              -- JSON for machines (the webhook's body)
    created_at      BIGINT NOT NULL,
    status          TEXT   NOT NULL,              -- PENDING, DELIVERED or FAILED (gave up)
    attempts        BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    delivered_at    BIGINT,
    last_error      TEXT,                         -- why the last attempt failed
    UNIQUE (event, recipient)
);

-- Serves the deliverer's "what is due" query.
CREATE INDEX ns_notifications_due ON ns_notifications (status, next_attempt_at);
