//! The inbox: every update from Telegram is written here before it is handled (Telegram
//! forgets an update once the poller asks for the next ones, which happens while handlers are
//! still running), and marked when its handling ends. What a dead process took but did not
//! finish is handled again at the next start.

use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

use super::Db;
use crate::clock::to_millis;

/// How long handled updates are kept (to recognise one Telegram sends again).
const KEEP_HANDLED: Duration = Duration::days(1);
/// How often the old are forgotten, in updates: Telegram numbers them one after the other,
/// so this is about once every hundred, not a second write at each of them.
const FORGET_EVERY: i64 = 100;

/// Writes an update as received. Returns false when it was already handled (Telegram sent it
/// again because it had not been acknowledged before a stop): it must not be handled twice.
pub async fn receive(
    db: &Db,
    update_id: i64,
    payload: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let stored = sqlx::query(
        "INSERT INTO inbox (update_id, payload, received_at) VALUES ($1, $2, $3) \
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(payload)
    .bind(to_millis(now))
    .execute(db.writer())
    .await?;
    if stored.rows_affected() == 1 {
        // New: the common case, in one statement.
        return Ok(true);
    }
    let row = sqlx::query("SELECT handled_at FROM inbox WHERE update_id = $1")
        .bind(update_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(row.get::<Option<i64>, _>(0).is_none())
}

/// What a webhook replica does with an update it was brought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Stored now, or taken over from a replica whose claim ran out: this replica handles it.
    Handle,
    /// Another replica stored it and is handling it, or it was handled: not again.
    Duplicate,
}

/// Webhook mode: stores an update and claims its handling until `now + hold`, in one
/// statement each, so that of two replicas brought the same update at once (Telegram retrying
/// on another replica behind the load balancer) exactly one handles it. An update stored
/// earlier and still unhandled once its claim ran out (its replica died) is taken over.
pub async fn claim(
    db: &Db,
    update_id: i64,
    payload: &str,
    now: DateTime<Utc>,
    hold: Duration,
) -> sqlx::Result<Claim> {
    let until = to_millis(now + hold);
    let stored = sqlx::query(
        "INSERT INTO inbox (update_id, payload, received_at, claimed_until) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(payload)
    .bind(to_millis(now))
    .bind(until)
    .execute(db.writer())
    .await?;
    if stored.rows_affected() == 1 {
        return Ok(Claim::Handle);
    }
    let retaken = sqlx::query(
        "UPDATE inbox SET claimed_until = $1 WHERE update_id = $2 AND handled_at IS NULL \
         AND (claimed_until IS NULL OR claimed_until <= $3)",
    )
    .bind(until)
    .bind(update_id)
    .bind(to_millis(now))
    .execute(db.writer())
    .await?;
    Ok(if retaken.rows_affected() == 1 {
        Claim::Handle
    } else {
        Claim::Duplicate
    })
}

/// Webhook mode: claims up to `limit` updates stored by a replica that did not handle them
/// before its claim ran out (it died or stalled), oldest first, as received. The condition is
/// checked again on each row as it is updated, so two replicas sweeping at once share them
/// and never both take one.
pub async fn retake_abandoned(
    db: &Db,
    now: DateTime<Utc>,
    hold: Duration,
    limit: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "UPDATE inbox SET claimed_until = $1 WHERE update_id IN \
         (SELECT update_id FROM inbox WHERE handled_at IS NULL AND claimed_until <= $2 \
          ORDER BY update_id LIMIT $3) \
         AND handled_at IS NULL AND claimed_until <= $2 RETURNING update_id, payload",
    )
    .bind(to_millis(now + hold))
    .bind(to_millis(now))
    .bind(limit)
    .fetch_all(db.writer())
    .await?;
    let mut taken: Vec<(i64, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    taken.sort_by_key(|(id, _)| *id);
    Ok(taken)
}

/// Marks an update handled; at every [`FORGET_EVERY`]th update, forgets those handled long
/// ago.
pub async fn handled(db: &Db, update_id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE inbox SET handled_at = $1 WHERE update_id = $2")
        .bind(to_millis(now))
        .bind(update_id)
        .execute(db.writer())
        .await?;
    if update_id % FORGET_EVERY == 0 {
        sqlx::query("DELETE FROM inbox WHERE handled_at < $1")
            .bind(to_millis(now - KEEP_HANDLED))
            .execute(db.writer())
            .await?;
    }
    Ok(())
}

/// Updates received and not handled (a stop in between), oldest first, as received.
pub async fn unhandled(db: &Db) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT update_id, payload FROM inbox WHERE handled_at IS NULL ORDER BY update_id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}
