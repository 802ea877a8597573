//! The roster in the database: provinces, bodies (communes and Provincial Councils), people,
//! their Telegram links, and the organisers among them.

use std::collections::HashMap;
use std::ops::Deref;

use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

use super::{Db, audit};
use crate::clock::{from_millis, to_millis};
use crate::domain::ids::{CommuneId, PersonId, WorkshopId};
use crate::domain::programme::KnownPlaces;
use crate::domain::roster::{
    Appointment, BodyKind, Change, ChangedField, Gender, InviteCode, Language, PersonDetails,
    Phone, PlaceName, Plan, Role, RosterRow, StoredPerson, StoredPlaces, SyncOptions,
};

/// A person of the roster, as stored: their details (read through them, `person.full_name`)
/// and their Telegram link.
#[derive(Debug, Clone)]
pub struct Person {
    /// Database id.
    pub id: PersonId,
    /// Who they are, where they belong, and the language the bot speaks to them.
    pub details: PersonDetails,
    /// Their personal invitation code.
    pub invite_code: String,
    /// The Telegram account linked to them, once they joined.
    pub telegram_user_id: Option<i64>,
    /// When they joined.
    pub joined_at: Option<DateTime<Utc>>,
    /// Since when Telegram refuses our messages to them (they blocked the bot); cleared when
    /// they write to us again.
    pub unreachable_since: Option<DateTime<Utc>>,
    /// The id of their commune or council, if they have one.
    pub body_id: Option<CommuneId>,
}

impl Deref for Person {
    type Target = PersonDetails;

    fn deref(&self) -> &PersonDetails {
        &self.details
    }
}

const PERSON_COLUMNS: &str = "p.id, pr.name_latin, pr.name_arabic, b.kind, b.name_latin, \
     b.name_arabic, p.full_name, p.role, p.phone, p.language, p.invite_code, \
     p.telegram_user_id, p.joined_at, p.unreachable_since, p.body_id, p.gender";

const PERSON_FROM: &str = "FROM people p JOIN provinces pr ON pr.id = p.province_id LEFT JOIN bodies b ON b.id = p.body_id";

fn person_of_row(r: &AnyRow) -> Person {
    let body_kind: Option<String> = r.get(3);
    let body = body_kind.map(|kind| {
        (
            body_kind_of_code(Some(&kind)),
            PlaceName {
                latin: r.get(4),
                arabic: r.get(5),
            },
        )
    });
    let role: String = r.get(7);
    let phone: String = r.get(8);
    let language: String = r.get(9);
    Person {
        id: r.get(0),
        details: PersonDetails {
            province: PlaceName {
                latin: r.get(1),
                arabic: r.get(2),
            },
            body,
            full_name: r.get(6),
            role: Role::parse(&role).unwrap_or(Role::Councillor),
            phone: Phone::from_stored(phone),
            language: Language::parse(&language).unwrap_or(Language::Ar),
            gender: r
                .get::<Option<String>, _>(15)
                .and_then(|g| Gender::parse(&g).ok()),
        },
        invite_code: r.get(10),
        telegram_user_id: r.get(11),
        joined_at: r.get::<Option<i64>, _>(12).map(from_millis),
        unreachable_since: r.get::<Option<i64>, _>(13).map(from_millis),
        body_id: r.get(14),
    }
}

fn body_kind_of_code(code: Option<&str>) -> BodyKind {
    if code == Some(BodyKind::ProvincialCouncil.code()) {
        BodyKind::ProvincialCouncil
    } else {
        BodyKind::Commune
    }
}

/// What an import did, or would do with `--dry-run`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Provinces created.
    pub provinces_added: usize,
    /// Communes and Provincial Councils created.
    pub bodies_added: usize,
    /// People created, each with a new invitation code.
    pub people_added: usize,
    /// People whose name, role, body or language changed.
    pub people_updated: usize,
    /// Rows that matched the database exactly.
    pub unchanged: usize,
    /// People who left the roster (absent from the file, with prune).
    pub people_leaving: usize,
}

impl ImportReport {
    /// The counts of a plan.
    pub fn of(plan: &Plan) -> ImportReport {
        ImportReport {
            provinces_added: plan.new_provinces.len(),
            bodies_added: plan.new_bodies.len(),
            people_added: plan.added(),
            people_updated: plan.updated(),
            unchanged: plan.unchanged,
            people_leaving: plan.leaving(),
        }
    }

