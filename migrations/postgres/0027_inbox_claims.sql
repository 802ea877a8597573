-- Webhook mode: every replica receives updates, and Telegram (or a load balancer retrying on
-- another replica) may bring one update to two of them. The replica that stores it first
-- claims it until `claimed_until` and handles it; another takes it over only once that claim
-- has run out with the update still unhandled (its replica died first). NULL for updates
-- stored by the single long-polling replica, which replays its own at start.
ALTER TABLE inbox ADD COLUMN claimed_until BIGINT;
