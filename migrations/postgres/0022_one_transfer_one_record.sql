-- One transfer, one record. A payment is what identifies it in the bank's or the Treasury's
-- statement: the body and the reference, compared without spaces and with Latin letters in
-- capitals (`reference_key`, written by Takwin as `domain::funding::reference_key`). A body
-- has one approval of the agreement standing. Rejected declarations do not stand: the same
-- reference may be declared again after a rejection.
ALTER TABLE payments ADD COLUMN reference_key TEXT NOT NULL DEFAULT '';
-- COLLATE "C": only ASCII letters change case, as in SQLite and in Takwin.
UPDATE payments SET reference_key = UPPER(
    REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(reference, ' ', ''), chr(9), ''), chr(10), ''),
        chr(13), ''), chr(160), '') COLLATE "C");

-- A database may already hold the same transfer twice (recorded twice, or declared twice):
-- this migration does not fail on it. Of the payments standing under one reference for one
-- body, the first verified one stands (else the first declared); the others are marked
-- rejected with the reason below, so they no longer count, and stay for the record.
UPDATE payments SET state = 'rejected',
    reason = 'Recorded twice: another record of this body stands under the same reference '
        || '(set aside when one transfer became one record, migration 0022).'
WHERE state <> 'rejected' AND EXISTS (
    SELECT 1 FROM payments k
    WHERE k.body_id = payments.body_id AND k.reference_key = payments.reference_key
      AND k.state <> 'rejected' AND k.id <> payments.id
      AND ((CASE k.state WHEN 'verified' THEN 0 ELSE 1 END)
              < (CASE payments.state WHEN 'verified' THEN 0 ELSE 1 END)
           OR ((CASE k.state WHEN 'verified' THEN 0 ELSE 1 END)
                  = (CASE payments.state WHEN 'verified' THEN 0 ELSE 1 END)
               AND k.id < payments.id)));
CREATE UNIQUE INDEX payments_one_per_reference ON payments (body_id, reference_key)
    WHERE state <> 'rejected';

-- Likewise for approvals: of several standing for one body, the latest verified one stands
-- (a later record corrected an earlier one), else the latest declared; the others are
-- marked rejected with the reason below.
UPDATE approvals SET state = 'rejected',
    reason = 'Recorded twice: another approval of this body stands '
        || '(set aside when a body came to have one approval standing, migration 0022).'
WHERE state <> 'rejected' AND EXISTS (
    SELECT 1 FROM approvals k
    WHERE k.body_id = approvals.body_id AND k.state <> 'rejected' AND k.id <> approvals.id
      AND ((CASE k.state WHEN 'verified' THEN 0 ELSE 1 END)
              < (CASE approvals.state WHEN 'verified' THEN 0 ELSE 1 END)
           OR ((CASE k.state WHEN 'verified' THEN 0 ELSE 1 END)
                  = (CASE approvals.state WHEN 'verified' THEN 0 ELSE 1 END)
               AND k.id > approvals.id)));
CREATE UNIQUE INDEX approvals_one_per_body ON approvals (body_id) WHERE state <> 'rejected';
