//! The inbox: every update from Telegram is written here before it is handled (Telegram
//! forgets an update once the poller asks for the next ones, which happens while handlers are
//! still running), and marked when its handling ends. What a dead process took but did not
//! finish is handled again at the next start.

use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

use super::Db;
use crate::clock::to_millis;

/// How long handled updates are kept (to recognise one Telegram sends again).
const KEEP_HANDLED: Duration = Duration::days(1);
/// How often the old are forgotten, in updates: Telegram numbers them one after the other,
/// so this is about once every hundred, not a second write at each of them.
const FORGET_EVERY: i64 = 100;

/// Writes an update as received. Returns false when it was already handled (Telegram sent it
/// again because it had not been acknowledged before a stop): it must not be handled twice.
pub async fn receive(
    db: &Db,
    update_id: i64,
    payload: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let to_handle = receive_all(db, &[(update_id, payload.to_owned())], now).await?;
    Ok(to_handle.contains(&update_id))
}

/// [`receive`] for the updates of one poll, in one statement (two when some were stored
/// before). Returns the ids of those to handle: the new ones, and those stored before and not
/// handled.
pub async fn receive_all(
    db: &Db,
    updates: &[(i64, String)],
    now: DateTime<Utc>,
) -> sqlx::Result<std::collections::HashSet<i64>> {
    let mut to_handle = std::collections::HashSet::new();
    for chunk in updates.chunks(super::ROWS_PER_INSERT) {
        let (stored, before) = store_new(db, chunk, now, None).await?;
        to_handle.extend(stored);
        if !before.is_empty() {
            let unhandled = sqlx::query(&format!(
                "SELECT update_id FROM inbox WHERE handled_at IS NULL AND update_id IN ({})",
                super::id_list(&before)
            ))
            .persistent(false)
            .fetch_all(&db.pool)
            .await?;
            to_handle.extend(unhandled.iter().map(|row| row.get::<i64, _>(0)));
        }
    }
    Ok(to_handle)
}

/// Stores the updates of `chunk` not stored yet, in one statement, claimed until
/// `claimed_until` if given (webhook mode): the ids stored now, and those stored before (left
/// as they were).
async fn store_new(
    db: &Db,
    chunk: &[(i64, String)],
    now: DateTime<Utc>,
    claimed_until: Option<i64>,
) -> sqlx::Result<(Vec<i64>, Vec<i64>)> {
    let sql = format!(
        "INSERT INTO inbox (update_id, payload, received_at, claimed_until) VALUES {} \
         ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
        super::values_placeholders(chunk.len(), 4)
    );
    let mut insert = sqlx::query(&sql);
    for (id, payload) in chunk {
        insert = insert
            .bind(*id)
            .bind(payload.as_str())
            .bind(to_millis(now))
            .bind(claimed_until);
    }
    let stored: Vec<i64> = insert
        .fetch_all(db.writer())
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let before = chunk
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| !stored.contains(id))
        .collect();
    Ok((stored, before))
}

/// What a webhook replica does with an update it was brought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Stored now, or taken over from a replica whose claim ran out: this replica handles it.
    Handle,
    /// Another replica stored it and is handling it, or it was handled: not again.
    Duplicate,
}

/// Webhook mode: stores an update and claims its handling until `now + hold`, in one
/// statement each, so that of two replicas brought the same update at once (Telegram retrying
/// on another replica behind the load balancer) exactly one handles it. An update stored
/// earlier and still unhandled once its claim ran out (its replica died) is taken over.
pub async fn claim(
    db: &Db,
    update_id: i64,
    payload: &str,
    now: DateTime<Utc>,
    hold: Duration,
) -> sqlx::Result<Claim> {
    let claims = claim_all(db, &[(update_id, payload.to_owned())], now, hold).await?;
    Ok(claims[0])
}

