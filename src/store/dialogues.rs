//! Dialogues in progress, one per Telegram account. The store keeps their state as opaque
//! JSON; what it means is the Telegram layer's business (`telegram::dialogue`).

use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

use super::Db;
use crate::clock::{from_millis, to_millis};

/// How long an untouched dialogue stays open: an organiser who comes back the next day starts
/// again rather than finding a half-forgotten question waiting.
pub const IDLE_LIMIT: Duration = Duration::hours(24);

/// A stored dialogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Identifies this dialogue among the account's successive ones (stale buttons).
    pub nonce: i64,
    /// Its state, as JSON.
    pub state: String,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The account's open dialogue, if it has one that has not gone idle.
pub async fn get(
    db: &Db,
    telegram_user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Stored>> {
    let row = sqlx::query(
        "SELECT nonce, state, updated_at FROM dialogues WHERE telegram_user_id = $1 AND updated_at > $2",
    )
    .bind(telegram_user_id)
    .bind(to_millis(now - IDLE_LIMIT))
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|r| Stored {
        nonce: r.get(0),
        state: r.get(1),
        updated_at: from_millis(r.get(2)),
    }))
}

/// Starts a dialogue, replacing any earlier one; returns its nonce.
pub async fn start(
    db: &Db,
    telegram_user_id: i64,
    state: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    // Random rather than a clock reading: tests run on a clock that stands still, and two
    // dialogues started in the same instant must still tell their buttons apart.
    let nonce = i64::from(rand::random::<u32>());
    sqlx::query(
        "INSERT INTO dialogues (telegram_user_id, nonce, state, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (telegram_user_id) DO UPDATE SET nonce = excluded.nonce, \
         state = excluded.state, updated_at = excluded.updated_at",
    )
    .bind(telegram_user_id)
    .bind(nonce)
    .bind(state)
    .bind(to_millis(now))
    .execute(db.writer())
    .await?;
    Ok(nonce)
}

/// Saves a dialogue's new state; `false` if it is no longer the open one (ended meanwhile, or
/// replaced by a newer one), in which case nothing is written.
pub async fn save(
    db: &Db,
    telegram_user_id: i64,
    nonce: i64,
    state: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE dialogues SET state = $1, updated_at = $2 WHERE telegram_user_id = $3 AND nonce = $4",
    )
    .bind(state)
    .bind(to_millis(now))
    .bind(telegram_user_id)
    .bind(nonce)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends a dialogue; `false` if it had already ended. Of two presses of the same "Confirm",
/// only the one that gets `true` goes on.
pub async fn end(db: &Db, telegram_user_id: i64, nonce: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM dialogues WHERE telegram_user_id = $1 AND nonce = $2")
        .bind(telegram_user_id)
        .bind(nonce)
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected() == 1)
}
