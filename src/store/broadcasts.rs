//! Announcements in the database, and their delivery figures counted from the outbox rows
//! their schedule queued (keys `schedule:<schedule id>:…`).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::Db;
use crate::clock::{from_millis, to_millis};
use crate::domain::audience::Audience;
use crate::domain::broadcast::{Attachment, AttachmentKind, Versions, When};
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::roster::Language;

/// An announcement as stored.
#[derive(Debug, Clone)]
pub struct Broadcast {
    /// Row id.
    pub id: i64,
    /// Who wrote it, as the audit log names them.
    pub created_by: String,
    /// The audience as it was written or chosen.
    pub audience_label: String,
    /// Who it goes to, resolved when it goes.
    pub audience: Audience,
    /// Its texts.
    pub versions: Versions,
    /// The photo or document its texts are the captions of.
    pub attachment: Option<Attachment>,
    /// The schedule that sends it.
    pub schedule_id: Option<i64>,
    /// Its cron expression when it recurs.
    pub cron: Option<String>,
    /// When it goes (the first time, for a recurring one).
    pub send_at: Option<DateTime<Utc>>,
    /// When it was cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// How many people the audience held when it was written, and how many of them could not
    /// be reached then.
    pub reach: (i64, i64),
    /// The organiser's message that shows its delivery.
    pub report: Option<(i64, i64)>,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// What to store.
#[derive(Clone, Copy)]
pub struct NewBroadcast<'a> {
    /// Who writes it.
    pub created_by: &'a str,
    /// The audience as written or chosen.
    pub audience_label: &'a str,
    /// Who it goes to.
    pub audience: &'a Audience,
    /// Its texts.
    pub versions: &'a Versions,
    /// A photo or a document sent with it.
    pub attachment: Option<&'a Attachment>,
    /// When it goes.
    pub when: &'a When,
    /// When it goes first.
    pub send_at: DateTime<Utc>,
    /// The audience's head-count now, and how many of them cannot be reached.
    pub reach: (i64, i64),
    /// How late an occurrence may still go after the bot was down.
    pub max_lateness: Duration,
    /// Its schedule's outbox payload, given its number (the outbox's `Payload::Broadcast`).
    pub payload: &'a (dyn Fn(i64) -> String + Sync),
}

/// Where an announcement's messages stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Waiting to go, or being sent.
    pub queued: i64,
    /// Accepted by Telegram.
    pub sent: i64,
    /// Refused by Telegram, the blocked ones aside.
    pub failed: i64,
    /// Refused because the person blocked the bot (or deleted their account).
    pub blocked: i64,
    /// Dropped: cancelled, or too late.
    pub skipped: i64,
}

impl Figures {
    /// Whether nothing more is to go.
    pub fn done(&self) -> bool {
        self.queued == 0
    }
}

/// Where an announcement stands, from its figures and its schedule: the one reading of them
/// that the list, the live report and cancelling share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Cancelled, then: nothing more goes.
    Cancelled(DateTime<Utc>),
    /// Recurring, with an occurrence to come then.
    Recurring(DateTime<Utc>),
    /// Scheduled once, to go then.
    Scheduled(DateTime<Utc>),
    /// Gone, with messages still waiting or being sent.
    Sending,
    /// Gone, every message settled.
    Done,
}

impl Standing {
    /// Where an announcement stands: when it was cancelled, whether it recurs, its next
    /// occurrence still to come, and its figures.
    pub fn of(
        cancelled_at: Option<DateTime<Utc>>,
        recurring: bool,
        next_at: Option<DateTime<Utc>>,
        figures: &Figures,
    ) -> Standing {
        match (cancelled_at, next_at, recurring) {
            (Some(at), _, _) => Standing::Cancelled(at),
            (None, Some(next), true) => Standing::Recurring(next),
            (None, Some(next), false) => Standing::Scheduled(next),
            (None, None, _) if figures.done() => Standing::Done,
            (None, None, _) => Standing::Sending,
        }
    }

    /// Whether something is still to go, which cancelling would stop.
    pub fn still_to_go(self) -> bool {
        matches!(
            self,
            Standing::Recurring(_) | Standing::Scheduled(_) | Standing::Sending
        )
    }

    /// Whether the live report shows its last words: the summary, or the cancellation.
    pub fn finished(self) -> bool {
        matches!(self, Standing::Cancelled(_) | Standing::Done)
    }
}

