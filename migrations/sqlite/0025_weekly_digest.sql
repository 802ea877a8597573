-- The weekly digest is on for every organiser and Secretary-General until they turn theirs
-- off with the button under it (and on again the same way).
ALTER TABLE people ADD COLUMN digest_off INTEGER NOT NULL DEFAULT 0;
