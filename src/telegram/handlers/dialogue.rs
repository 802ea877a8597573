//! Typed replies inside an open dialogue, and `/cancel`, which leaves any dialogue.

use teloxide::prelude::*;

use super::{changes, checkin, new_workshop, workshops};
use crate::state::AppState;
use crate::store::dialogues;
use crate::telegram::dialogue::{self, Dialogue, Open};
use crate::telegram::{Actor, HandlerResult, refuse_press, say};
use crate::views::buttons::DialogueButton;

/// The open dialogue of the sender of a text message, for the update tree.
pub async fn open_for_text(state: AppState, actor: Actor, msg: Message) -> Option<(Open, String)> {
    let text = msg.text()?.to_owned();
    actor.person.as_ref()?;
    // A mistyped command (`/cancell`) is not an answer: it gets the usual "not understood".
    if text.starts_with('/') {
        return None;
    }
    let tg = actor.user.id.0 as i64;
    match dialogue::load(&state.db, tg, state.clock.now()).await {
        // A check-in code sent while a comment is awaited is a check-in, not a comment.
        Ok(Some(Open {
            dialogue: Dialogue::Comment { .. },
            ..
        })) if checkin::looks_like_code(&text).is_some() => None,
        Ok(open) => open.map(|o| (o, text)),
        Err(err) => {
            tracing::error!(error = %err, "cannot load a dialogue");
            None
        }
    }
}

/// A text while a dialogue is open goes to that dialogue.
pub async fn reply(bot: Bot, state: AppState, actor: Actor, open: (Open, String)) -> HandlerResult {
    let (open, text) = open;
    match open.dialogue {
        // Organisers' dialogues stop when the person is no longer one.
        Dialogue::NewWorkshop { .. }
        | Dialogue::WalkIn { .. }
        | Dialogue::Reschedule { .. }
        | Dialogue::Seats { .. }
            if !actor.is_organiser =>
        {
            dialogues::end(&state.db, actor.user.id.0 as i64, open.nonce).await?;
            say(&bot, &state, &actor, "organiser-only", None).await?;
            Ok(())
        }
        Dialogue::NewWorkshop { .. } => {
            new_workshop::reply(&bot, &state, &actor, open, &text).await
        }
        Dialogue::WalkIn { workshop } => {
            checkin::walk_in_search(&bot, &state, &actor, workshop, &text).await
        }
        Dialogue::Comment { workshop } => {
            workshops::comment(&bot, &state, &actor, open.nonce, workshop, &text).await
        }
        Dialogue::Seats { workshop } => {
            changes::seats_reply(&bot, &state, &actor, open.nonce, workshop, &text).await
        }
        Dialogue::Reschedule {
            workshop,
            date,
            time,
        } => {
            let change = changes::Change {
                nonce: open.nonce,
                workshop,
                date,
                time,
            };
            changes::reschedule_reply(&bot, &state, &actor, change, &text).await
        }
    }
}

/// `/cancel`: leaves the open dialogue, saying what was dropped.
pub async fn cancel(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let tg = actor.user.id.0 as i64;
    let key = match dialogue::load(&state.db, tg, state.clock.now()).await? {
        Some(open) => {
            dialogues::end(&state.db, tg, open.nonce).await?;
            match open.dialogue {
                Dialogue::NewWorkshop { .. } => "new-workshop-cancelled",
                Dialogue::WalkIn { .. } => "walk-in-cancelled",
                Dialogue::Comment { .. } => "evaluation-comment-skipped",
                Dialogue::Reschedule { .. } => "reschedule-cancelled",
                Dialogue::Seats { .. } => "seats-cancelled",
            }
        }
        None => "nothing-to-cancel",
    };
    say(&bot, &state, &actor, key, None).await?;
    Ok(())
}

/// A button bound to a dialogue: refused as stale unless that dialogue is still the open one.
pub async fn button(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    nonce: i64,
    pressed: DialogueButton,
) -> HandlerResult {
    let tg = actor.user.id.0 as i64;
    let open = dialogue::load(&state.db, tg, state.clock.now())
        .await?
        .filter(|open| open.nonce == nonce);
    match open.map(|open| open.dialogue) {
        Some(Dialogue::NewWorkshop { draft, step }) => {
            new_workshop::button(bot, state, actor, query, nonce, draft, step, pressed).await
        }
        Some(Dialogue::Reschedule {
            workshop,
            date,
            time,
        }) => {
            let change = changes::Change {
                nonce,
                workshop,
                date,
                time,
            };
            changes::reschedule_button(bot, state, actor, query, change, pressed).await
        }
        Some(Dialogue::Seats { workshop }) => {
            changes::seats_button(bot, state, actor, query, nonce, workshop, pressed).await
        }
        _ => refuse_press(bot, state, actor, query, "dialogue-stale").await,
    }
}
