//! Which dialogue a typed text belongs to, and `/cancel`, which leaves any dialogue (as does
//! the Cancel button of a dialogue that has one). The router (`schema.rs`) hands the text to
//! the dialogue's own handler.

use teloxide::prelude::*;

use crate::domain::workshop::CheckinCode;
use crate::state::AppState;
use crate::store::dialogues;
use crate::telegram::dialogue::{self, Dialogue, Open};
use crate::telegram::{Actor, HandlerResult, Press, say};

/// The open dialogue of the sender of a text message, for the update tree. Anything else
/// (a photo, a document, a video …) goes, with its caption as the text, only to an
/// announcement being written, which may carry a photo or a document and says what it
/// cannot carry; other dialogues never see it.
pub async fn open_for_text(state: AppState, actor: Actor, msg: Message) -> Option<(Open, String)> {
    let (text, file) = match msg.text() {
        Some(text) => (text.to_owned(), false),
        None if msg.contact().is_none() => (msg.caption().unwrap_or_default().to_owned(), true),
        None => return None,
    };
    actor.person.as_ref()?;
    // A mistyped command (`/cancell`) is not an answer: it gets the usual "not understood".
    if text.starts_with('/') {
        return None;
    }
    let tg = actor.telegram_id();
    match dialogue::load(&state.db, tg, state.clock.now()).await {
        // A check-in code sent while a comment is awaited is a check-in, not a comment.
        Ok(Some(Open {
            dialogue: Dialogue::Comment { .. },
            ..
        })) if CheckinCode::parse(&text).is_some() => None,
        Ok(Some(open)) if file && !matches!(open.dialogue, Dialogue::Broadcast { .. }) => None,
        Ok(open) => open.map(|o| (o, text)),
        Err(err) => {
            tracing::error!(error = %err, "cannot load a dialogue");
            None
        }
    }
}

/// `/cancel`: leaves the open dialogue, saying what was dropped.
pub async fn cancel(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let tg = actor.telegram_id();
    let key = match dialogue::load(&state.db, tg, state.clock.now()).await? {
        Some(open) => {
            dialogues::end(&state.db, tg, open.nonce).await?;
            match open.dialogue {
                Dialogue::NewWorkshop { .. } => "new-workshop-cancelled",
                Dialogue::WalkIn { .. } => "walk-in-cancelled",
                Dialogue::Comment { .. } => "evaluation-comment-skipped",
                Dialogue::Transfer { .. } | Dialogue::Approval { .. } => {
                    "funding-transfer-cancelled"
                }
                Dialogue::RejectReason { .. } => "declaration-reject-cancelled",
                Dialogue::Reschedule { .. } => "reschedule-cancelled",
                Dialogue::Seats { .. } => "seats-cancelled",
                Dialogue::Broadcast { .. } => "broadcast-cancelled",
            }
        }
        None => "nothing-to-cancel",
    };
    say(&bot, &state, &actor, key, None).await?;
    Ok(())
}

/// The Cancel button of a dialogue: it ends, and the message the button was on says what
/// was dropped (`key`). Pressed again once it has ended, the button is stale.
pub async fn cancel_button(press: Press<'_>, nonce: i64, key: &str) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    if !dialogues::end(&state.db, actor.telegram_id(), nonce).await? {
        return press.refuse("dialogue-stale").await;
    }
    let text = state.i18n.t(actor.language, key);
    press.answer_with_edit(text, None).await
}
