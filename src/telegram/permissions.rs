//! Who may use what, in one list: every command, every button and every dialogue. The matches
//! are exhaustive, so a new command or button does not compile until it is placed here.
//!
//! The update tree checks this table before any handler runs; the actions check again that
//! organisers' things are done by organisers, so the command line and chat refuse alike.

use crate::telegram::Actor;
use crate::telegram::command::Command;
use crate::telegram::dialogue::Dialogue;
use crate::views::buttons::Action;

/// Who may use a command, a button or a dialogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Anyone who writes to the bot, strangers included (joining, the welcome).
    Anyone,
    /// A person of the roster who has joined.
    Joined,
    /// An organiser.
    Organiser,
    /// One of the Region's finance officers.
    FinanceOfficer,
    /// An organiser or a finance officer: who follows the programme's funding.
    FundingFollower,
}

impl Permission {
    /// Whether `actor` has it; `None` if so, else the Fluent key of the refusal.
    pub fn refusal(self, actor: &Actor) -> Option<&'static str> {
        match self {
            Permission::Anyone => None,
            Permission::Joined | Permission::Organiser if actor.person.is_none() => {
                Some("not-joined")
            }
            Permission::Joined => None,
            Permission::Organiser if actor.is_organiser => None,
            Permission::Organiser => Some("organiser-only"),
            Permission::FinanceOfficer if actor.is_finance_officer => None,
            Permission::FinanceOfficer => Some("finance-only"),
            Permission::FundingFollower if actor.is_organiser || actor.is_finance_officer => None,
            Permission::FundingFollower => Some("organiser-only"),
        }
    }
}

/// The commands.
pub fn command(command: &Command) -> Permission {
    match command {
        Command::Start(_) => Permission::Anyone,
        Command::Help
        | Command::Me
        | Command::Language
        | Command::Stop
        | Command::My
        | Command::History
        | Command::MyTraining
        | Command::Commune
        | Command::Cancel
        // Organisers and Secretaries-General: the action tells which charts each reads.
        | Command::Report => Permission::Joined,
        Command::Workshops
        | Command::NewWorkshop
        | Command::Checkin
        | Command::Joined
        | Command::Broadcast
        | Command::Broadcasts
        | Command::Audit => Permission::Organiser,
        Command::Declarations => Permission::FinanceOfficer,
        Command::Contributions => Permission::FundingFollower,
    }
}

/// The buttons.
pub fn button(action: &Action) -> Permission {
    match action {
        Action::SetLanguage(_)
        | Action::Stop(_)
        | Action::Rsvp { .. }
        | Action::Reason { .. }
        | Action::Rate { .. }
        | Action::FormAnswer { .. }
        | Action::NoComment(_)
        | Action::Certificate(_)
        | Action::RemindAfter(_)
        | Action::ContactOrganiser
        | Action::DeclareTransfer
        | Action::DeclareApproval
        | Action::ApprovalSession(_)
        | Action::ApprovalNoDecision
        | Action::NoReceipt
        | Action::Digest(_) => Permission::Joined,
        Action::Verify { .. } => Permission::FinanceOfficer,
        Action::ProvinceFunding(_) => Permission::FundingFollower,
        Action::Details(_)
        | Action::Nudge(_)
        | Action::OpenCheckin(_)
        | Action::RollCall(_)
        | Action::Mark { .. }
        | Action::Dialogue { .. }
        | Action::NewWorkshop
        | Action::Reschedule(_)
        | Action::Seats(_)
        | Action::CancelWorkshop { .. }
        | Action::CancelBroadcast(_)
        | Action::KeepWorkshop(_)
        | Action::WalkIn(_)
        | Action::AddWalkIn { .. } => Permission::Organiser,
    }
}

/// The dialogues: a person who is no longer an organiser cannot go on with an organiser's
/// dialogue they started.
pub fn dialogue(dialogue: &Dialogue) -> Permission {
    match dialogue {
        Dialogue::Comment { .. } | Dialogue::Transfer { .. } | Dialogue::Approval { .. } => {
            Permission::Joined
        }
        Dialogue::RejectReason { .. } => Permission::FinanceOfficer,
        Dialogue::NewWorkshop { .. }
        | Dialogue::WalkIn { .. }
        | Dialogue::Reschedule { .. }
        | Dialogue::Seats { .. }
        | Dialogue::Broadcast { .. } => Permission::Organiser,
    }
}
