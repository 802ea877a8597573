//! Button payloads: short, versioned tokens naming an action and its object, well under
//! Telegram's 64-byte limit. Every press is parsed here and checked by its handler.

use crate::domain::funding::{CouncilSession, Declaration};
use crate::domain::ids::{CommuneId, PersonId, WorkshopId};
use crate::domain::roster::{Language, Role};
use crate::domain::workshop::Field;

/// The version prefix: a button from an older release is recognised and refused politely.
const VERSION: &str = "1";

/// What a button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Speak to me in this language.
    SetLanguage(Language),
    /// Unlink my account (true) or keep it (false).
    Stop(bool),
    /// My answer to a workshop invitation: I will attend (true) or not.
    Rsvp {
        /// The workshop.
        workshop: WorkshopId,
        /// Yes or no.
        yes: bool,
        /// Pressed in `/my` (the whole entry is redrawn) rather than on the invitation (its
        /// buttons are).
        listed: bool,
    },
    /// Organisers: the live counts of a workshop.
    Details(WorkshopId),
    /// Organisers: remind everyone who has not answered this workshop.
    Nudge(WorkshopId),
    /// Organisers: open check-in for this workshop.
    OpenCheckin(WorkshopId),
    /// Organisers: the roll-call keyboard of this workshop.
    RollCall(WorkshopId),
    /// Organisers: mark this person present, or absent again, at this workshop.
    Mark {
        /// The workshop.
        workshop: WorkshopId,
        /// The person.
        person: PersonId,
    },
    /// My rating of a workshop I attended, 1 to 5.
    Rate {
        /// The workshop.
        workshop: WorkshopId,
        /// The score.
        score: u8,
    },
    /// Organisers: a button of the open dialogue (a new workshop, a new date, seats).
    Dialogue {
        /// The dialogue it belongs to: a button of an ended dialogue is stale.
        nonce: i64,
        /// Which button.
        button: DialogueButton,
    },
    /// Organisers: start creating a workshop (as `/new_workshop`).
    NewWorkshop,
    /// Organisers: give this workshop a new date and time (asks them).
    Reschedule(WorkshopId),
    /// Organisers: give this workshop another number of seats (asks how many).
    Seats(WorkshopId),
    /// Organisers: cancel this workshop; asks first (`sure: false`), then does it.
    CancelWorkshop {
        /// The workshop.
        workshop: WorkshopId,
        /// Whether the organiser has confirmed.
        sure: bool,
    },
    /// Organisers: keep the workshop after all (the answer to "cancel it?").
    KeepWorkshop(WorkshopId),
    /// Organisers: record a walk-in at this workshop (asks who).
    WalkIn(WorkshopId),
    /// Organisers: record this person as a walk-in at this workshop.
    AddWalkIn {
        /// The workshop.
        workshop: WorkshopId,
        /// The person.
        person: PersonId,
    },
    /// No comment after my rating of this workshop.
    NoComment(WorkshopId),
    /// Funding: remind my body again in this many days, not before (a president's promise).
    RemindAfter(u8),
    /// Funding: ask an organiser to contact me.
    ContactOrganiser,
    /// Funding: my body's transfer is made (asks the amount and the reference).
    DeclareTransfer,
    /// Funding: my council approved the agreement (asks the day of the vote).
    DeclareApproval,
    /// Funding, declaring an approval: the council session it was voted at (one of the
    /// president's body's own, `CouncilSession::of_body`).
    ApprovalSession(CouncilSession),
    /// Funding, declaring an approval: the decision has no number to give.
    ApprovalNoDecision,
    /// Funding, declaring a transfer: no photo of the receipt to send.
    NoReceipt,
    /// Organisers and finance officers: the funding of one province's bodies, from
    /// `/contributions` (the province's id).
    ProvinceFunding(i64),
    /// Finance officers: confirm (or reject, which asks why) a declaration.
    Verify {
        /// The declared payment or approval.
        declaration: Declaration,
        /// Confirm (true) or reject.
        accept: bool,
    },
    /// Organisers: cancel this announcement (what has not gone yet does not go).
    CancelBroadcast(i64),
    /// Organisers and Secretaries-General: my weekly digest on (true) or off.
    Digest(bool),
    /// My answer to question `question` (from 1) of a workshop's evaluation form: 1–5 on a
    /// scale, the option's number (from 1) for a choice.
    FormAnswer {
        /// The workshop.
        workshop: WorkshopId,
        /// The question's number.
        question: u8,
        /// The answer.
        value: u8,
    },
    /// Send me again the certificate of this workshop I attended (`/my_training`).
    Certificate(WorkshopId),
    /// Why I cannot attend.
    Reason {
        /// The workshop.
        workshop: WorkshopId,
        /// Which reason.
        reason: DeclineReason,
    },
}