/// An announcement with its figures and its next sending: what a list shows of it.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The announcement.
    pub broadcast: Broadcast,
    /// Where its messages stand.
    pub figures: Figures,
    /// Its next sending, if any is still to come.
    pub next_at: Option<DateTime<Utc>>,
}

impl Listed {
    /// Where it stands.
    pub fn standing(&self) -> Standing {
        let b = &self.broadcast;
        Standing::of(
            b.cancelled_at,
            b.cron.is_some(),
            self.next_at,
            &self.figures,
        )
    }
}

const COLUMNS: &str = "id, created_by, audience_label, audience, versions, schedule_id, cron, \
                       send_at, cancelled_at, report_chat_id, report_message_id, created_at, \
                       reach_people, reach_unreachable, attachment";

fn read(r: &AnyRow) -> anyhow::Result<Broadcast> {
    let chat: Option<i64> = r.get(9);
    let message: Option<i64> = r.get(10);
    Ok(Broadcast {
        id: r.get(0),
        created_by: r.get(1),
        audience_label: r.get(2),
        audience: Audience::from_json(&r.get::<String, _>(3))?,
        versions: Versions::from_json(&r.get::<String, _>(4))?,
        schedule_id: r.get(5),
        cron: r.get(6),
        send_at: r.get::<Option<i64>, _>(7).map(from_millis),
        cancelled_at: r.get::<Option<i64>, _>(8).map(from_millis),
        report: chat.zip(message),
        created_at: from_millis(r.get(11)),
        reach: (r.get(12), r.get(13)),
        attachment: r
            .get::<Option<String>, _>(14)
            .map(|json| Attachment::from_json(&json))
            .transpose()?,
    })
}

