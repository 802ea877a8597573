//! The whole update tree in one function: who may do what is readable here at a glance.

use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::utils::command::BotCommands;

use super::Actor;
use super::handlers::{checkin, dialogue, joining, new_workshop, organiser, profile, programme};
use crate::state::AppState;
use crate::telegram::tracker::UpdateTracker;

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
    /// Organisers: the latest organiser actions.
    Audit,
}

impl Command {
    /// Whether only organisers may use it.
    pub fn is_organisers_only(&self) -> bool {
        matches!(
            self,
            Command::Joined
                | Command::Audit
                | Command::Workshops
                | Command::NewWorkshop
                | Command::Checkin
        )
    }
}

async fn load_actor(state: AppState, update: Update) -> Option<Actor> {
    let user = update.from()?.clone();
    match Actor::load(&state, &user).await {
        Ok(actor) => Some(actor),
        Err(err) => {
            tracing::error!(error = %err, "cannot load the sender of an update");
            None
        }
    }
}

/// Builds the dispatcher's handler tree.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    let commands = teloxide::filter_command::<Command, _>()
        .branch(
            dptree::filter(|cmd: Command, actor: Actor| {
                cmd.is_organisers_only() && !actor.is_organiser
            })
            .endpoint(organiser::refuse),
        )
        .branch(dptree::case![Command::Start(code)].endpoint(joining::start))
        .branch(dptree::case![Command::Help].endpoint(profile::help))
        .branch(dptree::case![Command::Me].endpoint(profile::me))
        .branch(dptree::case![Command::Language].endpoint(profile::language_prompt))
        .branch(dptree::case![Command::Stop].endpoint(profile::stop_prompt))
        .branch(dptree::case![Command::My].endpoint(programme::mine))
        .branch(dptree::case![Command::History].endpoint(programme::history))
        .branch(dptree::case![Command::Cancel].endpoint(dialogue::cancel))
        .branch(dptree::case![Command::Workshops].endpoint(programme::list))
        .branch(dptree::case![Command::NewWorkshop].endpoint(new_workshop::start))
        .branch(dptree::case![Command::Checkin].endpoint(checkin::choose))
        .branch(dptree::case![Command::Joined].endpoint(organiser::joined))
        .branch(dptree::case![Command::Audit].endpoint(organiser::audit));

    let messages = Update::filter_message()
        .filter(|msg: Message| msg.chat.is_private())
        .branch(commands)
        .branch(Message::filter_contact().endpoint(joining::contact))
        // A dialogue in progress takes the text before anything else reads it.
        .branch(dptree::filter_map_async(dialogue::open_for_text).endpoint(dialogue::reply))
        .branch(
            dptree::filter_map(|msg: Message| msg.text().and_then(checkin::looks_like_code))
                .endpoint(checkin::by_code),
        )
        .branch(dptree::endpoint(profile::fallback));

    dptree::entry()
        // Held until the update is fully handled, then marks it done (see UpdateTracker).
        .map(|update: Update, tracker: UpdateTracker| tracker.guard(update.id.0 as i64))
        .filter_map_async(load_actor)
        .branch(messages)
        .branch(Update::filter_callback_query().endpoint(profile::button))
}
