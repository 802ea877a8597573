//! The use-case layer: one function per thing a person does — import the roster, appoint an
//! organiser, create, move or cancel a workshop, change its seats, answer, nudge, check in,
//! rate, comment.
//!
//! Each one does the domain check, the store transaction, the outbox rows and the audit entry,
//! and returns a typed outcome or a typed refusal. Chat handlers, the command line, the demo and
//! the benchmarks call these and only render what comes back, so a refusal holds everywhere
//! alike: the command line cannot move a workshop that chat would refuse to move.

pub mod answers;
pub mod broadcasts;
pub mod checkin;
pub mod digests;
pub mod follow_up;
pub mod funding;
pub mod joining;
pub mod reports;
pub mod roster;
pub mod training;
pub mod workshops;

use crate::domain::ids::PersonId;
use crate::domain::roster::Language;

/// Who calls an action: a person of the roster writing in chat, or the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// How the audit log names them: `tg:<user id> <name>` or `cli:<user>`.
    pub label: String,
    /// Their roster entry, when they are one (the command line is not).
    pub person: Option<PersonId>,
    /// Whether they may do organisers' things. The command line is run by the administrator,
    /// who may.
    pub organiser: bool,
    /// Whether they verify what bodies declare (the Region's finance officers; the command
    /// line, whose records are verified by the Region itself).
    pub finance_officer: bool,
}

impl Caller {
    /// The command line, signed with the user who runs it.
    pub fn command_line() -> Caller {
        let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
        Caller {
            label: format!("cli:{user}"),
            person: None,
            organiser: true,
            finance_officer: true,
        }
    }
}

/// A refusal every caller shows alike: the command line in English, chat in the person's
/// language, from the same Fluent key.
pub trait Refusal {
    /// The Fluent key of the message that explains it.
    fn key(&self) -> String;

    /// The message that explains it, in a language: the key's text, with its values (a day,
    /// an amount, a reference) for a refusal that has some.
    fn message(&self, i18n: &crate::i18n::I18n, language: Language) -> String {
        i18n.t(language, &self.key())
    }
}

/// The language the command line speaks: the administration's documentation is in English.
pub const COMMAND_LINE_LANGUAGE: Language = Language::En;
