//! Funding in the database: contributions due, payments and agreement approvals, per signing
//! body. The rules (balances, what is owed) live in `domain::funding`; this module loads and
//! writes their inputs, each change audited.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

use super::{Db, audit};
use crate::clock::to_millis;
use crate::domain::funding::{
    Approval, BodyFunding, ContributionRow, KnownBodies, Payment, Verification,
};
use crate::domain::ids::{CommuneId, PersonId};
use crate::domain::money::Money;
use crate::domain::roster::{BodyKind, PlaceName};

/// The promises in force or past: the day each body asked to be reminded after.
pub async fn promises(db: &Db) -> sqlx::Result<HashMap<CommuneId, NaiveDate>> {
    let rows = sqlx::query("SELECT body_id, until_on FROM funding_promises")
        .fetch_all(&db.pool)
        .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), day(&r.get::<String, _>(1))))
        .collect())
}

/// Records a promise: no reminder to the body until `until` has passed. Audited.
pub async fn promise(
    db: &Db,
    body: CommuneId,
    until: NaiveDate,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let mut tx = super::begin_writing(db).await?;
    sqlx::query(
        "INSERT INTO funding_promises (body_id, until_on, made_by, made_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (body_id) DO UPDATE SET until_on = excluded.until_on, \
         made_by = excluded.made_by, made_at = excluded.made_at",
    )
    .bind(body)
    .bind(until.format("%Y-%m-%d").to_string())
    .bind(actor)
    .bind(to_millis(now))
    .execute(&mut *tx)
    .await?;
    let detail = format!("body {body}: remind after {until}");
    audit::record(&mut *tx, now, actor, "funding.promise", &detail).await?;
    tx.commit().await
}

/// The bodies that still owe something and have no promise running on `today`: a funding
/// campaign's reminders go to them.
pub async fn owing(db: &Db, today: NaiveDate) -> sqlx::Result<Vec<CommuneId>> {
    let promised = promises(db).await?;
    Ok(records(db, None)
        .await?
        .into_iter()
        .filter(|r| {
            crate::domain::funding::gets_reminder(&r.funding, promised.get(&r.id).copied(), today)
        })
        .map(|r| r.id)
        .collect())
}

/// A signing body with its funding record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyRecord {
    /// The body's id.
    pub id: CommuneId,
    /// Its province.
    pub province: PlaceName,
    /// The commune or council.
    pub body: (BodyKind, PlaceName),
    /// What it owes and has done.
    pub funding: BodyFunding,
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

fn kind_of(code: &str) -> BodyKind {
    if code == BodyKind::ProvincialCouncil.code() {
        BodyKind::ProvincialCouncil
    } else {
        BodyKind::Commune
    }
}

fn verification_of(state: &str, reason: Option<String>) -> Verification {
    match state {
        "verified" => Verification::Verified,
        "rejected" => Verification::Rejected {
            reason: reason.unwrap_or_default(),
        },
        _ => Verification::Declared,
    }
}

/// The roster's provinces and their signing bodies, to read a contributions file against.
pub async fn known_bodies(db: &Db) -> sqlx::Result<KnownBodies> {
    let rows = sqlx::query(
        "SELECT p.name_latin, p.name_arabic, b.kind, b.name_latin, b.name_arabic \
         FROM provinces p LEFT JOIN bodies b ON b.province_id = p.id \
         ORDER BY p.name_latin, b.name_latin",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut known = KnownBodies::default();
    for r in &rows {
        let province = PlaceName {
            latin: r.get(0),
            arabic: r.get(1),
        };
        if known.provinces.last().is_none_or(|(p, _)| *p != province) {
            known.provinces.push((province, Vec::new()));
        }
        if let Some(kind) = r.get::<Option<String>, _>(2) {
            let name = PlaceName {
                latin: r.get(3),
                arabic: r.get(4),
            };
            let bodies = &mut known.provinces.last_mut().expect("pushed above").1;
            bodies.push((kind_of(&kind), name));
        }
    }
    Ok(known)
}

/// The id of a body named as stored.
pub async fn body_id(db: &Db, province: &str, body: &str) -> sqlx::Result<Option<CommuneId>> {
    let row = sqlx::query(
        "SELECT b.id FROM bodies b JOIN provinces p ON p.id = b.province_id \
         WHERE p.name_latin = $1 AND b.name_latin = $2",
    )
    .bind(province)
    .bind(body)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|r| r.get(0)))
}

