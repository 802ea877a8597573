//! Answering a workshop invitation with its buttons: I will attend / I cannot attend, then
//! an optional reason. Every press is checked against the presser and the workshop's state
//! by the domain rules; a refused press changes nothing.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::Refusal;
use crate::actions::answers::{self, AnswerRefusal};
use crate::domain::ids::WorkshopId;
use crate::domain::workshop::{EvaluationError, Seat, SeatKind};
use crate::i18n::Args;
use crate::store::dialogues;
use crate::store::roster::Person;
use crate::telegram::dialogue::{self, Dialogue};
use crate::telegram::{HandlerResult, Press, Reply, send_html};
use crate::views;
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
pub async fn rsvp(press: Press<'_>, person: &Person, pressed: Rsvp) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let Rsvp {
        workshop: workshop_id,
        yes,
        listed,
    } = pressed;
    let l = actor.language;
    let outcome = answers::answer(state, person.id, workshop_id, yes).await?;
    let Some(answered) = press.unless_refused(outcome).await? else {
        return Ok(());
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
    press.toast(&toast).await?;
    if decision.changed() {
        if listed {
            // The `/my` entry shows the answer in words too: redrawn whole.
            let (text, keyboard) = my_entry(state, l, &found, kind, now);
            press.edit(text, keyboard).await?;
        } else {
            // The buttons show the answer given, and stay to change it until the deadline.
            let keyboard = rsvp_keyboard(state, l, workshop_id, kind, false);
            press.edit_buttons(Some(keyboard)).await?;
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
        press.send(prompt, Some(markup.into())).await?;
    }
    Ok(())
}

/// The optional reason after "I cannot attend".
pub async fn reason(
    press: Press<'_>,
    person: &Person,
    workshop_id: WorkshopId,
    reason: DeclineReason,
) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let outcome = answers::give_reason(state, person.id, workshop_id, reason.code()).await?;
    if press.unless_refused(outcome).await?.is_none() {
        return Ok(());
    }
    let text = state.i18n.t(actor.language, "rsvp-reason-thanks");
    press.answer_with_edit(text, None).await
}

/// A rating, 1 to 5, by someone who came.
pub async fn rate(
    press: Press<'_>,
    person: &Person,
    workshop_id: WorkshopId,
    score: u8,
) -> HandlerResult {
    let l = press.actor.language;
    let outcome = answers::rate(press.state, person.id, workshop_id, score).await?;
    let Some(score) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    let args = Args::new().num("score", i64::from(score.get()));
    let thanks = press.state.i18n.t_args(l, "evaluation-thanks", &args);
    invite_comment(press, workshop_id, thanks).await
}

/// An answer to a question of a workshop's form, by someone who came: the next question
/// replaces this one on the message, and after the last the comment is invited.
pub async fn form_answer(
    press: Press<'_>,
    person: &Person,
    workshop_id: WorkshopId,
    question: u8,
    value: u8,
) -> HandlerResult {
    let (state, l) = (press.state, press.actor.language);
    let number = usize::from(question);
    let outcome = answers::answer_question(state, person.id, workshop_id, number, value).await?;
    let Some(progress) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    match progress.next {
        Some(next) => {
            let (html, keyboard) = views::evaluation::question_message(
                state,
                l,
                &progress.workshop,
                &progress.form,
                next,
                None,
            );
            press.answer_with_edit(html, Some(keyboard)).await
        }
        None => {
            let thanks = state.i18n.t(l, "evaluation-form-thanks");
            invite_comment(press, workshop_id, thanks).await
        }
    }
}

/// The thanks for an evaluation, and the comment invited: the next message, if they write
/// one, is their comment, or they press "No comment".
async fn invite_comment(
    press: Press<'_>,
    workshop_id: WorkshopId,
    thanks: String,
) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let l = actor.language;
    let comment = Dialogue::Comment {
        workshop: workshop_id,
    };
    dialogue::start(&state.db, actor.telegram_id(), &comment, state.clock.now()).await?;
    let text = format!("{thanks}\n{}", state.i18n.t(l, "evaluation-comment-prompt"));
    let no_comment = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        state.i18n.t(l, "button-no-comment"),
        Action::NoComment(workshop_id).encode(),
    )]]);
    press.answer_with_edit(text, Some(no_comment)).await
}

/// The comment typed after a rating.
pub async fn comment(reply: Reply<'_>, workshop_id: WorkshopId) -> HandlerResult {
    let (bot, state, actor) = (reply.bot, reply.state, reply.actor);
    let (nonce, typed) = (reply.nonce, reply.typed);
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
pub async fn no_comment(press: Press<'_>, workshop_id: WorkshopId) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let tg = actor.telegram_id();
    if let Some(open) = dialogue::load(&state.db, tg, state.clock.now()).await?
        && open.dialogue
            == (Dialogue::Comment {
                workshop: workshop_id,
            })
    {
        dialogues::end(&state.db, tg, open.nonce).await?;
    }
    press.answer().await?;
    // The thanks stay; the button goes, so it cannot be pressed twice.
    press.edit_buttons(None).await
}
