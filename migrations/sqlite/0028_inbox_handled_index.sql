-- The inbox is read by whether an update was handled: those not handled yet (a replay at
-- start, a sweep for abandoned ones) and those handled long ago (forgotten). Without an index
-- each of those scanned the whole table, which holds a day of updates: at a national scale's
-- busiest, hundreds of thousands of rows.
CREATE INDEX inbox_handled_at ON inbox (handled_at);
