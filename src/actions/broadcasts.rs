//! Announcements: how many an audience reaches and how it will look, sending one (now, at a
//! time, or on a recurring schedule), listing them with their figures, cancelling one.
//!
//! An announcement goes through the scheduler like any recurring message: its audience is
//! resolved when it goes (people who joined since are included, each person once), and each
//! row is rendered when it is sent, in the person's language (`Payload::Broadcast`).

use chrono::{DateTime, Duration, Utc};

use super::{Caller, Refusal};
use crate::domain::audience::Audience;
use crate::domain::broadcast::{Attachment, MAX_CAPTION, Versions, When};
use crate::domain::roster::Language;
use crate::outbox::{Payload, scheduler};
use crate::state::AppState;
use crate::store::audience;
use crate::store::broadcasts::{self, Figures, Listed, NewBroadcast, Reach, Standing};
use crate::views;

/// How late an announcement for a given time may still go after the bot was down.
const ONCE_LATENESS: Duration = Duration::hours(12);
/// How late an occurrence of a recurring announcement may still go.
const RECURRING_LATENESS: Duration = Duration::hours(6);

/// Why an announcement was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BroadcastRefusal {
    /// Only organisers send announcements.
    NotOrganiser,
    /// The audience reaches nobody in the roster.
    EmptyAudience,
    /// The time asked for has passed.
    InThePast,
    /// The recurring schedule never fires.
    NeverFires,
    /// No announcement has that number.
    NotFound,
    /// It was cancelled already.
    AlreadyCancelled,
    /// It has gone to everyone already: there is nothing left to cancel.
    AlreadySent,
    /// A text is longer than a caption may be, under a photo or a document.
    TooLongForCaption,
}

impl Refusal for BroadcastRefusal {
    fn key(&self) -> String {
        match self {
            BroadcastRefusal::NotOrganiser => "organiser-only",
            BroadcastRefusal::EmptyAudience => "broadcast-refused-empty-audience",
            BroadcastRefusal::InThePast => "broadcast-refused-past",
            BroadcastRefusal::NeverFires => "broadcast-refused-never",
            BroadcastRefusal::NotFound => "broadcast-refused-not-found",
            BroadcastRefusal::AlreadyCancelled => "broadcast-refused-cancelled",
            BroadcastRefusal::AlreadySent => "broadcast-refused-sent",
            BroadcastRefusal::TooLongForCaption => "broadcast-refused-too-long",
        }
        .into()
    }
}

/// What an announcement would be: its reach and, per version, the message exactly as its
/// recipients receive it and how many of them get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Its reach.
    pub reach: Reach,
    /// Each version: its language, the message as sent, and how many reachable people get it.
    pub messages: Vec<(Language, String, usize)>,
}

/// An announcement stored and scheduled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// Its number.
    pub id: i64,
    /// Its reach when it was written.
    pub reach: Reach,
    /// When it goes (the next three times for a recurring one).
    pub next: Vec<DateTime<Utc>>,
    /// Messages queued already (when it goes now).
    pub queued: u64,
}

fn organiser(caller: &Caller) -> Result<(), BroadcastRefusal> {
    if caller.organiser {
        Ok(())
    } else {
        Err(BroadcastRefusal::NotOrganiser)
    }
}

/// How many people an audience reaches today, and how many of them cannot be reached.
pub async fn reach(state: &AppState, audience: &Audience) -> anyhow::Result<Reach> {
    let today = state.settings.timezone.local(state.clock.now()).date();
    broadcasts::reach(&state.db, audience, today).await
}

/// The announcement as its recipients will see it, with its reach. Refused for an audience
/// that reaches nobody.
pub async fn preview(
    state: &AppState,
    caller: &Caller,
    audience: &Audience,
    versions: &Versions,
) -> anyhow::Result<Result<Preview, BroadcastRefusal>> {
    if let Err(refusal) = organiser(caller) {
        return Ok(Err(refusal));
    }
    let today = state.settings.timezone.local(state.clock.now()).date();
    let people = audience::members_on(&state.db, audience, Some(today)).await?;
    if people.is_empty() {
        return Ok(Err(BroadcastRefusal::EmptyAudience));
    }
    let reachable: Vec<_> = people
        .iter()
        .filter(|p| p.telegram_user_id.is_some() && p.unreachable_since.is_none())
        .collect();
    let messages = versions
        .all()
        .iter()
        .map(|v| {
            let getting = reachable
                .iter()
                .filter(|p| versions.for_language(p.language).language == v.language)
                .count();
            (
                v.language,
                views::broadcast::announcement(versions, v.language),
                getting,
            )
        })
        .collect();
    Ok(Ok(Preview {
        reach: Reach {
            people: people.len(),
            unreachable: people.len() - reachable.len(),
        },
        messages,
    }))
}

