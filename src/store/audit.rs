//! The audit log: who did what, when — every organiser action lands here.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::Db;
use crate::clock::{from_millis, to_millis};

/// One audited action.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it: `tg:<user id> <name>` for a Telegram user, `cli:<user>` for the command line.
    pub actor: String,
    /// A stable action name, e.g. `roster.import`.
    pub action: String,
    /// What it touched, in a few words.
    pub detail: String,
}

/// Writes one entry; callers inside a transaction pass the transaction's connection.
pub async fn record<'e, E>(
    executor: E,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    detail: &str,
) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("INSERT INTO audit_log (at, actor, action, detail) VALUES ($1, $2, $3, $4)")
        .bind(to_millis(at))
        .bind(actor)
        .bind(action)
        .bind(detail)
        .execute(executor)
        .await?;
    Ok(())
}

/// The latest `limit` entries, newest first.
pub async fn latest(db: &Db, limit: i64) -> sqlx::Result<Vec<AuditEntry>> {
    let rows =
        sqlx::query("SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            at: from_millis(r.get(0)),
            actor: r.get(1),
            action: r.get(2),
            detail: r.get(3),
        })
        .collect())
}