    /// True when the import changes nothing.
    pub fn is_noop(&self) -> bool {
        self.provinces_added
            + self.bodies_added
            + self.people_added
            + self.people_updated
            + self.people_leaving
            == 0
    }
}

/// How many people are written per transaction: short enough that the running bot's own
/// writes (a tap, a check-in) never wait long behind an import, SQLite's single writer
/// included.
const PEOPLE_PER_TRANSACTION: usize = 200;

/// The roster as an import compares it: everyone (those who left included, so that coming
/// back is a change, not a clash of phone numbers) and the places.
pub async fn snapshot(db: &Db) -> sqlx::Result<(Vec<StoredPerson>, StoredPlaces)> {
    let sql = format!(
        "SELECT {PERSON_COLUMNS}, p.left_at, o.person_id {PERSON_FROM} \
         LEFT JOIN organisers o ON o.person_id = p.id ORDER BY p.id"
    );
    let rows = sqlx::query(&sql).fetch_all(&db.pool).await?;
    let people = rows
        .iter()
        .map(|r| {
            let person = person_of_row(r);
            StoredPerson {
                id: person.id,
                details: person.details,
                active: r.get::<Option<i64>, _>(16).is_none(),
                organiser: r.get::<Option<i64>, _>(17).is_some(),
            }
        })
        .collect();
    let provinces = sqlx::query("SELECT id, name_latin, name_arabic FROM provinces ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let bodies =
        sqlx::query("SELECT province_id, kind, name_latin, name_arabic FROM bodies ORDER BY id")
            .fetch_all(&db.pool)
            .await?;
    let places = StoredPlaces {
        provinces: provinces
            .iter()
            .map(|p| {
                let id: i64 = p.get(0);
                let name = PlaceName {
                    latin: p.get(1),
                    arabic: p.get(2),
                };
                let own = bodies
                    .iter()
                    .filter(|b| b.get::<i64, _>(0) == id)
                    .map(|b| {
                        let kind: String = b.get(1);
                        let name = PlaceName {
                            latin: b.get(2),
                            arabic: b.get(3),
                        };
                        (body_kind_of_code(Some(&kind)), name)
                    })
                    .collect();
                (name, own)
            })
            .collect(),
    };
    Ok((people, places))
}

/// What applying a plan did beyond the people themselves: the upcoming workshops whose
/// seats someone who left gave up (their waiting lists may move up).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Upcoming workshops that lost an invitee.
    pub freed: Vec<WorkshopId>,
}

