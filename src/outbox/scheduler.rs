//! The scheduler for recurring messages: at each occurrence of a schedule's cron expression
//! (read in the programme's time zone), one outbox row per person of its audience.
//!
//! Exactly once per occurrence and recipient, however many schedulers run and however often
//! they restart: the row's deduplication key names the schedule, the occurrence and the chat.
//! After downtime, missed occurrences go out if they are not later than the schedule allows,
//! and are skipped with a logged reason if they are.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::watch;

use crate::domain::audience::Audience;
use crate::domain::schedule::{CatchUp, CronSchedule, Offset, catch_up};
use crate::state::AppState;
use crate::store::outbox::{self, NewMessage};
use crate::store::roster::Person;
use crate::store::{self, schedules};

use super::sender::Deliverer;

/// What one tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tick {
    /// Occurrences handled.
    pub occurrences: u64,
    /// Occurrences skipped as too late.
    pub skipped: u64,
    /// Outbox rows added.
    pub enqueued: u64,
}

/// The deduplication key of one occurrence for one chat.
pub fn dedup_key(schedule_id: i64, occurrence: DateTime<Utc>, chat_id: i64) -> String {
    format!(
        "schedule:{schedule_id}:{}:{chat_id}",
        occurrence.timestamp()
    )
}

/// Creates (or replaces) a recurring schedule starting after `now`, each occurrence's rows
/// going at it, or `after` it when given (an escalation some days after the reminder it
/// follows: time counted forward from the occurrence).
pub async fn save(
    state: &AppState,
    name: &str,
    cron: &CronSchedule,
    audience: &Audience,
    payload: &super::Payload,
    max_lateness: chrono::Duration,
    after: Option<Offset>,
) -> anyhow::Result<i64> {
    let now = state.clock.now();
    let first = cron.next_after(&state.settings.timezone, now);
    let (audience, payload) = (audience.to_json(), payload.to_json());
    let schedule = schedules::NewSchedule {
        name,
        cron: Some(cron.expression()),
        audience: &audience,
        payload: &payload,
        max_lateness,
        next_at: first,
        after_minutes: after.map(|a| i64::from(a.total_minutes())),
    };
    Ok(schedules::save(&state.db.pool, &schedule, now).await?)
}

/// Enqueues every occurrence that has come, for every due schedule.
pub async fn tick(state: &AppState) -> anyhow::Result<Tick> {
    tick_knowing(state, None).await
}

/// An audience already resolved today: its JSON, as schedules store it, and its members.
pub type Resolved<'a> = (&'a str, &'a [Person]);