/// The buttons of the organisers' dialogues: a new workshop, a new date, seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogueButton {
    /// Skip the question, or take its default.
    Default,
    /// A start time offered as a button.
    Time {
        /// Hours.
        hour: u8,
        /// Minutes.
        minute: u8,
    },
    /// A number of seats offered as a button.
    Seats(u32),
    /// Choose a role, or unchoose it.
    Role(Role),
    /// Show the communes of a province.
    Province(i64),
    /// Choose a whole province, or unchoose it.
    WholeProvince(i64),
    /// Choose one commune, or unchoose it.
    Commune(CommuneId),
    /// Back from a province's communes to the audience.
    Back,
    /// Clear the audience: everyone.
    Everyone,
    /// The audience is chosen.
    AudienceDone,
    /// Create the workshop and send the invitations.
    Confirm,
    /// Which answer to change.
    EditMenu,
    /// Change this answer.
    Edit(Field),
    /// Back to the summary.
    Summary,
    /// Leave the dialogue; nothing is saved.
    Cancel,
    /// An announcement: write a version in this language.
    Version(Language),
    /// An announcement: on to its audience.
    ChooseAudience,
    /// An announcement: send it now.
    SendNow,
    /// An announcement: send it at a time, or on a recurring schedule (asks which).
    Schedule,
    /// An announcement's audience: only the bodies with funding outstanding, or no longer.
    Owing,
    /// An announcement's audience: the invitees of this workshop, then only those who have
    /// not answered, who said yes, who said no, then no longer (each press the next).
    Workshop(WorkshopId),
    /// A new workshop: its evaluation form (from the summary).
    Form,
    /// The evaluation form: add a question (asks its text).
    AddQuestion,
    /// The evaluation form: back to the default one (the 1–5 rating).
    DefaultForm,
    /// The evaluation form is ready: back to the summary.
    FormDone,
    /// The question typed is a 1–5 scale.
    Scale,
    /// The question typed is a choice (asks its options).
    Choices,
}

impl DialogueButton {
    fn encode(self) -> String {
        match self {
            DialogueButton::Default => "def".into(),
            DialogueButton::Time { hour, minute } => format!("t:{hour:02}{minute:02}"),
            DialogueButton::Seats(n) => format!("n:{n}"),
            DialogueButton::Role(role) => format!("r:{}", role.code()),
            DialogueButton::Province(id) => format!("p:{id}"),
            DialogueButton::WholeProvince(id) => format!("pa:{id}"),
            DialogueButton::Commune(id) => format!("c:{id}"),
            DialogueButton::Back => "back".into(),
            DialogueButton::Everyone => "all".into(),
            DialogueButton::AudienceDone => "ok".into(),
            DialogueButton::Confirm => "yes".into(),
            DialogueButton::EditMenu => "edit".into(),
            DialogueButton::Edit(field) => format!("e:{}", field.code()),
            DialogueButton::Summary => "sum".into(),
            DialogueButton::Cancel => "x".into(),
            DialogueButton::Version(language) => format!("v:{}", language.code()),
            DialogueButton::ChooseAudience => "aud".into(),
            DialogueButton::SendNow => "now".into(),
            DialogueButton::Schedule => "when".into(),
            DialogueButton::Owing => "owe".into(),
            DialogueButton::Workshop(id) => format!("w:{id}"),
            DialogueButton::Form => "f".into(),
            DialogueButton::AddQuestion => "fq".into(),
            DialogueButton::DefaultForm => "fd".into(),
            DialogueButton::FormDone => "fok".into(),
            DialogueButton::Scale => "fs".into(),
            DialogueButton::Choices => "fc".into(),
        }
    }