/// Writes a plan: the new places in one short transaction, then the people
/// [`PEOPLE_PER_TRANSACTION`] at a time, calling `progress(done, total)` after each. Every
/// change is audited. Someone who leaves keeps their history; their Telegram link, organiser
/// rights, invitations to upcoming workshops and queued messages go.
pub async fn apply(
    db: &Db,
    plan: &Plan,
    actor: &str,
    now: DateTime<Utc>,
    mut progress: impl FnMut(usize, usize),
) -> anyhow::Result<Applied> {
    let mut tx = super::begin_writing(db).await?;
    for province in &plan.new_provinces {
        sqlx::query(
            "INSERT INTO provinces (name_latin, name_arabic) VALUES ($1, $2) \
             ON CONFLICT (name_latin) DO NOTHING",
        )
        .bind(&province.latin)
        .bind(&province.arabic)
        .execute(&mut *tx)
        .await?;
    }
    for (province, kind, body) in &plan.new_bodies {
        sqlx::query(
            "INSERT INTO bodies (province_id, kind, name_latin, name_arabic) \
             SELECT id, $2, $3, $4 FROM provinces WHERE name_latin = $1 \
             ON CONFLICT (province_id, name_latin) DO NOTHING",
        )
        .bind(&province.latin)
        .bind(kind.code())
        .bind(&body.latin)
        .bind(&body.arabic)
        .execute(&mut *tx)
        .await?;
    }
    for (province, body, arabic) in &plan.arabic_names {
        let sql = match body {
            None => "UPDATE provinces SET name_arabic = $1 WHERE name_latin = $2",
            Some(_) => {
                "UPDATE bodies SET name_arabic = $1 WHERE name_latin = $3 \
                 AND province_id = (SELECT id FROM provinces WHERE name_latin = $2)"
            }
        };
        let mut query = sqlx::query(sql).bind(arabic).bind(province);
        if let Some(body) = body {
            query = query.bind(body);
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let provinces: HashMap<String, i64> = sqlx::query("SELECT name_latin, id FROM provinces")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let bodies: HashMap<(i64, String), i64> =
        sqlx::query("SELECT province_id, name_latin, id FROM bodies")
            .fetch_all(&db.pool)
            .await?
            .iter()
            .map(|r| ((r.get(0), r.get(1)), r.get(2)))
            .collect();
    let place_ids = |row: &RosterRow| -> anyhow::Result<(i64, Option<i64>)> {
        let province = *provinces
            .get(&row.province.latin)
            .with_context(|| format!("province {} was not stored", row.province.latin))?;
        let body = match &row.body {
            Some((_, name)) => Some(
                *bodies
                    .get(&(province, name.latin.clone()))
                    .with_context(|| format!("{} was not stored", name.latin))?,
            ),
            None => None,
        };
        Ok((province, body))
    };
    let mut applied = Applied::default();
    let total = plan.changes.len();
    let mut done = 0;
    for chunk in plan.changes.chunks(PEOPLE_PER_TRANSACTION) {
        let mut tx = super::begin_writing(db).await?;
        for change in chunk {
            match change {
                Change::Add(row) => {
                    let insert = "INSERT INTO people (province_id, body_id, full_name, role, \
                         phone, language, gender, invite_code, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)";
                    bind_details(sqlx::query(insert), place_ids(row)?, &row.details)
                        .bind(InviteCode::generate().as_str())
                        .bind(to_millis(now))
                        .execute(&mut *tx)
                        .await?;
                }
                Change::Update {
                    person,
                    row,
                    fields,
                } => {
                    let update = "UPDATE people SET province_id = $1, body_id = $2, \
                         full_name = $3, role = $4, phone = $5, language = $6, gender = $7, \
                         left_at = NULL, updated_at = $8 WHERE id = $9";
                    bind_details(sqlx::query(update), place_ids(row)?, &row.details)
                        .bind(to_millis(now))
                        .bind(*person)
                        .execute(&mut *tx)
                        .await?;
                    if fields.contains(&ChangedField::Phone) {
                        let detail = format!("person {person}: phone now {}", row.phone);
                        audit::record(&mut *tx, now, actor, "roster.new_phone", &detail).await?;
                    }
                    if fields.contains(&ChangedField::Gender) {
                        let addressed = row.gender.map_or("unknown", Gender::code);
                        let detail = format!(
                            "person {person} {:?}: addressed as {addressed}",
                            row.full_name
                        );
                        audit::record(&mut *tx, now, actor, "roster.gender", &detail).await?;
                    }
                }
                Change::Leave {
                    person, full_name, ..
                } => {
                    let freed = leave(&mut tx, *person, now).await?;
                    applied.freed.extend(freed);
                    let detail = format!("person {person} {full_name:?} left the roster");
                    audit::record(&mut *tx, now, actor, "roster.leave", &detail).await?;
                }
            }
        }
        tx.commit().await?;
        done += chunk.len();
        progress(done, total);
    }
    let detail = format!(
        "{} people added, {} updated, {} left, {} unchanged",
        plan.added(),
        plan.updated(),
        plan.leaving(),
        plan.unchanged
    );
    audit::record(&db.pool, now, actor, "roster.import", &detail).await?;
    applied.freed.sort();
    applied.freed.dedup();
    Ok(applied)
}

/// Binds a person's details as `$1` to `$7` (province and body by their ids, name, role,
/// phone, language, gender): the columns an import writes, alike for a new person and a
/// changed one.
fn bind_details<'q>(
    query: Query<'q, Any, AnyArguments<'q>>,
    (province, body): (i64, Option<i64>),
    details: &'q PersonDetails,
) -> Query<'q, Any, AnyArguments<'q>> {
    query
        .bind(province)
        .bind(body)
        .bind(&details.full_name)
        .bind(details.role.code())
        .bind(details.phone.as_str())
        .bind(details.language.code())
        .bind(details.gender.map(Gender::code))
}

/// Takes a person off the roster: their history stays; their link, rights, invitations to
/// upcoming workshops and queued messages go. Returns the workshops they were invited to.
async fn leave(
    conn: &mut AnyConnection,
    person: PersonId,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<WorkshopId>> {
    sqlx::query(
        "UPDATE people SET left_at = $1, telegram_user_id = NULL, updated_at = $1 WHERE id = $2",
    )
    .bind(to_millis(now))
    .bind(person)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM organisers WHERE person_id = $1")
        .bind(person)
        .execute(&mut *conn)
        .await?;
    let upcoming = "SELECT id FROM workshops WHERE starts_at > $2 AND cancelled_at IS NULL";
    let freed: Vec<WorkshopId> = sqlx::query(&format!(
        "SELECT workshop_id FROM invitations WHERE person_id = $1 AND workshop_id IN ({upcoming})"
    ))
    .bind(person)
    .bind(to_millis(now))
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| r.get(0))
    .collect();
    // Deleting a seat counts it off its workshop's row (a trigger: migration 0030), which takes
    // that row's lock. The workshops are locked first, in the order of their ids, as the
    // answer desk takes them, so that the two cannot each hold one and wait for the other.
    let mut locking = freed.clone();
    locking.sort();
    for workshop in locking {
        sqlx::query("UPDATE workshops SET updated_at = updated_at WHERE id = $1")
            .bind(workshop)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(&format!(
        "DELETE FROM invitations WHERE person_id = $1 AND workshop_id IN ({upcoming})"
    ))
    .bind(person)
    .bind(to_millis(now))
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM outbox WHERE person_id = $1 AND state = 'queued'")
        .bind(person)
        .execute(&mut *conn)
        .await?;
    Ok(freed)
}

/// Imports validated rows: the plan is decided first (nothing is written if the file
/// conflicts with the stored roster), then written in short transactions. People are matched
/// by phone; importing the same rows twice changes nothing. With `dry_run` nothing at all is
/// written, not even a lock taken, and the report says what would change.
pub async fn import(
    db: &Db,
    rows: &[RosterRow],
    now: DateTime<Utc>,
    actor: &str,
    dry_run: bool,
) -> anyhow::Result<ImportReport> {
    let (people, places) = snapshot(db).await?;
    let plan = crate::domain::roster::plan(&people, &places, rows, &SyncOptions::default())
        .map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            anyhow::anyhow!("{}", lines.join("\n"))
        })?;
    if !dry_run {
        apply(db, &plan, actor, now, |_, _| {}).await?;
    }
    Ok(ImportReport::of(&plan))
}