/// What importing contributions did (or would do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContributionsReport {
    /// Bodies given a contribution for the first time.
    pub added: usize,
    /// Bodies whose amount or due date changed.
    pub changed: usize,
    /// Lines that matched what is stored.
    pub unchanged: usize,
}

/// Stores the contributions of a file in one transaction: all or none. The same file twice
/// changes nothing. With `dry_run`, the transaction is rolled back. Audited.
pub async fn import_contributions(
    db: &Db,
    rows: &[ContributionRow],
    actor: &str,
    now: DateTime<Utc>,
    dry_run: bool,
) -> anyhow::Result<ContributionsReport> {
    let mut tx = super::begin_writing(db).await?;
    let mut report = ContributionsReport::default();
    for row in rows {
        let body: CommuneId = sqlx::query(
            "SELECT b.id FROM bodies b JOIN provinces p ON p.id = b.province_id \
             WHERE p.name_latin = $1 AND b.name_latin = $2",
        )
        .bind(&row.province.latin)
        .bind(&row.body.1.latin)
        .fetch_one(&mut *tx)
        .await?
        .get(0);
        let stored = sqlx::query("SELECT amount_due, due_on FROM contributions WHERE body_id = $1")
            .bind(body)
            .fetch_optional(&mut *tx)
            .await?;
        let due_on = row.due_on.format("%Y-%m-%d").to_string();
        match stored {
            Some(r)
                if r.get::<i64, _>(0) == row.amount.centimes()
                    && r.get::<String, _>(1) == due_on =>
            {
                report.unchanged += 1;
                continue;
            }
            Some(_) => report.changed += 1,
            None => report.added += 1,
        }
        sqlx::query(
            "INSERT INTO contributions (body_id, amount_due, due_on, updated_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (body_id) DO UPDATE SET \
             amount_due = excluded.amount_due, due_on = excluded.due_on, \
             updated_at = excluded.updated_at",
        )
        .bind(body)
        .bind(row.amount.centimes())
        .bind(&due_on)
        .bind(to_millis(now))
        .execute(&mut *tx)
        .await?;
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        let detail = format!(
            "{} lines: {} added, {} changed, {} unchanged",
            rows.len(),
            report.added,
            report.changed,
            report.unchanged
        );
        audit::record(&mut *tx, now, actor, "funding.contributions", &detail).await?;
        tx.commit().await?;
    }
    Ok(report)
}

