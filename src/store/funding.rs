//! Funding in the database: contributions due, payments and agreement approvals, per signing
//! body. The rules (balances, what is owed) live in `domain::funding`; this module loads and
//! writes their inputs, each change audited.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

use super::{Db, audit};
use crate::clock::{from_millis, to_millis};
use crate::domain::funding::{
    AnswerKind, Approval, ApprovalMatch, BodyFunding, ContributionRow, Declaration, ESCALATE_AFTER,
    FollowUp, KnownBodies, Payment, PaymentMatch, Verification, match_approval, match_payment,
    reference_key,
};
use crate::domain::ids::{CommuneId, PersonId};
use crate::domain::money::Money;
use crate::domain::roster::{BodyKind, Language, PlaceName};

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

/// What recording a transfer or an approval came to. One transfer, one record: a payment is
/// what a body's reference names (compared by [`reference_key`]), and a body has one
/// approval standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded<T> {
    /// Recorded, with this id.
    New(i64),
    /// Already recorded, every detail alike: nothing was added.
    Same(T),
    /// Recorded already with other details (another amount or day under the reference, or
    /// another approval standing): nothing was added; a correction changes it.
    Conflict(T),
}

/// A body's answer to the funding reminders, recorded with what it declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// How it answered.
    pub kind: AnswerKind,
    /// Who answered.
    pub person: PersonId,
}

/// A payment or an approval, as this module keeps them: a table each, read back alike.
/// Recording, correcting and verifying are written once over it.
pub trait Stored: Sized {
    /// Its table.
    const TABLE: &'static str;
    /// The columns of its details, state and reason last, as [`Stored::of_row`] reads them.
    const COLUMNS: &'static str;
    /// It, from a row's [`Stored::COLUMNS`] from column `at` on.
    fn of_row(r: &AnyRow, at: usize) -> Self;
}

impl Stored for Payment {
    const TABLE: &'static str = "payments";
    const COLUMNS: &'static str = "amount, paid_on, reference, state, reason";

    fn of_row(r: &AnyRow, at: usize) -> Payment {
        Payment {
            amount: Money::from_centimes(r.get(at)),
            paid_on: day(&r.get::<String, _>(at + 1)),
            reference: r.get(at + 2),
            verification: verification_of(&r.get::<String, _>(at + 3), r.get(at + 4)),
        }
    }
}

impl Stored for Approval {
    const TABLE: &'static str = "approvals";
    const COLUMNS: &'static str = "session, approved_on, decision, state, reason";

    fn of_row(r: &AnyRow, at: usize) -> Approval {
        Approval {
            session: r.get(at),
            approved_on: day(&r.get::<String, _>(at + 1)),
            decision: r.get(at + 2),
            verification: verification_of(&r.get::<String, _>(at + 3), r.get(at + 4)),
        }
    }
}

/// What stands for a body, with its id: the payment under a reference (`key`, its
/// [`reference_key`]), or the body's approval (`key: None`). The one the unique index
/// (`payments_one_per_reference`, `approvals_one_per_body`) allows.
async fn standing<S: Stored>(
    tx: &mut AnyConnection,
    body: CommuneId,
    key: Option<&str>,
) -> sqlx::Result<Option<(i64, S)>> {
    let under = if key.is_some() {
        " AND reference_key = $2"
    } else {
        ""
    };
    let sql = format!(
        "SELECT id, {} FROM {} WHERE body_id = $1{under} AND state <> 'rejected' ORDER BY id",
        S::COLUMNS,
        S::TABLE
    );
    let mut query = sqlx::query(&sql).bind(body);
    if let Some(key) = key {
        query = query.bind(key);
    }
    let row = query.fetch_optional(&mut *tx).await?;
    Ok(row.map(|r| (r.get(0), S::of_row(&r, 1))))
}

