-- How each person is addressed: 'f' (Madame, السيدة) or 'm' (Monsieur, السيد), from the
-- roster's optional gender column; NULL where the roster has not said, and the neutral forms
-- («رئيس(ة)», «Président(e)») are used.
ALTER TABLE people ADD COLUMN gender TEXT;
