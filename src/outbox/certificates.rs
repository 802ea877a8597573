//! Certificates of attendance through the outbox: a row is queued when someone is recorded
//! present, to go when the workshop ends; when it goes, it is rendered from what is recorded
//! then (someone unmarked meanwhile gets nothing) as a PDF in the person's language, issued
//! once (sending it again reuses the same code).

use super::{Notice, Payload};
use crate::domain::ids::PersonId;
use crate::domain::workshop::WORKSHOP_LENGTH;
use crate::state::AppState;
use crate::store::outbox::{self, NewMessage};
use crate::store::roster::Person;
use crate::store::workshops::Workshop;
use crate::store::{certificates, roster, workshops};
use crate::views;

/// The deduplication key of a person's certificate of a workshop: one per pair, however
/// often they are ticked present.
fn dedup_key(workshop: &Workshop, person: PersonId) -> String {
    format!("certificate:{}:{person}", workshop.id)
}

/// Queues the certificate of a person just recorded present, to go when the workshop ends
/// (at once if it has ended), tied to the workshop: it moves with it and is dropped if it
/// is cancelled. Nothing for someone who has not joined or blocked the bot. Returns whether
/// a row was added.
pub async fn queue(
    state: &AppState,
    workshop: &Workshop,
    person: PersonId,
) -> anyhow::Result<bool> {
    let Some(chat) = roster::chats(&state.db).await?.get(&person).copied() else {
        return Ok(false);
    };
    let now = state.clock.now();
    let at = (workshop.starts_at + WORKSHOP_LENGTH).max(now);
    let payload = Payload::Workshop {
        workshop_id: workshop.id,
        notice: Notice::Certificate,
    };
    let message = NewMessage {
        event: Some((workshop.event_key(), workshop.starts_at - at)),
        ..NewMessage::to(
            chat,
            Some(person),
            payload.to_json(),
            dedup_key(workshop, person),
            at,
        )
    };
    Ok(outbox::enqueue(&state.db, &message, now).await?)
}

/// A certificate made: the file and the message it goes with.
#[derive(Debug, Clone)]
pub struct Made {
    /// The name the file is sent under.
    pub file_name: String,
    /// The PDF.
    pub bytes: Vec<u8>,
    /// The caption, HTML.
    pub caption: String,
}

/// Issues (or finds) a person's certificate of a workshop and makes it in their language.
/// The caller has checked that they attended it.
pub async fn make(state: &AppState, person: &Person, workshop: &Workshop) -> anyhow::Result<Made> {
    let now = state.clock.now();
    let issued = certificates::issue(&state.db, workshop.id, person.id, now).await?;
    let facts = views::certificate::Facts {
        person,
        title: &workshop.title,
        venue: &workshop.venue,
        starts_at: workshop.starts_at,
        code: &issued.code,
        // Made again, it shows the day it was first issued.
        issued_at: issued.issued_at,
    };
    let l = person.language;
    Ok(Made {
        file_name: views::certificate::file_name(&issued.code),
        bytes: views::certificate::pdf(state, l, &facts)?,
        caption: views::certificate::caption(state, l, &facts),
    })
}

/// The certificate row as it goes: made, or skipped (`Err`, why) unless the person is still
/// recorded present.
pub async fn made_if_present(
    state: &AppState,
    workshop: &Workshop,
    person: &Person,
) -> anyhow::Result<Result<Made, String>> {
    if !workshops::was_present(&state.db, workshop.id, person.id).await? {
        return Ok(Err("the person is no longer recorded present".into()));
    }
    Ok(Ok(make(state, person, workshop).await?))
}
