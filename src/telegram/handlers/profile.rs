//! What every joined person can do: help, profile, language, unlinking.

use teloxide::prelude::*;
use teloxide::types::ChatMemberUpdated;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, ReplyMarkup};

use crate::actions;
use crate::domain::roster::Language;
use crate::i18n::Args;
use crate::state::AppState;
use crate::telegram::menu;
use crate::telegram::permissions::Standing;
use crate::telegram::{Actor, HandlerResult, Press, say, say_args, send_help};
use crate::views::buttons::Action;
use crate::views::keyboards::{language_keyboard, share_phone_keyboard};
use crate::views::text::{person_title, province_kind};

/// Tells a person who has not joined how to join.
async fn not_joined(bot: &Bot, state: &AppState, actor: &Actor) -> HandlerResult {
    let keyboard = share_phone_keyboard(state, actor.language);
    say(bot, state, actor, "not-joined", Some(keyboard)).await?;
    Ok(())
}

/// `/help`: each role sees its own commands.
pub async fn help(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    if actor.person.is_none() {
        return not_joined(&bot, &state, &actor).await;
    }
    send_help(&bot, &state, &actor).await
}

/// `/me`: the profile.
pub async fn me(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let Some(person) = &actor.person else {
        return not_joined(&bot, &state, &actor).await;
    };
    let l = actor.language;
    let args = Args::new()
        .text("name", &person.full_name)
        .raw("person_title", person_title(&state.i18n, l, person))
        .text("province", person.province.display(l))
        .choice("province_kind", province_kind(&person.province))
        .text("phone", person.phone.as_str())
        .text(
            "language",
            state.i18n.t(l, &format!("language-name-{}", l.code())),
        );
    say_args(&bot, &state, &actor, "me-profile", &args, None).await?;
    Ok(())
}

/// `/language`: the three buttons.
pub async fn language_prompt(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    if actor.person.is_none() {
        return not_joined(&bot, &state, &actor).await;
    }
    let keyboard = language_keyboard(&state, actor.language);
    say(&bot, &state, &actor, "language-prompt", Some(keyboard)).await?;
    Ok(())
}

/// `/stop`: asks before unlinking.
pub async fn stop_prompt(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    if actor.person.is_none() {
        return not_joined(&bot, &state, &actor).await;
    }
    let l = actor.language;
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::callback(
            state.i18n.t(l, "button-stop-yes"),
            Action::Stop(true).encode(),
        ),
        InlineKeyboardButton::callback(
            state.i18n.t(l, "button-stop-no"),
            Action::Stop(false).encode(),
        ),
    ]]);
    let markup = ReplyMarkup::InlineKeyboard(keyboard);
    say(&bot, &state, &actor, "stop-confirm", Some(markup)).await?;
    Ok(())
}

/// Anything else typed in a private chat.
pub async fn fallback(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    if actor.person.is_none() {
        return not_joined(&bot, &state, &actor).await;
    }
    say(&bot, &state, &actor, "unknown-input", None).await?;
    Ok(())
}

/// A language chosen with the buttons: the menu follows.
pub async fn set_language(press: Press<'_>, language: Language) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let Some(person) = &actor.person else {
        return Ok(());
    };
    actions::joining::choose_language(state, person, language).await?;
    let who = actor.standing();
    menu::announce_chat_commands(bot, state, actor.chat(), language, &who).await?;
    let text = state.i18n.t(language, "language-set");
    press.answer_with_edit(text, None).await
}

/// The answer to "unlink my account?": unlinked (the menu becomes a stranger's), or kept.
pub async fn stop(press: Press<'_>, sure: bool) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let key = if sure {
        actions::joining::leave(state, actor.telegram_id()).await?;
        let stranger = Standing::STRANGER;
        menu::announce_chat_commands(bot, state, actor.chat(), actor.language, &stranger).await?;
        "stop-done"
    } else {
        "stop-kept"
    };
    let text = state.i18n.t(actor.language, key);
    press.answer_with_edit(text, None).await
}

/// Telegram tells us a person blocked the bot (or deleted the chat): they are marked
/// unreachable at once, rather than at the next refused message, so organisers see it and
/// nothing more is queued for them. Unblocking clears it as any update from them does.
pub async fn membership(state: AppState, actor: Actor, change: ChatMemberUpdated) -> HandlerResult {
    if !change.chat.is_private() || change.new_chat_member.is_present() {
        return Ok(());
    }
    if let Some(person) = &actor.person {
        actions::roster::out_of_reach(&state, person.id).await?;
    }
    Ok(())
}