/// Everyone on the roster (not those who left), by province, body and name.
pub async fn all_people(db: &Db) -> sqlx::Result<Vec<Person>> {
    let sql = format!(
        "SELECT {PERSON_COLUMNS} {PERSON_FROM} WHERE p.left_at IS NULL \
         ORDER BY pr.name_latin, b.name_latin, p.full_name"
    );
    let rows = sqlx::query(&sql).fetch_all(&db.pool).await?;
    Ok(rows.iter().map(person_of_row).collect())
}

async fn person_where(db: &Db, condition: &str, value: &str) -> sqlx::Result<Option<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} {PERSON_FROM} WHERE {condition}");
    let row = sqlx::query(&sql)
        .bind(value)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.as_ref().map(person_of_row))
}

/// Every reachable joined person's chat, by person id, in one query (for messages to many
/// people). Those who blocked the bot are left out: Telegram would refuse each message.
pub async fn chats(db: &Db) -> sqlx::Result<std::collections::HashMap<PersonId, i64>> {
    let rows = sqlx::query(
        "SELECT id, telegram_user_id FROM people \
         WHERE telegram_user_id IS NOT NULL AND unreachable_since IS NULL",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// The person with this id.
pub async fn by_id(db: &Db, id: PersonId) -> sqlx::Result<Option<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} {PERSON_FROM} WHERE p.id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&db.pool).await?;
    Ok(row.as_ref().map(person_of_row))
}

/// The person with this invitation code.
pub async fn by_invite_code(db: &Db, code: &str) -> sqlx::Result<Option<Person>> {
    person_where(db, "p.invite_code = $1 AND p.left_at IS NULL", code).await
}

/// The person with this phone.
pub async fn by_phone(db: &Db, phone: &Phone) -> sqlx::Result<Option<Person>> {
    person_where(db, "p.phone = $1 AND p.left_at IS NULL", phone.as_str()).await
}

