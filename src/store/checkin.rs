//! Check-in sessions, code attempts and attendance in the database.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{Db, audit};
use crate::clock::{from_millis, to_millis};
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::workshop::{CheckinCode, CheckinSession, CheckinWindow};

/// Opens (or reopens with a new code) check-in for a workshop. Audited.
pub async fn open(
    db: &Db,
    workshop_id: WorkshopId,
    session: &CheckinSession,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let mut tx = super::begin_writing(db).await?;
    sqlx::query(
        "INSERT INTO checkin_sessions (workshop_id, code, opens_at, closes_at, opened_by) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workshop_id) DO UPDATE SET code = excluded.code, \
         opens_at = excluded.opens_at, closes_at = excluded.closes_at, opened_by = excluded.opened_by",
    )
    .bind(workshop_id)
    .bind(session.code.as_str())
    .bind(to_millis(session.window.opens))
    .bind(to_millis(session.window.closes))
    .bind(actor)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut *tx,
        now,
        actor,
        "checkin.open",
        &format!("workshop {workshop_id}"),
    )
    .await?;
    tx.commit().await
}

/// Sessions that closed less than a day ago or are still open, with their workshop.
pub async fn recent(
    db: &Db,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<(WorkshopId, CheckinSession)>> {
    let rows = sqlx::query(
        "SELECT workshop_id, code, opens_at, closes_at FROM checkin_sessions WHERE closes_at > $1",
    )
    .bind(to_millis(now - chrono::Duration::days(1)))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let code = CheckinCode::parse(&r.get::<String, _>(1))?;
            let window = CheckinWindow {
                opens: from_millis(r.get(2)),
                closes: from_millis(r.get(3)),
            };
            Some((r.get(0), CheckinSession { code, window }))
        })
        .collect())
}

/// Records a wrong code typed by this account.
pub async fn record_wrong_code(
    db: &Db,
    telegram_user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO checkin_attempts (telegram_user_id, at) VALUES ($1, $2)")
        .bind(telegram_user_id)
        .bind(to_millis(now))
        .execute(db.writer())
        .await?;
    Ok(())
}

/// This account's wrong codes since `since`.
pub async fn wrong_codes_since(
    db: &Db,
    telegram_user_id: i64,
    since: DateTime<Utc>,
) -> sqlx::Result<Vec<DateTime<Utc>>> {
    let rows = sqlx::query(
        "SELECT at FROM checkin_attempts WHERE telegram_user_id = $1 AND at >= $2 ORDER BY at",
    )
    .bind(telegram_user_id)
    .bind(to_millis(since))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.iter().map(|r| from_millis(r.get(0))).collect())
}

/// Marks a person present: an invitee, or a walk-in who was not invited. Returns false if
/// they were already marked present.
pub async fn mark_present(
    db: &Db,
    workshop_id: WorkshopId,
    person_id: PersonId,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut conn = db.pool.acquire().await?;
    mark_present_on(&mut conn, workshop_id, person_id, now).await
}

async fn mark_present_on(
    conn: &mut sqlx::AnyConnection,
    workshop_id: WorkshopId,
    person_id: PersonId,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE invitations SET presence = 'present', checked_in_at = $1 \
         WHERE workshop_id = $2 AND person_id = $3 AND (presence IS NULL OR presence = 'absent')",
    )
    .bind(to_millis(now))
    .bind(workshop_id)
    .bind(person_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(true);
    }
    let walk_in = sqlx::query(
        "INSERT INTO invitations (workshop_id, person_id, invited_at, presence, checked_in_at) \
         VALUES ($1, $2, $3, 'walk_in', $3) ON CONFLICT (workshop_id, person_id) DO NOTHING",
    )
    .bind(workshop_id)
    .bind(person_id)
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await?;
    Ok(walk_in.rows_affected() == 1)
}

/// An organiser records someone present who checked in at the door (a walk-in when not
/// invited). Audited. Returns false if they were already present.
pub async fn record_walk_in(
    db: &Db,
    workshop_id: WorkshopId,
    person_id: PersonId,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_writing(db).await?;
    let added = mark_present_on(&mut tx, workshop_id, person_id, now).await?;
    let detail = format!("workshop {workshop_id}, person {person_id}: walk-in");
    audit::record(&mut *tx, now, actor, "checkin.walk_in", &detail).await?;
    tx.commit().await?;
    Ok(added)
}

/// Toggles an invitee between present and absent (organisers' roll call). Returns whether
/// they are now present; `None`, with nothing written or audited, for someone not on the
/// workshop's list.
pub async fn toggle_presence(
    db: &Db,
    workshop_id: WorkshopId,
    person_id: PersonId,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<bool>> {
    let mut tx = super::begin_writing(db).await?;
    // One statement flips it: two organisers ticking at once toggle twice, never half.
    let done = sqlx::query(
        "UPDATE invitations SET \
         checked_in_at = CASE WHEN presence IN ('present', 'walk_in') THEN NULL ELSE $1 END, \
         presence = CASE WHEN presence IN ('present', 'walk_in') THEN 'absent' ELSE 'present' END \
         WHERE workshop_id = $2 AND person_id = $3",
    )
    .bind(to_millis(now))
    .bind(workshop_id)
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    let row =
        sqlx::query("SELECT presence FROM invitations WHERE workshop_id = $1 AND person_id = $2")
            .bind(workshop_id)
            .bind(person_id)
            .fetch_optional(&mut *tx)
            .await?;
    let presence: String = row
        .and_then(|r| r.get::<Option<String>, _>(0))
        .unwrap_or_else(|| "absent".into());
    let detail = format!("workshop {workshop_id}, person {person_id}: {presence}");
    audit::record(&mut *tx, now, actor, "checkin.roll_call", &detail).await?;
    tx.commit().await?;
    Ok(Some(presence != "absent"))
}

/// Everyone marked at a workshop (present, absent or walk-in), and whether they came.
pub async fn marked(db: &Db, workshop_id: WorkshopId) -> sqlx::Result<Vec<(PersonId, bool)>> {
    let rows = sqlx::query(
        "SELECT person_id, presence FROM invitations WHERE workshop_id = $1 \
         AND presence IS NOT NULL ORDER BY person_id",
    )
    .bind(workshop_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get::<String, _>(1) != "absent"))
        .collect())
}
