//! A president's funding: their body's status with `/commune`, and their answers to a
//! reminder. They always answer for their own body, whatever a button says.

use teloxide::prelude::*;

use crate::actions::Refusal;
use crate::actions::funding::{self, AnswerRefusal};
use crate::i18n::{Args, strip_bidi};
use crate::state::AppState;
use crate::store;
use crate::store::roster::Person;
use crate::telegram::{Actor, HandlerResult, edit_html, refuse_with, say, send_html};
use crate::views;
use crate::views::text::place_label;

/// `/commune`: the body's agreement and contribution in one message, with the answer buttons
/// for its president.
pub async fn commune(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let Some(person) = &actor.person else {
        return Ok(());
    };
    let Some(body) = person.body_id else {
        say(
            &bot,
            &state,
            &actor,
            AnswerRefusal::NoBody.key().as_str(),
            None,
        )
        .await?;
        return Ok(());
    };
    let Some(record) = store::funding::records(&state.db, None)
        .await?
        .into_iter()
        .find(|r| r.id == body)
    else {
        say(&bot, &state, &actor, "funding-no-body", None).await?;
        return Ok(());
    };
    let l = actor.language;
    let name = place_label(&state, l, &record.province, Some(&record.body));
    let president = person.role == crate::domain::roster::Role::President;
    let (html, keyboard) = views::funding::status(&state, l, &name, &record.funding, president);
    send_html(&bot, actor.chat(), html, keyboard.map(Into::into)).await?;
    Ok(())
}

/// "Remind me in a week / two weeks".
pub async fn remind_after(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    person: &Person,
    query: &CallbackQuery,
    days: u8,
) -> HandlerResult {
    let until = match funding::remind_after(state, person, days).await? {
        Ok(until) => until,
        Err(refusal) => return refuse_with(bot, state, actor, query, &refusal).await,
    };
    let l = actor.language;
    let args = Args::new().text("date", state.i18n.format_date(l, until));
    let text = state.i18n.t_args(l, "funding-promise-done", &args);
    bot.answer_callback_query(query.id.clone())
        .text(strip_bidi(&text))
        .await?;
    edit_html(bot, query, text, None).await?;
    Ok(())
}

/// "Please contact me".
pub async fn contact(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    person: &Person,
    query: &CallbackQuery,
) -> HandlerResult {
    if let Err(refusal) = funding::contact_organiser(state, person).await? {
        return refuse_with(bot, state, actor, query, &refusal).await;
    }
    let text = state.i18n.t(actor.language, "funding-contact-done");
    bot.answer_callback_query(query.id.clone())
        .text(strip_bidi(&text))
        .await?;
    Ok(())
}
