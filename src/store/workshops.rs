//! Workshops and their invitations in the database. The rules (who gets a seat, who is
//! promoted) live in `domain::workshop`; this module loads and writes their inputs and
//! results, each change in one transaction.

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Db, audit};
use crate::clock::{from_millis, to_millis};
use crate::domain::audience::Audience;
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::roster::PlaceName;
use crate::domain::schedule::Offset;
use crate::domain::workshop::{
    AnswerTerms, AttendanceCounting, AttendanceFact, AttendanceReport, Capacity, CapacityChange,
    EvaluationForm, FormResults, Invitee, NewWorkshop, Presence, Question, QuestionKind, SeatKind,
    SeatsAround, WorkshopEvaluation,
};

/// A stored workshop.
#[derive(Debug, Clone, PartialEq)]
pub struct Workshop {
    /// Row id.
    pub id: WorkshopId,
    /// The title.
    pub title: String,
    /// The topic, if any.
    pub topic: Option<String>,
    /// Where it takes place.
    pub venue: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// Seats.
    pub capacity: Capacity,
    /// Who is invited.
    pub audience: Audience,
    /// Reminder offsets, largest first.
    pub reminders: Vec<Offset>,
    /// Until when invitees may answer.
    pub answer_deadline: DateTime<Utc>,
    /// Bumped at every change (calendar files).
    pub sequence: i64,
    /// When it was cancelled, if it was.
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl Workshop {
    /// The key its reminders are filed under in the outbox.
    pub fn event_key(&self) -> String {
        format!("workshop:{}", self.id)
    }

    /// What the answer rules need to know about it.
    pub fn answer_terms(&self) -> AnswerTerms {
        AnswerTerms {
            starts_at: self.starts_at,
            answer_deadline: self.answer_deadline,
            capacity: self.capacity,
            cancelled: self.cancelled_at.is_some(),
        }
    }
}

const COLUMNS: &str = "id, title, topic, venue, starts_at, capacity, audience, reminders, \
     answer_deadline, sequence, cancelled_at";

fn workshop_of_row(r: &AnyRow) -> anyhow::Result<Workshop> {
    let reminders: String = r.get(7);
    Ok(Workshop {
        id: r.get(0),
        title: r.get(1),
        topic: r.get(2),
        venue: r.get(3),
        starts_at: from_millis(r.get(4)),
        capacity: Capacity::new(u32::try_from(r.get::<i64, _>(5))?)?,
        audience: Audience::from_json(&r.get::<String, _>(6))?,
        reminders: reminders
            .split(',')
            .filter(|t| !t.is_empty())
            .map(Offset::parse)
            .collect::<Result<_, _>>()?,
        answer_deadline: from_millis(r.get(8)),
        sequence: r.get(9),
        cancelled_at: r.get::<Option<i64>, _>(10).map(from_millis),
    })
}

fn reminders_text(offsets: &[Offset]) -> String {
    offsets
        .iter()
        .map(Offset::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Creates a workshop and invites its audience (the people of the roster it describes), in
/// one transaction. Returns the workshop's id and how many were invited.
pub async fn create(
    db: &Db,
    workshop: &NewWorkshop,
    actor: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<(WorkshopId, usize)> {
    let created = create_all(db, std::slice::from_ref(workshop), actor, now).await?;
    Ok(created[0])
}

/// Creates several workshops in one transaction: all or none. Returns, for each, its id and
/// how many were invited.
pub async fn create_all(
    db: &Db,
    new: &[NewWorkshop],
    actor: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(WorkshopId, usize)>> {
    let mut audiences = Vec::with_capacity(new.len());
    for workshop in new {
        audiences.push(super::audience::members(db, &workshop.audience).await?);
    }
    let mut tx = super::begin_writing(db).await?;
    let mut created = Vec::with_capacity(new.len());
    for workshop in new {
        let id: WorkshopId = sqlx::query(
            "INSERT INTO workshops (title, topic, venue, starts_at, capacity, audience, reminders, \
             answer_deadline, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(&workshop.title)
        .bind(&workshop.topic)
        .bind(&workshop.venue)
        .bind(to_millis(workshop.starts_at))
        .bind(i64::from(workshop.capacity.get()))
        .bind(workshop.audience.to_json())
        .bind(reminders_text(&workshop.reminders))
        .bind(to_millis(workshop.answer_deadline))
        .bind(actor)
        .bind(to_millis(now))
        .fetch_one(&mut *tx)
        .await?
        .get(0);
        let invited: Vec<PersonId> = audiences[created.len()].iter().map(|p| p.id).collect();
        for chunk in invited.chunks(super::ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO invitations (workshop_id, person_id, invited_at) VALUES {}",
                super::values_placeholders(chunk.len(), 3)
            );
            let mut query = sqlx::query(&sql);
            for person in chunk {
                query = query.bind(id).bind(*person).bind(to_millis(now));
            }
            query.execute(&mut *tx).await?;
        }
        let mut detail = format!(
            "workshop {id} {:?}, {} invited",
            workshop.title,
            invited.len()
        );
        if !workshop.form.is_default() {
            detail.push_str(&format!(", evaluation form: {}", workshop.form.written()));
        }
        for (number, question) in (1i64..).zip(&workshop.form.questions) {
            let options = match &question.kind {
                QuestionKind::Scale => "[]".to_owned(),
                QuestionKind::Choice { options } => serde_json::to_string(options)?,
            };
            sqlx::query(
                "INSERT INTO evaluation_questions (workshop_id, number, kind, text, options) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(number)
            .bind(question.kind.code())
            .bind(&question.text)
            .bind(options)
            .execute(&mut *tx)
            .await?;
        }
        audit::record(&mut *tx, now, actor, "workshop.create", &detail).await?;
        created.push((id, invited.len()));
    }
    tx.commit().await?;
    Ok(created)
}

/// One workshop.
pub async fn get(db: &Db, id: WorkshopId) -> anyhow::Result<Option<Workshop>> {
    let sql = format!("SELECT {COLUMNS} FROM workshops WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&db.pool).await?;
    row.as_ref().map(workshop_of_row).transpose()
}

/// Workshops that have not started yet and are not cancelled, soonest first.
pub async fn upcoming(db: &Db, now: DateTime<Utc>) -> anyhow::Result<Vec<Workshop>> {
    starting_after(db, now, "cancelled_at IS NULL").await
}

/// Workshops starting after `now` that `condition` (a fixed SQL condition) holds for,
/// soonest first.
async fn starting_after(
    db: &Db,
    now: DateTime<Utc>,
    condition: &'static str,
) -> anyhow::Result<Vec<Workshop>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM workshops WHERE starts_at > $1 AND {condition} \
         ORDER BY starts_at, id"
    );
    let rows = sqlx::query(&sql)
        .bind(to_millis(now))
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(workshop_of_row).collect()
}

/// Invites to a workshop the people of its audience who are not invited yet (people added
/// to the roster, or moved into the audience, after it was created). Returns who was added.
pub async fn invite_newcomers(
    db: &Db,
    workshop: &Workshop,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<PersonId>> {
    let members = super::audience::members(db, &workshop.audience).await?;
    let invited: std::collections::HashSet<PersonId> = invitees(db, workshop.id)
        .await?
        .into_iter()
        .map(|i| i.person)
        .collect();
    let newcomers: Vec<PersonId> = members
        .iter()
        .map(|p| p.id)
        .filter(|id| !invited.contains(id))
        .collect();
    let mut tx = super::begin_writing(db).await?;
    for chunk in newcomers.chunks(super::ROWS_PER_INSERT) {
        // A walk-in row may exist already: they stay a walk-in, now invited too.
        let sql = format!(
            "INSERT INTO invitations (workshop_id, person_id, invited_at) VALUES {} \
             ON CONFLICT (workshop_id, person_id) DO NOTHING",
            super::values_placeholders(chunk.len(), 3)
        );
        let mut query = sqlx::query(&sql);
        for person in chunk {
            query = query.bind(workshop.id).bind(*person).bind(to_millis(now));
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(newcomers)
}

/// Upcoming, not cancelled workshops this person is invited to.
pub async fn upcoming_for(
    db: &Db,
    person_id: PersonId,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<WorkshopId>> {
    let rows = sqlx::query(
        "SELECT w.id FROM workshops w JOIN invitations i ON i.workshop_id = w.id \
         WHERE i.person_id = $1 AND w.starts_at > $2 AND w.cancelled_at IS NULL ORDER BY w.starts_at",
    )
    .bind(person_id)
    .bind(to_millis(now))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// The invitees of a workshop with their answers.
pub async fn invitees(db: &Db, workshop_id: WorkshopId) -> sqlx::Result<Vec<Invitee>> {
    let mut conn = db.pool.acquire().await?;
    invitees_on(&mut conn, workshop_id).await
}

async fn invitees_on(
    conn: &mut sqlx::AnyConnection,
    workshop_id: WorkshopId,
) -> sqlx::Result<Vec<Invitee>> {
    let rows = sqlx::query(
        "SELECT person_id, seat, answered_at, reason FROM invitations WHERE workshop_id = $1 \
         AND (presence IS NULL OR presence <> 'walk_in') ORDER BY person_id",
    )
    .bind(workshop_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(invitee_of_row).collect())
}

fn invitee_of_row(r: &AnyRow) -> Invitee {
    Invitee {
        person: r.get(0),
        seat: SeatKind::from_code(&r.get::<String, _>(1)).unwrap_or(SeatKind::NoAnswer),
        answered_at: r.get::<Option<i64>, _>(2).map(from_millis),
        reason: r.get(3),
    }
}

/// Takes the workshop's lock and reads it: the row is written first (a no-op update), which
/// takes PostgreSQL's row lock and SQLite's write lock until the transaction ends, so two
/// answers arriving together for the last seat are decided one after the other, each on the
/// other's result — across replicas too. One statement: the update returns the row.
async fn lock_workshop(
    conn: &mut sqlx::AnyConnection,
    workshop_id: WorkshopId,
) -> anyhow::Result<Option<(Workshop, Counted)>> {
    let sql = format!(
        "UPDATE workshops SET updated_at = updated_at WHERE id = $1 \
         RETURNING {COLUMNS}, seats_confirmed, seats_waiting"
    );
    let row = sqlx::query(&sql)
        .bind(workshop_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let counted = Counted::of_row(&row, COLUMNS.split(',').count());
    Ok(Some((workshop_of_row(&row)?, counted)))
}

/// A workshop's seats held and people waiting, as the database counts them (migration 0030).
#[derive(Debug, Clone, Copy)]
struct Counted {
    confirmed: u32,
    waiting: u32,
}

impl Counted {
    /// The two counts in columns `at` and `at + 1`.
    fn of_row(row: &AnyRow, at: usize) -> Counted {
        let count = |k: usize| u32::try_from(row.get::<i64, _>(k)).unwrap_or(0);
        Counted {
            confirmed: count(at),
            waiting: count(at + 1),
        }
    }

    /// The counts once a seat has gone from `before` to `after`.
    fn moved(&mut self, before: SeatKind, after: SeatKind) {
        let (mut confirmed, mut waiting) = (i64::from(self.confirmed), i64::from(self.waiting));
        for (seat, sign) in [(before, -1), (after, 1)] {
            match seat {
                SeatKind::Confirmed => confirmed += sign,
                SeatKind::Waiting => waiting += sign,
                SeatKind::Declined | SeatKind::NoAnswer => {}
            }
        }
        self.confirmed = u32::try_from(confirmed).unwrap_or(0);
        self.waiting = u32::try_from(waiting).unwrap_or(0);
    }
}

/// The confirmed seats and the waiting line (see [`decide`]).
async fn seats_and_line(
    conn: &mut sqlx::AnyConnection,
    workshop_id: WorkshopId,
) -> sqlx::Result<Vec<Invitee>> {
    let rows = sqlx::query(
        "SELECT person_id, seat, answered_at, reason FROM invitations WHERE workshop_id = $1 \
         AND (presence IS NULL OR presence <> 'walk_in') \
         AND seat IN ('confirmed', 'waiting') ORDER BY person_id",
    )
    .bind(workshop_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.iter().map(invitee_of_row).collect())
}

/// What one person's answer is decided on ([`SeatsAround`]): their row and the workshop's
/// seats and line as counted by the database (`workshops.seats_confirmed`, `seats_waiting`,
/// kept by triggers on `invitations`: migration 0030) in one short statement; when others
/// wait, how many of them are ahead and the last one's answer, and only as much of the line as
/// the answer can reach. Whatever the audience's size, nobody waiting costs one statement;
/// counting the seats at every press instead read every confirmed invitation, hundreds of rows
/// per press of a button. The answer desk reads this only once others wait
/// ([`decide_on_workshop`]); before, what it holds is enough.
async fn seats_around(
    conn: &mut sqlx::AnyConnection,
    workshop: &Workshop,
    person: PersonId,
) -> sqlx::Result<SeatsAround> {
    let invited = |t: &str| format!("({t}.presence IS NULL OR {t}.presence <> 'walk_in')");
    let row = sqlx::query(&format!(
        "SELECT i.person_id, i.seat, i.answered_at, i.reason, w.seats_confirmed, w.seats_waiting \
         FROM workshops w JOIN invitations i ON i.workshop_id = w.id AND i.person_id = $2 \
           AND {} \
         WHERE w.id = $1",
        invited("i"),
    ))
    .bind(workshop.id)
    .bind(person)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(SeatsAround::default());
    };
    let own = invitee_of_row(&row);
    let count = |k: usize| u32::try_from(row.get::<i64, _>(k)).unwrap_or(0);
    // The counts include the person's own seat, if they hold one or wait.
    let others_confirmed = count(4).saturating_sub(u32::from(own.seat == SeatKind::Confirmed));
    let others_waiting = count(5).saturating_sub(u32::from(own.seat == SeatKind::Waiting));
    let mut around = SeatsAround {
        own: None,
        others_confirmed,
        others_waiting,
        others_ahead: 0,
        line_last_answered_at: None,
        line_head: Vec::new(),
    };
    if others_waiting > 0 {
        // The line's order is the domain's `Invitee::line_key`: the answer's instant (none
        // first), then the person. Those ahead are counted only while the person waits: the
        // rules read the figure for nobody else.
        let own_key = own.answered_at.map_or(-1, to_millis);
        let line = sqlx::query(&format!(
            "SELECT COALESCE(SUM(CASE WHEN $3 AND (COALESCE(answered_at, -1) < $4 \
               OR (COALESCE(answered_at, -1) = $4 AND person_id < $2)) THEN 1 ELSE 0 END), 0), \
               MAX(answered_at) \
             FROM invitations i \
             WHERE workshop_id = $1 AND seat = 'waiting' AND person_id <> $2 AND {}",
            invited("i")
        ))
        .bind(workshop.id)
        .bind(person)
        .bind(own.seat == SeatKind::Waiting)
        .bind(own_key)
        .fetch_one(&mut *conn)
        .await?;
        around.others_ahead = u32::try_from(line.get::<i64, _>(0)).unwrap_or(0);
        around.line_last_answered_at = line.get::<Option<i64>, _>(1).map(from_millis);
    }
    let wanted = SeatsAround::line_head_wanted(workshop.capacity, others_confirmed);
    if wanted > 0 && others_waiting > 0 {
        around.line_head = sqlx::query(&format!(
            "SELECT person_id, seat, answered_at, reason FROM invitations i \
             WHERE workshop_id = $1 AND person_id <> $2 AND seat = 'waiting' AND {} \
             ORDER BY COALESCE(answered_at, -1), person_id LIMIT $3",
            invited("i")
        ))
        .bind(workshop.id)
        .bind(person)
        .bind(i64::from(wanted))
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(invitee_of_row)
        .collect();
    }
    around.own = Some(own);
    Ok(around)
}

/// Decides on a workshop's seats with nobody else deciding meanwhile (see [`lock_workshop`]).
///
/// `decide` gets the workshop and every confirmed seat and everyone in line, as they are (a
/// seat freed goes to the first in line). The others — who declined or have not answered —
/// stay as they are, and are not read. It returns the invitees to write back with a result,
/// or an error that writes nothing. `None` if there is no such workshop. One person's answer
/// is decided with [`decide_answer`], which reads far less.
pub async fn decide<T, E>(
    db: &Db,
    workshop_id: WorkshopId,
    decide: impl FnOnce(&Workshop, &[Invitee]) -> Result<(Vec<Invitee>, T), E>,
) -> anyhow::Result<Option<Result<T, E>>> {
    let mut tx = super::begin_writing(db).await?;
    let Some((workshop, _)) = lock_workshop(&mut tx, workshop_id).await? else {
        return Ok(None);
    };
    let invitees = seats_and_line(&mut tx, workshop_id).await?;
    match decide(&workshop, &invitees) {
        Ok((changes, result)) => {
            write_seats(&mut tx, workshop_id, &changes).await?;
            tx.commit().await?;
            Ok(Some(Ok(result)))
        }
        Err(refused) => Ok(Some(Err(refused))),
    }
}

/// Decides on `person`'s answer (or its reason) to a workshop with nobody else
/// deciding meanwhile, as [`decide`] does, on the [`SeatsAround`] them rather than every
/// seat. The [`AnswerDesk`] decides it in a transaction with the other answers waiting.
pub async fn decide_answer<T, E>(
    desk: &AnswerDesk,
    workshop_id: WorkshopId,
    person: PersonId,
    decide: impl FnOnce(&Workshop, &SeatsAround) -> Result<(Vec<Invitee>, T), E> + Send + 'static,
) -> anyhow::Result<Option<Result<T, E>>>
where
    T: Send + 'static,
    E: Send + 'static,
{
    let (told, decided) = tokio::sync::oneshot::channel();
    let job: AnswerJob = Box::new(move |found| match found {
        None => (Vec::new(), tell(told, None)),
        Some((workshop, seats)) => match decide(workshop, seats) {
            Ok((changes, result)) => (changes, tell(told, Some(Ok(result)))),
            Err(refused) => (Vec::new(), tell(told, Some(Err(refused)))),
        },
    });
    desk.jobs
        .send(AnswerRequest {
            workshop_id,
            person,
            job,
        })
        .map_err(|_| anyhow::anyhow!("answers are no longer decided"))?;
    // Dropped unanswered: the transaction failed (its cause is logged) and nothing was kept.
    decided
        .await
        .map_err(|_| anyhow::anyhow!("the answer could not be recorded"))
}

/// Sends a result once its transaction has committed.
fn tell<R: Send + 'static>(to: tokio::sync::oneshot::Sender<R>, result: R) -> Told {
    Box::new(move || {
        let _ = to.send(result);
    })
}

/// One answer's decision on the workshop and the seats around the person (`None`: no such
/// workshop): the rows to write, and what tells the person's handler once committed.
type AnswerJob = Box<dyn FnOnce(Option<(&Workshop, &SeatsAround)>) -> (Vec<Invitee>, Told) + Send>;
type Told = Box<dyn FnOnce() + Send>;

struct AnswerRequest {
    workshop_id: WorkshopId,
    person: PersonId,
    job: AnswerJob,
}

/// The most answers decided in one transaction.
const ANSWERS_PER_TRANSACTION: usize = 100;

/// Decides answers to invitations several in one transaction, one after the other, each on
/// the seats the previous left. An answer holds the workshop's lock (and on SQLite the one
/// writer) for a few statements, each a round trip between the handler and the database;
/// under a storm of presses that lock, not the work, was the limit. In one transaction the
/// lock is taken, and the transaction begun and committed, once for all the answers waiting
/// meanwhile, and each workshop's seats are read and written once for them all
/// (`decide_on_workshop`). A handler hears of its answer only once the transaction has
/// committed; if it fails, nothing of it is kept and each of its handlers is told the answer
/// was not recorded.
/// Cloned freely; its task ends when the last clone is dropped.
#[derive(Clone, Debug)]
pub struct AnswerDesk {
    jobs: tokio::sync::mpsc::UnboundedSender<AnswerRequest>,
}

impl AnswerDesk {
    /// Starts the task that decides the answers on `db`.
    pub fn start(db: Db) -> AnswerDesk {
        let (jobs, mut waiting) = tokio::sync::mpsc::unbounded_channel::<AnswerRequest>();
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(ANSWERS_PER_TRANSACTION);
            // The answers that came while the last transaction ran go in the next.
            while waiting.recv_many(&mut batch, ANSWERS_PER_TRANSACTION).await > 0 {
                match decide_together(&db, batch.drain(..)).await {
                    Ok(told) => told.into_iter().for_each(|tell| tell()),
                    Err(err) => {
                        tracing::error!(error = format!("{err:#}"), "answers could not be recorded")
                    }
                }
            }
        });
        AnswerDesk { jobs }
    }
}

/// The answers of `batch` in one transaction; what tells each, to call once committed.
async fn decide_together(
    db: &Db,
    batch: impl Iterator<Item = AnswerRequest>,
) -> anyhow::Result<Vec<Told>> {
    // The workshops are locked in the order of their ids, as every replica's desk does, so
    // that two desks answering for the same two workshops cannot each hold one and wait for
    // the other (PostgreSQL would end one of them as a deadlock). The sort is stable: one
    // workshop's answers keep the order they came in.
    let mut batch: Vec<AnswerRequest> = batch.collect();
    batch.sort_by_key(|request| request.workshop_id);
    let mut tx = super::begin_writing(db).await?;
    let mut told = Vec::with_capacity(batch.len());
    let mut requests = batch.into_iter().peekable();
    while let Some(first) = requests.next() {
        let workshop_id = first.workshop_id;
        let mut answers = vec![first];
        while let Some(next) = requests.next_if(|r| r.workshop_id == workshop_id) {
            answers.push(next);
        }
        told.extend(decide_on_workshop(&mut tx, workshop_id, answers).await?);
    }
    tx.commit().await?;
    Ok(told)
}

/// One workshop's answers of a batch, one after the other, each on the seats the previous
/// left. The workshop is locked and its counts read once, the answerers' invitations in one
/// statement, and the changes written together at the end: while nobody else waits in line,
/// an answer needs nothing more, and is decided on what is held here, kept up to date as each
/// answer changes it. Once someone else waits, where the person stands and the head of the
/// line are read from the database ([`seats_around`]), the changes held so far written first.
/// A batch of fifty answers takes five statements instead of a hundred and three.
async fn decide_on_workshop(
    conn: &mut sqlx::AnyConnection,
    workshop_id: WorkshopId,
    answers: Vec<AnswerRequest>,
) -> anyhow::Result<Vec<Told>> {
    let Some((workshop, mut counted)) = lock_workshop(conn, workshop_id).await? else {
        return Ok(answers.into_iter().map(|a| (a.job)(None).1).collect());
    };
    let people: Vec<PersonId> = answers.iter().map(|a| a.person).collect();
    let mut rows = invitations_of(conn, workshop_id, &people).await?;
    let mut unwritten: Vec<Invitee> = Vec::new();
    let mut told = Vec::with_capacity(answers.len());
    for answer in answers {
        let own = rows.get(&answer.person).cloned();
        let seats = match own {
            // Not invited (or a walk-in): the rules refuse, whatever the seats.
            None => SeatsAround::default(),
            Some(own) if counted.waiting == u32::from(own.seat == SeatKind::Waiting) => {
                SeatsAround {
                    others_confirmed: counted
                        .confirmed
                        .saturating_sub(u32::from(own.seat == SeatKind::Confirmed)),
                    own: Some(own),
                    ..SeatsAround::default()
                }
            }
            Some(_) => {
                write_seats(conn, workshop_id, &std::mem::take(&mut unwritten)).await?;
                seats_around(conn, &workshop, answer.person).await?
            }
        };
        let (changes, tell) = (answer.job)(Some((&workshop, &seats)));
        for change in &changes {
            // Every change is of the person (held here) or of someone moved up from the
            // head of the line just read.
            let before = rows
                .get(&change.person)
                .or_else(|| seats.line_head.iter().find(|i| i.person == change.person))
                .map(|i| i.seat);
            match before {
                Some(before) => counted.moved(before, change.seat),
                None => {
                    // Not expected; read the counts again rather than guess.
                    write_seats(conn, workshop_id, &std::mem::take(&mut unwritten)).await?;
                    write_seats(conn, workshop_id, std::slice::from_ref(change)).await?;
                    counted = counts_of(conn, workshop_id).await?;
                }
            }
            rows.insert(change.person, change.clone());
        }
        unwritten.extend(changes);
        told.push(tell);
    }
    write_seats(conn, workshop_id, &unwritten).await?;
    Ok(told)
}

/// The invitations of `people` to a workshop, walk-ins left out (they were not invited).
async fn invitations_of(
    conn: &mut sqlx::AnyConnection,
    workshop_id: WorkshopId,
    people: &[PersonId],
) -> sqlx::Result<std::collections::HashMap<PersonId, Invitee>> {
    let ids = super::id_list(&people.iter().map(|p| p.get()).collect::<Vec<_>>());
    let rows = sqlx::query(&format!(
        "SELECT person_id, seat, answered_at, reason FROM invitations \
         WHERE workshop_id = $1 AND person_id IN ({ids}) \
         AND (presence IS NULL OR presence <> 'walk_in')"
    ))
    .persistent(false)
    .bind(workshop_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .iter()
        .map(invitee_of_row)
        .map(|i| (i.person, i))
        .collect())
}

/// A workshop's counts, read again.
async fn counts_of(
    conn: &mut sqlx::AnyConnection,
    workshop_id: WorkshopId,
) -> sqlx::Result<Counted> {
    let row = sqlx::query("SELECT seats_confirmed, seats_waiting FROM workshops WHERE id = $1")
        .bind(workshop_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(Counted::of_row(&row, 0))
}

/// Writes invitees' seats, answers and reasons, many rows in one statement; a person changed
/// twice is written as last changed.
async fn write_seats(
    conn: &mut sqlx::AnyConnection,
    workshop_id: WorkshopId,
    changes: &[Invitee],
) -> sqlx::Result<()> {
    let mut last: Vec<&Invitee> = Vec::with_capacity(changes.len());
    for change in changes.iter().rev() {
        if !last.iter().any(|i| i.person == change.person) {
            last.push(change);
        }
    }
    // Rows of `VALUES` are named column1, column2 … by both SQLite and PostgreSQL.
    for chunk in last.chunks(super::ROWS_PER_INSERT) {
        let sql = format!(
            "UPDATE invitations SET seat = v.column2, answered_at = v.column3, \
             reason = v.column4 FROM (VALUES {}) AS v \
             WHERE invitations.workshop_id = $1 AND invitations.person_id = v.column1",
            super::values_placeholders_from(2, chunk.len(), 4)
        );
        let mut update = sqlx::query(&sql).bind(workshop_id);
        for invitee in chunk {
            update = update
                .bind(invitee.person)
                .bind(invitee.seat.code())
                .bind(invitee.answered_at.map(to_millis))
                .bind(invitee.reason.as_deref());
        }
        update.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Gives a workshop another number of seats, the waiting list moving up into new seats
/// (`domain::workshop::change_capacity`), with the workshop locked as in [`decide`]. Audited.
/// `None` if the workshop does not exist, is cancelled or has started (checked in the same
/// statement, so a change racing the start or a cancellation cannot slip through).
pub async fn change_capacity(
    db: &Db,
    workshop_id: WorkshopId,
    capacity: Capacity,
    actor: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<CapacityChange>> {
    let mut tx = super::begin_writing(db).await?;
    let done = sqlx::query(
        "UPDATE workshops SET capacity = $1, updated_at = $2 \
         WHERE id = $3 AND cancelled_at IS NULL AND starts_at > $2",
    )
    .bind(i64::from(capacity.get()))
    .bind(to_millis(now))
    .bind(workshop_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    let invitees = invitees_on(&mut tx, workshop_id).await?;
    let change = crate::domain::workshop::change_capacity(&invitees, capacity);
    write_seats(&mut tx, workshop_id, &change.changes).await?;
    let detail = format!(
        "workshop {workshop_id}: {} seats, {} promoted",
        capacity.get(),
        change.promoted.len()
    );
    audit::record(&mut *tx, now, actor, "workshop.capacity", &detail).await?;
    tx.commit().await?;
    Ok(Some(change))
}

/// Gives seats freed by people who left the roster to the waiting list, in line order.
/// Returns who moved up.
pub async fn fill_freed_seats(db: &Db, workshop_id: WorkshopId) -> anyhow::Result<Vec<PersonId>> {
    let decided = decide(db, workshop_id, |workshop, invitees| {
        let change = crate::domain::workshop::change_capacity(invitees, workshop.capacity);
        Ok::<_, std::convert::Infallible>((change.changes, change.promoted))
    })
    .await?;
    Ok(match decided {
        Some(Ok(promoted)) => promoted,
        _ => Vec::new(),
    })
}

/// One invitee's seat, or `None` if they are not invited (walk-ins are not).
pub async fn seat_of(
    db: &Db,
    workshop_id: WorkshopId,
    person_id: PersonId,
) -> sqlx::Result<Option<SeatKind>> {
    let row = sqlx::query(
        "SELECT seat FROM invitations WHERE workshop_id = $1 AND person_id = $2 \
         AND (presence IS NULL OR presence <> 'walk_in')",
    )
    .bind(workshop_id)
    .bind(person_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(|r| SeatKind::from_code(&r.get::<String, _>(0))))
}

/// Writes back the invitees a decision changed, in one transaction.
pub async fn apply(db: &Db, workshop_id: WorkshopId, changes: &[Invitee]) -> sqlx::Result<()> {
    let mut tx = super::begin_writing(db).await?;
    write_seats(&mut tx, workshop_id, changes).await?;
    tx.commit().await
}

/// Moves a workshop; answers are kept. Audited. False if it does not exist, is cancelled or
/// has started.
pub async fn move_to(
    db: &Db,
    id: WorkshopId,
    starts_at: DateTime<Utc>,
    answer_deadline: DateTime<Utc>,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_writing(db).await?;
    let done = sqlx::query(
        "UPDATE workshops SET starts_at = $1, answer_deadline = $2, sequence = sequence + 1, \
         updated_at = $3 WHERE id = $4 AND cancelled_at IS NULL AND starts_at > $3",
    )
    .bind(to_millis(starts_at))
    .bind(to_millis(answer_deadline))
    .bind(to_millis(now))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let moved = done.rows_affected() == 1;
    if moved {
        let detail = format!("workshop {id} to {starts_at}");
        audit::record(&mut *tx, now, actor, "workshop.move", &detail).await?;
    }
    tx.commit().await?;
    Ok(moved)
}

/// Cancels a workshop. Audited. False if it does not exist, was already cancelled or has
/// started.
pub async fn cancel(
    db: &Db,
    id: WorkshopId,
    actor: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let mut tx = super::begin_writing(db).await?;
    let done = sqlx::query(
        "UPDATE workshops SET cancelled_at = $1, sequence = sequence + 1, updated_at = $1 \
         WHERE id = $2 AND cancelled_at IS NULL AND starts_at > $1",
    )
    .bind(to_millis(now))
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let cancelled = done.rows_affected() == 1;
    if cancelled {
        audit::record(
            &mut *tx,
            now,
            actor,
            "workshop.cancel",
            &format!("workshop {id}"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(cancelled)
}

/// The attendance report of the workshops that were not cancelled (optionally of one
/// workshop or one province, and of those `keep` keeps), counted from one fact per
/// invitation (walk-ins included) as the rows come, never all held at once. Nobody marked
/// present counts as absent.
pub async fn attendance(
    db: &Db,
    workshop: Option<WorkshopId>,
    province: Option<&str>,
    keep: impl Fn(WorkshopId) -> bool,
) -> sqlx::Result<AttendanceReport> {
    use futures::TryStreamExt as _;
    let mut rows = sqlx::query(
        "SELECT i.workshop_id, pr.name_latin, pr.name_arabic, b.name_latin, b.name_arabic, \
         i.seat, i.presence FROM invitations i \
         JOIN workshops w ON w.id = i.workshop_id \
         JOIN people p ON p.id = i.person_id \
         JOIN provinces pr ON pr.id = p.province_id \
         LEFT JOIN bodies b ON b.id = p.body_id \
         WHERE w.cancelled_at IS NULL AND ($1 = 0 OR i.workshop_id = $1) \
         AND ($2 = '' OR LOWER(pr.name_latin) = LOWER($2)) \
         ORDER BY i.workshop_id, i.person_id",
    )
    .bind(workshop.map_or(0, WorkshopId::get))
    .bind(province.unwrap_or(""))
    .fetch(&db.pool);
    let mut counting = AttendanceCounting::default();
    while let Some(r) = rows.try_next().await? {
        let id: WorkshopId = r.get(0);
        if !keep(id) {
            continue;
        }
        let commune: Option<String> = r.get(3);
        let presence: Option<String> = r.get(6);
        counting.add(&AttendanceFact {
            workshop: id,
            province: PlaceName {
                latin: r.get(1),
                arabic: r.get(2),
            },
            commune: commune.map(|latin| PlaceName {
                latin,
                arabic: r.get(4),
            }),
            seat: SeatKind::from_code(&r.get::<String, _>(5)).unwrap_or(SeatKind::NoAnswer),
            presence: match presence.as_deref() {
                Some("present") => Presence::Present,
                Some("walk_in") => Presence::WalkIn,
                _ => Presence::Absent,
            },
        });
    }
    Ok(counting.finish())
}

/// How many of a workshop's invitees have joined but blocked the bot: no message reaches
/// them until they write to us again.
pub async fn unreachable_invitees(db: &Db, workshop_id: WorkshopId) -> sqlx::Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) FROM invitations i JOIN people p ON p.id = i.person_id \
         WHERE i.workshop_id = $1 AND p.unreachable_since IS NOT NULL",
    )
    .bind(workshop_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(row.get(0))
}

/// Whether a person was marked present (walk-ins included).
pub async fn was_present(
    db: &Db,
    workshop_id: WorkshopId,
    person_id: PersonId,
) -> sqlx::Result<bool> {
    let row = sqlx::query(
        "SELECT 1 FROM invitations WHERE workshop_id = $1 AND person_id = $2 \
         AND presence IN ('present', 'walk_in')",
    )
    .bind(workshop_id)
    .bind(person_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.is_some())
}

/// A workshop's evaluation form: its questions, or the default form (the 1–5 rating) when
/// it has none.
pub async fn form(db: &Db, workshop_id: WorkshopId) -> anyhow::Result<EvaluationForm> {
    let rows = sqlx::query(
        "SELECT kind, text, options FROM evaluation_questions WHERE workshop_id = $1 \
         ORDER BY number",
    )
    .bind(workshop_id)
    .fetch_all(&db.pool)
    .await?;
    let questions = rows
        .iter()
        .map(|r| {
            let kind: String = r.get(0);
            let kind = match kind.as_str() {
                "scale" => QuestionKind::Scale,
                _ => QuestionKind::Choice {
                    options: serde_json::from_str(&r.get::<String, _>(2))?,
                },
            };
            Ok(Question {
                text: r.get(1),
                kind,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(EvaluationForm { questions })
}

/// Records (or replaces) a person's answer to question `number` of a workshop's form, and
/// opens their evaluation (where a comment goes) if it was not: one transaction. Returns the
/// numbers of the questions they have answered, this one included, in order.
pub async fn answer_question(
    db: &Db,
    workshop_id: WorkshopId,
    person_id: PersonId,
    number: usize,
    value: u8,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<usize>> {
    let mut tx = super::begin_writing(db).await?;
    sqlx::query(
        "INSERT INTO evaluation_answers (workshop_id, person_id, question, value, at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workshop_id, person_id, question) \
         DO UPDATE SET value = excluded.value, at = excluded.at",
    )
    .bind(workshop_id)
    .bind(person_id)
    .bind(i64::try_from(number)?)
    .bind(i64::from(value))
    .bind(to_millis(now))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO evaluations (workshop_id, person_id, at) VALUES ($1, $2, $3) \
         ON CONFLICT (workshop_id, person_id) DO NOTHING",
    )
    .bind(workshop_id)
    .bind(person_id)
    .bind(to_millis(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(answered(db, workshop_id, person_id).await?)
}

/// Records (or replaces) a person's rating of a workshop: the answer to question 1 of its
/// form, the default form's one rating.
pub async fn rate(
    db: &Db,
    workshop_id: WorkshopId,
    person_id: PersonId,
    score: u8,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    answer_question(db, workshop_id, person_id, 1, score, now).await?;
    Ok(())
}

/// The numbers of the questions a person has answered on a workshop's form, in order.
pub async fn answered(
    db: &Db,
    workshop_id: WorkshopId,
    person_id: PersonId,
) -> sqlx::Result<Vec<usize>> {
    let rows = sqlx::query(
        "SELECT question FROM evaluation_answers WHERE workshop_id = $1 AND person_id = $2 \
         ORDER BY question",
    )
    .bind(workshop_id)
    .bind(person_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| usize::try_from(r.get::<i64, _>(0)).ok())
        .collect())
}

/// Every answer given on a workshop's form: who, which question, what.
async fn form_answers(
    db: &Db,
    workshop_id: WorkshopId,
) -> sqlx::Result<Vec<(PersonId, usize, u8)>> {
    let rows = sqlx::query(
        "SELECT person_id, question, value FROM evaluation_answers WHERE workshop_id = $1",
    )
    .bind(workshop_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            let question = usize::try_from(r.get::<i64, _>(1)).ok()?;
            let value = u8::try_from(r.get::<i64, _>(2)).ok()?;
            Some((r.get(0), question, value))
        })
        .collect())
}

/// The answers to question 1 of a workshop's form: the ratings, on the default form.
pub async fn scores(db: &Db, workshop_id: WorkshopId) -> sqlx::Result<Vec<(PersonId, u8)>> {
    Ok(form_answers(db, workshop_id)
        .await?
        .into_iter()
        .filter(|(_, question, _)| *question == 1)
        .map(|(person, _, value)| (person, value))
        .collect())
}

/// A person's past workshops (not cancelled), latest first, with whether they came.
pub async fn history(
    db: &Db,
    person_id: PersonId,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(Workshop, bool)>> {
    let sql = format!(
        "SELECT {}, i.presence FROM workshops w JOIN invitations i ON i.workshop_id = w.id \
         WHERE i.person_id = $1 AND w.starts_at <= $2 AND w.cancelled_at IS NULL \
         ORDER BY w.starts_at DESC",
        COLUMNS
            .split(", ")
            .map(|c| format!("w.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let rows = sqlx::query(&sql)
        .bind(person_id)
        .bind(to_millis(now))
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            let presence: Option<String> = r.get(11);
            let came = matches!(presence.as_deref(), Some("present" | "walk_in"));
            Ok((workshop_of_row(r)?, came))
        })
        .collect()
}

/// How many were marked present (walk-ins included).
pub async fn present_count(db: &Db, workshop_id: WorkshopId) -> sqlx::Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) FROM invitations WHERE workshop_id = $1 \
         AND presence IN ('present', 'walk_in')",
    )
    .bind(workshop_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(row.get(0))
}

/// Adds (or replaces, or with `None` removes) the comment of an evaluation already given.
/// Returns false when there is no rating to attach it to.
pub async fn comment(
    db: &Db,
    workshop_id: WorkshopId,
    person_id: PersonId,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE evaluations SET comment = $1, at = $2 WHERE workshop_id = $3 AND person_id = $4",
    )
    .bind(comment)
    .bind(to_millis(now))
    .bind(workshop_id)
    .bind(person_id)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The comments left on a workshop, oldest first, with the workshop's rating given beside
/// each (0 when the form has no scale question, or it was not answered).
pub async fn comments(db: &Db, workshop_id: WorkshopId) -> anyhow::Result<Vec<(u8, String)>> {
    let form = form(db, workshop_id).await?;
    let answers = form_answers(db, workshop_id).await?;
    let results = FormResults::tally(&form, answers.iter().copied());
    let headline = results.headline().map(|(number, _)| number);
    let rows = sqlx::query(
        "SELECT person_id, comment FROM evaluations WHERE workshop_id = $1 \
         AND comment IS NOT NULL ORDER BY at, person_id",
    )
    .bind(workshop_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let person: PersonId = r.get(0);
            let score = answers
                .iter()
                .find(|(p, q, _)| *p == person && Some(*q) == headline)
                .map_or(0, |(_, _, value)| *value);
            (score, r.get(1))
        })
        .collect())
}

/// Cancelled workshops that were to start after `now`: their invitees must have been told.
pub async fn cancelled_since(db: &Db, now: DateTime<Utc>) -> anyhow::Result<Vec<Workshop>> {
    starting_after(db, now, "cancelled_at IS NOT NULL").await
}

/// Workshops that have started (and were not cancelled), earliest first; only `only` if given.
pub async fn started(
    db: &Db,
    now: DateTime<Utc>,
    only: Option<WorkshopId>,
) -> anyhow::Result<Vec<Workshop>> {
    // Two queries rather than `$2 IS NULL`: PostgreSQL cannot type a parameter seen only
    // there.
    let filter = if only.is_some() { "AND id = $2" } else { "" };
    let sql = format!(
        "SELECT {COLUMNS} FROM workshops WHERE starts_at <= $1 AND cancelled_at IS NULL \
         {filter} ORDER BY starts_at, id"
    );
    let mut query = sqlx::query(&sql).bind(to_millis(now));
    if let Some(id) = only {
        query = query.bind(id);
    }
    let rows = query.fetch_all(&db.pool).await?;
    rows.iter().map(workshop_of_row).collect()
}

/// The workshops (not cancelled) starting in `[from, until)`, earliest first.
pub async fn between(
    db: &Db,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> anyhow::Result<Vec<Workshop>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM workshops WHERE starts_at >= $1 AND starts_at < $2 \
         AND cancelled_at IS NULL ORDER BY starts_at, id"
    );
    let rows = sqlx::query(&sql)
        .bind(to_millis(from))
        .bind(to_millis(until))
        .fetch_all(&db.pool)
        .await?;
    rows.iter().map(workshop_of_row).collect()
}

/// One workshop's evaluation: its rating summed up (the first scale question of its form), its
/// comments with the rating beside each, each question's results, and how many came (who
/// could answer).
pub async fn evaluation_of(db: &Db, w: &Workshop) -> anyhow::Result<WorkshopEvaluation> {
    let form = form(db, w.id).await?;
    let results = FormResults::tally(&form, form_answers(db, w.id).await?);
    Ok(WorkshopEvaluation {
        workshop: w.id,
        title: w.title.clone(),
        starts_at: w.starts_at,
        present: u32::try_from(present_count(db, w.id).await?)?,
        summary: results
            .headline()
            .map(|(_, summary)| *summary)
            .unwrap_or_default(),
        comments: comments(db, w.id).await?,
        form: results,
    })
}
