//! What every joined person can do: help, profile, language, unlinking — and the buttons.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, ReplyMarkup};

use super::{changes, checkin, dialogue, new_workshop, programme, workshops};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::roster;
use crate::telegram::menu::{self, Audience};
use crate::telegram::{Actor, HandlerResult, alert, edit_html, say, say_args};
use crate::views::buttons::Action;
use crate::views::keyboards::{language_keyboard, share_phone_keyboard};
use crate::views::text::place_label;

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
    let key = if actor.is_organiser {
        "help-organiser"
    } else {
        "help-official"
    };
    say(&bot, &state, &actor, key, None).await?;
    Ok(())
}

/// `/me`: the profile.
pub async fn me(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let Some(person) = &actor.person else {
        return not_joined(&bot, &state, &actor).await;
    };
    let l = actor.language;
    let args = Args::new()
        .text("name", &person.full_name)
        .text(
            "role",
            state.i18n.t(l, &format!("role-{}", person.role.code())),
        )
        .text(
            "body",
            place_label(&state, l, &person.province, person.body.as_ref()),
        )
        .text("province", person.province.display(l))
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

/// A button press: parsed, checked against the presser, then done.
pub async fn button(
    bot: Bot,
    state: AppState,
    actor: Actor,
    query: CallbackQuery,
) -> HandlerResult {
    let action = query.data.as_deref().and_then(Action::parse);
    let (Some(action), Some(person)) = (action, actor.person.as_ref()) else {
        let key = if actor.person.is_none() {
            "not-joined"
        } else {
            "button-stale"
        };
        return alert(&bot, &query, &state.i18n.t(actor.language, key)).await;
    };
    let now = state.clock.now();
    let (language, key) = match action {
        Action::Rsvp {
            workshop,
            yes,
            listed,
        } => {
            let answer = workshops::Rsvp {
                workshop,
                yes,
                listed,
            };
            return workshops::rsvp(&bot, &state, &actor, person, &query, answer).await;
        }
        Action::Details(_)
        | Action::Nudge(_)
        | Action::OpenCheckin(_)
        | Action::RollCall(_)
        | Action::Mark { .. }
        | Action::Dialogue { .. }
        | Action::WalkIn(_)
        | Action::AddWalkIn { .. }
        | Action::Reschedule(_)
        | Action::NewWorkshop
        | Action::Seats(_)
        | Action::CancelWorkshop { .. }
        | Action::KeepWorkshop(_)
            if !actor.is_organiser =>
        {
            return alert(
                &bot,
                &query,
                &state.i18n.t(actor.language, "organiser-only"),
            )
            .await;
        }
        Action::Details(workshop) => {
            return programme::details(&bot, &state, &actor, &query, workshop).await;
        }
        Action::Nudge(workshop) => {
            return programme::nudge_pending(&bot, &state, &actor, &query, workshop).await;
        }
        Action::OpenCheckin(workshop) => {
            return checkin::open(&bot, &state, &actor, &query, workshop).await;
        }
        Action::RollCall(workshop) => {
            return checkin::roll_call(&bot, &state, &actor, &query, workshop, None).await;
        }
        Action::Mark { workshop, person } => {
            return checkin::roll_call(&bot, &state, &actor, &query, workshop, Some(person)).await;
        }
        Action::Dialogue { nonce, button } => {
            return dialogue::button(&bot, &state, &actor, &query, nonce, button).await;
        }
        Action::WalkIn(workshop) => {
            return checkin::walk_in_prompt(&bot, &state, &actor, &query, workshop).await;
        }
        Action::AddWalkIn { workshop, person } => {
            return checkin::add_walk_in(&bot, &state, &actor, &query, workshop, person).await;
        }
        Action::NewWorkshop => {
            bot.answer_callback_query(query.id.clone()).await?;
            return new_workshop::start(bot, state, actor).await;
        }
        Action::Seats(workshop) => {
            return changes::seats_start(&bot, &state, &actor, &query, workshop).await;
        }
        Action::Reschedule(workshop) => {
            return changes::reschedule_start(&bot, &state, &actor, &query, workshop).await;
        }
        Action::CancelWorkshop { workshop, sure } => {
            return changes::cancel(&bot, &state, &actor, &query, workshop, sure).await;
        }
        Action::KeepWorkshop(_) => {
            return changes::keep(&bot, &state, &actor, &query).await;
        }
        Action::NoComment(workshop) => {
            return workshops::no_comment(&bot, &state, &actor, &query, workshop).await;
        }
        Action::Rate { workshop, score } => {
            return workshops::rate(&bot, &state, &actor, person, &query, workshop, score).await;
        }
        Action::Reason { workshop, reason } => {
            return workshops::reason(&bot, &state, &actor, person, &query, workshop, reason).await;
        }
        Action::SetLanguage(language) => {
            roster::set_language(&state.db, person.id, language, now).await?;
            let audience = if actor.is_organiser {
                Audience::Organiser
            } else {
                Audience::Official
            };
            menu::announce_chat_commands(&bot, &state, actor.chat(), language, audience).await?;
            (language, "language-set")
        }
        Action::Stop(true) => {
            roster::unlink(&state.db, actor.user.id.0 as i64, now).await?;
            menu::announce_chat_commands(
                &bot,
                &state,
                actor.chat(),
                actor.language,
                Audience::Stranger,
            )
            .await?;
            (actor.language, "stop-done")
        }
        Action::Stop(false) => (actor.language, "stop-kept"),
    };
    bot.answer_callback_query(query.id.clone()).await?;
    edit_html(&bot, &query, state.i18n.t(language, key), None).await?;
    Ok(())
}