/// [`claim`] for several updates, in one statement (two when some were stored before): what
/// to do with each, in the order given. The same update twice in `updates` (Telegram's retry
/// arriving while the first delivery waits) is handled once, at its first place.
pub async fn claim_all(
    db: &Db,
    updates: &[(i64, String)],
    now: DateTime<Utc>,
    hold: Duration,
) -> sqlx::Result<Vec<Claim>> {
    let until = to_millis(now + hold);
    let mut claimed = std::collections::HashSet::new();
    for chunk in updates.chunks(super::ROWS_PER_INSERT) {
        let (stored, before) = store_new(db, chunk, now, Some(until)).await?;
        claimed.extend(stored);
        if !before.is_empty() {
            // Stored before: taken over only if unhandled and its claim ran out, checked on
            // each row as it is updated, so two replicas never both take one.
            let retaken = sqlx::query(&format!(
                "UPDATE inbox SET claimed_until = $1 WHERE update_id IN ({}) \
                 AND handled_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $2) \
                 RETURNING update_id",
                super::id_list(&before)
            ))
            .persistent(false)
            .bind(until)
            .bind(to_millis(now))
            .fetch_all(db.writer())
            .await?;
            claimed.extend(retaken.iter().map(|row| row.get::<i64, _>(0)));
        }
    }
    // Each claimed update is handled once: at its first place in `updates`.
    Ok(updates
        .iter()
        .map(|(id, _)| {
            if claimed.remove(id) {
                Claim::Handle
            } else {
                Claim::Duplicate
            }
        })
        .collect())
}

/// Claims updates as webhook requests bring them, many in one statement: under a storm of
/// presses each request waited for its own insert, hundreds a second, each holding the
/// database's one writer (SQLite's) or a round trip (PostgreSQL's). Each
/// [`ClaimDesk::claim`] still returns only once its update is stored and claimed, so Telegram
/// is answered 200 only for what is kept. Cloned freely; its task ends when the last clone is
/// dropped.
#[derive(Clone, Debug)]
pub struct ClaimDesk {
    requests: tokio::sync::mpsc::UnboundedSender<ClaimRequest>,
}

/// One update to claim, and who waits for the answer.
type ClaimRequest = (
    i64,
    String,
    tokio::sync::oneshot::Sender<Result<Claim, String>>,
);

/// The most updates claimed in one go.
const CLAIMS_PER_STATEMENT: usize = 100;

impl ClaimDesk {
    /// Starts the task that claims on `db`, each for `hold`, at the instants of `clock`.
    pub fn start(db: Db, clock: crate::clock::SharedClock, hold: Duration) -> ClaimDesk {
        let (requests, mut waiting) = tokio::sync::mpsc::unbounded_channel::<ClaimRequest>();
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(CLAIMS_PER_STATEMENT);
            // Whatever came while the last statement ran goes in the next.
            while waiting.recv_many(&mut batch, CLAIMS_PER_STATEMENT).await > 0 {
                let updates: Vec<(i64, String)> = batch
                    .iter_mut()
                    .map(|(id, payload, _)| (*id, std::mem::take(payload)))
                    .collect();
                match claim_all(&db, &updates, clock.now(), hold).await {
                    Ok(claims) => {
                        for ((_, _, told), claim) in batch.drain(..).zip(claims) {
                            let _ = told.send(Ok(claim));
                        }
                    }
                    Err(err) => {
                        let err = err.to_string();
                        for (_, _, told) in batch.drain(..) {
                            let _ = told.send(Err(err.clone()));
                        }
                    }
                }
            }
        });
        ClaimDesk { requests }
    }

    /// Stores an update and claims its handling (see [`claim`]), returning once written.
    pub async fn claim(&self, update_id: i64, payload: String) -> anyhow::Result<Claim> {
        let (told, answer) = tokio::sync::oneshot::channel();
        self.requests
            .send((update_id, payload, told))
            .map_err(|_| anyhow::anyhow!("webhook updates are no longer claimed"))?;
        answer
            .await
            .map_err(|_| anyhow::anyhow!("webhook updates are no longer claimed"))?
            .map_err(anyhow::Error::msg)
    }
}

