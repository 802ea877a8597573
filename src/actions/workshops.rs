//! What organisers do to workshops: create them (one in chat, a programme from a file), move,
//! cancel, change their seats, nudge those who have not answered.

use chrono::{DateTime, Utc};

use super::{Caller, Refusal};
use crate::domain::ids::WorkshopId;
use crate::domain::workshop::{Capacity, NewWorkshop, default_deadline};
use crate::outbox::workshops::send_invitations;
use crate::outbox::workshops::{announce_change, notify_promoted, nudge as queue_nudges};
use crate::state::AppState;
use crate::store::audit;
use crate::store::workshops::{self, Workshop};

/// Why a workshop cannot be changed: every caller refuses the same things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeRefusal {
    /// Only organisers change workshops.
    NotOrganiser,
    /// There is no such workshop (a stale or forged button, a mistyped number).
    NotFound,
    /// It was cancelled: nothing about it changes any more.
    Cancelled,
    /// It has started: its date, seats and existence are history now.
    Started,
    /// The new start is not in the future (the confirmation waited too long).
    StartInPast,
}

impl Refusal for ChangeRefusal {
    fn key(&self) -> String {
        match self {
            ChangeRefusal::NotOrganiser => "organiser-only",
            ChangeRefusal::NotFound => "workshop-not-found",
            ChangeRefusal::Cancelled => "workshop-change-refused-cancelled",
            ChangeRefusal::Started => "workshop-change-refused-started",
            ChangeRefusal::StartInPast => "workshop-change-refused-past",
        }
        .to_owned()
    }
}

/// The workshop, if it may still be changed at `now`.
fn changeable(found: Option<Workshop>, now: DateTime<Utc>) -> Result<Workshop, ChangeRefusal> {
    match found {
        None => Err(ChangeRefusal::NotFound),
        Some(w) if w.cancelled_at.is_some() => Err(ChangeRefusal::Cancelled),
        Some(w) if w.starts_at <= now => Err(ChangeRefusal::Started),
        Some(w) => Ok(w),
    }
}

/// Loads a workshop an organiser is about to change, refusing as every caller would.
pub async fn load_changeable(
    state: &AppState,
    caller: &Caller,
    id: WorkshopId,
) -> anyhow::Result<Result<Workshop, ChangeRefusal>> {
    if !caller.organiser {
        return Ok(Err(ChangeRefusal::NotOrganiser));
    }
    let found = workshops::get(&state.db, id).await?;
    Ok(changeable(found, state.clock.now()))
}

/// Why a change that was allowed a moment ago did not happen: someone else cancelled it, or
/// its start came, meanwhile.
async fn refusal_after_race(state: &AppState, id: WorkshopId) -> anyhow::Result<ChangeRefusal> {
    let found = workshops::get(&state.db, id).await?;
    Ok(changeable(found, state.clock.now())
        .err()
        .unwrap_or(ChangeRefusal::Cancelled))
}

/// A workshop created and its invitations queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    /// Its number.
    pub id: WorkshopId,
    /// How many people its audience reached.
    pub invited: usize,
    /// How many invitations were queued now (the others go when those people join).
    pub queued: usize,
    /// How many invitees blocked the bot: theirs go if they write to us again.
    pub unreachable: usize,
}

/// Creates workshops (one from chat, a programme from a file) in one transaction, all or none,
/// then queues their invitations and reminders.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    new: &[NewWorkshop],
) -> anyhow::Result<Result<Vec<Created>, ChangeRefusal>> {
    if !caller.organiser {
        return Ok(Err(ChangeRefusal::NotOrganiser));
    }
    let now = state.clock.now();
    if new.iter().any(|w| w.starts_at <= now) {
        return Ok(Err(ChangeRefusal::StartInPast));
    }
    let stored = workshops::create_all(&state.db, new, &caller.label, now).await?;
    let mut created = Vec::with_capacity(stored.len());
    for (id, invited) in stored {
        let queued = send_invitations(state, id).await?;
        let unreachable = workshops::unreachable_invitees(&state.db, id).await? as usize;
        tracing::info!(workshop = id.get(), invited, queued, actor = %caller.label, "workshop created");
        created.push(Created {
            id,
            invited,
            queued,
            unreachable,
        });
    }
    Ok(Ok(created))
}

