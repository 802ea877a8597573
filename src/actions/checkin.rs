//! Check-in on the day: an organiser opens it, officials send the code shown in the room,
//! organisers tick the roll call and record walk-ins. Whoever is recorded present has their
//! certificate of attendance queued, to go when the workshop ends (`outbox::certificates`).

use chrono::{DateTime, Utc};

use super::{Caller, Refusal};
use crate::domain::deep_link::checkin_payload;
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::workshop::{
    self, ATTEMPT_WINDOW, CheckinCode, CheckinRefusal, CheckinSession, CheckinWindow, OpenRefusal,
};
use crate::outbox::certificates;
use crate::state::AppState;
use crate::store::roster::{self, Person};
use crate::store::workshops::{self, Workshop};
use crate::store::{checkin, settings};
use crate::views::text::start_link;

/// Why an organiser's check-in action changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RollCallRefusal {
    /// Only organisers open check-in and keep the roll call.
    NotOrganiser,
    /// There is no such workshop.
    NotFound,
    /// The workshop was cancelled.
    Cancelled,
    /// There is no such person in the roster, or not on this workshop's list.
    NoSuchPerson,
    /// Check-in cannot be opened now: too long before the start, or after it closed.
    Window(OpenRefusal),
}

impl Refusal for RollCallRefusal {
    fn key(&self) -> String {
        match self {
            RollCallRefusal::NotOrganiser => "organiser-only",
            RollCallRefusal::NotFound => "workshop-not-found",
            RollCallRefusal::Cancelled => "workshop-change-refused-cancelled",
            RollCallRefusal::NoSuchPerson => "button-stale",
            RollCallRefusal::Window(window) => return format!("checkin-open-{}", window.code()),
        }
        .to_owned()
    }
}

/// The workshop an organiser acts on at the door, if it may be.
pub async fn at_the_door(
    state: &AppState,
    caller: &Caller,
    id: WorkshopId,
) -> anyhow::Result<Result<Workshop, RollCallRefusal>> {
    if !caller.organiser {
        return Ok(Err(RollCallRefusal::NotOrganiser));
    }
    Ok(match workshops::get(&state.db, id).await? {
        None => Err(RollCallRefusal::NotFound),
        Some(w) if w.cancelled_at.is_some() => Err(RollCallRefusal::Cancelled),
        Some(w) => Ok(w),
    })
}

/// Check-in opened: the code to show in the room and the link its QR code carries.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The workshop.
    pub workshop: Workshop,
    /// The code and its window.
    pub session: CheckinSession,
    /// `https://t.me/<bot>?start=ci_<code>`: scanning it checks in.
    pub link: String,
}

/// Opens (or reopens with a new code) check-in for a workshop. Audited.
pub async fn open(
    state: &AppState,
    caller: &Caller,
    workshop_id: WorkshopId,
) -> anyhow::Result<Result<Opened, RollCallRefusal>> {
    let workshop = match at_the_door(state, caller, workshop_id).await? {
        Ok(w) => w,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    let active = checkin::recent(&state.db, now).await?;
    // A code no other open session uses, so a code names one workshop.
    let code = loop {
        let code = CheckinCode::generate();
        if active
            .iter()
            .all(|(id, s)| *id == workshop_id || s.code != code)
        {
            break code;
        }
    };
    let window = match CheckinWindow::opened_at(now, workshop.starts_at) {
        Ok(window) => window,
        Err(refusal) => return Ok(Err(RollCallRefusal::Window(refusal))),
    };
    let session = CheckinSession { code, window };
    checkin::open(&state.db, workshop_id, &session, &caller.label, now).await?;
    let username = settings::get(&state.db, settings::BOT_USERNAME)
        .await?
        .unwrap_or_default();
    let link = start_link(&username, &checkin_payload(&session.code));
    Ok(Ok(Opened {
        workshop,
        session,
        link,
    }))
}

/// Why a code sent by an official checked nobody in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInRefusal {
    /// Too many wrong codes lately: the next try is accepted from then.
    TooManyAttempts {
        /// When.
        retry_at: DateTime<Utc>,
    },
    /// The right code out of its window, or a wrong code (counted against the limit).
    Rule(CheckinRefusal),
    /// The right code, but the workshop has been cancelled since check-in opened.
    Cancelled,
}

