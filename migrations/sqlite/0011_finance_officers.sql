-- The Region's finance officers, appointed like organisers: they verify what presidents
-- declare (a council's approval, a transfer).
CREATE TABLE finance_officers (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    added_at  INTEGER NOT NULL,
    added_by  TEXT NOT NULL
);
