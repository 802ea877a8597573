-- A person who left the roster (a term of office ended, a council renewed) keeps their
-- history; from this instant they are in no audience and their links and rights are gone.
ALTER TABLE people ADD COLUMN left_at BIGINT;
