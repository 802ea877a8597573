//! The outbox queue in the database: enqueue, claim with a lease, settle.
//!
//! Claiming is one `UPDATE … RETURNING` on both backends. On PostgreSQL the candidate rows are
//! locked with `FOR UPDATE SKIP LOCKED`, so replicas claim disjoint rows without waiting for
//! each other; SQLite has one writer at a time, which gives the same guarantee. A row whose
//! lease ran out (its worker died mid-send) is claimed again: it is the only kind of row that
//! can be sent twice.

use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Backend, Db};
use crate::clock::{from_millis, to_millis};
use crate::domain::ids::PersonId;

/// Where a row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum State {
    /// Waiting for its time.
    Queued,
    /// Claimed by a worker, being sent.
    Sending,
    /// Telegram accepted it.
    Sent,
    /// Given up, with a reason.
    Failed,
    /// Dropped on purpose (its event was cancelled, or it came too late), with a reason.
    Skipped,
}

impl State {
    /// Every state, in the order reports show them.
    pub const ALL: [State; 5] = [
        State::Queued,
        State::Sending,
        State::Sent,
        State::Failed,
        State::Skipped,
    ];

    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            State::Queued => "queued",
            State::Sending => "sending",
            State::Sent => "sent",
            State::Failed => "failed",
            State::Skipped => "skipped",
        }
    }

    fn of_code(code: &str) -> State {
        State::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .unwrap_or(State::Failed)
    }
}

/// A message to put in the outbox.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// The chat to send to.
    pub chat_id: i64,
    /// The roster person behind the chat, if any.
    pub person_id: Option<PersonId>,
    /// What to send, as JSON (see `crate::outbox::Payload`).
    pub payload: String,
    /// Enqueuing the same key twice enqueues once.
    pub dedup_key: String,
    /// The earliest instant to send it.
    pub not_before: DateTime<Utc>,
    /// After this instant it is skipped instead of sent.
    pub valid_until: Option<DateTime<Utc>>,
    /// Urgent messages ignore quiet hours.
    pub urgent: bool,
    /// For a reminder: the event it belongs to and how long before it.
    pub event: Option<(String, Duration)>,
}

impl NewMessage {
    /// A message to a chat, sent from `not_before` on, held back by quiet hours, tied to no
    /// event and never out of date: what most messages are.
    pub fn to(
        chat_id: i64,
        person_id: Option<PersonId>,
        payload: String,
        dedup_key: String,
        not_before: DateTime<Utc>,
    ) -> NewMessage {
        NewMessage {
            chat_id,
            person_id,
            payload,
            dedup_key,
            not_before,
            valid_until: None,
            urgent: false,
            event: None,
        }
    }

    /// The same message, sent through quiet hours (an alert, a change of plan).
    pub fn urgent(self) -> NewMessage {
        NewMessage {
            urgent: true,
            ..self
        }
    }
}

/// A claimed row, ready to send.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// Row id.
    pub id: i64,
    /// The chat to send to.
    pub chat_id: i64,
    /// The person behind the chat.
    pub person_id: Option<PersonId>,
    /// What to send.
    pub payload: String,
    /// Past this instant it is skipped.
    pub valid_until: Option<DateTime<Utc>>,
    /// Whether quiet hours apply.
    pub urgent: bool,
    /// How many times it has been claimed, this one included.
    pub attempts: i64,
}

/// Adds a message unless its deduplication key is already there. Returns true if added.
pub async fn enqueue(db: &Db, message: &NewMessage, now: DateTime<Utc>) -> sqlx::Result<bool> {
    Ok(enqueue_all(db, std::slice::from_ref(message), now).await? == 1)
}

/// Enqueues many messages in one transaction, a few hundred per statement; returns how many
/// were new.
pub async fn enqueue_all(
    db: &Db,
    messages: &[NewMessage],
    now: DateTime<Utc>,
) -> sqlx::Result<usize> {
    const COLUMNS: usize = 11;
    let mut tx = super::begin_writing(db).await?;
    let mut added = 0;
    for chunk in messages.chunks(super::ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO outbox (chat_id, person_id, payload, dedup_key, event_key, offset_secs, \
             valid_until, urgent, not_before, created_at, updated_at) VALUES {} \
             ON CONFLICT (dedup_key) DO NOTHING",
            super::values_placeholders(chunk.len(), COLUMNS)
        );
        let mut query = sqlx::query(&sql);
        for message in chunk {
            let (event_key, offset) = match &message.event {
                Some((key, offset)) => (Some(key.clone()), Some(offset.num_seconds())),
                None => (None, None),
            };
            query = query
                .bind(message.chat_id)
                .bind(message.person_id)
                .bind(message.payload.clone())
                .bind(message.dedup_key.clone())
                .bind(event_key)
                .bind(offset)
                .bind(message.valid_until.map(to_millis))
                .bind(i64::from(message.urgent))
                .bind(to_millis(message.not_before))
                .bind(to_millis(now))
                .bind(to_millis(now));
        }
        added += query.execute(&mut *tx).await?.rows_affected() as usize;
    }
    tx.commit().await?;
    Ok(added)
}

