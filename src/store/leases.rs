//! Leases: work that one replica at a time must do, such as long polling Telegram (which
//! answers a second poller with 409 and may hand one update to both). A lease is a row held
//! by whoever renews it before it expires, the same on SQLite and PostgreSQL; a replica that
//! dies or stalls loses it when it expires, and another takes it over.

use chrono::{DateTime, Duration, Utc};

use super::Db;
use crate::clock::to_millis;

/// The lease on long polling Telegram's updates.
pub const POLLER: &str = "poller";

/// The lease on sending: only its holder's delivery worker sends, so that the replicas
/// together keep within the bot's rate (`outbox::sender::SENDER_LEASE`).
pub const SENDER: &str = "sender";

/// Takes the lease, or renews it for its holder, until `now + ttl`. False when another
/// holder has it and it has not expired. One statement: two replicas asking at once cannot
/// both get it.
pub async fn hold(
    db: &Db,
    name: &str,
    holder: &str,
    now: DateTime<Utc>,
    ttl: Duration,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at \
         WHERE leases.holder = excluded.holder OR leases.expires_at <= $4",
    )
    .bind(name)
    .bind(holder)
    .bind(to_millis(now + ttl))
    .bind(to_millis(now))
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives the lease up at once (a clean stop), so another replica need not wait for it to
/// expire. Nothing happens if someone else holds it.
pub async fn release(db: &Db, name: &str, holder: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
        .bind(name)
        .bind(holder)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Who holds the lease now, if anyone does.
pub async fn holder(db: &Db, name: &str, now: DateTime<Utc>) -> sqlx::Result<Option<String>> {
    use sqlx::Row;
    let row = sqlx::query("SELECT holder FROM leases WHERE name = $1 AND expires_at > $2")
        .bind(name)
        .bind(to_millis(now))
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.get(0)))
}
