//! Conversations that take several messages, kept in the database (`store::dialogues`) so a
//! restart or another replica carries on where the person left off. A person has at most one
//! open dialogue; starting another replaces it, `/cancel` ends it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::ids::WorkshopId;
use crate::domain::workshop::{Field, WorkshopDraft};
use crate::store::{Db, dialogues};

/// What a dialogue is about, and how far it got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Dialogue {
    /// An organiser creating a workshop.
    NewWorkshop {
        /// The answers so far (boxed: far larger than the other dialogues).
        draft: Box<WorkshopDraft>,
        /// What the organiser is looking at.
        step: DraftStep,
    },
    /// An organiser naming a walk-in at a workshop.
    WalkIn {
        /// The workshop.
        workshop: WorkshopId,
    },
    /// An organiser giving a workshop a new date and time.
    Reschedule {
        /// The workshop.
        workshop: WorkshopId,
        /// The new local date, once given; the time is asked next.
        date: Option<chrono::NaiveDate>,
        /// The new local time, once given; then Confirm.
        time: Option<chrono::NaiveTime>,
    },
    /// An organiser giving a workshop another number of seats.
    Seats {
        /// The workshop.
        workshop: WorkshopId,
    },
    /// A president declaring their body's transfer: the amount, then the reference, then a
    /// photo of the receipt (or none).
    Transfer {
        /// The amount, once given.
        amount: Option<crate::domain::money::Money>,
        /// The bank's reference, once given.
        #[serde(default)]
        reference: Option<String>,
    },
    /// A president declaring their council's approval of the agreement: the day of the vote,
    /// then the session (a button, or typed), then the decision's number (or none).
    Approval {
        /// The day of the vote, once given.
        #[serde(default)]
        approved_on: Option<chrono::NaiveDate>,
        /// The session, once given: a `CouncilSession` code, or as typed.
        #[serde(default)]
        session: Option<String>,
    },
    /// A finance officer saying why a declaration is rejected.
    RejectReason {
        /// The declared payment or approval.
        declaration: crate::domain::funding::Declaration,
    },
    /// An organiser writing an announcement.
    Broadcast {
        /// The texts written so far, the first first.
        versions: Vec<crate::domain::broadcast::Version>,
        /// Who it goes to (boxed: an audience is far larger than the other dialogues).
        audience: Box<crate::domain::audience::Audience>,
        /// A photo or a document sent with it, its texts then captions.
        #[serde(default)]
        attachment: Option<crate::domain::broadcast::Attachment>,
        /// Where the dialogue stands.
        step: BroadcastStep,
    },
    /// An attendee who rated a workshop and may add a comment.
    Comment {
        /// The workshop.
        workshop: WorkshopId,
    },
}

/// Where the new-workshop dialogue stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftStep {
    /// A question waits for its answer.
    Ask(Field),
    /// The audience keyboard; inside a province when `Some` (its communes).
    Audience(Option<i64>),
    /// The summary with Confirm / Edit / Cancel.
    Summary,
    /// The list of answers to change.
    EditMenu,
    /// The evaluation form: its questions, with Add a question / Default form / Done.
    Form,
    /// The evaluation form: the text of the next question is awaited.
    FormQuestion,
    /// The evaluation form: a scale or choices, for the question typed.
    FormKind,
    /// The evaluation form: the options of the choice are awaited.
    FormOptions,
}

/// Where the announcement dialogue stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BroadcastStep {
    /// The text in this language is awaited.
    Text(crate::domain::roster::Language),
    /// A text is written: another version, or on to the audience.
    Versions,
    /// The audience keyboard; inside a province when `Some` (its communes).
    Audience(Option<i64>),
    /// The preview was shown: Send now / Schedule / Cancel.
    Preview,
    /// A time or a recurring schedule is awaited.
    When,
}

/// An open dialogue and the nonce its buttons carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    /// Identifies this dialogue (stale buttons).
    pub nonce: i64,
    /// Its state.
    pub dialogue: Dialogue,
}

/// The open dialogue of a Telegram account, if any. A state that no longer reads (written by
/// an older release) counts as none.
pub async fn load(
    db: &Db,
    telegram_user_id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Open>> {
    let Some(stored) = dialogues::get(db, telegram_user_id, now).await? else {
        return Ok(None);
    };
    match serde_json::from_str(&stored.state) {
        Ok(dialogue) => Ok(Some(Open {
            nonce: stored.nonce,
            dialogue,
        })),
        Err(err) => {
            tracing::warn!(error = %err, "a stored dialogue no longer reads; it is dropped");
            dialogues::end(db, telegram_user_id, stored.nonce).await?;
            Ok(None)
        }
    }
}

/// Starts a dialogue, replacing any other; returns its nonce.
pub async fn start(
    db: &Db,
    telegram_user_id: i64,
    dialogue: &Dialogue,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let state = serde_json::to_string(dialogue)?;
    Ok(dialogues::start(db, telegram_user_id, &state, now).await?)
}

/// Saves a dialogue's new state; `false` if it has ended meanwhile.
pub async fn save(
    db: &Db,
    telegram_user_id: i64,
    open: &Open,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let state = serde_json::to_string(&open.dialogue)?;
    Ok(dialogues::save(db, telegram_user_id, open.nonce, &state, now).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_back() {
        for dialogue in [
            Dialogue::NewWorkshop {
                draft: Box::default(),
                step: DraftStep::Ask(Field::Title),
            },
            Dialogue::NewWorkshop {
                draft: Box::default(),
                step: DraftStep::Audience(Some(3)),
            },
            Dialogue::NewWorkshop {
                draft: Box::default(),
                step: DraftStep::Summary,
            },
            Dialogue::WalkIn {
                workshop: WorkshopId::new(4),
            },
            Dialogue::Seats {
                workshop: WorkshopId::new(7),
            },
            Dialogue::Reschedule {
                workshop: WorkshopId::new(6),
                date: chrono::NaiveDate::from_ymd_opt(2026, 1, 27),
                time: chrono::NaiveTime::from_hms_opt(9, 30, 0),
            },
            Dialogue::Comment {
                workshop: WorkshopId::new(5),
            },
            Dialogue::Broadcast {
                versions: Vec::new(),
                audience: Box::new(crate::domain::audience::Audience::everyone()),
                attachment: None,
                step: BroadcastStep::Text(crate::domain::roster::Language::Fr),
            },
            Dialogue::Broadcast {
                versions: Vec::new(),
                audience: Box::new(crate::domain::audience::Audience::everyone()),
                attachment: Some(crate::domain::broadcast::Attachment {
                    kind: crate::domain::broadcast::AttachmentKind::Document,
                    file_id: "BQACAgQ".into(),
                    file_name: Some("programme.pdf".into()),
                }),
                step: BroadcastStep::Audience(Some(2)),
            },
        ] {
            let json = serde_json::to_string(&dialogue).unwrap();
            assert_eq!(
                serde_json::from_str::<Dialogue>(&json).unwrap(),
                dialogue,
                "{json}"
            );
        }
    }
}
