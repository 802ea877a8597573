//! Recurring schedules in the database.

use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

use super::Db;
use crate::clock::{from_millis, to_millis};

/// A stored recurring schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Row id.
    pub id: i64,
    /// A unique name organisers know it by.
    pub name: String,
    /// The cron expression, read in the programme's time zone.
    pub cron: String,
    /// Who it goes to (JSON of `domain::audience::Audience`).
    pub audience: String,
    /// What it sends (JSON of `outbox::Payload`).
    pub payload: String,
    /// How late a missed occurrence may still go out after downtime.
    pub max_lateness: Duration,
    /// The next occurrence not yet enqueued.
    pub next_at: Option<DateTime<Utc>>,
    /// How long after each occurrence its rows go (minutes, see `domain::schedule::Offset`);
    /// `None` at the occurrence.
    pub after_minutes: Option<i64>,
    /// Fires once, at `next_at`, then stops (its `cron` is empty).
    pub once: bool,
}

/// A schedule to store: recurring on a cron expression, or firing once.
#[derive(Debug, Clone)]
pub struct NewSchedule<'a> {
    /// Its unique name; saving under a name replaces what was there.
    pub name: &'a str,
    /// The cron expression it recurs on; `None` fires once, at `next_at`, then stops.
    pub cron: Option<&'a str>,
    /// Who gets it, as JSON.
    pub audience: &'a str,
    /// What it sends, as JSON.
    pub payload: &'a str,
    /// How late an occurrence may still go after downtime.
    pub max_lateness: Duration,
    /// Its first occurrence (`None`: a cron expression that never fires again).
    pub next_at: Option<DateTime<Utc>>,
    /// Its rows go this long after each occurrence rather than at it.
    pub after_minutes: Option<i64>,
}

/// Creates a schedule, or replaces the one with the same name (active again).
pub async fn save<'e, E>(
    executor: E,
    schedule: &NewSchedule<'_>,
    now: DateTime<Utc>,
) -> sqlx::Result<i64>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(
        "INSERT INTO schedules (name, cron, audience, payload, max_lateness_secs, next_at, \
         once, created_at, updated_at, after_minutes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) \
         ON CONFLICT (name) DO UPDATE SET cron = excluded.cron, audience = excluded.audience, \
         payload = excluded.payload, max_lateness_secs = excluded.max_lateness_secs, \
         next_at = excluded.next_at, once = excluded.once, active = 1, \
         updated_at = excluded.updated_at, after_minutes = excluded.after_minutes \
         RETURNING id",
    )
    .bind(schedule.name)
    // A schedule that fires once keeps an empty expression, as it always has.
    .bind(schedule.cron.unwrap_or_default())
    .bind(schedule.audience)
    .bind(schedule.payload)
    .bind(schedule.max_lateness.num_seconds())
    .bind(schedule.next_at.map(to_millis))
    .bind(i64::from(schedule.cron.is_none()))
    .bind(to_millis(now))
    .bind(schedule.after_minutes)
    .fetch_one(executor)
    .await?;
    Ok(row.get(0))
}

/// Active schedules whose next occurrence has come.
pub async fn due(db: &Db, now: DateTime<Utc>) -> sqlx::Result<Vec<Schedule>> {
    let rows = sqlx::query(
        "SELECT id, name, cron, audience, payload, max_lateness_secs, next_at, after_minutes, \
         once FROM schedules \
         WHERE active = 1 AND next_at IS NOT NULL AND next_at <= $1 ORDER BY next_at, id",
    )
    .bind(to_millis(now))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Schedule {
            id: r.get(0),
            name: r.get(1),
            cron: r.get(2),
            audience: r.get(3),
            payload: r.get(4),
            max_lateness: Duration::seconds(r.get(5)),
            next_at: r.get::<Option<i64>, _>(6).map(from_millis),
            after_minutes: r.get(7),
            once: r.get::<i64, _>(8) != 0,
        })
        .collect())
}

/// The earliest occurrence that has come and not been fired yet, if any: how far behind the
/// schedulers are (`/metrics`).
pub async fn oldest_due(db: &Db, now: DateTime<Utc>) -> sqlx::Result<Option<DateTime<Utc>>> {
    let oldest: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(next_at) FROM schedules WHERE active = 1 AND next_at IS NOT NULL \
         AND next_at <= $1",
    )
    .bind(to_millis(now))
    .fetch_one(&db.pool)
    .await?;
    Ok(oldest.map(from_millis))
}

/// Moves a schedule on to its next occurrence, if nobody else has meanwhile. Returns false
/// when another instance got there first.
pub async fn advance(
    db: &Db,
    id: i64,
    from: DateTime<Utc>,
    to: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE schedules SET next_at = $1, updated_at = $2 WHERE id = $3 AND next_at = $4",
    )
    .bind(to.map(to_millis))
    .bind(to_millis(now))
    .bind(id)
    .bind(to_millis(from))
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stops a schedule: it fires no more, and what it queued is skipped when its turn comes.
/// Returns false if there was none active under that name.
pub async fn close(db: &Db, name: &str, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE schedules SET active = 0, next_at = NULL, updated_at = $1 \
         WHERE name = $2 AND active = 1",
    )
    .bind(to_millis(now))
    .bind(name)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether a schedule of that name exists, active or closed.
pub async fn exists(db: &Db, name: &str) -> sqlx::Result<bool> {
    let row = sqlx::query("SELECT 1 FROM schedules WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.is_some())
}

/// Whether a schedule of that name is active.
pub async fn is_active(db: &Db, name: &str) -> sqlx::Result<bool> {
    let row = sqlx::query("SELECT 1 FROM schedules WHERE name = $1 AND active = 1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.is_some())
}

/// A schedule's next occurrence, if it is active and has one.
pub async fn next_of(db: &Db, id: i64) -> sqlx::Result<Option<DateTime<Utc>>> {
    let row = sqlx::query("SELECT next_at FROM schedules WHERE id = $1 AND active = 1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row
        .and_then(|r| r.get::<Option<i64>, _>(0))
        .map(from_millis))
}
