//! Reminders relative to an event (e.g. 7 days, 1 day and 2 hours before a workshop): planned
//! as outbox rows, one per event, offset and recipient, that move when the event moves and
//! are dropped when it is cancelled.

use chrono::{DateTime, Utc};

use super::Payload;
use crate::domain::ids::PersonId;
use crate::domain::schedule::Offset;
use crate::domain::zone::Zone;
use crate::store::Db;
use crate::store::outbox::{self, NewMessage};

/// Who a reminder goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipient {
    /// Their chat.
    pub chat_id: i64,
    /// The roster person, if any.
    pub person_id: Option<PersonId>,
}

/// The key that makes each (event, offset, recipient) one row, however often it is planned.
pub fn dedup_key(event_key: &str, offset: Offset, chat_id: i64) -> String {
    format!("reminder:{event_key}:{offset}:{chat_id}")
}

/// The rows for an event's reminders. A reminder whose time has already passed when it is
/// planned is left out: the invitation itself has just told them.
pub fn plan(
    event_key: &str,
    event_start: DateTime<Utc>,
    offsets: &[Offset],
    zone: &Zone,
    recipients: &[Recipient],
    payload: impl Fn(Offset) -> Payload,
    now: DateTime<Utc>,
) -> Vec<NewMessage> {
    let mut rows = Vec::new();
    for &offset in offsets {
        let at = offset.before(zone, event_start);
        if at <= now {
            continue;
        }
        let json = payload(offset).to_json();
        rows.extend(recipients.iter().map(|r| NewMessage {
            chat_id: r.chat_id,
            person_id: r.person_id,
            payload: json.clone(),
            dedup_key: dedup_key(event_key, offset, r.chat_id),
            not_before: at,
            valid_until: Some(event_start),
            urgent: false,
            event: Some((event_key.to_owned(), offset.duration())),
        }));
    }
    rows
}

/// Moves the event's reminders that have not gone yet.
pub async fn move_event(
    db: &Db,
    zone: &Zone,
    event_key: &str,
    new_start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let when = |before: chrono::Duration| match u32::try_from(before.num_minutes())
        .ok()
        .and_then(Offset::from_minutes)
    {
        Some(offset) => offset.before(zone, new_start),
        None => new_start - before,
    };
    outbox::move_event(db, event_key, new_start, when, now).await
}

/// Drops the event's reminders that have not gone yet.
pub async fn cancel_event(db: &Db, event_key: &str, now: DateTime<Utc>) -> sqlx::Result<u64> {
    outbox::cancel_event(db, event_key, now).await
}
