//! Answering a workshop invitation with its buttons: I will attend / I cannot attend, then
//! an optional reason. Every press is checked against the presser and the workshop's state
//! by the domain rules; a refused press changes nothing.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::Refusal;
use crate::actions::answers::{self, AnswerRefusal};
use crate::domain::ids::WorkshopId;
use crate::domain::workshop::{EvaluationError, Seat, SeatKind};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::dialogues;
use crate::store::roster::Person;
use crate::telegram::dialogue::{self, Dialogue};
use crate::telegram::{Actor, HandlerResult, answer_with_edit, edit_html, refuse_with, send_html};
use crate::views::buttons::{Action, DeclineReason};
use crate::views::keyboards::rsvp_keyboard;
use crate::views::workshop::my_entry;

/// A press on "I will attend" / "I cannot attend".
#[derive(Debug, Clone, Copy)]
pub struct Rsvp {
    /// The workshop.
    pub workshop: WorkshopId,
    /// Yes or no.
    pub yes: bool,
    /// Pressed in `/my` rather than on the invitation.
    pub listed: bool,
}

/// "I will attend" / "I cannot attend", on an invitation or in `/my`.
pub async fn rsvp(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    person: &Person,
    query: &CallbackQuery,
    pressed: Rsvp,
) -> HandlerResult {
    let Rsvp {
        workshop: workshop_id,
        yes,
        listed,
    } = pressed;
    let l = actor.language;
    let answered = match answers::answer(state, person.id, workshop_id, yes).await? {
        Ok(answered) => answered,
        Err(refusal) => return refuse_with(bot, state, actor, query, &refusal).await,
    };
    let (decision, found) = (answered.decision, answered.workshop);
    let now = state.clock.now();
    let (toast, kind) = match decision.seat {
        Seat::Confirmed => (state.i18n.t(l, "rsvp-confirmed"), SeatKind::Confirmed),
        Seat::Waiting { position } => {
            let args = Args::new().num("position", i64::from(position));
            (
                state.i18n.t_args(l, "rsvp-waiting", &args),
                SeatKind::Waiting,
            )
        }
        Seat::Declined | Seat::NoAnswer => (state.i18n.t(l, "rsvp-declined"), SeatKind::Declined),
    };
    bot.answer_callback_query(query.id.clone())
        .text(crate::i18n::strip_bidi(&toast))
        .await?;
    if let Some(message) = &query.message
        && decision.changed()
    {
        if listed {
            // The `/my` entry shows the answer in words too: redrawn whole.
            let (text, keyboard) = my_entry(state, l, &found, kind, now);
            edit_html(bot, query, text, keyboard).await?;
        } else {
            // The buttons show the answer given, and stay to change it until the deadline.
            let keyboard = rsvp_keyboard(state, l, workshop_id, kind, false);
            bot.edit_message_reply_markup(message.chat().id, message.id())
                .reply_markup(keyboard)
                .await?;
        }
    }
    if decision.changed() && matches!(decision.seat, Seat::Declined) {
        let buttons = DeclineReason::ALL
            .iter()
            .map(|&reason| {
                let label = state.i18n.t(l, &format!("button-reason-{}", reason.code()));
                let data = Action::Reason {
                    workshop: workshop_id,
                    reason,
                }
                .encode();
                vec![InlineKeyboardButton::callback(label, data)]
            })
            .collect::<Vec<_>>();
        let markup = InlineKeyboardMarkup::new(buttons);
        let prompt = state.i18n.t(l, "rsvp-reason-prompt");
        send_html(bot, actor.chat(), prompt, Some(markup.into())).await?;
    }
    Ok(())
}

/// The optional reason after "I cannot attend".
pub async fn reason(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    person: &Person,
    query: &CallbackQuery,
    workshop_id: WorkshopId,
    reason: DeclineReason,
) -> HandlerResult {
    if let Err(refusal) = answers::give_reason(state, person.id, workshop_id, reason.code()).await?
    {
        return refuse_with(bot, state, actor, query, &refusal).await;
    }
    let text = state.i18n.t(actor.language, "rsvp-reason-thanks");
    answer_with_edit(bot, query, text, None).await
}

/// A rating, 1 to 5, by someone who came.
pub async fn rate(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    person: &Person,
    query: &CallbackQuery,
    workshop_id: WorkshopId,
    score: u8,
) -> HandlerResult {
    let l = actor.language;
    let score = match answers::rate(state, person.id, workshop_id, score).await? {
        Ok(score) => score.get(),
        Err(refusal) => return refuse_with(bot, state, actor, query, &refusal).await,
    };
    let now = state.clock.now();
    // The next message, if they write one, is their comment.
    let comment = Dialogue::Comment {
        workshop: workshop_id,
    };
    dialogue::start(&state.db, actor.telegram_id(), &comment, now).await?;
    let args = Args::new().num("score", i64::from(score));
    let text = format!(
        "{}\n{}",
        state.i18n.t_args(l, "evaluation-thanks", &args),
        state.i18n.t(l, "evaluation-comment-prompt")
    );
    let no_comment = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        state.i18n.t(l, "button-no-comment"),
        Action::NoComment(workshop_id).encode(),
    )]]);
    answer_with_edit(bot, query, text, Some(no_comment)).await
}

/// The comment typed after a rating.
pub async fn comment(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    workshop_id: WorkshopId,
    typed: &str,
) -> HandlerResult {
    let Some(person) = &actor.person else {
        return Ok(());
    };
    let l = actor.language;
    // The dialogue ends first: of the same comment sent twice, one is taken.
    let tg = actor.telegram_id();
    let saved = match answers::comment(state, person.id, workshop_id, typed).await? {
        Err(AnswerRefusal::Evaluation(error)) => {
            // Asked again: the dialogue stays open for a shorter comment.
            let args = match &error {
                EvaluationError::CommentTooLong { chars, max } => Args::new()
                    .num("chars", *chars as i64)
                    .num("max", *max as i64),
                EvaluationError::BadScore { input } => Args::new().text("input", input),
                EvaluationError::CommentControlCharacter { .. }
                | EvaluationError::CommentBidiControl { .. }
                | EvaluationError::CommentInvisible => Args::new(),
            };
            let key = format!("evaluation-error-{}", error.code());
            send_html(bot, actor.chat(), state.i18n.t_args(l, &key, &args), None).await?;
            return Ok(());
        }
        other => other,
    };
    if !dialogues::end(&state.db, tg, nonce).await? {
        return Ok(());
    }
    let key = match saved {
        Ok(()) => "evaluation-comment-thanks".to_owned(),
        Err(refusal) => refusal.key(),
    };
    send_html(bot, actor.chat(), state.i18n.t(l, &key), None).await?;
    Ok(())
}

/// "No comment" under the thanks for a rating.
pub async fn no_comment(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: WorkshopId,
) -> HandlerResult {
    let tg = actor.telegram_id();
    if let Some(open) = dialogue::load(&state.db, tg, state.clock.now()).await?
        && open.dialogue
            == (Dialogue::Comment {
                workshop: workshop_id,
            })
    {
        dialogues::end(&state.db, tg, open.nonce).await?;
    }
    bot.answer_callback_query(query.id.clone()).await?;
    if let Some(message) = &query.message {
        // The thanks stay; the button goes, so it cannot be pressed twice.
        bot.edit_message_reply_markup(message.chat().id, message.id())
            .await?;
    }
    Ok(())
}
