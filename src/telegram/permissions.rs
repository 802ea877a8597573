//! Who may use what, in one list: every command, every button and every dialogue. The matches
//! are exhaustive, so a new command or button does not compile until it is placed here.
//!
//! The update tree checks this table before any handler runs; the actions check again that
//! organisers' things are done by organisers, so the command line and chat refuse alike.

use crate::domain::roster::{BodyKind, Role};
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
    /// An organiser (the whole programme) or a province's Secretary-General (their
    /// province): who reads the programme's charts.
    ReportReader,
    /// A joined person who belongs to a commune or a council: its funding is theirs to see.
    BodyMember,
}

/// What the table looks at in a person: whether they joined (their role), their body, their
/// appointments. What each person may use follows from it alone, and so do their `/help` and
/// their command menu (`menu.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// Their role in the roster, once joined; `None` for someone who has not joined.
    pub role: Option<Role>,
    /// The kind of commune or council they belong to, if any.
    pub body: Option<BodyKind>,
    /// Whether they are one of the programme's organisers.
    pub organiser: bool,
    /// Whether they are one of the Region's finance officers.
    pub finance_officer: bool,
}

impl Standing {
    /// Someone who has not joined.
    pub const STRANGER: Standing = Standing {
        role: None,
        body: None,
        organiser: false,
        finance_officer: false,
    };

    /// Whether they joined.
    pub fn joined(&self) -> bool {
        self.role.is_some()
    }

    /// Whether they are a province's (or prefecture's) Secretary-General.
    pub fn secretary_general(&self) -> bool {
        self.role == Some(Role::SecretaryGeneral)
    }
}

impl Permission {
    /// Whether `actor` has it; `None` if so, else the Fluent key of the refusal.
    pub fn refusal(self, actor: &Actor) -> Option<&'static str> {
        self.refusal_to(&actor.standing())
    }

    /// Whether someone of this standing has it; `None` if so, else the Fluent key of the
    /// refusal.
    pub fn refusal_to(self, who: &Standing) -> Option<&'static str> {
        match self {
            Permission::Anyone => None,
            Permission::Joined
            | Permission::Organiser
            | Permission::ReportReader
            | Permission::BodyMember
                if !who.joined() =>
            {
                Some("not-joined")
            }
            Permission::Joined => None,
            Permission::Organiser if who.organiser => None,
            Permission::Organiser => Some("organiser-only"),
            Permission::FinanceOfficer if who.finance_officer => None,
            Permission::FinanceOfficer => Some("finance-only"),
            Permission::FundingFollower if who.organiser || who.finance_officer => None,
            Permission::FundingFollower => Some("organiser-only"),
            Permission::ReportReader if who.organiser || who.secretary_general() => None,
            Permission::ReportReader => Some("report-readers-only"),
            Permission::BodyMember if who.body.is_some() => None,
            Permission::BodyMember => Some("funding-no-body"),
        }
    }
}

/// The commands.
pub fn command(command: &Command) -> Permission {
    match command {
        // `/help` answers a stranger too: with how to join.
        Command::Start(_) | Command::Help => Permission::Anyone,
        Command::Me
        | Command::Language
        | Command::Stop
        | Command::My
        | Command::History
        | Command::MyTraining
        | Command::Cancel => Permission::Joined,
        // The funding of the commune or council one belongs to.
        Command::Commune => Permission::BodyMember,
        // Organisers and Secretaries-General: the action tells which charts each reads.
        Command::Report => Permission::ReportReader,
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