/// Records a payment (verified: the Region's own record, or declared by a body). Audited.
pub async fn record_payment(
    db: &Db,
    body: CommuneId,
    payment: &Payment,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let mut tx = super::begin_writing(db).await?;
    let verified = payment.verification == Verification::Verified;
    let id: i64 = sqlx::query(
        "INSERT INTO payments (body_id, amount, paid_on, reference, state, declared_by, \
         declared_at, verified_by, verified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(body)
    .bind(payment.amount.centimes())
    .bind(payment.paid_on.format("%Y-%m-%d").to_string())
    .bind(&payment.reference)
    .bind(payment.verification.code())
    .bind(actor)
    .bind(to_millis(now))
    .bind(verified.then_some(actor))
    .bind(verified.then_some(to_millis(now)))
    .fetch_one(&mut *tx)
    .await?
    .get(0);
    let detail = format!(
        "body {body}: {} paid on {} (ref. {}), {}",
        payment.amount,
        payment.paid_on,
        payment.reference,
        payment.verification.code()
    );
    audit::record(&mut *tx, now, actor, "funding.payment", &detail).await?;
    tx.commit().await?;
    Ok(id)
}

/// Records the council's approval of the agreement. Audited.
pub async fn record_approval(
    db: &Db,
    body: CommuneId,
    approval: &Approval,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let mut tx = super::begin_writing(db).await?;
    let verified = approval.verification == Verification::Verified;
    let id: i64 = sqlx::query(
        "INSERT INTO approvals (body_id, session, approved_on, decision, state, declared_by, \
         declared_at, verified_by, verified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(body)
    .bind(&approval.session)
    .bind(approval.approved_on.format("%Y-%m-%d").to_string())
    .bind(&approval.decision)
    .bind(approval.verification.code())
    .bind(actor)
    .bind(to_millis(now))
    .bind(verified.then_some(actor))
    .bind(verified.then_some(to_millis(now)))
    .fetch_one(&mut *tx)
    .await?
    .get(0);
    let detail = format!(
        "body {body}: agreement approved on {}{}, {}",
        approval.approved_on,
        approval
            .decision
            .as_deref()
            .map(|d| format!(" (decision {d})"))
            .unwrap_or_default(),
        approval.verification.code()
    );
    audit::record(&mut *tx, now, actor, "funding.approval", &detail).await?;
    tx.commit().await?;
    Ok(id)
}

/// Every signing body with its funding record, by province and name; only one province's
/// when given (its Latin name, any case).
pub async fn records(db: &Db, province: Option<&str>) -> sqlx::Result<Vec<BodyRecord>> {
    let bodies = sqlx::query(
        "SELECT b.id, p.name_latin, p.name_arabic, b.kind, b.name_latin, b.name_arabic, \
         c.amount_due, c.due_on \
         FROM bodies b JOIN provinces p ON p.id = b.province_id \
         LEFT JOIN contributions c ON c.body_id = b.id \
         WHERE ($1 = '' OR LOWER(p.name_latin) = LOWER($1)) \
         ORDER BY p.name_latin, b.kind DESC, b.name_latin",
    )
    .bind(province.unwrap_or(""))
    .fetch_all(&db.pool)
    .await?;
    let mut payments: HashMap<CommuneId, Vec<Payment>> = HashMap::new();
    for r in sqlx::query(
        "SELECT body_id, amount, paid_on, reference, state, reason FROM payments ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?
    {
        payments.entry(r.get(0)).or_default().push(Payment {
            amount: Money::from_centimes(r.get(1)),
            paid_on: day(&r.get::<String, _>(2)),
            reference: r.get(3),
            verification: verification_of(&r.get::<String, _>(4), r.get(5)),
        });
    }
    let mut approvals: HashMap<CommuneId, Vec<Approval>> = HashMap::new();
    for r in sqlx::query(
        "SELECT body_id, session, approved_on, decision, state, reason FROM approvals ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?
    {
        approvals.entry(r.get(0)).or_default().push(Approval {
            session: r.get(1),
            approved_on: day(&r.get::<String, _>(2)),
            decision: r.get(3),
            verification: verification_of(&r.get::<String, _>(4), r.get(5)),
        });
    }
    Ok(bodies
        .iter()
        .map(|r| {
            let id: CommuneId = r.get(0);
            let due = r
                .get::<Option<i64>, _>(6)
                .map(|amount| (Money::from_centimes(amount), day(&r.get::<String, _>(7))));
            BodyRecord {
                id,
                province: PlaceName {
                    latin: r.get(1),
                    arabic: r.get(2),
                },
                body: (
                    kind_of(&r.get::<String, _>(3)),
                    PlaceName {
                        latin: r.get(4),
                        arabic: r.get(5),
                    },
                ),
                funding: BodyFunding {
                    due,
                    approvals: approvals.remove(&id).unwrap_or_default(),
                    payments: payments.remove(&id).unwrap_or_default(),
                },
            }
        })
        .collect())
}

/// Appoints a person as one of the Region's finance officers. Returns false if they were.
/// Audited.
pub async fn add_finance_officer(
    db: &Db,
    person: PersonId,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_writing(db).await?;
    let done = sqlx::query(
        "INSERT INTO finance_officers (person_id, added_at, added_by) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id) DO NOTHING",
    )
    .bind(person)
    .bind(to_millis(now))
    .bind(actor)
    .execute(&mut *tx)
    .await?;
    let added = done.rows_affected() == 1;
    if added {
        let detail = format!("person {person}");
        audit::record(&mut *tx, now, actor, "finance_officer.add", &detail).await?;
    }
    tx.commit().await?;
    Ok(added)
}

/// Whether a person is a finance officer.
pub async fn is_finance_officer(db: &Db, person: PersonId) -> sqlx::Result<bool> {
    let row = sqlx::query("SELECT 1 FROM finance_officers WHERE person_id = $1")
        .bind(person)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.is_some())
}

/// The joined finance officers' chats and languages, to tell them of a declaration.
pub async fn finance_officers(db: &Db) -> sqlx::Result<Vec<(PersonId, i64, String)>> {
    let rows = sqlx::query(
        "SELECT p.id, p.telegram_user_id, p.language FROM finance_officers f \
         JOIN people p ON p.id = f.person_id \
         WHERE p.telegram_user_id IS NOT NULL AND p.left_at IS NULL",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}

/// A payment a body declared, awaiting verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    /// The payment's id.
    pub id: i64,
    /// The body.
    pub body: CommuneId,
    /// The body's province and name.
    pub place: (PlaceName, (BodyKind, PlaceName)),
    /// The payment.
    pub payment: Payment,
}

/// The payments declared and awaiting verification, oldest first.
pub async fn declared_payments(db: &Db) -> sqlx::Result<Vec<Declared>> {
    let rows = sqlx::query(
        "SELECT y.id, y.body_id, p.name_latin, p.name_arabic, b.kind, b.name_latin, \
         b.name_arabic, y.amount, y.paid_on, y.reference \
         FROM payments y JOIN bodies b ON b.id = y.body_id \
         JOIN provinces p ON p.id = b.province_id \
         WHERE y.state = 'declared' ORDER BY y.id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Declared {
            id: r.get(0),
            body: r.get(1),
            place: (
                PlaceName {
                    latin: r.get(2),
                    arabic: r.get(3),
                },
                (
                    kind_of(&r.get::<String, _>(4)),
                    PlaceName {
                        latin: r.get(5),
                        arabic: r.get(6),
                    },
                ),
            ),
            payment: Payment {
                amount: Money::from_centimes(r.get(7)),
                paid_on: day(&r.get::<String, _>(8)),
                reference: r.get(9),
                verification: Verification::Declared,
            },
        })
        .collect())
}

/// Marks a declaration (`table`: payments or approvals) verified, or rejected with a reason,
/// if it is still declared: of two finance officers deciding at once, one decides. Audited.
async fn decide(
    tx: &mut sqlx::AnyConnection,
    table: &str,
    id: i64,
    reason: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let state = if reason.is_some() {
        "rejected"
    } else {
        "verified"
    };
    let sql = format!(
        "UPDATE {table} SET state = $1, reason = $2, verified_by = $3, verified_at = $4 \
         WHERE id = $5 AND state = 'declared'"
    );
    let done = sqlx::query(&sql)
        .bind(state)
        .bind(reason)
        .bind(actor)
        .bind(to_millis(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let detail = format!(
        "{table} {id}: {state}{}",
        reason.map(|r| format!(" ({r})")).unwrap_or_default()
    );
    audit::record(&mut *tx, now, actor, "funding.verify", &detail).await?;
    Ok(true)
}

/// Confirms (`reason: None`) or rejects a declared payment. Returns the payment's body,
/// amount and reference; `None` if it was decided already.
pub async fn verify_payment(
    db: &Db,
    payment: i64,
    reason: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<(CommuneId, Money, String)>> {
    let mut tx = super::begin_writing(db).await?;
    if !decide(&mut tx, "payments", payment, reason, actor, now).await? {
        return Ok(None);
    }
    let row = sqlx::query("SELECT body_id, amount, reference FROM payments WHERE id = $1")
        .bind(payment)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some((
        row.get(0),
        Money::from_centimes(row.get(1)),
        row.get(2),
    )))
}

/// An approval a body declared, awaiting verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredApproval {
    /// The approval's id.
    pub id: i64,
    /// The body's province and name.
    pub place: (PlaceName, (BodyKind, PlaceName)),
    /// The approval.
    pub approval: Approval,
}

/// The approvals declared and awaiting verification, oldest first.
pub async fn declared_approvals(db: &Db) -> sqlx::Result<Vec<DeclaredApproval>> {
    let rows = sqlx::query(
        "SELECT a.id, p.name_latin, p.name_arabic, b.kind, b.name_latin, b.name_arabic, \
         a.session, a.approved_on, a.decision \
         FROM approvals a JOIN bodies b ON b.id = a.body_id \
         JOIN provinces p ON p.id = b.province_id \
         WHERE a.state = 'declared' ORDER BY a.id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| DeclaredApproval {
            id: r.get(0),
            place: (
                PlaceName {
                    latin: r.get(1),
                    arabic: r.get(2),
                },
                (
                    kind_of(&r.get::<String, _>(3)),
                    PlaceName {
                        latin: r.get(4),
                        arabic: r.get(5),
                    },
                ),
            ),
            approval: Approval {
                session: r.get(6),
                approved_on: day(&r.get::<String, _>(7)),
                decision: r.get(8),
                verification: Verification::Declared,
            },
        })
        .collect())
}

/// Confirms (`reason: None`) or rejects a declared approval. Returns the approval's body and
/// day; `None` if it was decided already.
pub async fn verify_approval(
    db: &Db,
    approval: i64,
    reason: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<(CommuneId, NaiveDate)>> {
    let mut tx = super::begin_writing(db).await?;
    if !decide(&mut tx, "approvals", approval, reason, actor, now).await? {
        return Ok(None);
    }
    let row = sqlx::query("SELECT body_id, approved_on FROM approvals WHERE id = $1")
        .bind(approval)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some((row.get(0), day(&row.get::<String, _>(1)))))
}