fn claimed_of_row(r: &AnyRow) -> Claimed {
    Claimed {
        id: r.get(0),
        chat_id: r.get(1),
        person_id: r.get(2),
        payload: r.get(3),
        valid_until: r.get::<Option<i64>, _>(4).map(from_millis),
        urgent: r.get::<i64, _>(5) != 0,
        attempts: r.get(6),
    }
}

/// Claims up to `limit` rows that are due (or whose lease ran out), for `lease` from now.
pub async fn claim(
    db: &Db,
    owner: &str,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> sqlx::Result<Vec<Claimed>> {
    let lock = match db.backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE outbox SET state = 'sending', lease_owner = $1, lease_until = $2, \
         attempts = attempts + 1, updated_at = $3 \
         WHERE id IN (SELECT id FROM outbox \
           WHERE (state = 'queued' AND not_before <= $3) OR (state = 'sending' AND lease_until < $3) \
           ORDER BY not_before, id LIMIT $4{lock}) \
         RETURNING id, chat_id, person_id, payload, valid_until, urgent, attempts"
    );
    let rows = sqlx::query(&sql)
        .bind(owner)
        .bind(to_millis(now + lease))
        .bind(to_millis(now))
        .bind(limit)
        .fetch_all(db.writer())
        .await?;
    let mut claimed: Vec<Claimed> = rows.iter().map(claimed_of_row).collect();
    // RETURNING gives no order; send the oldest first.
    claimed.sort_by_key(|c| c.id);
    Ok(claimed)
}

/// How a claimed row ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    /// Telegram accepted it.
    Sent {
        /// The message id Telegram gave it.
        telegram_message_id: i32,
    },
    /// Try again at this instant; `counts` is false when the attempt should not count
    /// (quiet hours, a rate-limit pause).
    Retry {
        /// When to try again.
        at: DateTime<Utc>,
        /// Why it did not go now.
        reason: String,
        /// Whether this attempt counts towards the limit.
        counts: bool,
    },
    /// Give up.
    Failed {
        /// Why.
        reason: String,
    },
    /// Dropped on purpose.
    Skipped {
        /// Why.
        reason: String,
    },
}

/// Records how a claimed row ended. Only the worker holding the lease may settle it; returns
/// false if the lease was lost (another worker took the row over).
pub async fn settle(
    db: &Db,
    id: i64,
    owner: &str,
    outcome: &Settlement,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    Ok(settle_all(db, owner, &[(id, outcome.clone())], now).await? == [true])
}

/// Records how many claimed rows ended, in one transaction: one commit (one disk flush on
/// SQLite) for the lot instead of one per message, which is what lets the sender keep a
/// paid broadcast's 1,000 messages a second off the database's pace. Returns, per row,
/// whether it was still this worker's to settle.
pub async fn settle_all(
    db: &Db,
    owner: &str,
    outcomes: &[(i64, Settlement)],
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<bool>> {
    let mut tx = super::begin_writing(db).await?;
    let mut mine = Vec::with_capacity(outcomes.len());
    for (id, outcome) in outcomes {
        let done = settle_query(*id, owner, outcome, now)
            .execute(&mut *tx)
            .await?;
        mine.push(done.rows_affected() == 1);
    }
    tx.commit().await?;
    Ok(mine)
}

fn settle_query<'q>(
    id: i64,
    owner: &'q str,
    outcome: &'q Settlement,
    now: DateTime<Utc>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    // $1 now, $2 id, $3 owner in every statement; the rest per outcome.
    match outcome {
        Settlement::Sent {
            telegram_message_id,
        } => sqlx::query(
            "UPDATE outbox SET state = 'sent', sent_at = $1, telegram_message_id = $4, \
             last_error = NULL, lease_owner = NULL, lease_until = NULL, updated_at = $1 \
             WHERE id = $2 AND lease_owner = $3",
        )
        .bind(to_millis(now))
        .bind(id)
        .bind(owner)
        .bind(i64::from(*telegram_message_id)),
        Settlement::Retry { at, reason, counts } => sqlx::query(
            "UPDATE outbox SET state = 'queued', not_before = $4, last_error = $5, \
             attempts = attempts - $6, lease_owner = NULL, lease_until = NULL, updated_at = $1 \
             WHERE id = $2 AND lease_owner = $3",
        )
        .bind(to_millis(now))
        .bind(id)
        .bind(owner)
        .bind(to_millis(*at))
        .bind(reason.as_str())
        .bind(i64::from(!counts)),
        Settlement::Failed { reason } | Settlement::Skipped { reason } => {
            let state = if matches!(outcome, Settlement::Failed { .. }) {
                State::Failed
            } else {
                State::Skipped
            };
            sqlx::query(
                "UPDATE outbox SET state = $4, last_error = $5, lease_owner = NULL, \
                 lease_until = NULL, updated_at = $1 WHERE id = $2 AND lease_owner = $3",
            )
            .bind(to_millis(now))
            .bind(id)
            .bind(owner)
            .bind(state.code())
            .bind(reason.as_str())
        }
    }
}