    fn parse(op: &str, arg: Option<&str>) -> Option<DialogueButton> {
        Some(match (op, arg) {
            ("def", None) => DialogueButton::Default,
            ("t", Some(hhmm)) => {
                if hhmm.len() != 4 || !hhmm.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let (hour, minute) = (hhmm[..2].parse().ok()?, hhmm[2..].parse().ok()?);
                if hour > 23 || minute > 59 {
                    return None;
                }
                DialogueButton::Time { hour, minute }
            }
            ("n", Some(n)) => DialogueButton::Seats(n.parse().ok()?),
            ("r", Some(code)) => {
                DialogueButton::Role(Role::ALL.into_iter().find(|r| r.code() == code)?)
            }
            ("p", Some(id)) => DialogueButton::Province(id.parse().ok()?),
            ("pa", Some(id)) => DialogueButton::WholeProvince(id.parse().ok()?),
            ("c", Some(id)) => DialogueButton::Commune(id.parse().ok()?),
            ("back", None) => DialogueButton::Back,
            ("all", None) => DialogueButton::Everyone,
            ("ok", None) => DialogueButton::AudienceDone,
            ("yes", None) => DialogueButton::Confirm,
            ("edit", None) => DialogueButton::EditMenu,
            ("e", Some(code)) => DialogueButton::Edit(Field::from_code(code)?),
            ("sum", None) => DialogueButton::Summary,
            ("x", None) => DialogueButton::Cancel,
            ("v", Some(code)) => {
                DialogueButton::Version(Language::ALL.into_iter().find(|l| l.code() == code)?)
            }
            ("aud", None) => DialogueButton::ChooseAudience,
            ("now", None) => DialogueButton::SendNow,
            ("when", None) => DialogueButton::Schedule,
            ("owe", None) => DialogueButton::Owing,
            ("w", Some(id)) => DialogueButton::Workshop(id.parse().ok()?),
            ("f", None) => DialogueButton::Form,
            ("fq", None) => DialogueButton::AddQuestion,
            ("fd", None) => DialogueButton::DefaultForm,
            ("fok", None) => DialogueButton::FormDone,
            ("fs", None) => DialogueButton::Scale,
            ("fc", None) => DialogueButton::Choices,
            _ => return None,
        })
    }
}

/// The reasons offered as buttons after a "no", so nobody has to type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclineReason {
    /// A council session the same day.
    Session,
    /// Travelling.
    Travel,
    /// Health.
    Health,
    /// Something else.
    Other,
}

impl DeclineReason {
    /// Every reason, in button order.
    pub const ALL: [DeclineReason; 4] = [
        DeclineReason::Session,
        DeclineReason::Travel,
        DeclineReason::Health,
        DeclineReason::Other,
    ];