impl Refusal for CheckInRefusal {
    fn key(&self) -> String {
        match self {
            CheckInRefusal::TooManyAttempts { .. } => "checkin-too-many".to_owned(),
            CheckInRefusal::Rule(rule) => format!("checkin-{}", rule.code()),
            CheckInRefusal::Cancelled => "checkin-cancelled".to_owned(),
        }
    }
}

/// An official sends a code (typed, or by scanning the QR code): marked present at the
/// workshop whose open session it names. Wrong codes are counted per Telegram account, so
/// codes cannot be guessed.
pub async fn check_in(
    state: &AppState,
    person: PersonId,
    telegram_user: i64,
    typed: &str,
) -> anyhow::Result<Result<Workshop, CheckInRefusal>> {
    let now = state.clock.now();
    let tries = checkin::wrong_codes_since(&state.db, telegram_user, now - ATTEMPT_WINDOW).await?;
    if let Err(too_many) = workshop::allowed(&tries, now) {
        return Ok(Err(CheckInRefusal::TooManyAttempts {
            retry_at: too_many.retry_at,
        }));
    }
    let mut refusal = None;
    for (workshop_id, session) in checkin::recent(&state.db, now).await? {
        match workshop::check(typed, &session, now) {
            Ok(()) => match workshops::get(&state.db, workshop_id).await? {
                Some(w) if w.cancelled_at.is_some() => {
                    refusal = Some(CheckInRefusal::Cancelled);
                }
                Some(w) => {
                    checkin::mark_present(&state.db, workshop_id, person, now).await?;
                    certificates::queue(state, &w, person).await?;
                    return Ok(Ok(w));
                }
                None => {}
            },
            Err(CheckinRefusal::WrongCode) => {}
            Err(other) => refusal = Some(CheckInRefusal::Rule(other)),
        }
    }
    Ok(Err(match refusal {
        Some(refused) => refused,
        None => {
            checkin::record_wrong_code(&state.db, telegram_user, now).await?;
            CheckInRefusal::Rule(CheckinRefusal::WrongCode)
        }
    }))
}

/// Ticks or unticks a person on the roll call; returns whether they are now present. Audited.
pub async fn toggle_presence(
    state: &AppState,
    caller: &Caller,
    workshop_id: WorkshopId,
    person: PersonId,
) -> anyhow::Result<Result<bool, RollCallRefusal>> {
    let workshop = match at_the_door(state, caller, workshop_id).await? {
        Ok(w) => w,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    // Only someone on the workshop's list is ticked; a forged id changes and audits nothing.
    match checkin::toggle_presence(&state.db, workshop_id, person, &caller.label, now).await? {
        Some(present) => {
            // Unticked, the row queued stays and is skipped when it comes due.
            if present {
                certificates::queue(state, &workshop, person).await?;
            }
            Ok(Ok(present))
        }
        None => Ok(Err(RollCallRefusal::NoSuchPerson)),
    }
}

/// Records someone present who came without checking in (a walk-in when not invited).
/// Audited. Returns the workshop and the person.
pub async fn add_walk_in(
    state: &AppState,
    caller: &Caller,
    workshop_id: WorkshopId,
    person: PersonId,
) -> anyhow::Result<Result<(Workshop, Person), RollCallRefusal>> {
    let workshop = match at_the_door(state, caller, workshop_id).await? {
        Ok(w) => w,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let Some(found) = roster::by_id(&state.db, person).await? else {
        return Ok(Err(RollCallRefusal::NoSuchPerson));
    };
    let now = state.clock.now();
    checkin::record_walk_in(&state.db, workshop_id, person, &caller.label, now).await?;
    certificates::queue(state, &workshop, person).await?;
    Ok(Ok((workshop, found)))
}
