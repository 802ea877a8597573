//! Joining the bot: by personal link (`/start <code>`) or by sharing one's own phone number.

use teloxide::prelude::*;
use teloxide::types::{Contact, KeyboardRemove, ReplyMarkup};

use crate::actions::Refusal;
use crate::actions::joining::{self, JoinRefusal, Joined, Newcomer};
use crate::domain::deep_link::StartPayload;
use crate::i18n::Args;
use crate::state::AppState;
use crate::telegram::menu;
use crate::telegram::{Actor, HandlerResult, describe_user, say, say_args, send_help, send_html};
use crate::views::keyboards::{language_keyboard, share_phone_keyboard};
use crate::views::text::person_title;

/// `/start [code]`.
pub async fn start(bot: Bot, state: AppState, actor: Actor, code: String) -> HandlerResult {
    let code = code.trim();
    if let Some(person) = &actor.person {
        if code.is_empty() || code == person.invite_code {
            return send_help(&bot, &state, &actor).await;
        }
        let args = Args::new().text("name", &person.full_name);
        say_args(&bot, &state, &actor, "join-already-linked", &args, None).await?;
        return Ok(());
    }
    if code.is_empty() {
        let keyboard = share_phone_keyboard(&state, actor.language);
        say(&bot, &state, &actor, "welcome-stranger", Some(keyboard)).await?;
        return Ok(());
    }
    // A check-in payload never reaches here: the router sends it to check-in.
    let newcomer = newcomer(&actor);
    let joined = match StartPayload::parse(code) {
        StartPayload::Invitation(code) => joining::by_code(&state, &newcomer, &code).await?,
        _ => Err(JoinRefusal::UnknownCode),
    };
    welcome_or_refuse(&bot, &state, &actor, &newcomer, joined, false).await
}

/// A shared contact: accepted only if it is the sender's own and in the roster.
pub async fn contact(bot: Bot, state: AppState, actor: Actor, contact: Contact) -> HandlerResult {
    let owner = contact.user_id.map(|id| id.0 as i64);
    if let (Some(person), true) = (&actor.person, owner == Some(actor.telegram_id())) {
        let args = Args::new().text("name", &person.full_name);
        let remove = ReplyMarkup::KeyboardRemove(KeyboardRemove::new());
        say_args(
            &bot,
            &state,
            &actor,
            "join-already-linked",
            &args,
            Some(remove),
        )
        .await?;
        return Ok(());
    }
    let newcomer = newcomer(&actor);
    let joined = joining::by_contact(&state, &newcomer, &contact.phone_number, owner).await?;
    welcome_or_refuse(&bot, &state, &actor, &newcomer, joined, true).await
}

/// The account trying to join, as the joining actions know it.
fn newcomer(actor: &Actor) -> Newcomer {
    Newcomer {
        telegram_user_id: actor.telegram_id(),
        language_code: actor.user.language_code.clone(),
        described: describe_user(&actor.user),
        label: actor.label(),
    }
}

/// Welcomes a person who joined (their role and body, the language question, their menu), or
/// says why they could not join.
async fn welcome_or_refuse(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    newcomer: &Newcomer,
    joined: Result<Joined, JoinRefusal>,
    via_contact: bool,
) -> HandlerResult {
    let joined = match joined {
        Ok(joined) => joined,
        Err(refusal) => {
            let markup = match refusal {
                JoinRefusal::UnknownPhone => ReplyMarkup::KeyboardRemove(KeyboardRemove::new()),
                _ => share_phone_keyboard(state, actor.language),
            };
            say(bot, state, actor, &refusal.key(), Some(markup)).await?;
            joining::refused(state, newcomer, refusal).await?;
            return Ok(());
        }
    };
    let person = &joined.person;
    let language = person.language;
    let actor = Actor {
        user: actor.user.clone(),
        language,
        is_organiser: joined.organiser,
        is_finance_officer: joined.finance_officer,
        person: Some(person.clone()),
    };
    let args = Args::new()
        .text("name", &person.full_name)
        .raw("person_title", person_title(&state.i18n, language, person));
    let remove = via_contact.then(|| ReplyMarkup::KeyboardRemove(KeyboardRemove::new()));
    say_args(bot, state, &actor, "join-welcome", &args, remove).await?;
    let prompt = state.i18n.t(language, "language-prompt");
    send_html(
        bot,
        actor.chat(),
        prompt,
        Some(language_keyboard(state, language)),
    )
    .await?;
    menu::announce_chat_commands(bot, state, actor.chat(), language, &actor.standing()).await?;
    Ok(())
}