/// The person linked to this Telegram account.
pub async fn by_telegram(db: &Db, telegram_user_id: i64) -> sqlx::Result<Option<Person>> {
    let sql = format!("SELECT {PERSON_COLUMNS} {PERSON_FROM} WHERE p.telegram_user_id = $1");
    let row = sqlx::query(&sql)
        .bind(telegram_user_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.as_ref().map(person_of_row))
}

/// A person by their Telegram account, with the appointments they hold (organiser, finance
/// officer), in one statement: every update from them needs all three.
pub async fn by_telegram_with_appointments(
    db: &Db,
    telegram_user_id: i64,
) -> sqlx::Result<Option<(Person, Vec<Appointment>)>> {
    let held = |appointment| {
        format!(
            "CASE WHEN EXISTS (SELECT 1 FROM {} a WHERE a.person_id = p.id) THEN 1 ELSE 0 END",
            appointment_table(appointment)
        )
    };
    let sql = format!(
        "SELECT {PERSON_COLUMNS}, {} AS organiser, {} AS finance_officer {PERSON_FROM} \
         WHERE p.telegram_user_id = $1",
        held(Appointment::Organiser),
        held(Appointment::FinanceOfficer)
    );
    let row = sqlx::query(&sql)
        .bind(telegram_user_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|row| {
        let appointments = [
            (Appointment::Organiser, "organiser"),
            (Appointment::FinanceOfficer, "finance_officer"),
        ]
        .into_iter()
        .filter(|(_, column)| row.get::<i64, _>(*column) == 1)
        .map(|(appointment, _)| appointment)
        .collect();
        (person_of_row(&row), appointments)
    }))
}

/// Links a Telegram account to a person who has none yet. Returns false if the person was
/// linked meanwhile (by another replica, or another account), so two accounts never share one.
pub async fn link(
    db: &Db,
    person_id: PersonId,
    telegram_user_id: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut conn = db.pool.acquire().await?;
    link_on(&mut conn, person_id, telegram_user_id, None, None, now).await
}

/// [`link`] on a connection of its caller's, moving the person from the account `previous`
/// (when they were linked to it) and setting their language when one is given.
async fn link_on(
    conn: &mut AnyConnection,
    person_id: PersonId,
    telegram_user_id: i64,
    previous: Option<i64>,
    language: Option<Language>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE people SET telegram_user_id = $1, joined_at = $2, updated_at = $2, \
         language = COALESCE($3, language) \
         WHERE id = $4 AND (telegram_user_id IS NULL OR telegram_user_id = $5)",
    )
    .bind(telegram_user_id)
    .bind(to_millis(now))
    .bind(language.map(Language::code))
    .bind(person_id)
    .bind(previous)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What joining came to.
#[derive(Debug, Clone)]
pub enum Joining {
    /// The account is linked: the person as they now stand.
    Linked(Box<Person>),
    /// Someone else linked the person between our read and our write (another replica,
    /// another account): nothing changed.
    LinkedMeanwhile,
}