/// Stores an announcement and schedules it, with a photo or a document its texts are the
/// captions of, if any. The audience must reach somebody, a time must be to come, a recurring
/// schedule must fire, the texts must fit as captions under an attachment. Audited.
pub async fn send(
    state: &AppState,
    caller: &Caller,
    audience_label: &str,
    audience: &Audience,
    versions: &Versions,
    attachment: Option<&Attachment>,
    when: &When,
) -> anyhow::Result<Result<Sent, BroadcastRefusal>> {
    if let Err(refusal) = organiser(caller) {
        return Ok(Err(refusal));
    }
    if attachment.is_some() && !versions.fit(MAX_CAPTION) {
        return Ok(Err(BroadcastRefusal::TooLongForCaption));
    }
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    let next: Vec<DateTime<Utc>> = match when {
        When::Now => vec![now],
        When::At(at) if *at <= now => return Ok(Err(BroadcastRefusal::InThePast)),
        When::At(at) => vec![*at],
        When::Every(cron) => cron.occurrences_after(zone, now).take(3).collect(),
    };
    let Some(&first) = next.first() else {
        return Ok(Err(BroadcastRefusal::NeverFires));
    };
    // Resolved once: counted here, and queued to at once when it goes now.
    let today = zone.local(now).date();
    let members = audience::members_on(&state.db, audience, Some(today)).await?;
    let reach = Reach::of(&members);
    if reach.people == 0 {
        return Ok(Err(BroadcastRefusal::EmptyAudience));
    }
    let payload = |id| Payload::Broadcast { broadcast_id: id }.to_json();
    let id = broadcasts::create(
        &state.db,
        &NewBroadcast {
            created_by: &caller.label,
            audience_label,
            audience,
            versions,
            attachment,
            when,
            send_at: first,
            reach: (reach.people as i64, reach.unreachable as i64),
            max_lateness: match when {
                When::Every(_) => RECURRING_LATENESS,
                When::Now | When::At(_) => ONCE_LATENESS,
            },
            payload: &payload,
        },
        now,
    )
    .await?;
    let queued = match when {
        When::Now => {
            let known = (audience.to_json(), members);
            scheduler::tick_knowing(state, Some((&known.0, &known.1)))
                .await?
                .enqueued
        }
        _ => 0,
    };
    Ok(Ok(Sent {
        id,
        reach,
        next,
        queued,
    }))
}

/// An announcement as written: its audience and its texts, with a photo or a document.
#[derive(Debug, Clone, Copy)]
pub struct Announcement<'a> {
    /// The audience as written or chosen, as lists and the audit log show it.
    pub audience_label: &'a str,
    /// Who it goes to.
    pub audience: &'a Audience,
    /// Its texts.
    pub versions: &'a Versions,
    /// A photo or a document its texts are the captions of.
    pub attachment: Option<&'a Attachment>,
}

/// The message confirming an announcement, as its caller posted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    /// The chat it is in.
    pub chat_id: i64,
    /// The message.
    pub message_id: i64,
    /// Whether it shows the confirmation it was given; if not, the live report's first round
    /// writes over what it shows.
    pub shows_confirmation: bool,
}

/// Sends an announcement as [`send`] does, then has `post` post its confirmation (in
/// `language`: sent now, the report's first words; at a time, when it goes; recurring, its
/// schedule), and makes that message its live report when it goes once (now or at its time):
/// a recurring one goes many times, and `/broadcasts` follows it instead. Nothing is posted
/// when it is refused.
pub async fn send_and_follow<F, Posting>(
    state: &AppState,
    caller: &Caller,
    language: Language,
    announcement: &Announcement<'_>,
    when: &When,
    post: F,
) -> anyhow::Result<Result<Sent, BroadcastRefusal>>
where
    F: FnOnce(String) -> Posting,
    Posting: Future<Output = anyhow::Result<Posted>>,
{
    let a = announcement;
    let sent = match send(
        state,
        caller,
        a.audience_label,
        a.audience,
        a.versions,
        a.attachment,
        when,
    )
    .await?
    {
        Ok(sent) => sent,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let figures = match when {
        When::Now => broadcasts::figures(&state.db, sent.id).await?,
        When::At(_) | When::Every(_) => Figures::default(),
    };
    let first = sent
        .next
        .first()
        .copied()
        .unwrap_or_else(|| state.clock.now());
    let unreachable = sent.reach.unreachable as i64;
    let html = views::broadcast::confirmation(
        state,
        language,
        sent.id,
        when,
        first,
        &figures,
        unreachable,
    );
    let posted = post(html.clone()).await?;
    if matches!(when, When::Now | When::At(_)) {
        let shows = posted.shows_confirmation.then_some(html.as_str());
        broadcasts::follow(&state.db, sent.id, posted.chat_id, posted.message_id, shows).await?;
    }
    Ok(Ok(sent))
}

/// Cancels an announcement: what has not gone yet does not go, and a recurring one fires no
/// more. Returns how many queued messages were dropped. Audited.
pub async fn cancel(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> anyhow::Result<Result<u64, BroadcastRefusal>> {
    if let Err(refusal) = organiser(caller) {
        return Ok(Err(refusal));
    }
    let Some(listed) = broadcasts::listed(&state.db, id).await? else {
        return Ok(Err(BroadcastRefusal::NotFound));
    };
    match listed.standing() {
        Standing::Cancelled(_) => return Ok(Err(BroadcastRefusal::AlreadyCancelled)),
        // A recurring announcement is never gone to everyone: cancelling it stops it.
        Standing::Done if listed.broadcast.cron.is_none() => {
            return Ok(Err(BroadcastRefusal::AlreadySent));
        }
        _ => {}
    }
    let now = state.clock.now();
    // Cancelled, stopped, dropped and audited in one transaction.
    let schedule = listed.broadcast.schedule_id;
    match broadcasts::cancel(&state.db, id, schedule, &caller.label, now).await? {
        Some(dropped) => Ok(Ok(dropped)),
        None => Ok(Err(BroadcastRefusal::AlreadyCancelled)),
    }
}

/// The latest announcements with their figures, newest first.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    limit: i64,
) -> anyhow::Result<Result<Vec<Listed>, BroadcastRefusal>> {
    if let Err(refusal) = organiser(caller) {
        return Ok(Err(refusal));
    }
    Ok(Ok(broadcasts::latest(&state.db, limit).await?))
}
