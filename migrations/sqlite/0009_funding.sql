-- Funding, per signing body: the contribution due, and what was declared or recorded about
-- the agreement's approval and the contribution's payments. Money in integer centimes,
-- days as ISO dates (YYYY-MM-DD), instants in UTC milliseconds.

CREATE TABLE contributions (
    body_id    INTEGER PRIMARY KEY REFERENCES bodies(id),
    amount_due INTEGER NOT NULL CHECK (amount_due > 0),
    due_on     TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

-- A declaration waits for a finance officer; the Region's own records are verified at once.
CREATE TABLE payments (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    paid_on     TEXT NOT NULL,
    reference   TEXT NOT NULL,
    receipt     TEXT,
    state       TEXT NOT NULL CHECK (state IN ('declared', 'verified', 'rejected')),
    reason      TEXT,
    declared_by TEXT NOT NULL,
    declared_at INTEGER NOT NULL,
    verified_by TEXT,
    verified_at INTEGER
);
CREATE INDEX payments_body ON payments (body_id);

CREATE TABLE approvals (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id),
    session     TEXT,
    approved_on TEXT NOT NULL,
    decision    TEXT,
    state       TEXT NOT NULL CHECK (state IN ('declared', 'verified', 'rejected')),
    reason      TEXT,
    declared_by TEXT NOT NULL,
    declared_at INTEGER NOT NULL,
    verified_by TEXT,
    verified_at INTEGER
);
CREATE INDEX approvals_body ON approvals (body_id);
