//! The delivery engine: every message Takwin sends on its own initiative goes through the
//! durable outbox (`store::outbox`) and is sent by [`sender::Deliverer`], within Telegram's
//! limits.

pub mod broadcast_report;
pub mod certificates;
pub mod digest;
pub mod failure;
pub mod reminders;
pub mod render;
pub mod scheduler;
pub mod sender;
pub mod workshops;

use crate::domain::ids::WorkshopId;
use serde::{Deserialize, Serialize};

/// A button under a message: its label and its callback payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    /// What the person sees.
    pub text: String,
    /// The callback payload (see `views::buttons`).
    pub data: String,
}

/// What an outbox row asks to send, stored as JSON in the row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payload {
    /// A message whose text is fixed when it is enqueued (an announcement, an alert).
    Message {
        /// HTML text, user text already escaped.
        html: String,
        /// Rows of buttons.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        buttons: Vec<Vec<Button>>,
    },
    /// A funding reminder of the running campaign: the recipient's body's status as it is
    /// when sent (nothing is sent if the body owes nothing by then, has promised a date, or
    /// the campaign was closed).
    Funding {},
    /// Ahead of the councils' ordinary sessions: to a president whose council has not yet
    /// approved the agreement, to put it on the agenda (rendered, or skipped, when sent).
    FundingSession {},
    /// The digest a province's Secretary-General gets of the bodies that left the funding
    /// reminders unanswered; nothing is sent when none did.
    FundingEscalation {},
    /// The organisers' weekly summary of the whole programme's funding.
    FundingSummary {},
    /// The weekly digest: an organiser's of the whole Region, a Secretary-General's of their
    /// province, with its chart; nothing when there is nothing to say or the person turned
    /// theirs off.
    Digest {},
    /// An announcement: its text in the person's language (or the first written), rendered
    /// when it is sent; nothing once the announcement was cancelled.
    Broadcast {
        /// Which announcement (`store::broadcasts`).
        broadcast_id: i64,
    },
    /// About a workshop: rendered when it is sent, from the workshop as it is then and in the
    /// language the person has then, so a moved workshop's reminder shows the new time.
    Workshop {
        /// Which workshop.
        workshop_id: WorkshopId,
        /// What to tell.
        notice: Notice,
    },
}

/// What a workshop message tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// The invitation, with the answer buttons and a calendar file.
    Invitation,
    /// A reminder before the day.
    Reminder,
    /// A seat came free and the person moved up from the waiting list.
    Promoted,
    /// The workshop moved: the new time, a new calendar file, the answer buttons again.
    Moved,
    /// The workshop is cancelled.
    Cancelled,
    /// A nudge to someone who has not answered yet.
    Nudge,
    /// After the workshop: a rating request to those who came, "we missed you" to the others.
    AfterWorkshop,
    /// One reminder to those who came and have not rated it.
    RatingReminder,
    /// When it ends: the certificate of attendance, to someone recorded present.
    Certificate,
}

impl Notice {
    /// The notice's name in the dedup keys of its outbox rows. Fixed here, never derived from
    /// the variant's name: renaming a variant must not make rows already queued look new (and
    /// go twice). These are the names rows were queued with before this function existed.
    pub fn dedup_name(self) -> &'static str {
        match self {
            Notice::Invitation => "Invitation",
            Notice::Reminder => "Reminder",
            Notice::Promoted => "Promoted",
            Notice::Moved => "Moved",
            Notice::Cancelled => "Cancelled",
            Notice::Nudge => "Nudge",
            Notice::AfterWorkshop => "AfterWorkshop",
            Notice::RatingReminder => "RatingReminder",
            Notice::Certificate => "Certificate",
        }
    }
}

impl Payload {
    /// A plain HTML message without buttons.
    pub fn html(html: impl Into<String>) -> Payload {
        Payload::Message {
            html: html.into(),
            buttons: Vec::new(),
        }
    }

    /// The JSON stored in the outbox.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a payload always serialises")
    }

    /// Reads a stored payload.
    pub fn from_json(json: &str) -> Result<Payload, serde_json::Error> {
        serde_json::from_str(json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_through_json() {
        let payload = Payload::Message {
            html: "<b>Salam</b>".into(),
            buttons: vec![vec![Button {
                text: "OK".into(),
                data: "1:ok".into(),
            }]],
        };
        let json = payload.to_json();
        assert!(json.contains("\"kind\":\"message\""), "{json}");
        assert_eq!(Payload::from_json(&json).unwrap(), payload);
        let invitation = Payload::Workshop {
            workshop_id: WorkshopId::new(12),
            notice: Notice::Invitation,
        };
        let json = invitation.to_json();
        assert_eq!(
            json,
            r#"{"kind":"workshop","workshop_id":12,"notice":"invitation"}"#
        );
        assert_eq!(Payload::from_json(&json).unwrap(), invitation);
    }

    #[test]
    fn dedup_names_stay_those_already_queued() {
        // Rows queued by earlier releases carry these names: changing one sends those
        // messages a second time.
        let names = [
            (Notice::Nudge, "Nudge"),
            (Notice::AfterWorkshop, "AfterWorkshop"),
            (Notice::RatingReminder, "RatingReminder"),
            (Notice::Invitation, "Invitation"),
        ];
        for (notice, name) in names {
            assert_eq!(notice.dedup_name(), name);
        }
    }
}
