//! Certificates of attendance and what a training record is made of: the workshops each
//! person was recorded present at, with the code of the certificate issued for each.

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::Db;
use crate::clock::{from_millis, to_millis};
use crate::domain::certificate::CertificateCode;
use crate::domain::ids::{PersonId, WorkshopId};

/// A certificate issued: whose, for which workshop, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    /// Its verification code.
    pub code: CertificateCode,
    /// The workshop attended.
    pub workshop: WorkshopId,
    /// The person it certifies.
    pub person: PersonId,
    /// When it was first issued.
    pub issued_at: DateTime<Utc>,
}

/// A workshop a person was recorded present at (walk-ins included), held and not cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attended {
    /// Who.
    pub person: PersonId,
    /// Which workshop.
    pub workshop: WorkshopId,
    /// Its title.
    pub title: String,
    /// Where it took place.
    pub venue: String,
    /// When it started.
    pub starts_at: DateTime<Utc>,
    /// The code of the certificate issued for it, once one was.
    pub code: Option<CertificateCode>,
}

/// The certificate of a person for a workshop: the one issued already, or a new one with a
/// fresh code. Issued once, however many times it is sent or asked for again, and by however
/// many workers at once (the pair is unique; the one stored is returned).
pub async fn issue(
    db: &Db,
    workshop: WorkshopId,
    person: PersonId,
    now: DateTime<Utc>,
) -> sqlx::Result<Issued> {
    // A new code that happens to be taken inserts nothing: another is drawn. With 29^8
    // codes, a second draw is already beyond likely.
    for _ in 0..8 {
        if let Some(issued) = issued(db, workshop, person).await? {
            return Ok(issued);
        }
        sqlx::query(
            "INSERT INTO certificates (workshop_id, person_id, code, issued_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(workshop)
        .bind(person)
        .bind(CertificateCode::generate().as_str())
        .bind(to_millis(now))
        .execute(db.writer())
        .await?;
    }
    issued(db, workshop, person)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

/// The certificate issued to a person for a workshop, if one was.
pub async fn issued(
    db: &Db,
    workshop: WorkshopId,
    person: PersonId,
) -> sqlx::Result<Option<Issued>> {
    let row = sqlx::query(
        "SELECT code, issued_at FROM certificates WHERE workshop_id = $1 AND person_id = $2",
    )
    .bind(workshop)
    .bind(person)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|r| {
        Some(Issued {
            code: CertificateCode::parse(&r.get::<String, _>(0))?,
            workshop,
            person,
            issued_at: from_millis(r.get(1)),
        })
    }))
}

/// The certificate with this code, if there is one.
pub async fn find(db: &Db, code: &CertificateCode) -> sqlx::Result<Option<Issued>> {
    let row =
        sqlx::query("SELECT workshop_id, person_id, issued_at FROM certificates WHERE code = $1")
            .bind(code.as_str())
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.map(|r| Issued {
        code: code.clone(),
        workshop: r.get(0),
        person: r.get(1),
        issued_at: from_millis(r.get(2)),
    }))
}

/// The workshops attended that started at or before `started_by` (the caller passes now less
/// a workshop's length, so only workshops over count), of one person or of everyone, by
/// person then date.
pub async fn attended(
    db: &Db,
    person: Option<PersonId>,
    started_by: DateTime<Utc>,
) -> sqlx::Result<Vec<Attended>> {
    // Two queries rather than `$2 IS NULL`: PostgreSQL cannot type a parameter seen only
    // there.
    let filter = if person.is_some() {
        "AND i.person_id = $2"
    } else {
        ""
    };
    let sql = format!(
        "SELECT i.person_id, w.id, w.title, w.venue, w.starts_at, c.code \
         FROM invitations i JOIN workshops w ON w.id = i.workshop_id \
         LEFT JOIN certificates c ON c.workshop_id = i.workshop_id AND c.person_id = i.person_id \
         WHERE i.presence IN ('present', 'walk_in') AND w.cancelled_at IS NULL \
         AND w.starts_at <= $1 {filter} ORDER BY i.person_id, w.starts_at, w.id"
    );
    let mut query = sqlx::query(&sql).bind(to_millis(started_by));
    if let Some(person) = person {
        query = query.bind(person);
    }
    let rows = query.fetch_all(&db.pool).await?;
    Ok(rows
        .iter()
        .map(|r| Attended {
            person: r.get(0),
            workshop: r.get(1),
            title: r.get(2),
            venue: r.get(3),
            starts_at: from_millis(r.get(4)),
            code: r
                .get::<Option<String>, _>(5)
                .and_then(|c| CertificateCode::parse(&c)),
        })
        .collect())
}
