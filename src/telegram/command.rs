//! The commands Takwin understands. Who may use each is in `permissions.rs`; where each goes,
//! in `schema.rs`; their descriptions in the menu come from the translations (`menu.rs`).

use teloxide::utils::command::BotCommands;

/// The commands Takwin understands. Their descriptions in the menu come from the
/// translations ([`super::menu`]), not from here.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "snake_case")]
pub enum Command {
    /// Join with a personal code, or see the welcome.
    Start(String),
    /// What I can do.
    Help,
    /// My profile.
    Me,
    /// Change my language.
    Language,
    /// Unlink my account.
    Stop,
    /// My upcoming workshops and my answers.
    My,
    /// The workshops I attended or missed.
    History,
    /// My training record: the workshops I attended, the hours, my certificates.
    MyTraining,
    /// My commune's funding: the agreement and the contribution.
    Commune,
    /// Leave the dialogue in progress.
    Cancel,
    /// Organisers: upcoming workshops with live counts.
    Workshops,
    /// Organisers: create a workshop, one question at a time.
    NewWorkshop,
    /// Organisers: open check-in for today's workshop.
    Checkin,
    /// Organisers: who has joined, per commune.
    Joined,
    /// Organisers and finance officers: funding per province.
    Contributions,
    /// Finance officers: the declarations awaiting verification.
    Declarations,
    /// Organisers: write an announcement, preview it, send or schedule it.
    Broadcast,
    /// Organisers: the announcements sent and scheduled, with their figures.
    Broadcasts,
    /// Organisers: the latest organiser actions.
    Audit,
    /// Organisers (the Region) and Secretaries-General (their province): the charts of the
    /// programme, now.
    Report,
}
