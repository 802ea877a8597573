//! What the outbox sends about workshops: invitations and the reminders that follow, and the
//! good news to people promoted from the waiting list. Rendering happens at send time
//! (`outbox::render`).

use super::reminders::{self, Recipient};
use super::{Notice, Payload};
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::workshop::{WORKSHOP_LENGTH, nudge_at, nudge_recipients};
use crate::state::AppState;
use crate::store::outbox::{self, NewMessage};
use crate::store::{roster, workshops};

/// Enqueues an invitation for every invitee who has joined the bot, and plans the workshop's
/// reminders for them. Safe to call again (after more people join): nothing goes twice.
/// Returns how many invitations were added.
pub async fn send_invitations(state: &AppState, workshop_id: WorkshopId) -> anyhow::Result<usize> {
    let Some(workshop) = workshops::get(&state.db, workshop_id).await? else {
        anyhow::bail!("there is no workshop {workshop_id}");
    };
    let now = state.clock.now();
    let invitees = workshops::invitees(&state.db, workshop_id).await?;
    let recipients: Vec<Recipient> = chats_of(state, invitees.iter().map(|i| i.person).collect())
        .await?
        .into_iter()
        .map(|(person_id, chat_id)| Recipient {
            chat_id,
            person_id: Some(person_id),
        })
        .collect();
    let invitation = Payload::Workshop {
        workshop_id,
        notice: Notice::Invitation,
    }
    .to_json();
    let invitations: Vec<NewMessage> = recipients
        .iter()
        .map(|r| NewMessage {
            chat_id: r.chat_id,
            person_id: r.person_id,
            payload: invitation.clone(),
            dedup_key: invitation_key(workshop_id, &r.chat_id.to_string()),
            not_before: now,
            valid_until: Some(workshop.starts_at),
            urgent: false,
            event: None,
        })
        .collect();
    let mut rows = Vec::new();
    // Relative to the start, so they move and drop with the workshop like its reminders.
    let key = workshop.event_key();
    let nudge_at = nudge_at(now, workshop.answer_deadline, &state.settings.timezone);
    let after = workshop.starts_at + WORKSHOP_LENGTH;
    let timed = [
        (Notice::Nudge, nudge_at, Some(workshop.answer_deadline)),
        (Notice::AfterWorkshop, Some(after), None),
        (
            Notice::RatingReminder,
            Some(after + chrono::Duration::days(1)),
            None,
        ),
    ];
    for (notice, at, valid_until) in timed {
        let Some(at) = at.filter(|at| *at > now) else {
            continue;
        };
        let payload = Payload::Workshop {
            workshop_id,
            notice,
        }
        .to_json();
        rows.extend(recipients.iter().map(|r| NewMessage {
            chat_id: r.chat_id,
            person_id: r.person_id,
            payload: payload.clone(),
            dedup_key: format!("{}:{workshop_id}:{}", notice.dedup_name(), r.chat_id),
            not_before: at,
            valid_until,
            urgent: false,
            // A negative lead for what comes after the start: it moves the same way.
            event: Some((key.clone(), workshop.starts_at - at)),
        }));
    }
    rows.extend(reminders::plan(
        &workshop.event_key(),
        workshop.starts_at,
        &workshop.reminders,
        &state.settings.timezone,
        &recipients,
        |_| Payload::Workshop {
            workshop_id,
            notice: Notice::Reminder,
        },
        now,
    ));
    let added = outbox::enqueue_all(&state.db, &invitations, now).await?;
    outbox::enqueue_all(&state.db, &rows, now).await?;
    Ok(added)
}

/// Queues whatever the invitees of workshops still to come should have in the outbox and
/// have not: storing a change and queueing its messages are two steps, and a stop between
/// them must not leave invitees uninvited, or untold of a move or a cancellation. Run at
/// start-up; idempotent (dedup keys; reminders are re-planned from the stored start), so
/// replicas starting together do no harm. Returns how many messages were added.
pub async fn queue_missing(state: &AppState) -> anyhow::Result<usize> {
    let now = state.clock.now();
    let mut added = 0;
    for workshop in workshops::upcoming(&state.db, now).await? {
        added += send_invitations(state, workshop.id).await?;
        if workshop.sequence > 0 {
            added += announce_change(state, workshop.id).await?;
        }
    }
    for workshop in workshops::cancelled_since(&state.db, now).await? {
        added += announce_change(state, workshop.id).await?;
    }
    Ok(added)
}