/// Joins: links the account to the person in one transaction, with all that goes with it.
/// `previous` is the account the person was linked to when read: they moved to a new one,
/// the old link goes and the move is audited (`roster.relink`). `language` is the guess for
/// them until they choose (their Telegram app's); without one, the roster's stays.
pub async fn join(
    db: &Db,
    person_id: PersonId,
    telegram_user_id: i64,
    previous: Option<i64>,
    language: Option<Language>,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Joining> {
    let mut tx = super::begin_writing(db).await?;
    if !link_on(
        &mut tx,
        person_id,
        telegram_user_id,
        previous,
        language,
        now,
    )
    .await?
    {
        return Ok(Joining::LinkedMeanwhile);
    }
    if let Some(previous) = previous {
        let detail = format!("person {person_id} moved from tg:{previous}");
        audit::record(&mut *tx, now, actor, "roster.relink", &detail).await?;
    }
    let sql = format!("SELECT {PERSON_COLUMNS} {PERSON_FROM} WHERE p.id = $1");
    let row = sqlx::query(&sql)
        .bind(person_id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Joining::Linked(Box::new(person_of_row(&row))))
}

/// Unlinks a Telegram account; the person stays in the roster and may join again.
pub async fn unlink(db: &Db, telegram_user_id: i64, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE people SET telegram_user_id = NULL, joined_at = NULL, updated_at = $1 \
         WHERE telegram_user_id = $2",
    )
    .bind(to_millis(now))
    .bind(telegram_user_id)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Changes a person's language.
pub async fn set_language(
    db: &Db,
    person_id: PersonId,
    language: Language,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE people SET language = $1, updated_at = $2 WHERE id = $3")
        .bind(language.code())
        .bind(to_millis(now))
        .bind(person_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// How many people of one body (or province-level group) have joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinedCount {
    /// The province.
    pub province: PlaceName,
    /// The body, or `None` for the province's own staff.
    pub body: Option<(BodyKind, PlaceName)>,
    /// People linked to Telegram.
    pub joined: i64,
    /// People in the roster.
    pub total: i64,
}

/// Joined and total people per body: per province, its own services first, then its
/// Provincial Council, then its communes by name.
pub async fn joined_counts(db: &Db) -> sqlx::Result<Vec<JoinedCount>> {
    let rows = sqlx::query(
        "SELECT pr.name_latin, pr.name_arabic, b.name_latin, b.name_arabic, \
         SUM(CASE WHEN p.telegram_user_id IS NULL THEN 0 ELSE 1 END), COUNT(*), b.kind \
         FROM people p JOIN provinces pr ON pr.id = p.province_id \
         LEFT JOIN bodies b ON b.id = p.body_id \
         GROUP BY pr.name_latin, pr.name_arabic, b.name_latin, b.name_arabic, b.kind \
         ORDER BY pr.name_latin, \
         CASE WHEN b.kind IS NULL THEN 0 WHEN b.kind = 'provincial_council' THEN 1 ELSE 2 END, \
         b.name_latin",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let body_latin: Option<String> = r.get(2);
            let kind: Option<String> = r.get(6);
            JoinedCount {
                province: PlaceName {
                    latin: r.get(0),
                    arabic: r.get(1),
                },
                body: body_latin.map(|latin| {
                    let name = PlaceName {
                        latin,
                        arabic: r.get(3),
                    };
                    (body_kind_of_code(kind.as_deref()), name)
                }),
                joined: r.get(4),
                total: r.get(5),
            }
        })
        .collect())
}

/// They wrote to us, so they no longer block the bot. Returns whether they were marked
/// unreachable.
pub async fn clear_unreachable(db: &Db, person_id: PersonId) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE people SET unreachable_since = NULL WHERE id = $1 AND unreachable_since IS NOT NULL",
    )
    .bind(person_id)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The joined people who blocked the bot, longest first.
pub async fn unreachable(db: &Db) -> sqlx::Result<Vec<Person>> {
    let sql = format!(
        "SELECT {PERSON_COLUMNS} {PERSON_FROM} WHERE p.unreachable_since IS NOT NULL \
         ORDER BY p.unreachable_since, p.full_name"
    );
    let rows = sqlx::query(&sql).fetch_all(&db.pool).await?;
    Ok(rows.iter().map(person_of_row).collect())
}

/// The table that lists the people holding an appointment.
fn appointment_table(appointment: Appointment) -> &'static str {
    match appointment {
        Appointment::Organiser => "organisers",
        Appointment::FinanceOfficer => "finance_officers",
    }
}

