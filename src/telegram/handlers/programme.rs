//! Looking at workshops: organisers see live counts per workshop and per commune and can
//! nudge those who have not answered; officials see their own upcoming workshops.

use teloxide::prelude::*;

use crate::actions;
use crate::domain::ids::WorkshopId;
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::{self, workshops};
use crate::telegram::{Actor, HandlerResult, Press, say, send_html, unless_refused};
use crate::views::follow_up;
use crate::views::workshop::my_entry;

/// How many upcoming workshops `/my` shows, one message each.
const SHOWN_MINE: usize = 10;

/// `/workshops` (organisers): upcoming and recent workshops with their counts, a button each.
pub async fn list(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let outcome = actions::follow_up::workshops(&state, &actor.caller()).await?;
    let Some(listed) = unless_refused(&bot, &state, &actor, outcome).await? else {
        return Ok(());
    };
    let (text, markup) = follow_up::workshops(&state, actor.language, &listed);
    send_html(&bot, actor.chat(), text, Some(markup.into())).await?;
    Ok(())
}

/// The live counts of one workshop, per commune, with the nudge button.
pub async fn details(press: Press<'_>, workshop_id: WorkshopId) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let outcome = actions::follow_up::workshop_details(state, &actor.caller(), workshop_id).await?;
    let Some(details) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    press.answer().await?;
    let (text, markup) = follow_up::workshop_details(state, actor.language, &details);
    press.send(text, markup.map(Into::into)).await
}

/// The nudge button: reminds those who have not answered, once a day at most.
pub async fn nudge_pending(press: Press<'_>, workshop_id: WorkshopId) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let outcome = actions::workshops::nudge(state, &actor.caller(), workshop_id).await?;
    let Some(queued) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    let args = Args::new().num("count", queued as i64);
    press
        .toast(&state.i18n.t_args(actor.language, "nudge-queued", &args))
        .await
}

/// `/my` (officials): my upcoming workshops and my answers.
pub async fn mine(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let Some(person) = &actor.person else {
        say(&bot, &state, &actor, "not-joined", None).await?;
        return Ok(());
    };
    let l = actor.language;
    let now = state.clock.now();
    let upcoming = store::follow_up::upcoming_for(&state.db, person.id, now).await?;
    if upcoming.is_empty() {
        say(&bot, &state, &actor, "my-empty", None).await?;
        return Ok(());
    }
    // One message per workshop, so each carries its own answer buttons.
    for (w, seat) in upcoming.iter().take(SHOWN_MINE) {
        let (text, keyboard) = my_entry(&state, l, w, *seat, now);
        send_html(&bot, actor.chat(), text, keyboard.map(Into::into)).await?;
    }
    if upcoming.len() > SHOWN_MINE {
        let args = Args::new().num("count", (upcoming.len() - SHOWN_MINE) as i64);
        send_html(
            &bot,
            actor.chat(),
            state.i18n.t_args(l, "my-more", &args),
            None,
        )
        .await?;
    }
    Ok(())
}

/// `/history` (officials): the workshops I was invited to, and whether I came.
pub async fn history(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let Some(person) = &actor.person else {
        say(&bot, &state, &actor, "not-joined", None).await?;
        return Ok(());
    };
    let l = actor.language;
    let past = workshops::history(&state.db, person.id, state.clock.now()).await?;
    if past.is_empty() {
        say(&bot, &state, &actor, "history-empty", None).await?;
        return Ok(());
    }
    let text = crate::views::workshop::history(&state, l, &past);
    send_html(&bot, actor.chat(), text, None).await?;
    Ok(())
}