/// Webhook mode: claims up to `limit` updates stored by a replica that did not handle them
/// before its claim ran out (it died or stalled), oldest first, as received. The condition is
/// checked again on each row as it is updated, so two replicas sweeping at once share them
/// and never both take one.
pub async fn retake_abandoned(
    db: &Db,
    now: DateTime<Utc>,
    hold: Duration,
    limit: i64,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "UPDATE inbox SET claimed_until = $1 WHERE update_id IN \
         (SELECT update_id FROM inbox WHERE handled_at IS NULL AND claimed_until <= $2 \
          ORDER BY update_id LIMIT $3) \
         AND handled_at IS NULL AND claimed_until <= $2 RETURNING update_id, payload",
    )
    .bind(to_millis(now + hold))
    .bind(to_millis(now))
    .bind(limit)
    .fetch_all(db.writer())
    .await?;
    let mut taken: Vec<(i64, String)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    taken.sort_by_key(|(id, _)| *id);
    Ok(taken)
}

/// Marks an update handled; at every [`FORGET_EVERY`]th update, forgets those handled long
/// ago.
pub async fn handled(db: &Db, update_id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    handled_all(db, &[update_id], now).await
}

/// [`handled`] for several updates, in one statement.
async fn handled_all(db: &Db, update_ids: &[i64], now: DateTime<Utc>) -> sqlx::Result<()> {
    if update_ids.is_empty() {
        return Ok(());
    }
    // The ids are this process's own integers, written into the statement as numbers:
    // binding a parameter each costs SQLite more the more there are.
    sqlx::query(&format!(
        "UPDATE inbox SET handled_at = $1 WHERE update_id IN ({})",
        super::id_list(update_ids)
    ))
    .persistent(false)
    .bind(to_millis(now))
    .execute(db.writer())
    .await?;
    if update_ids.iter().any(|id| id % FORGET_EVERY == 0) {
        sqlx::query("DELETE FROM inbox WHERE handled_at < $1")
            .bind(to_millis(now - KEEP_HANDLED))
            .execute(db.writer())
            .await?;
    }
    Ok(())
}

/// Marks updates handled as their handlers end, many in one statement: a storm of button
/// presses ends hundreds of handlers a second, and one write each kept the database's one
/// writer (SQLite's) busy with them. Each [`HandledMarks::mark`] still returns only once its
/// update is marked, so a handler's end is recorded before anyone is told it ended. Cloned
/// freely; the task writing the marks ends when the last clone is dropped.
#[derive(Clone, Debug)]
pub struct HandledMarks {
    marks: tokio::sync::mpsc::UnboundedSender<Mark>,
}

/// One update to mark, and who waits for it to be marked.
type Mark = (
    i64,
    DateTime<Utc>,
    tokio::sync::oneshot::Sender<Result<(), String>>,
);

/// The most marks written by one statement.
const MARKS_PER_STATEMENT: usize = 200;

impl HandledMarks {
    /// Starts the task that writes the marks to `db`.
    pub fn start(db: Db) -> HandledMarks {
        let (marks, mut waiting) = tokio::sync::mpsc::unbounded_channel::<Mark>();
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MARKS_PER_STATEMENT);
            // Whatever came while the last statement ran goes in the next.
            while waiting.recv_many(&mut batch, MARKS_PER_STATEMENT).await > 0 {
                let ids: Vec<i64> = batch.iter().map(|(id, _, _)| *id).collect();
                let now = batch.iter().map(|(_, at, _)| *at).max().expect("one mark");
                let written = handled_all(&db, &ids, now)
                    .await
                    .map_err(|err| err.to_string());
                for (_, _, done) in batch.drain(..) {
                    let _ = done.send(written.clone());
                }
            }
        });
        HandledMarks { marks }
    }

    /// Marks an update handled at `now`, returning once it is written.
    pub async fn mark(&self, update_id: i64, now: DateTime<Utc>) -> anyhow::Result<()> {
        let (done, written) = tokio::sync::oneshot::channel();
        self.marks
            .send((update_id, now, done))
            .map_err(|_| anyhow::anyhow!("the inbox's marks are no longer written"))?;
        written
            .await
            .map_err(|_| anyhow::anyhow!("the inbox's marks are no longer written"))?
            .map_err(anyhow::Error::msg)
    }
}

/// Updates received and not handled (a stop in between), oldest first, as received.
pub async fn unhandled(db: &Db) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query(
        "SELECT update_id, payload FROM inbox WHERE handled_at IS NULL ORDER BY update_id",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}