/// Grants (`held`) or withdraws an appointment from a person of the roster. Returns false
/// when nothing changed: they already held it, or already did not. Audited when it changes
/// (`organiser.add`, `finance_officer.remove`, …).
pub async fn set_appointment(
    db: &Db,
    person: PersonId,
    appointment: Appointment,
    held: bool,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let table = appointment_table(appointment);
    let mut tx = super::begin_writing(db).await?;
    let done = if held {
        let sql = format!(
            "INSERT INTO {table} (person_id, added_at, added_by) VALUES ($1, $2, $3) \
             ON CONFLICT (person_id) DO NOTHING"
        );
        sqlx::query(&sql)
            .bind(person)
            .bind(to_millis(now))
            .bind(actor)
            .execute(&mut *tx)
            .await?
    } else {
        let sql = format!("DELETE FROM {table} WHERE person_id = $1");
        sqlx::query(&sql).bind(person).execute(&mut *tx).await?
    };
    let changed = done.rows_affected() == 1;
    if changed {
        let verb = if held { "add" } else { "remove" };
        let action = format!("{}.{verb}", appointment.code());
        audit::record(&mut *tx, now, actor, &action, &format!("person {person}")).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// Whether a person holds an appointment.
pub async fn holds(db: &Db, person: PersonId, appointment: Appointment) -> sqlx::Result<bool> {
    let table = appointment_table(appointment);
    let sql = format!("SELECT 1 FROM {table} WHERE person_id = $1");
    let row = sqlx::query(&sql)
        .bind(person)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.is_some())
}

/// All organisers.
pub async fn organisers(db: &Db) -> sqlx::Result<Vec<Person>> {
    let sql = format!(
        "SELECT {PERSON_COLUMNS} {PERSON_FROM} JOIN organisers o ON o.person_id = p.id \
         ORDER BY p.full_name"
    );
    let rows = sqlx::query(&sql).fetch_all(&db.pool).await?;
    Ok(rows.iter().map(person_of_row).collect())
}

/// Records a refused joining attempt. Returns true only the first time this account is
/// refused, so organisers are told once, not per attempt.
pub async fn record_refusal(
    db: &Db,
    telegram_user_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO refused_joins (telegram_user_id, reason, first_at, last_at, attempts) \
         VALUES ($1, $2, $3, $3, 1) ON CONFLICT (telegram_user_id) DO NOTHING",
    )
    .bind(telegram_user_id)
    .bind(reason)
    .bind(to_millis(now))
    .execute(db.writer())
    .await?;
    if done.rows_affected() == 1 {
        return Ok(true);
    }
    sqlx::query(
        "UPDATE refused_joins SET attempts = attempts + 1, last_at = $1, reason = $2 \
         WHERE telegram_user_id = $3",
    )
    .bind(to_millis(now))
    .bind(reason)
    .bind(telegram_user_id)
    .execute(db.writer())
    .await?;
    Ok(false)
}

/// A province of the roster and its communes, with their ids (for buttons).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvincePlaces {
    /// Row id.
    pub id: i64,
    /// Its name.
    pub name: PlaceName,
    /// Its communes (not its Provincial Council), by Latin name: id and name.
    pub communes: Vec<(CommuneId, PlaceName)>,
}

/// The roster's provinces with their communes, against which written names are checked.
pub async fn known_places(db: &Db) -> sqlx::Result<KnownPlaces> {
    Ok(KnownPlaces {
        provinces: places(db)
            .await?
            .into_iter()
            .map(|p| (p.name, p.communes.into_iter().map(|(_, c)| c).collect()))
            .collect(),
    })
}

/// Every province and its communes, by Latin name.
pub async fn places(db: &Db) -> sqlx::Result<Vec<ProvincePlaces>> {
    let provinces =
        sqlx::query("SELECT id, name_latin, name_arabic FROM provinces ORDER BY name_latin")
            .fetch_all(&db.pool)
            .await?;
    let communes = sqlx::query(
        "SELECT id, province_id, name_latin, name_arabic FROM bodies WHERE kind = 'commune' \
         ORDER BY name_latin",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(provinces
        .iter()
        .map(|p| {
            let id: i64 = p.get(0);
            ProvincePlaces {
                id,
                name: PlaceName {
                    latin: p.get(1),
                    arabic: p.get(2),
                },
                communes: communes
                    .iter()
                    .filter(|c| c.get::<i64, _>(1) == id)
                    .map(|c| {
                        let name = PlaceName {
                            latin: c.get(2),
                            arabic: c.get(3),
                        };
                        (c.get(0), name)
                    })
                    .collect(),
            }
        })
        .collect())
}

/// Whether this person turned their weekly digest off.
pub async fn digest_off(db: &Db, person: PersonId) -> sqlx::Result<bool> {
    let off: Option<i64> = sqlx::query_scalar("SELECT digest_off FROM people WHERE id = $1")
        .bind(person)
        .fetch_optional(&db.pool)
        .await?;
    Ok(off.unwrap_or(0) != 0)
}

/// Turns a person's weekly digest on or off, audited in the same transaction. Returns
/// whether it changed (a second press of the same button changes nothing).
pub async fn set_digest(
    db: &Db,
    person: PersonId,
    on: bool,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_writing(db).await?;
    let changed =
        sqlx::query("UPDATE people SET digest_off = $1 WHERE id = $2 AND digest_off <> $1")
            .bind(i64::from(!on))
            .bind(person)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
    if changed {
        let what = if on { "digest.on" } else { "digest.off" };
        super::audit::record(&mut *tx, now, actor, what, &format!("person {person}")).await?;
    }
    tx.commit().await?;
    Ok(changed)
}