/// Moves the reminders of an event that have not gone yet with the event: `when` gives each
/// reminder's new instant from how long before the event it comes.
pub async fn move_event(
    db: &Db,
    event_key: &str,
    new_start: DateTime<Utc>,
    when: impl Fn(Duration) -> DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let mut tx = super::begin_writing(db).await?;
    // Writing first: it takes SQLite's write lock at once (a read first could not become a
    // write if the sender wrote meanwhile) and, on PostgreSQL, locks the rows so that no
    // sender claims one half-moved.
    let touched =
        sqlx::query("UPDATE outbox SET updated_at = $1 WHERE event_key = $2 AND state = 'queued'")
            .bind(to_millis(now))
            .bind(event_key)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    // One statement per distinct lead (a handful), not per row (thousands for a large
    // audience).
    let leads: Vec<Option<i64>> = sqlx::query(
        "SELECT DISTINCT offset_secs FROM outbox WHERE event_key = $1 AND state = 'queued'",
    )
    .bind(event_key)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|r| r.get(0))
    .collect();
    for lead in leads {
        let offset = Duration::seconds(lead.unwrap_or(0));
        let same_lead = if lead.is_some() {
            "offset_secs = $4"
        } else {
            "offset_secs IS NULL"
        };
        let sql = format!(
            "UPDATE outbox SET not_before = $1, \
             valid_until = CASE WHEN valid_until IS NULL THEN NULL ELSE $2 END \
             WHERE event_key = $3 AND state = 'queued' AND {same_lead}"
        );
        let mut query = sqlx::query(&sql)
            .bind(to_millis(when(offset)))
            .bind(to_millis(new_start))
            .bind(event_key);
        if let Some(lead) = lead {
            query = query.bind(lead);
        }
        query.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(touched)
}

/// The chats that have a row whose deduplication key starts with `prefix` (who was sent,
/// or is to be sent, a given message).
pub async fn chats_with_key_prefix(
    db: &Db,
    prefix: &str,
) -> sqlx::Result<std::collections::HashSet<i64>> {
    let rows = sqlx::query("SELECT chat_id FROM outbox WHERE dedup_key LIKE $1")
        .bind(format!("{prefix}%"))
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Drops the reminders of a cancelled event that have not gone yet.
pub async fn cancel_event(db: &Db, event_key: &str, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE outbox SET state = 'skipped', last_error = 'the event was cancelled', \
         updated_at = $1 WHERE event_key = $2 AND state = 'queued'",
    )
    .bind(to_millis(now))
    .bind(event_key)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected())
}

/// Marks the person behind a chat unreachable (they blocked the bot).
pub async fn mark_unreachable(
    db: &Db,
    person_id: PersonId,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE people SET unreachable_since = $1 WHERE id = $2 AND unreachable_since IS NULL",
    )
    .bind(to_millis(now))
    .bind(person_id)
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Counts per state and the oldest due row, for `takwin outbox status`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// (state, rows) for every state.
    pub counts: Vec<(State, i64)>,
    /// The earliest `not_before` among queued rows.
    pub oldest_due: Option<DateTime<Utc>>,
    /// Rows sent in the last minute.
    pub sent_last_minute: i64,
}

/// The queue at a glance.
pub async fn status(db: &Db, now: DateTime<Utc>) -> sqlx::Result<Status> {
    let rows = sqlx::query("SELECT state, COUNT(*) FROM outbox GROUP BY state")
        .fetch_all(&db.pool)
        .await?;
    let counts = State::ALL
        .into_iter()
        .map(|state| {
            let n = rows
                .iter()
                .find(|r| State::of_code(&r.get::<String, _>(0)) == state)
                .map(|r| r.get::<i64, _>(1))
                .unwrap_or(0);
            (state, n)
        })
        .collect();
    let oldest: Option<i64> =
        sqlx::query("SELECT MIN(not_before) FROM outbox WHERE state = 'queued'")
            .fetch_one(&db.pool)
            .await?
            .get(0);
    let recent: i64 =
        sqlx::query("SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND sent_at >= $1")
            .bind(to_millis(now - Duration::minutes(1)))
            .fetch_one(&db.pool)
            .await?
            .get(0);
    Ok(Status {
        counts,
        oldest_due: oldest.map(from_millis),
        sent_last_minute: recent,
    })
}

/// One row's outcome, for reports and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The chat.
    pub chat_id: i64,
    /// The deduplication key.
    pub dedup_key: String,
    /// Where it stands.
    pub state: State,
    /// How many attempts it took.
    pub attempts: i64,
    /// The last error, or the reason it was skipped.
    pub last_error: Option<String>,
    /// When it is (or was) due.
    pub not_before: DateTime<Utc>,
}

/// Every row's outcome, oldest first.
pub async fn outcomes(db: &Db) -> sqlx::Result<Vec<Outcome>> {
    let rows = sqlx::query(
        "SELECT chat_id, dedup_key, state, attempts, last_error, not_before FROM outbox ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Outcome {
            chat_id: r.get(0),
            dedup_key: r.get(1),
            state: State::of_code(&r.get::<String, _>(2)),
            attempts: r.get(3),
            last_error: r.get(4),
            not_before: from_millis(r.get(5)),
        })
        .collect())
}