/// [`tick`], with the members of an audience that was just resolved (an announcement sent now
/// resolves its audience to count it, then goes at once): a due schedule for that audience
/// queues to them instead of resolving it again, so its first messages leave sooner.
pub async fn tick_knowing(state: &AppState, known: Option<Resolved<'_>>) -> anyhow::Result<Tick> {
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    let mut report = Tick::default();
    for schedule in schedules::due(&state.db, now).await? {
        let Some(first) = schedule.next_at else {
            continue;
        };
        let cron = match schedule.once {
            true => None,
            false => match CronSchedule::parse(&schedule.cron) {
                Ok(cron) => Some(cron),
                Err(err) => {
                    tracing::error!(schedule = %schedule.name, error = %err, "a stored schedule no longer parses");
                    continue;
                }
            },
        };
        let audience = Audience::from_json(&schedule.audience)?;
        let after = schedule
            .after_minutes
            .and_then(|m| u32::try_from(m).ok())
            .and_then(Offset::from_minutes);
        // The rows of an occurrence go at it, or the schedule's "after" later.
        let sends_at = |occurrence| after.map_or(occurrence, |a: Offset| a.after(zone, occurrence));
        let occurrences = std::iter::once(first)
            .chain(
                cron.iter()
                    .flat_map(|cron| cron.occurrences_after(zone, first)),
            )
            .take_while(|at| *at <= now);
        let mut people = None;
        for occurrence in occurrences {
            report.occurrences += 1;
            if let CatchUp::Skip(reason) = catch_up(occurrence, now, None, schedule.max_lateness) {
                report.skipped += 1;
                tracing::warn!(schedule = %schedule.name, %occurrence, %reason, "occurrence skipped");
                continue;
            }
            if people.is_none() {
                people = Some(match known {
                    Some((json, members)) if json == schedule.audience => members.to_vec(),
                    _ => {
                        let today = zone.local(now).date();
                        store::audience::members_on(&state.db, &audience, Some(today)).await?
                    }
                });
            }
            let rows: Vec<NewMessage> = people
                .iter()
                .flatten()
                // Telegram refuses every message to someone who blocked the bot.
                .filter(|p| p.unreachable_since.is_none())
                .filter_map(|p| {
                    Some(NewMessage::to(
                        p.telegram_user_id?,
                        Some(p.id),
                        schedule.payload.clone(),
                        dedup_key(schedule.id, occurrence, p.telegram_user_id?),
                        sends_at(occurrence),
                    ))
                })
                .collect();
            report.enqueued += enqueue_in_steps(state, &rows, now).await?;
            let late = (now - occurrence).num_milliseconds().max(0) as f64 / 1000.0;
            crate::metrics::global().fired_late_seconds.observe(late);
        }
        // A schedule that fires once has no next occurrence.
        let next = cron.and_then(|cron| cron.next_after(zone, now));
        if !schedules::advance(&state.db, schedule.id, first, next, now).await? {
            tracing::debug!(schedule = %schedule.name, "another scheduler advanced it first");
        }
    }
    Ok(report)
}

/// How many rows of an occurrence are queued first, and then at a time: the first step is a
/// quarter of a second's sending at the highest rate, so that delivery starts on it while the
/// rest is stored (30,000 rows take a second or two to write).
const FIRST_STEP: usize = 250;
const NEXT_STEPS: usize = 2_500;
/// How long the queueing waits, on SQLite, for this process's delivery worker to claim the
/// first step.
const FIRST_CLAIM_WAIT: Duration = Duration::from_millis(100);

/// Queues an occurrence's rows a step at a time, each step in its own transaction, telling the
/// delivery worker after each. A stop half-way loses nothing: the schedule moves on only after
/// the last step, so the next tick queues the occurrence again, and the rows already queued
/// are recognised by their keys and not queued twice.
async fn enqueue_in_steps(
    state: &AppState,
    rows: &[NewMessage],
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let (first, rest) = rows.split_at(rows.len().min(FIRST_STEP));
    // Listening before the first step is written, so that a claim right after is not missed.
    let claimed = state.outbox_claimed.notified();
    let mut enqueued = outbox::enqueue_all(&state.db, first, now).await? as u64;
    state.outbox_added.notify_one();
    if !rest.is_empty() && state.db.backend == store::Backend::Sqlite {
        // SQLite hands its one writer over by polling, and the next step would begin as soon
        // as this one committed: the worker would claim nothing until the last. It is let
        // claim the first step first, or not waited for long if none runs in this process.
        let _ = tokio::time::timeout(FIRST_CLAIM_WAIT, claimed).await;
    }
    for step in rest.chunks(NEXT_STEPS) {
        enqueued += outbox::enqueue_all(&state.db, step, now).await? as u64;
        state.outbox_added.notify_one();
    }
    Ok(enqueued)
}

/// Ticks every `every` until `stop` turns true, waking the deliverer when rows were added.
pub async fn run(
    state: AppState,
    deliverer: Arc<Deliverer>,
    every: Duration,
    mut stop: watch::Receiver<bool>,
) {
    while !*stop.borrow() {
        match tick(&state).await {
            Ok(report) if report.enqueued > 0 => deliverer.wake(),
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "a scheduler tick failed"),
        }
        tokio::select! {
            _ = stop.changed() => {}
            _ = tokio::time::sleep(every) => {}
        }
    }
}