/// Whether an error is a unique index refusing a second row: two records of the same thing
/// at the same instant, one of which the index stopped.
fn is_duplicate(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

/// What differs between recording a transfer and recording an approval; [`record`] does the
/// rest alike for both.
pub trait Record {
    /// What stands already and this record is compared with.
    type Standing: Stored;
    /// The audit log's action for a new record.
    const ACTION: &'static str;
    /// What finds the record standing that this one would repeat (`standing`): the
    /// reference's key for a transfer; none for an approval, of which a body has one.
    fn key(&self) -> Option<String>;
    /// Whether what stands is this record, every detail alike.
    fn same(&self, standing: &Self::Standing) -> bool;
    /// Its insert (`RETURNING id`) with the body and its details bound; the last five
    /// columns are left to [`record`] to bind, alike for both: `state, declared_by,
    /// declared_at, verified_by, verified_at`.
    fn insert(&self, body: CommuneId) -> Query<'_, Any, AnyArguments<'_>>;
    /// Whether it is declared or verified.
    fn verification(&self) -> &Verification;
    /// The audit log's detail.
    fn detail(&self, body: CommuneId) -> String;
}

/// A transfer to record, with the Telegram file of its receipt's photo if one was sent.
pub struct Transfer<'a> {
    /// The transfer.
    pub payment: &'a Payment,
    /// The receipt's photo.
    pub receipt: Option<&'a str>,
}

impl Record for Transfer<'_> {
    type Standing = Payment;
    const ACTION: &'static str = "funding.payment";

    fn key(&self) -> Option<String> {
        Some(reference_key(&self.payment.reference))
    }

    fn same(&self, standing: &Payment) -> bool {
        let recorded = std::slice::from_ref(standing);
        matches!(match_payment(recorded, self.payment), PaymentMatch::Same(_))
    }

    fn insert(&self, body: CommuneId) -> Query<'_, Any, AnyArguments<'_>> {
        let payment = self.payment;
        sqlx::query(
            "INSERT INTO payments (body_id, amount, paid_on, reference, reference_key, receipt, \
             state, declared_by, declared_at, verified_by, verified_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(body)
        .bind(payment.amount.centimes())
        .bind(payment.paid_on.format("%Y-%m-%d").to_string())
        .bind(&payment.reference)
        .bind(reference_key(&payment.reference))
        .bind(self.receipt)
    }

    fn verification(&self) -> &Verification {
        &self.payment.verification
    }

    fn detail(&self, body: CommuneId) -> String {
        let payment = self.payment;
        format!(
            "body {body}: {} paid on {} (ref. {}), {}{}",
            payment.amount,
            payment.paid_on,
            payment.reference,
            payment.verification.code(),
            if self.receipt.is_some() {
                ", receipt attached"
            } else {
                ""
            }
        )
    }
}

impl Record for Approval {
    type Standing = Approval;
    const ACTION: &'static str = "funding.approval";

    fn key(&self) -> Option<String> {
        None
    }

    fn same(&self, standing: &Approval) -> bool {
        let recorded = std::slice::from_ref(standing);
        matches!(match_approval(recorded, self), ApprovalMatch::Same(_))
    }

    fn insert(&self, body: CommuneId) -> Query<'_, Any, AnyArguments<'_>> {
        sqlx::query(
            "INSERT INTO approvals (body_id, session, approved_on, decision, state, declared_by, \
             declared_at, verified_by, verified_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id",
        )
        .bind(body)
        .bind(&self.session)
        .bind(self.approved_on.format("%Y-%m-%d").to_string())
        .bind(&self.decision)
    }

    fn verification(&self) -> &Verification {
        &self.verification
    }

    fn detail(&self, body: CommuneId) -> String {
        format!(
            "body {body}: agreement approved on {}, {}",
            describe_approval(self),
            self.verification.code()
        )
    }
}

/// Records a transfer ([`Transfer`], with its receipt's photo if one was sent) or a
/// council's approval of the agreement, and the body's answer when its president declared
/// it, in one transaction: unless what stands already is the same ([`Recorded::Same`]), or
/// another under the same reference, or another approval ([`Recorded::Conflict`]; compared
/// by [`match_payment`] and [`match_approval`]). Audited.
pub async fn record<R: Record>(
    db: &Db,
    body: CommuneId,
    record: &R,
    answer: Option<Answer>,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Recorded<R::Standing>> {
    let key = record.key();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut tx = super::begin_writing(db).await?;
        if let Some((_, standing)) = standing(&mut tx, body, key.as_deref()).await? {
            return Ok(if record.same(&standing) {
                Recorded::Same(standing)
            } else {
                Recorded::Conflict(standing)
            });
        }
        // Declared by `actor`, and verified by them when it is verified.
        let verification = record.verification();
        let verified = *verification == Verification::Verified;
        let inserted = record
            .insert(body)
            .bind(verification.code())
            .bind(actor)
            .bind(to_millis(now))
            .bind(verified.then_some(actor))
            .bind(verified.then_some(to_millis(now)))
            .fetch_one(&mut *tx)
            .await;
        let id: i64 = match inserted {
            Ok(row) => row.get(0),
            // Recorded meanwhile by someone else (PostgreSQL; SQLite writes one at a time):
            // read again what stands.
            Err(error) if attempt == 1 && is_duplicate(&error) => continue,
            Err(error) => return Err(error),
        };
        audit::record(&mut *tx, now, actor, R::ACTION, &record.detail(body)).await?;
        if let Some(answer) = answer {
            record_answer(&mut tx, body, answer.kind, Some(answer.person), now).await?;
        }
        tx.commit().await?;
        return Ok(Recorded::New(id));
    }
}