    /// The code in payloads, in the stored reason and in `button-reason-<code>`.
    pub fn code(self) -> &'static str {
        match self {
            DeclineReason::Session => "session",
            DeclineReason::Travel => "travel",
            DeclineReason::Health => "health",
            DeclineReason::Other => "other",
        }
    }

    fn of_code(code: &str) -> Option<DeclineReason> {
        DeclineReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl Action {
    /// The payload to put in `callback_data`.
    pub fn encode(self) -> String {
        match self {
            Action::SetLanguage(l) => format!("{VERSION}:lang:{}", l.code()),
            Action::Stop(yes) => format!("{VERSION}:stop:{}", if yes { "yes" } else { "no" }),
            Action::Rsvp {
                workshop,
                yes,
                listed,
            } => format!(
                "{VERSION}:rsvp:{workshop}:{}{}",
                if yes { "y" } else { "n" },
                if listed { ":m" } else { "" }
            ),
            Action::Reason { workshop, reason } => {
                format!("{VERSION}:why:{workshop}:{}", reason.code())
            }
            Action::FormAnswer {
                workshop,
                question,
                value,
            } => format!("{VERSION}:fa:{workshop}:{question}:{value}"),
            Action::Details(workshop) => format!("{VERSION}:ws:{workshop}"),
            Action::Nudge(workshop) => format!("{VERSION}:nudge:{workshop}"),
            Action::OpenCheckin(workshop) => format!("{VERSION}:ci:{workshop}"),
            Action::RollCall(workshop) => format!("{VERSION}:roll:{workshop}"),
            Action::Mark { workshop, person } => format!("{VERSION}:mark:{workshop}:{person}"),
            Action::Rate { workshop, score } => format!("{VERSION}:rate:{workshop}:{score}"),
            Action::Dialogue { nonce, button } => {
                format!("{VERSION}:d:{nonce}:{}", button.encode())
            }
            Action::WalkIn(workshop) => format!("{VERSION}:walk:{workshop}"),
            Action::NewWorkshop => format!("{VERSION}:new:ws"),
            Action::Seats(workshop) => format!("{VERSION}:seats:{workshop}"),
            Action::Reschedule(workshop) => format!("{VERSION}:move:{workshop}"),
            Action::CancelWorkshop { workshop, sure } => {
                format!(
                    "{VERSION}:cancel:{workshop}:{}",
                    if sure { "y" } else { "?" }
                )
            }
            Action::KeepWorkshop(workshop) => format!("{VERSION}:keep:{workshop}"),
            Action::CancelBroadcast(id) => format!("{VERSION}:bcx:{id}"),
            Action::Digest(on) => format!("{VERSION}:dig:{}", if on { "on" } else { "off" }),
            Action::AddWalkIn { workshop, person } => {
                format!("{VERSION}:addw:{workshop}:{person}")
            }
            Action::NoComment(workshop) => format!("{VERSION}:nocom:{workshop}"),
            Action::Certificate(workshop) => format!("{VERSION}:cert:{workshop}"),
            Action::RemindAfter(days) => format!("{VERSION}:later:{days}"),
            Action::ContactOrganiser => format!("{VERSION}:call:me"),
            Action::DeclareTransfer => format!("{VERSION}:paid:me"),
            Action::DeclareApproval => format!("{VERSION}:voted:me"),
            Action::ProvinceFunding(province) => format!("{VERSION}:fprov:{province}"),
            Action::ApprovalSession(session) => format!("{VERSION}:sess:{}", session.code()),
            Action::ApprovalNoDecision => format!("{VERSION}:nodec:me"),
            Action::NoReceipt => format!("{VERSION}:norcpt:me"),
            Action::Verify {
                declaration,
                accept,
            } => {
                let what = match declaration {
                    Declaration::Payment(id) => format!("p{id}"),
                    Declaration::Approval(id) => format!("a{id}"),
                };
                format!("{VERSION}:verify:{what}:{}", if accept { "y" } else { "n" })
            }
        }
    }

    /// Reads a payload; `None` for anything not made by [`Action::encode`].
    pub fn parse(data: &str) -> Option<Action> {
        let mut parts = data.split(':');
        if parts.next()? != VERSION {
            return None;
        }
        let action = match (parts.next()?, parts.next()?) {
            ("lang", code) => Action::SetLanguage(Language::parse(code).ok()?),
            ("stop", "yes") => Action::Stop(true),
            ("stop", "no") => Action::Stop(false),
            ("rsvp", id) => Action::Rsvp {
                workshop: id.parse().ok()?,
                yes: match parts.next()? {
                    "y" => true,
                    "n" => false,
                    _ => return None,
                },
                // Invitations sent before `/my` had buttons carry no fourth part.
                listed: match parts.next() {
                    None => false,
                    Some("m") => true,
                    Some(_) => return None,
                },
            },
            ("ws", id) => Action::Details(id.parse().ok()?),
            ("nudge", id) => Action::Nudge(id.parse().ok()?),
            ("ci", id) => Action::OpenCheckin(id.parse().ok()?),
            ("roll", id) => Action::RollCall(id.parse().ok()?),
            ("mark", id) => Action::Mark {
                workshop: id.parse().ok()?,
                person: parts.next()?.parse().ok()?,
            },
            ("rate", id) => Action::Rate {
                workshop: id.parse().ok()?,
                score: parts.next()?.parse().ok().filter(|s| (1..=5).contains(s))?,
            },
            ("d", nonce) => Action::Dialogue {
                nonce: nonce.parse().ok()?,
                button: DialogueButton::parse(parts.next()?, parts.next())?,
            },
            ("walk", id) => Action::WalkIn(id.parse().ok()?),
            ("new", "ws") => Action::NewWorkshop,
            ("seats", id) => Action::Seats(id.parse().ok()?),
            ("move", id) => Action::Reschedule(id.parse().ok()?),
            ("cancel", id) => Action::CancelWorkshop {
                workshop: id.parse().ok()?,
                sure: match parts.next()? {
                    "y" => true,
                    "?" => false,
                    _ => return None,
                },
            },
            ("keep", id) => Action::KeepWorkshop(id.parse().ok()?),
            ("bcx", id) => Action::CancelBroadcast(id.parse().ok()?),
            ("dig", "on") => Action::Digest(true),
            ("dig", "off") => Action::Digest(false),
            ("addw", id) => Action::AddWalkIn {
                workshop: id.parse().ok()?,
                person: parts.next()?.parse().ok()?,
            },
            ("nocom", id) => Action::NoComment(id.parse().ok()?),
            ("cert", id) => Action::Certificate(id.parse().ok()?),
            ("later", days) => {
                Action::RemindAfter(days.parse().ok().filter(|d| (1..=90).contains(d))?)
            }
            ("call", "me") => Action::ContactOrganiser,
            ("paid", "me") => Action::DeclareTransfer,
            ("voted", "me") => Action::DeclareApproval,
            ("fprov", id) => Action::ProvinceFunding(id.parse().ok()?),
            ("sess", code) => Action::ApprovalSession(CouncilSession::of_code(code)?),
            ("nodec", "me") => Action::ApprovalNoDecision,
            ("norcpt", "me") => Action::NoReceipt,
            ("verify", what) => Action::Verify {
                declaration: match what.split_at_checked(1)? {
                    ("p", id) => Declaration::Payment(id.parse().ok()?),
                    ("a", id) => Declaration::Approval(id.parse().ok()?),
                    _ => return None,
                },
                accept: match parts.next()? {
                    "y" => true,
                    "n" => false,
                    _ => return None,
                },
            },
            ("fa", id) => Action::FormAnswer {
                workshop: id.parse().ok()?,
                question: parts.next()?.parse().ok().filter(|q| (1..=5).contains(q))?,
                value: parts.next()?.parse().ok().filter(|v| (1..=6).contains(v))?,
            },
            ("why", id) => Action::Reason {
                workshop: id.parse().ok()?,
                reason: DeclineReason::of_code(parts.next()?)?,
            },
            _ => return None,
        };
        parts.next().is_none().then_some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_stay_small() {
        for action in [
            Action::SetLanguage(Language::Ar),
            Action::SetLanguage(Language::Fr),
            Action::SetLanguage(Language::En),
            Action::Stop(true),
            Action::Stop(false),
            Action::Rsvp {
                workshop: WorkshopId::new(i64::MAX),
                yes: true,
                listed: false,
            },
            Action::Rsvp {
                workshop: WorkshopId::new(7),
                yes: false,
                listed: true,
            },
            Action::Reason {
                workshop: WorkshopId::new(i64::MAX),
                reason: DeclineReason::Session,
            },
            Action::Details(WorkshopId::new(i64::MAX)),
            Action::CancelBroadcast(i64::MAX),
            Action::Digest(true),
            Action::Digest(false),
            Action::Dialogue {
                nonce: i64::MAX,
                button: DialogueButton::Version(Language::Ar),
            },
            Action::Dialogue {
                nonce: 1,
                button: DialogueButton::Schedule,
            },
            Action::Nudge(WorkshopId::new(3)),
            Action::OpenCheckin(WorkshopId::new(4)),
            Action::RollCall(WorkshopId::new(i64::MAX)),
            Action::Mark {
                workshop: WorkshopId::new(i64::MAX),
                person: PersonId::new(i64::MAX),
            },
            Action::Rate {
                workshop: WorkshopId::new(i64::MAX),
                score: 5,
            },
            Action::WalkIn(WorkshopId::new(i64::MAX)),
            Action::AddWalkIn {
                workshop: WorkshopId::new(i64::MAX),
                person: PersonId::new(i64::MAX),
            },
            Action::NoComment(WorkshopId::new(i64::MAX)),
            Action::Certificate(WorkshopId::new(i64::MAX)),
            Action::RemindAfter(90),
            Action::ContactOrganiser,
            Action::DeclareTransfer,
            Action::DeclareApproval,
            Action::ProvinceFunding(i64::MAX),
            Action::ApprovalSession(CouncilSession::Extraordinary),
            Action::ApprovalSession(CouncilSession::Ordinary(chrono::Month::February)),
            Action::ApprovalSession(CouncilSession::Ordinary(chrono::Month::September)),
            Action::ApprovalNoDecision,
            Action::NoReceipt,
            Action::Verify {
                declaration: Declaration::Payment(i64::MAX),
                accept: false,
            },
            Action::Verify {
                declaration: Declaration::Approval(i64::MAX),
                accept: true,
            },
            Action::Reschedule(WorkshopId::new(i64::MAX)),
            Action::NewWorkshop,
            Action::Seats(WorkshopId::new(i64::MAX)),
            Action::CancelWorkshop {
                workshop: WorkshopId::new(i64::MAX),
                sure: false,
            },
            Action::CancelWorkshop {
                workshop: WorkshopId::new(1),
                sure: true,
            },
            Action::KeepWorkshop(WorkshopId::new(i64::MAX)),
            Action::FormAnswer {
                workshop: WorkshopId::new(i64::MAX),
                question: 5,
                value: 6,
            },
        ]
        .into_iter()
        .chain(
            [
                DialogueButton::Default,
                DialogueButton::Time {
                    hour: 9,
                    minute: 30,
                },
                DialogueButton::Seats(1000),
                DialogueButton::Role(Role::SecretaryGeneral),
                DialogueButton::Province(i64::MAX),
                DialogueButton::WholeProvince(i64::MAX),
                DialogueButton::Commune(CommuneId::new(i64::MAX)),
                DialogueButton::Back,
                DialogueButton::Everyone,
                DialogueButton::AudienceDone,
                DialogueButton::Confirm,
                DialogueButton::EditMenu,
                DialogueButton::Edit(Field::Deadline),
                DialogueButton::Summary,
                DialogueButton::Cancel,
                DialogueButton::Version(Language::En),
                DialogueButton::ChooseAudience,
                DialogueButton::SendNow,
                DialogueButton::Schedule,
                DialogueButton::Owing,
                DialogueButton::Workshop(WorkshopId::new(i64::MAX)),
                DialogueButton::Form,
                DialogueButton::AddQuestion,
                DialogueButton::DefaultForm,
                DialogueButton::FormDone,
                DialogueButton::Scale,
                DialogueButton::Choices,
            ]
            .map(|button| Action::Dialogue {
                nonce: i64::from(u32::MAX),
                button,
            }),
        ) {
            let data = action.encode();
            assert!(data.len() <= 64);
            assert_eq!(Action::parse(&data), Some(action));
        }
    }

    #[test]
    fn foreign_payloads_are_refused() {
        for data in [
            "",
            "lang:ar",
            "2:lang:ar",
            "1:lang:xx",
            "1:stop:maybe",
            "1:stop:yes:x",
            "1:d:5:t:2500",
            "1:d:5:t:9h",
            "1:d:5:r:mayor",
            "1:d:5:e:colour",
            "1:d:5:nope",
            "1:d:x:ok",
            "1:d:5:ok:more",
        ] {
            assert_eq!(Action::parse(data), None, "{data}");
        }
    }
}
