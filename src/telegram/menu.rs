//! The bot's command menu, per language and per scope: each role sees only its own commands.

use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Recipient};

use crate::domain::roster::Language;
use crate::state::AppState;

/// Which menu a chat gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Not joined yet.
    Stranger,
    /// A joined official.
    Official,
    /// A joined organiser.
    Organiser,
}

/// What every joined official has in their menu.
const OFFICIAL: &[&str] = &[
    "my",
    "history",
    "my_training",
    "commune",
    "help",
    "me",
    "language",
    "stop",
];

/// What an organiser has besides.
const ORGANISER: &[&str] = &[
    "workshops",
    "new_workshop",
    "checkin",
    "joined",
    "broadcast",
    "broadcasts",
    "contributions",
    "report",
    "audit",
];

fn commands(state: &AppState, language: Language, audience: Audience) -> Vec<BotCommand> {
    let names: Vec<&str> = match audience {
        Audience::Stranger => vec!["start", "help"],
        Audience::Official => OFFICIAL.to_vec(),
        Audience::Organiser => [OFFICIAL, ORGANISER].concat(),
    };
    names
        .iter()
        .map(|name| BotCommand::new(*name, state.i18n.t(language, &format!("cmd-{name}"))))
        .collect()
}

/// The menu everybody sees before joining: in the default language, and in each language for
/// Telegram clients set to it.
pub async fn announce_default_commands(bot: &Bot, state: &AppState) -> anyhow::Result<()> {
    let default = state.settings.default_language;
    bot.set_my_commands(commands(state, default, Audience::Stranger))
        .await?;
    for language in Language::ALL {
        bot.set_my_commands(commands(state, language, Audience::Stranger))
            .language_code(language.code())
            .await?;
    }
    Ok(())
}

/// The menu of one joined person's chat, in their language.
pub async fn announce_chat_commands(
    bot: &Bot,
    state: &AppState,
    chat: ChatId,
    language: Language,
    audience: Audience,
) -> anyhow::Result<()> {
    let scope = BotCommandScope::Chat {
        chat_id: Recipient::Id(chat),
    };
    if audience == Audience::Stranger {
        bot.delete_my_commands().scope(scope).await?;
    } else {
        bot.set_my_commands(commands(state, language, audience))
            .scope(scope)
            .await?;
    }
    Ok(())
}