/// The deduplication key of a workshop's invitation to a chat (with an empty chat: the
/// prefix of them all).
fn invitation_key(workshop_id: WorkshopId, chat: &str) -> String {
    format!("invitation:{workshop_id}:{chat}")
}

/// The chats of these people, for those who have joined.
async fn chats_of(state: &AppState, people: Vec<PersonId>) -> anyhow::Result<Vec<(PersonId, i64)>> {
    let chats = roster::chats(&state.db).await?;
    Ok(people
        .into_iter()
        .filter_map(|person| Some((person, *chats.get(&person)?)))
        .collect())
}

/// Queues a workshop's notice, now, to each of `people` who has joined: `key` gives each
/// chat's deduplication key, or leaves the chat out. Returns how many were queued.
async fn notify(
    state: &AppState,
    workshop_id: WorkshopId,
    notice: Notice,
    people: Vec<PersonId>,
    urgent: bool,
    key: impl Fn(PersonId, i64) -> Option<String>,
) -> anyhow::Result<usize> {
    let now = state.clock.now();
    let payload = Payload::Workshop {
        workshop_id,
        notice,
    }
    .to_json();
    let rows: Vec<NewMessage> = chats_of(state, people)
        .await?
        .into_iter()
        .filter_map(|(person_id, chat_id)| {
            let message = NewMessage::to(
                chat_id,
                Some(person_id),
                payload.clone(),
                key(person_id, chat_id)?,
                now,
            );
            Some(if urgent { message.urgent() } else { message })
        })
        .collect();
    Ok(outbox::enqueue_all(&state.db, &rows, now).await?)
}

/// Tells people moved up from the waiting list that they have a seat.
pub async fn notify_promoted(
    state: &AppState,
    workshop_id: WorkshopId,
    promoted: &[PersonId],
) -> anyhow::Result<()> {
    let at = state.clock.now().timestamp_millis();
    // Each promotion is news, however many times a seat changes hands.
    let key = |person_id, _| Some(format!("promoted:{workshop_id}:{person_id}:{at}"));
    notify(
        state,
        workshop_id,
        Notice::Promoted,
        promoted.to_vec(),
        true,
        key,
    )
    .await?;
    Ok(())
}

/// Tells every invitee who has joined that the workshop moved or was cancelled, and moves or
/// drops its reminders. Answers are kept when it moves; people may answer again.
pub async fn announce_change(state: &AppState, workshop_id: WorkshopId) -> anyhow::Result<usize> {
    let Some(workshop) = workshops::get(&state.db, workshop_id).await? else {
        anyhow::bail!("there is no workshop {workshop_id}");
    };
    let now = state.clock.now();
    let notice = if workshop.cancelled_at.is_some() {
        reminders::cancel_event(&state.db, &workshop.event_key(), now).await?;
        Notice::Cancelled
    } else {
        reminders::move_event(
            &state.db,
            &state.settings.timezone,
            &workshop.event_key(),
            workshop.starts_at,
            now,
        )
        .await?;
        Notice::Moved
    };
    let invitees = workshops::invitees(&state.db, workshop_id).await?;
    // Only those who were invited hear of the change: someone who joined after a
    // cancellation never heard of the workshop at all.
    let invited =
        outbox::chats_with_key_prefix(&state.db, &invitation_key(workshop_id, "")).await?;
    let people = invitees.iter().map(|i| i.person).collect();
    // One notice per change: the sequence numbers the changes.
    let key = |_, chat_id: i64| {
        invited
            .contains(&chat_id)
            .then(|| format!("change:{workshop_id}:{}:{chat_id}", workshop.sequence))
    };
    notify(state, workshop_id, notice, people, true, key).await
}

/// Nudges everyone invited who has joined and not answered yet; returns how many.
pub async fn nudge(state: &AppState, workshop_id: WorkshopId) -> anyhow::Result<usize> {
    let day = state.clock.now().date_naive();
    let silent = nudge_recipients(&workshops::invitees(&state.db, workshop_id).await?);
    // At most one nudge a day per person and workshop, however often organisers tap.
    let key = |_, chat_id| Some(format!("nudge:{workshop_id}:{chat_id}:{day}"));
    notify(state, workshop_id, Notice::Nudge, silent, false, key).await
}