/// Stores an announcement with the schedule that sends it (named `broadcast:<number>`) and
/// its audit entry (`broadcast.send`), in one transaction: a stop half-way leaves neither an
/// announcement that never goes nor a schedule sending one that is not there.
pub async fn create(db: &Db, new: &NewBroadcast<'_>, now: DateTime<Utc>) -> anyhow::Result<i64> {
    let cron = match new.when {
        When::Every(cron) => Some(cron.expression()),
        When::Now | When::At(_) => None,
    };
    let mut tx = super::begin_writing(db).await?;
    let row = sqlx::query(
        "INSERT INTO broadcasts (created_by, audience_label, audience, versions, cron, send_at, \
         created_at, reach_people, reach_unreachable, attachment) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(new.created_by)
    .bind(new.audience_label)
    .bind(new.audience.to_json())
    .bind(new.versions.to_json())
    .bind(cron)
    .bind(to_millis(new.send_at))
    .bind(to_millis(now))
    .bind(new.reach.0)
    .bind(new.reach.1)
    .bind(new.attachment.map(Attachment::to_json))
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = row.get(0);
    let name = format!("broadcast:{id}");
    let audience = new.audience.to_json();
    let payload = (new.payload)(id);
    let schedule = super::schedules::NewSchedule {
        name: &name,
        cron,
        audience: &audience,
        payload: &payload,
        max_lateness: new.max_lateness,
        next_at: Some(new.send_at),
        after_minutes: None,
    };
    let schedule_id = super::schedules::save(&mut *tx, &schedule, now).await?;
    sqlx::query("UPDATE broadcasts SET schedule_id = $1 WHERE id = $2")
        .bind(schedule_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let detail = format!(
        "broadcast {id}{} to {} ({} people, {} unreachable), {}",
        match new.attachment.map(|a| a.kind) {
            Some(AttachmentKind::Photo) => " with a photo",
            Some(AttachmentKind::Document) => " with a document",
            None => "",
        },
        new.audience_label,
        new.reach.0,
        new.reach.1,
        match (new.when, cron) {
            (When::Now, _) => "now".to_owned(),
            (_, Some(cron)) => format!("every {cron}"),
            _ => format!("at {}", new.send_at),
        }
    );
    super::audit::record(&mut *tx, now, new.created_by, "broadcast.send", &detail).await?;
    tx.commit().await?;
    Ok(id)
}

/// Makes the organiser's message its live report, edited as delivery goes; `shown` is what
/// the message shows now, if it is what the report would show (so it is not edited for
/// nothing).
pub async fn follow(
    db: &Db,
    id: i64,
    chat_id: i64,
    message_id: i64,
    shown: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE broadcasts SET report_chat_id = $1, report_message_id = $2, report_text = $3, \
         report_done = 0 WHERE id = $4",
    )
    .bind(chat_id)
    .bind(message_id)
    .bind(shown)
    .bind(id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// One announcement.
pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<Broadcast>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM broadcasts WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.as_ref().map(read).transpose()
}

/// What one recipient's message of an announcement needs, read in one query: it runs for
/// every message of a broadcast to tens of thousands.
#[derive(Debug, Clone)]
pub struct ForRecipient {
    /// Its texts.
    pub versions: Versions,
    /// Its photo or document.
    pub attachment: Option<Attachment>,
    /// Whether it was cancelled.
    pub cancelled: bool,
    /// The recipient's language, if they are still in the roster.
    pub language: Option<Language>,
}

/// An announcement's content with its recipient's language; `None` if it no longer exists.
pub async fn for_recipient(
    db: &Db,
    id: i64,
    person: PersonId,
) -> anyhow::Result<Option<ForRecipient>> {
    let row = sqlx::query(
        "SELECT b.versions, b.attachment, b.cancelled_at, p.language \
         FROM broadcasts b LEFT JOIN people p ON p.id = $2 WHERE b.id = $1",
    )
    .bind(id)
    .bind(person)
    .fetch_optional(&db.pool)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    Ok(Some(ForRecipient {
        versions: Versions::from_json(&r.get::<String, _>(0))?,
        attachment: r
            .get::<Option<String>, _>(1)
            .map(|json| Attachment::from_json(&json))
            .transpose()?,
        cancelled: r.get::<Option<i64>, _>(2).is_some(),
        language: r
            .get::<Option<String>, _>(3)
            .map(|code| Language::parse(&code).unwrap_or(Language::Ar)),
    }))
}

/// The latest announcements, newest first.
async fn latest_rows(db: &Db, limit: i64) -> anyhow::Result<Vec<Broadcast>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM broadcasts ORDER BY id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(read).collect()
}

/// Cancels an announcement: marks it, and drops what its schedule queued and has not gone
/// (a row being sent at this instant is skipped when it is rendered). Returns the rows
/// dropped, or `None` if it was already cancelled. Audited in the same transaction.
pub async fn cancel(
    db: &Db,
    id: i64,
    schedule_id: Option<i64>,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<u64>> {
    let mut tx = super::begin_writing(db).await?;
    let marked = sqlx::query(
        "UPDATE broadcasts SET cancelled_at = $1 WHERE id = $2 AND cancelled_at IS NULL",
    )
    .bind(to_millis(now))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() == 0 {
        return Ok(None);
    }
    let mut dropped = 0;
    if let Some(schedule_id) = schedule_id {
        sqlx::query(
            "UPDATE schedules SET active = 0, next_at = NULL, updated_at = $1 WHERE id = $2",
        )
        .bind(to_millis(now))
        .bind(schedule_id)
        .execute(&mut *tx)
        .await?;
        dropped = sqlx::query(
            "UPDATE outbox SET state = 'skipped', last_error = 'the announcement was cancelled', \
             updated_at = $1 WHERE dedup_key LIKE $2 AND state = 'queued'",
        )
        .bind(to_millis(now))
        .bind(format!("schedule:{schedule_id}:%"))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    let detail = format!("broadcast {id} cancelled, {dropped} queued messages dropped");
    super::audit::record(&mut *tx, now, actor, "broadcast.cancel", &detail).await?;
    tx.commit().await?;
    Ok(Some(dropped))
}

/// Where an announcement's messages stand, counted from the rows its schedule queued (none
/// yet without a schedule): the one count of them, for the list, the live report, the
/// confirmation and the benchmark.
pub async fn figures(db: &Db, id: i64) -> sqlx::Result<Figures> {
    let schedule: Option<i64> = sqlx::query("SELECT schedule_id FROM broadcasts WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .and_then(|r| r.get(0));
    let Some(schedule_id) = schedule else {
        return Ok(Figures::default());
    };
    // Two reads rather than a join: the key's prefix is then a bound value, as every other
    // reader of the outbox by schedule binds it.
    let rows = sqlx::query(
        "SELECT state, CASE WHEN last_error LIKE '%blocked%' OR last_error LIKE '%deactivated%' \
         THEN 1 ELSE 0 END AS blocked, COUNT(*) FROM outbox WHERE dedup_key LIKE $1 \
         GROUP BY state, blocked",
    )
    .bind(format!("schedule:{schedule_id}:%"))
    .fetch_all(&db.pool)
    .await?;
    let mut figures = Figures::default();
    for r in &rows {
        let state: String = r.get(0);
        let blocked = r.get::<i64, _>(1) != 0;
        let n: i64 = r.get(2);
        match (state.as_str(), blocked) {
            ("queued" | "sending", _) => figures.queued += n,
            ("sent", _) => figures.sent += n,
            ("failed", true) => figures.blocked += n,
            ("failed", false) => figures.failed += n,
            _ => figures.skipped += n,
        }
    }
    Ok(figures)
}

/// The next time an announcement goes, if any is still to come.
async fn next_at(db: &Db, broadcast: &Broadcast) -> sqlx::Result<Option<DateTime<Utc>>> {
    match (broadcast.cancelled_at, broadcast.schedule_id) {
        (None, Some(schedule)) => super::schedules::next_of(db, schedule).await,
        _ => Ok(None),
    }
}

/// One announcement with its figures and its next sending.
pub async fn listed(db: &Db, id: i64) -> anyhow::Result<Option<Listed>> {
    let Some(broadcast) = get(db, id).await? else {
        return Ok(None);
    };
    Ok(Some(Listed {
        figures: figures(db, broadcast.id).await?,
        next_at: next_at(db, &broadcast).await?,
        broadcast,
    }))
}

/// The latest announcements with their figures and next sendings, newest first.
pub async fn latest(db: &Db, limit: i64) -> anyhow::Result<Vec<Listed>> {
    let mut listed = Vec::new();
    for broadcast in latest_rows(db, limit).await? {
        listed.push(Listed {
            figures: figures(db, broadcast.id).await?,
            next_at: next_at(db, &broadcast).await?,
            broadcast,
        });
    }
    Ok(listed)
}

/// How many people an audience reaches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reach {
    /// People of the roster in the audience.
    pub people: usize,
    /// Of them, those who cannot be reached: not joined, or blocked the bot.
    pub unreachable: usize,
}

/// How many people an audience reaches on `today`, and how many of them cannot be reached.
pub async fn reach(db: &Db, audience: &Audience, today: NaiveDate) -> anyhow::Result<Reach> {
    let people = super::audience::members_on(db, audience, Some(today)).await?;
    Ok(Reach::of(&people))
}

impl Reach {
    /// The reach of an audience resolved to these people.
    pub fn of(people: &[super::roster::Person]) -> Reach {
        let unreachable = people
            .iter()
            .filter(|p| p.telegram_user_id.is_none() || p.unreachable_since.is_some())
            .count();
        Reach {
            people: people.len(),
            unreachable,
        }
    }
}

/// How many upcoming workshops the audience keyboard offers.
const UPCOMING_OFFERED: usize = 5;
/// How many workshops that took place it offers, the latest first ...
const PAST_OFFERED: usize = 3;
/// ... among those of the last sixty days: a follow-up to the attendees (the slides, the
/// next session) or to the absent comes within weeks.
const PAST_WITHIN: Duration = Duration::days(60);

/// The workshops the audience keyboard offers (the next upcoming ones, then the latest that
/// took place), and every workshop the audience names, by id with their titles.
pub async fn offered_workshops(
    db: &Db,
    audience: &Audience,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(i64, String)>> {
    let upcoming = super::workshops::upcoming(db, now).await?;
    let past = super::workshops::started(db, now, None).await?;
    let mut titles: Vec<(i64, String)> = upcoming
        .into_iter()
        .take(UPCOMING_OFFERED)
        .chain(
            past.into_iter()
                .rev()
                .filter(|w| w.starts_at >= now - PAST_WITHIN)
                .take(PAST_OFFERED),
        )
        .map(|w| (w.id.get(), w.title))
        .collect();
    for named in workshops_named(db, std::iter::once(audience)).await? {
        if !titles.iter().any(|(id, _)| *id == named.0) {
            titles.push(named);
        }
    }
    Ok(titles)
}

/// The workshops these audiences name, by id with their titles.
pub async fn workshops_named(
    db: &Db,
    audiences: impl Iterator<Item = &Audience>,
) -> anyhow::Result<Vec<(i64, String)>> {
    let mut titles: Vec<(i64, String)> = Vec::new();
    for part in audiences.flat_map(|a| &a.workshops) {
        if !titles.iter().any(|(id, _)| *id == part.workshop_id)
            && let Some(w) = super::workshops::get(db, WorkshopId::new(part.workshop_id)).await?
        {
            titles.push((w.id.get(), w.title));
        }
    }
    Ok(titles)
}

/// What the audience keyboard of `/broadcast` shows besides the audience: the places, the
/// workshops offered (and those chosen) with their titles, and the head-count.
#[derive(Debug, Clone)]
pub struct AudienceChoice {
    /// The provinces and their communes.
    pub places: Vec<super::roster::ProvincePlaces>,
    /// The workshops offered or chosen, by id with their titles.
    pub titles: Vec<(i64, String)>,
    /// How many people the audience holds.
    pub people: usize,
}

/// Reads what the audience keyboard shows.
pub async fn audience_choice(
    db: &Db,
    audience: &Audience,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> anyhow::Result<AudienceChoice> {
    Ok(AudienceChoice {
        places: super::roster::places(db).await?,
        titles: offered_workshops(db, audience, now).await?,
        people: reach(db, audience, today).await?.people,
    })
}

/// An announcement whose organiser's message still follows its delivery.
#[derive(Debug, Clone)]
pub struct Reporting {
    /// The announcement.
    pub id: i64,
    /// Its schedule.
    pub schedule_id: i64,
    /// The organiser's chat and message.
    pub chat_id: i64,
    /// The message to edit.
    pub message_id: i64,
    /// What the message shows now.
    pub shown: Option<String>,
    /// When it was cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// How many of its audience could not be reached when it was written.
    pub unreachable: i64,
}

/// The announcements whose organiser's message does not show the final summary yet.
pub async fn reporting(db: &Db) -> sqlx::Result<Vec<Reporting>> {
    let rows = sqlx::query(
        "SELECT id, schedule_id, report_chat_id, report_message_id, report_text, cancelled_at, \
         reach_unreachable FROM broadcasts WHERE report_message_id IS NOT NULL AND report_done = 0 \
         AND schedule_id IS NOT NULL ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Reporting {
            id: r.get(0),
            schedule_id: r.get(1),
            chat_id: r.get(2),
            message_id: r.get(3),
            shown: r.get(4),
            cancelled_at: r.get::<Option<i64>, _>(5).map(from_millis),
            unreachable: r.get(6),
        })
        .collect())
}

/// Records what the organiser's message now shows, and whether that is the final summary.
pub async fn reported(db: &Db, id: i64, text: &str, done: bool) -> sqlx::Result<()> {
    sqlx::query("UPDATE broadcasts SET report_text = $1, report_done = $2 WHERE id = $3")
        .bind(text)
        .bind(i64::from(done))
        .bind(id)
        .execute(db.writer())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_announcement_stands_by_its_schedule_then_its_figures() {
        let at = from_millis(1_768_900_000_000);
        let waiting = Figures {
            queued: 2,
            sent: 1,
            ..Figures::default()
        };
        let settled = Figures {
            sent: 3,
            ..Figures::default()
        };
        let of = |cancelled, recurring, next, figures: &Figures| {
            Standing::of(cancelled, recurring, next, figures)
        };
        assert_eq!(
            of(Some(at), false, Some(at), &waiting),
            Standing::Cancelled(at)
        );
        assert_eq!(of(None, true, Some(at), &settled), Standing::Recurring(at));
        assert_eq!(of(None, false, Some(at), &settled), Standing::Scheduled(at));
        assert_eq!(of(None, false, None, &waiting), Standing::Sending);
        assert_eq!(of(None, true, None, &settled), Standing::Done);
        assert!(Standing::Sending.still_to_go() && Standing::Scheduled(at).still_to_go());
        assert!(!Standing::Done.still_to_go() && !Standing::Cancelled(at).still_to_go());
        assert!(Standing::Done.finished() && Standing::Cancelled(at).finished());
        assert!(!Standing::Sending.finished());
    }
}
