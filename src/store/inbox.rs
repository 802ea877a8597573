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

/// Writes an update as received. Returns false when it was already handled (Telegram sent it
/// again because it had not been acknowledged before a stop): it must not be handled twice.
pub async fn receive(
    db: &Db,
    update_id: i64,
    payload: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    sqlx::query(
        "INSERT INTO inbox (update_id, payload, received_at) VALUES ($1, $2, $3) \
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(payload)
    .bind(to_millis(now))
    .execute(&db.pool)
    .await?;
    let row = sqlx::query("SELECT handled_at FROM inbox WHERE update_id = $1")
        .bind(update_id)
        .fetch_one(&db.pool)
        .await?;
    Ok(row.get::<Option<i64>, _>(0).is_none())
}

/// Marks an update handled, and forgets those handled long ago.
pub async fn handled(db: &Db, update_id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE inbox SET handled_at = $1 WHERE update_id = $2")
        .bind(to_millis(now))
        .bind(update_id)
        .execute(&db.pool)
        .await?;
    sqlx::query("DELETE FROM inbox WHERE handled_at < $1")
        .bind(to_millis(now - KEEP_HANDLED))
        .execute(&db.pool)
        .await?;
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