/// A workshop moved, and how many invitees will be told.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The workshop as it is now.
    pub workshop: Workshop,
    /// How many invitees are told.
    pub told: usize,
}

/// Moves a workshop to a new start; the deadline for answers follows (the day before at
/// 18:00), answers are kept, reminders move, everyone invited is told. Audited.
pub async fn move_to(
    state: &AppState,
    caller: &Caller,
    id: WorkshopId,
    starts_at: DateTime<Utc>,
) -> anyhow::Result<Result<Moved, ChangeRefusal>> {
    if let Err(refusal) = load_changeable(state, caller, id).await? {
        return Ok(Err(refusal));
    }
    let now = state.clock.now();
    if starts_at <= now {
        return Ok(Err(ChangeRefusal::StartInPast));
    }
    let deadline = default_deadline(starts_at, &state.settings.timezone, now);
    if !workshops::move_to(&state.db, id, starts_at, deadline, &caller.label, now).await? {
        return Ok(Err(refusal_after_race(state, id).await?));
    }
    let told = announce_change(state, id).await?;
    let workshop = workshops::get(&state.db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("workshop {id} vanished after its move"))?;
    Ok(Ok(Moved { workshop, told }))
}

/// A workshop cancelled, and how many invitees will be told.
#[derive(Debug, Clone, PartialEq)]
pub struct Cancelled {
    /// The workshop as it was.
    pub workshop: Workshop,
    /// How many invitees are told.
    pub told: usize,
}

/// Cancels a workshop: everyone invited is told, reminders are dropped. Audited. Of two
/// cancellations at once, one cancels and the other is refused.
pub async fn cancel(
    state: &AppState,
    caller: &Caller,
    id: WorkshopId,
) -> anyhow::Result<Result<Cancelled, ChangeRefusal>> {
    let workshop = match load_changeable(state, caller, id).await? {
        Ok(w) => w,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    if !workshops::cancel(&state.db, id, &caller.label, now).await? {
        return Ok(Err(refusal_after_race(state, id).await?));
    }
    let told = announce_change(state, id).await?;
    Ok(Ok(Cancelled { workshop, told }))
}

/// A new number of seats, and what it did to the waiting list.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatsChanged {
    /// The workshop (as it was before).
    pub workshop: Workshop,
    /// The new number of seats.
    pub capacity: Capacity,
    /// How many moved up from the waiting list (each is told).
    pub promoted: usize,
    /// How many more said yes than there are seats now (none is taken back).
    pub over: u32,
}

/// Gives a workshop another number of seats: more seats move the waiting list up (those
/// promoted are told), fewer take no seat back. Audited.
pub async fn change_seats(
    state: &AppState,
    caller: &Caller,
    id: WorkshopId,
    capacity: Capacity,
) -> anyhow::Result<Result<SeatsChanged, ChangeRefusal>> {
    let workshop = match load_changeable(state, caller, id).await? {
        Ok(w) => w,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    let Some(change) =
        workshops::change_capacity(&state.db, id, capacity, &caller.label, now).await?
    else {
        return Ok(Err(refusal_after_race(state, id).await?));
    };
    if !change.promoted.is_empty() {
        notify_promoted(state, id, &change.promoted).await?;
    }
    Ok(Ok(SeatsChanged {
        workshop,
        capacity,
        promoted: change.promoted.len(),
        over: change.over_capacity,
    }))
}

/// Reminds everyone invited who has not answered (at most once a day each, however often an
/// organiser asks); returns how many were queued. Audited.
pub async fn nudge(
    state: &AppState,
    caller: &Caller,
    id: WorkshopId,
) -> anyhow::Result<Result<usize, ChangeRefusal>> {
    if let Err(refusal) = load_changeable(state, caller, id).await? {
        return Ok(Err(refusal));
    }
    let queued = queue_nudges(state, id).await?;
    let detail = format!("workshop {id}, {queued} nudged");
    let now = state.clock.now();
    audit::record(
        &state.db.pool,
        now,
        &caller.label,
        "workshop.nudge",
        &detail,
    )
    .await?;
    Ok(Ok(queued))
}