/// What differs between correcting a payment and correcting an approval; [`correct`] does
/// the rest alike for both.
pub trait Correction {
    /// What stands and is corrected.
    type Standing: Stored;
    /// What finds the record this corrects (`standing`): the reference's key for a
    /// transfer; none for an approval, of which a body has one.
    fn key(&self) -> Option<String>;
    /// What stands once corrected: the details corrected replace the old ones, the state
    /// stays.
    fn corrected(&self, before: &Self::Standing) -> Self::Standing;
    /// The update writing the corrected details, with them bound; the row's id is the last
    /// parameter, left to [`correct`] to bind.
    fn update(after: &Self::Standing) -> Query<'_, Any, AnyArguments<'_>>;
    /// The audit log's detail, with the record before and after.
    fn detail(body: CommuneId, id: i64, before: &Self::Standing, after: &Self::Standing) -> String;
}

/// A correction of a transfer recorded, found by its reference (spaces and case do not
/// count): its amount, its day, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentCorrection<'a> {
    /// The reference the transfer is recorded under.
    pub reference: &'a str,
    /// The right amount, if it changes.
    pub amount: Option<Money>,
    /// The right day, if it changes.
    pub paid_on: Option<NaiveDate>,
}

impl Correction for PaymentCorrection<'_> {
    type Standing = Payment;

    fn key(&self) -> Option<String> {
        Some(reference_key(self.reference))
    }

    fn corrected(&self, before: &Payment) -> Payment {
        Payment {
            amount: self.amount.unwrap_or(before.amount),
            paid_on: self.paid_on.unwrap_or(before.paid_on),
            ..before.clone()
        }
    }

    fn update(after: &Payment) -> Query<'_, Any, AnyArguments<'_>> {
        sqlx::query("UPDATE payments SET amount = $1, paid_on = $2 WHERE id = $3")
            .bind(after.amount.centimes())
            .bind(after.paid_on.format("%Y-%m-%d").to_string())
    }

    fn detail(body: CommuneId, id: i64, before: &Payment, after: &Payment) -> String {
        format!(
            "body {body}: payment {id} (ref. {}) corrected from {} paid on {} to {} paid on {}, \
             still {}",
            before.reference,
            before.amount,
            before.paid_on,
            after.amount,
            after.paid_on,
            after.verification.code()
        )
    }
}

/// A correction of the approval standing: any of its details.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApprovalCorrection {
    /// The right day of the vote, if it changes.
    pub approved_on: Option<NaiveDate>,
    /// The right session, if it changes.
    pub session: Option<String>,
    /// The right decision's number, if it changes.
    pub decision: Option<String>,
}

impl Correction for ApprovalCorrection {
    type Standing = Approval;

    fn key(&self) -> Option<String> {
        None
    }

    fn corrected(&self, before: &Approval) -> Approval {
        Approval {
            approved_on: self.approved_on.unwrap_or(before.approved_on),
            session: self.session.clone().or_else(|| before.session.clone()),
            decision: self.decision.clone().or_else(|| before.decision.clone()),
            verification: before.verification.clone(),
        }
    }

    fn update(after: &Approval) -> Query<'_, Any, AnyArguments<'_>> {
        sqlx::query(
            "UPDATE approvals SET approved_on = $1, session = $2, decision = $3 WHERE id = $4",
        )
        .bind(after.approved_on.format("%Y-%m-%d").to_string())
        .bind(&after.session)
        .bind(&after.decision)
    }

    fn detail(body: CommuneId, id: i64, before: &Approval, after: &Approval) -> String {
        format!(
            "body {body}: approval {id} corrected from {} to {}, still {}",
            describe_approval(before),
            describe_approval(after),
            after.verification.code()
        )
    }
}

/// Corrects what stands for a body (the payment under a reference, the body's approval), in
/// one transaction: `None` when nothing stands to correct; else its details are replaced,
/// its state kept (a declaration still awaits a finance officer), and the record before and
/// after is returned and audited with both (`funding.correct`).
pub async fn correct<C: Correction>(
    db: &Db,
    body: CommuneId,
    correction: &C,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<(C::Standing, C::Standing)>> {
    let mut tx = super::begin_writing(db).await?;
    let key = correction.key();
    let Some((id, before)) = standing(&mut tx, body, key.as_deref()).await? else {
        return Ok(None);
    };
    let after = correction.corrected(&before);
    C::update(&after).bind(id).execute(&mut *tx).await?;
    let detail = C::detail(body, id, &before, &after);
    audit::record(&mut *tx, now, actor, "funding.correct", &detail).await?;
    tx.commit().await?;
    Ok(Some((before, after)))
}

fn describe_approval(approval: &Approval) -> String {
    format!(
        "{}{}{}",
        approval.approved_on,
        approval
            .session
            .as_deref()
            .map(|s| format!(", session {s}"))
            .unwrap_or_default(),
        approval
            .decision
            .as_deref()
            .map(|d| format!(" (decision {d})"))
            .unwrap_or_default(),
    )
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
    let mut payments = by_body::<Payment>(db).await?;
    let mut approvals = by_body::<Approval>(db).await?;
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

/// Every payment, or every approval, by body, oldest first.
async fn by_body<S: Stored>(db: &Db) -> sqlx::Result<HashMap<CommuneId, Vec<S>>> {
    let sql = format!(
        "SELECT body_id, {} FROM {} ORDER BY id",
        S::COLUMNS,
        S::TABLE
    );
    let mut all: HashMap<CommuneId, Vec<S>> = HashMap::new();
    for r in sqlx::query(&sql).fetch_all(&db.pool).await? {
        all.entry(r.get(0)).or_default().push(S::of_row(&r, 1));
    }
    Ok(all)
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

/// What a body declared, as a finance officer decides on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Declared {
    /// A transfer, with the Telegram file of its receipt's photo if one was sent.
    Payment {
        /// The transfer.
        payment: Payment,
        /// The receipt's photo.
        receipt: Option<String>,
    },
    /// The council's approval of the agreement.
    Approval(Approval),
}

/// A declaration awaiting a finance officer: what it is, the body's province and name, and
/// what was declared. The `/declarations` screen, read in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// Which record, for the Confirm / Reject buttons.
    pub declaration: Declaration,
    /// The body's province and name.
    pub place: (PlaceName, (BodyKind, PlaceName)),
    /// What was declared.
    pub declared: Declared,
}

fn place_of(r: &AnyRow, at: usize) -> (PlaceName, (BodyKind, PlaceName)) {
    (
        PlaceName {
            latin: r.get(at),
            arabic: r.get(at + 1),
        },
        (
            kind_of(&r.get::<String, _>(at + 2)),
            PlaceName {
                latin: r.get(at + 3),
                arabic: r.get(at + 4),
            },
        ),
    )
}

/// Every declaration awaiting a finance officer: the transfers, then the approvals, each
/// oldest first.
pub async fn declarations(db: &Db) -> sqlx::Result<Vec<Pending>> {
    let payments = sqlx::query(
        "SELECT y.id, p.name_latin, p.name_arabic, b.kind, b.name_latin, b.name_arabic, \
         y.amount, y.paid_on, y.reference, y.state, y.reason, y.receipt \
         FROM payments y JOIN bodies b ON b.id = y.body_id \
         JOIN provinces p ON p.id = b.province_id \
         WHERE y.state = 'declared' ORDER BY y.id",
    )
    .fetch_all(&db.pool)
    .await?;
    let approvals = sqlx::query(
        "SELECT a.id, p.name_latin, p.name_arabic, b.kind, b.name_latin, b.name_arabic, \
         a.session, a.approved_on, a.decision, a.state, a.reason \
         FROM approvals a JOIN bodies b ON b.id = a.body_id \
         JOIN provinces p ON p.id = b.province_id \
         WHERE a.state = 'declared' ORDER BY a.id",
    )
    .fetch_all(&db.pool)
    .await?;
    let payments = payments.iter().map(|r| Pending {
        declaration: Declaration::Payment(r.get(0)),
        place: place_of(r, 1),
        declared: Declared::Payment {
            payment: Payment::of_row(r, 6),
            receipt: r.get(11),
        },
    });
    let approvals = approvals.iter().map(|r| Pending {
        declaration: Declaration::Approval(r.get(0)),
        place: place_of(r, 1),
        declared: Declared::Approval(Approval::of_row(r, 6)),
    });
    Ok(payments.chain(approvals).collect())
}

/// Whether a declaration still awaits a finance officer.
pub async fn is_declared(db: &Db, declaration: Declaration) -> sqlx::Result<bool> {
    let (sql, id) = match declaration {
        Declaration::Payment(id) => (
            "SELECT 1 FROM payments WHERE id = $1 AND state = 'declared'",
            id,
        ),
        Declaration::Approval(id) => (
            "SELECT 1 FROM approvals WHERE id = $1 AND state = 'declared'",
            id,
        ),
    };
    let row = sqlx::query(sql).bind(id).fetch_optional(&db.pool).await?;
    Ok(row.is_some())
}

/// Marks a declaration (`table`: payments or approvals) verified, or rejected with a reason,
/// if it is still declared: of two finance officers deciding at once, one decides. Audited.
async fn decide(
    tx: &mut AnyConnection,
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

/// Confirms (`reason: None`) or rejects a declared payment or approval. Returns its body and
/// what was declared; `None` if it was decided already.
pub async fn verify<S: Stored>(
    db: &Db,
    id: i64,
    reason: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<(CommuneId, S)>> {
    let mut tx = super::begin_writing(db).await?;
    if !decide(&mut tx, S::TABLE, id, reason, actor, now).await? {
        return Ok(None);
    }
    let sql = format!(
        "SELECT body_id, {} FROM {} WHERE id = $1",
        S::COLUMNS,
        S::TABLE
    );
    let row = sqlx::query(&sql).bind(id).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(Some((row.get(0), S::of_row(&row, 1))))
}

/// Records a body's answer to the funding reminders (who answered, and how): escalation
/// counts the reminders sent since.
pub async fn answered(
    db: &Db,
    body: CommuneId,
    kind: AnswerKind,
    person: Option<PersonId>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let mut conn = db.pool.acquire().await?;
    record_answer(&mut conn, body, kind, person, now).await
}

/// [`answered`], inside a transaction of its caller's.
async fn record_answer(
    conn: &mut AnyConnection,
    body: CommuneId,
    kind: AnswerKind,
    person: Option<PersonId>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO funding_answers (body_id, kind, person_id, answered_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(body)
    .bind(kind.code())
    .bind(person)
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every body's follow-up: the reminders delivered to its people (outbox rows sent whose
/// payload is one of `reminders`, the JSON of the funding reminders), and its last answer.
/// Bodies never reminded nor answering are left out (their follow-up is the default).
pub async fn follow_ups(
    db: &Db,
    reminders: &[String],
) -> sqlx::Result<HashMap<CommuneId, FollowUp>> {
    // Per body: each reminder's occurrence and when it was sent.
    type Sent = Vec<(DateTime<Utc>, DateTime<Utc>)>;
    let mut sent: HashMap<CommuneId, Sent> = HashMap::new();
    for payload in reminders {
        let rows = sqlx::query(
            "SELECT p.body_id, o.not_before, o.sent_at FROM outbox o \
             JOIN people p ON p.id = o.person_id \
             WHERE o.state = 'sent' AND o.payload = $1 AND p.body_id IS NOT NULL",
        )
        .bind(payload)
        .fetch_all(&db.pool)
        .await?;
        for r in &rows {
            let occurrence = from_millis(r.get(1));
            let at = r.get::<Option<i64>, _>(2).map_or(occurrence, from_millis);
            sent.entry(r.get(0)).or_default().push((occurrence, at));
        }
    }
    let mut answers: HashMap<CommuneId, Vec<(DateTime<Utc>, AnswerKind)>> = HashMap::new();
    for r in sqlx::query("SELECT body_id, kind, answered_at FROM funding_answers")
        .fetch_all(&db.pool)
        .await?
    {
        if let Some(kind) = AnswerKind::of_code(&r.get::<String, _>(1)) {
            answers
                .entry(r.get(0))
                .or_default()
                .push((from_millis(r.get(2)), kind));
        }
    }
    let bodies: std::collections::HashSet<CommuneId> =
        sent.keys().chain(answers.keys()).copied().collect();
    Ok(bodies
        .into_iter()
        .map(|body| {
            let none = Vec::new();
            let follow_up = FollowUp::of(
                sent.get(&body).unwrap_or(&none),
                answers.get(&body).map_or(&[][..], Vec::as_slice),
            );
            (body, follow_up)
        })
        .collect())
}

/// The setting naming how many unanswered reminders escalate a body.
const ESCALATE_AFTER_SETTING: &str = "funding_escalate_after";

/// How many unanswered reminders escalate a body to its province's Secretary-General (the
/// campaign's setting, [`ESCALATE_AFTER`] until one is set).
pub async fn escalate_after(db: &Db) -> sqlx::Result<u32> {
    Ok(super::settings::get(db, ESCALATE_AFTER_SETTING)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(ESCALATE_AFTER))
}

/// Sets how many unanswered reminders escalate a body.
pub async fn set_escalate_after(db: &Db, after: u32) -> sqlx::Result<()> {
    super::settings::set(db, ESCALATE_AFTER_SETTING, &after.to_string()).await
}

/// A declaration the Region's finance service verified: a transfer and its amount, or the
/// council's approval of the agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    Transfer(Money),
    Approval,
}

/// A funding movement of a body: what was verified, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub province: PlaceName,
    pub body: (BodyKind, PlaceName),
    pub verified: Verified,
    pub at: DateTime<Utc>,
}

/// The transfers and approvals verified since `since`, of one province's bodies (its Latin
/// name, any case) or all, the oldest first.
pub async fn verified_since(
    db: &Db,
    province: Option<&str>,
    since: DateTime<Utc>,
) -> sqlx::Result<Vec<Movement>> {
    let rows = sqlx::query(
        "SELECT m.amount, m.verified_at, pr.name_latin, pr.name_arabic, b.kind, b.name_latin, \
         b.name_arabic FROM ( \
           SELECT body_id, amount, verified_at FROM payments \
           WHERE state = 'verified' AND verified_at >= $1 \
           UNION ALL \
           SELECT body_id, NULL, verified_at FROM approvals \
           WHERE state = 'verified' AND verified_at >= $1 \
         ) m JOIN bodies b ON b.id = m.body_id JOIN provinces pr ON pr.id = b.province_id \
         WHERE ($2 = '' OR LOWER(pr.name_latin) = LOWER($2)) \
         ORDER BY m.verified_at, b.name_latin",
    )
    .bind(to_millis(since))
    .bind(province.unwrap_or(""))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Movement {
            verified: match r.get::<Option<i64>, _>(0) {
                Some(centimes) => Verified::Transfer(Money::from_centimes(centimes)),
                None => Verified::Approval,
            },
            at: from_millis(r.get(1)),
            province: PlaceName {
                latin: r.get(2),
                arabic: r.get(3),
            },
            body: (
                kind_of(&r.get::<String, _>(4)),
                PlaceName {
                    latin: r.get(5),
                    arabic: r.get(6),
                },
            ),
        })
        .collect())
}

/// The settings key of the payment instructions in `language`.
fn instructions_key(language: Language) -> String {
    format!("payment_instructions.{}", language.code())
}

/// How a body pays its contribution, as the organisers wrote it for readers of `language`;
/// `None` while they have not (the messages then say it in general terms).
pub async fn payment_instructions(db: &Db, language: Language) -> sqlx::Result<Option<String>> {
    super::settings::get(db, &instructions_key(language)).await
}

/// Sets (or, with `None`, removes) the payment instructions in `language`, audited in the
/// same transaction.
pub async fn set_payment_instructions(
    db: &Db,
    language: Language,
    text: Option<&str>,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    let key = instructions_key(language);
    let mut tx = super::begin_writing(db).await?;
    match text {
        Some(text) => super::settings::set_with(&mut *tx, &key, text).await?,
        None => super::settings::remove_with(&mut *tx, &key).await?,
    }
    let detail = match text {
        Some(text) => format!("{key}: {text:?}"),
        None => format!("{key}: back to the default text"),
    };
    audit::record(
        &mut *tx,
        now,
        actor,
        "funding.payment_instructions",
        &detail,
    )
    .await?;
    tx.commit().await
}
