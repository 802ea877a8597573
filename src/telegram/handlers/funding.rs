//! A president's funding: their body's status with `/commune`, and their answers to a
//! reminder. They always answer for their own body, whatever a button says.

use chrono::NaiveDate;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ParseMode};

use crate::actions::Refusal;
use crate::actions::funding::{self, AnswerRefusal, Recording, TextField};
use crate::actions::reports;

use crate::domain::funding::{CouncilSession, Declaration};
use crate::domain::money::Money;
use crate::domain::roster::{BodyKind, Language};
use crate::i18n::{Args, strip_bidi};
use crate::state::AppState;
use crate::store;
use crate::store::dialogues;
use crate::store::funding::Declared;
use crate::store::roster::Person;
use crate::telegram::dialogue::{self, Dialogue, Open};
use crate::telegram::{Actor, HandlerResult, Press, Reply, say, send_html, unless_refused};
use crate::views;
use crate::views::buttons::Action;
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
    let instructions = store::funding::payment_instructions(&state.db, l).await?;
    let reader = views::funding::Reader {
        person,
        letter: false,
        lead: None,
        instructions: instructions.as_deref(),
    };
    let (html, keyboard) = views::funding::status(&state, l, &name, &record.funding, reader);
    send_html(&bot, actor.chat(), html, keyboard.map(Into::into)).await?;
    Ok(())
}

/// "Remind me in a week / two weeks".
pub async fn remind_after(press: Press<'_>, person: &Person, days: u8) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let outcome = funding::remind_after(state, person, days).await?;
    let Some(until) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    let l = actor.language;
    let args = Args::new().text("date", state.i18n.format_date(l, until));
    let text = state.i18n.t_args(l, "funding-promise-done", &args);
    press.toast(&text).await?;
    press.edit(text, None).await
}

/// "Please contact me".
pub async fn contact(press: Press<'_>, person: &Person) -> HandlerResult {
    let outcome = funding::contact_organiser(press.state, person).await?;
    if press.unless_refused(outcome).await?.is_none() {
        return Ok(());
    }
    let text = press
        .state
        .i18n
        .t(press.actor.language, "funding-contact-done");
    press.toast(&text).await
}

/// What a president declares from a reminder or `/commune`, each in a dialogue of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declare {
    /// "Transfer made": the amount is asked, then the reference, then the receipt.
    Transfer,
    /// "Approved by the council": the day of the vote is asked, then the session, then the
    /// decision's number.
    Approval,
}

/// Starts a president's declaration with its first question. Only a president declares, and
/// for their own body; an approval only while one may still be declared.
pub async fn declare_start(press: Press<'_>, person: &Person, declare: Declare) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let (declaring, question) = match declare {
        Declare::Transfer => {
            let transfer = Dialogue::Transfer {
                amount: None,
                reference: None,
            };
            (transfer, "funding-transfer-ask-amount")
        }
        Declare::Approval => {
            if let Err(refusal) = funding::may_declare_approval(state, person).await? {
                if let funding::RecordRefusal::Answer(refusal) = refusal {
                    return press.refuse_with(&refusal).await;
                }
                // Too long for an alert: the press is answered, the reason comes as a message.
                press.answer().await?;
                let text = refusal.message(&state.i18n, actor.language);
                return press.send(text, None).await;
            }
            let approval = Dialogue::Approval {
                approved_on: None,
                session: None,
            };
            (approval, "funding-approval-ask-date")
        }
    };
    if person.role != crate::domain::roster::Role::President || person.body_id.is_none() {
        return press.refuse_with(&AnswerRefusal::NotPresident).await;
    }
    let now = state.clock.now();
    dialogue::start(&state.db, actor.telegram_id(), &declaring, now).await?;
    press.answer().await?;
    say(bot, state, actor, question, None).await?;
    Ok(())
}

/// The amount, then the reference, typed while declaring a transfer (the dialogue's nonce
/// and its `Dialogue::Transfer` answers so far); then the receipt's photo is asked (text
/// then asks it again).
pub async fn transfer_reply(
    reply: Reply<'_>,
    amount: Option<Money>,
    reference: Option<String>,
) -> HandlerResult {
    let (bot, state, actor) = (reply.bot, reply.state, reply.actor);
    let (nonce, typed) = (reply.nonce, reply.typed);
    let l = actor.language;
    let Some(amount) = amount else {
        match Money::parse(typed) {
            Ok(amount) => {
                let next = Dialogue::Transfer {
                    amount: Some(amount),
                    reference: None,
                };
                keep(state, actor, nonce, next).await?;
                say(bot, state, actor, "funding-transfer-ask-reference", None).await?;
            }
            Err(error) => {
                // Asked again, with what is wrong.
                let reason = state.i18n.t(l, &format!("money-error-{}", error.code()));
                ask_again(
                    bot,
                    state,
                    actor,
                    &reason,
                    "funding-transfer-ask-amount",
                    None,
                )
                .await?;
            }
        }
        return Ok(());
    };
    if reference.is_some() {
        return ask_receipt(bot, state, actor).await;
    }
    let Some(person) = &actor.person else {
        return Ok(());
    };
    // Checked before the receipt is asked: a reference refused, or a transfer recorded
    // already, is said at once, and the amount is kept.
    let reference = match funding::check_transfer(state, person, amount, typed).await? {
        Ok(Recording::Recorded(transfer)) => transfer.reference,
        Ok(Recording::Already(transfer)) => {
            dialogues::end(&state.db, actor.telegram_id(), nonce).await?;
            let transfer = Declaring::Transfer(transfer);
            return tell(bot, state, actor, &transfer, true).await;
        }
        Err(refusal) => {
            let why = refusal.message(&state.i18n, l);
            return ask_again(
                bot,
                state,
                actor,
                &why,
                "funding-transfer-ask-reference",
                None,
            )
            .await;
        }
    };
    let next = Dialogue::Transfer {
        amount: Some(amount),
        reference: Some(reference),
    };
    keep(state, actor, nonce, next).await?;
    ask_receipt(bot, state, actor).await
}

/// Saves how far a declaration got: the answers so far, under the dialogue's nonce.
async fn keep(state: &AppState, actor: &Actor, nonce: i64, dialogue: Dialogue) -> HandlerResult {
    let next = Open { nonce, dialogue };
    dialogue::save(&state.db, actor.telegram_id(), &next, state.clock.now()).await?;
    Ok(())
}

/// Asks a question of a declaration again, after what was wrong with the answer; every
/// step of both declarations says it the same way.
async fn ask_again(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    why: &str,
    question: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> HandlerResult {
    let ask = state.i18n.t(actor.language, question);
    let text = format!("⚠️ {why}\n{ask}");
    send_html(bot, actor.chat(), text, keyboard.map(Into::into)).await?;
    Ok(())
}

/// Asks for a photo of the receipt, with a button for none.
async fn ask_receipt(bot: &Bot, state: &AppState, actor: &Actor) -> HandlerResult {
    ask_optional(
        bot,
        state,
        actor,
        "funding-transfer-ask-receipt",
        "button-funding-no-receipt",
        Action::NoReceipt,
    )
    .await
}

/// Asks for something optional, with one button to go on without it.
async fn ask_optional(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    question: &str,
    skip: &str,
    action: Action,
) -> HandlerResult {
    let l = actor.language;
    let none = InlineKeyboardButton::callback(strip_bidi(&state.i18n.t(l, skip)), action.encode());
    let keyboard = InlineKeyboardMarkup::new(vec![vec![none]]);
    send_html(
        bot,
        actor.chat(),
        state.i18n.t(l, question),
        Some(keyboard.into()),
    )
    .await?;
    Ok(())
}

/// The open transfer declaration waiting for its receipt: its nonce, amount and reference.
async fn awaiting_receipt(
    state: &AppState,
    actor: &Actor,
) -> anyhow::Result<Option<(i64, Money, String)>> {
    let open = dialogue::load(&state.db, actor.telegram_id(), state.clock.now()).await?;
    Ok(match open {
        Some(Open {
            nonce,
            dialogue:
                Dialogue::Transfer {
                    amount: Some(amount),
                    reference: Some(reference),
                },
        }) => Some((nonce, amount, reference)),
        _ => None,
    })
}

/// A photo sent while a transfer's receipt is awaited: the declaration and the photo's file
/// (its largest size). Any other photo goes on to the usual "not understood".
pub async fn receipt_awaited(
    state: AppState,
    actor: Actor,
    msg: Message,
) -> Option<(i64, Money, String, String)> {
    let photo = msg.photo()?.iter().max_by_key(|p| p.width * p.height)?;
    actor.person.as_ref()?;
    match awaiting_receipt(&state, &actor).await {
        Ok(Some((nonce, amount, reference))) => {
            Some((nonce, amount, reference, photo.file.id.0.clone()))
        }
        Ok(None) => None,
        Err(err) => {
            tracing::error!(error = %err, "cannot load a dialogue");
            None
        }
    }
}

/// The receipt's photo: the transfer is declared with it.
pub async fn receipt(
    bot: Bot,
    state: AppState,
    actor: Actor,
    awaited: (i64, Money, String, String),
) -> HandlerResult {
    let (nonce, amount, reference, photo) = awaited;
    let transfer = Declaring::Transfer(funding::Transfer {
        amount,
        reference,
        receipt: Some(photo),
    });
    finish_declaring(&bot, &state, &actor, nonce, &transfer).await
}

/// "No receipt": the transfer is declared without a photo.
pub async fn no_receipt(press: Press<'_>) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let Some((nonce, amount, reference)) = awaiting_receipt(state, actor).await? else {
        return press.refuse("dialogue-stale").await;
    };
    press.answer().await?;
    let transfer = Declaring::Transfer(funding::Transfer {
        amount,
        reference,
        receipt: None,
    });
    finish_declaring(bot, state, actor, nonce, &transfer).await
}

/// A declaration whose dialogue is answered: a transfer or a council's approval.
/// [`finish_declaring`] does the rest alike for both; what differs is said here.
enum Declaring {
    /// A transfer, its receipt's photo or none.
    Transfer(funding::Transfer),
    /// A council's vote approving the agreement.
    Approval(funding::CouncilVote),
}

impl Declaring {
    /// Declares it for the president's body.
    async fn declare(
        &self,
        state: &AppState,
        person: &Person,
    ) -> anyhow::Result<Result<Recording<()>, funding::RecordRefusal>> {
        match self {
            Declaring::Transfer(transfer) => {
                funding::declare_transfer(state, person, transfer).await
            }
            Declaring::Approval(vote) => funding::declare_approval(state, person, vote).await,
        }
    }

    /// What is said once it is declared, or (`already`) when it stands declared already,
    /// every detail alike, so that nothing was added; with what it names.
    fn told(&self, state: &AppState, l: Language, already: bool) -> String {
        let (declared, stands, args) = match self {
            Declaring::Transfer(transfer) => (
                "funding-transfer-declared",
                "funding-transfer-already",
                Args::new()
                    .text(
                        "amount",
                        state.i18n.format_amount(l, transfer.amount.centimes()),
                    )
                    .text("reference", &transfer.reference),
            ),
            Declaring::Approval(vote) => (
                "funding-approval-declared",
                "funding-approval-already",
                Args::new().text("date", state.i18n.format_date(l, vote.approved_on)),
            ),
        };
        let key = if already { stands } else { declared };
        state.i18n.t_args(l, key, &args)
    }
}

/// Ends the dialogue and declares what it gathered: once, however often the last answer
/// comes (a second answer finds the dialogue ended and says nothing).
async fn finish_declaring(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    declared: &Declaring,
) -> HandlerResult {
    let Some(person) = &actor.person else {
        return Ok(());
    };
    if !dialogues::end(&state.db, actor.telegram_id(), nonce).await? {
        return Ok(());
    }
    let already = match declared.declare(state, person).await? {
        Ok(Recording::Recorded(())) => false,
        Ok(Recording::Already(())) => true,
        Err(refusal) => {
            let text = refusal.message(&state.i18n, actor.language);
            send_html(bot, actor.chat(), text, None).await?;
            return Ok(());
        }
    };
    tell(bot, state, actor, declared, already).await
}

/// Says that a declaration is declared, or (`already`) that it stood declared already.
async fn tell(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    declared: &Declaring,
    already: bool,
) -> HandlerResult {
    let text = declared.told(state, actor.language, already);
    send_html(bot, actor.chat(), text, None).await?;
    Ok(())
}

/// What a president types while declaring an approval (the dialogue's nonce and its
/// `Dialogue::Approval` answers so far): the day of the vote (not in the future), then the
/// session if they type it rather than tap it, then the decision's number.
pub async fn approval_reply(
    reply: Reply<'_>,
    approved_on: Option<NaiveDate>,
    session: Option<String>,
) -> HandlerResult {
    let (bot, state, actor) = (reply.bot, reply.state, reply.actor);
    let (nonce, typed) = (reply.nonce, reply.typed);
    let l = actor.language;
    let Some(approved_on) = approved_on else {
        let approved_on = match funding::vote_day(state, typed) {
            Some(Ok(day)) => day,
            refused => {
                let why = match refused {
                    Some(Err(refusal)) => refusal.message(&state.i18n, l),
                    _ => state.i18n.t(l, "funding-approval-bad-date"),
                };
                return ask_again(bot, state, actor, &why, "funding-approval-ask-date", None).await;
            }
        };
        let next = Dialogue::Approval {
            approved_on: Some(approved_on),
            session: None,
        };
        keep(state, actor, nonce, next).await?;
        let keyboard = views::funding::sessions_keyboard(state, l, body_kind(actor));
        let ask = state.i18n.t(l, "funding-approval-ask-session");
        send_html(bot, actor.chat(), ask, Some(keyboard.into())).await?;
        return Ok(());
    };
    let Some(session) = session else {
        let session = match funding::vote_text(TextField::Session, typed) {
            Ok(session) => session,
            Err(refusal) => {
                let why = refusal.message(&state.i18n, l);
                let keyboard = Some(views::funding::sessions_keyboard(
                    state,
                    l,
                    body_kind(actor),
                ));
                let ask = "funding-approval-ask-session";
                return ask_again(bot, state, actor, &why, ask, keyboard).await;
            }
        };
        return ask_decision(bot, state, actor, nonce, approved_on, session).await;
    };
    let decision = match funding::vote_text(TextField::Decision, typed) {
        Ok(decision) => decision,
        Err(refusal) => {
            let why = refusal.message(&state.i18n, l);
            send_html(bot, actor.chat(), format!("⚠️ {why}"), None).await?;
            return ask_decision(bot, state, actor, nonce, approved_on, session).await;
        }
    };
    let vote = Declaring::Approval(funding::CouncilVote {
        approved_on,
        session: Some(session),
        decision: Some(decision),
    });
    finish_declaring(bot, state, actor, nonce, &vote).await
}

/// Keeps the session and asks the decision's number, with a button for none.
async fn ask_decision(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    approved_on: NaiveDate,
    session: String,
) -> HandlerResult {
    let next = Dialogue::Approval {
        approved_on: Some(approved_on),
        session: Some(session),
    };
    keep(state, actor, nonce, next).await?;
    ask_optional(
        bot,
        state,
        actor,
        "funding-approval-ask-decision",
        "button-approval-no-decision",
        Action::ApprovalNoDecision,
    )
    .await
}

/// The open approval declaration of the presser, at the step a button answers: `None` when
/// there is none (the button is stale).
async fn approval_at(
    state: &AppState,
    actor: &Actor,
    wants_session: bool,
) -> anyhow::Result<Option<(i64, NaiveDate, Option<String>)>> {
    let open = dialogue::load(&state.db, actor.telegram_id(), state.clock.now()).await?;
    Ok(match open {
        Some(Open {
            nonce,
            dialogue:
                Dialogue::Approval {
                    approved_on: Some(day),
                    session,
                },
        }) if session.is_none() == wants_session => Some((nonce, day, session)),
        _ => None,
    })
}

/// The kind of body the person answers for: its sessions are the ones offered. Only a
/// president of a commune or a council declares an approval.
fn body_kind(actor: &Actor) -> BodyKind {
    actor
        .person
        .as_ref()
        .and_then(|p| p.body.as_ref())
        .map_or(BodyKind::Commune, |(kind, _)| *kind)
}

/// The session tapped while declaring an approval: one of the body's own (a session its
/// kind of council does not hold, from a forged button, is refused).
pub async fn approval_session(press: Press<'_>, session: CouncilSession) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let Some((nonce, approved_on, _)) = approval_at(state, actor, true).await? else {
        return press.refuse("dialogue-stale").await;
    };
    if !session.held_by(body_kind(actor)) {
        return press.refuse("council-session-not-held").await;
    }
    press.answer().await?;
    let code = session.code().to_owned();
    ask_decision(bot, state, actor, nonce, approved_on, code).await
}

/// "No number": the approval is declared without a decision's number.
pub async fn approval_no_decision(press: Press<'_>) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let Some((nonce, approved_on, Some(session))) = approval_at(state, actor, false).await? else {
        return press.refuse("dialogue-stale").await;
    };
    press.answer().await?;
    let vote = Declaring::Approval(funding::CouncilVote {
        approved_on,
        session: Some(session),
        decision: None,
    });
    finish_declaring(bot, state, actor, nonce, &vote).await
}

/// `/declarations` (finance officers): each declared transfer and approval with Confirm /
/// Reject.
pub async fn declarations(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let pending = store::funding::declarations(&state.db).await?;
    if pending.is_empty() {
        say(&bot, &state, &actor, "declarations-none", None).await?;
        return Ok(());
    }
    for declared in &pending {
        let (text, keyboard) = views::funding::declaration(&state, actor.language, declared);
        match &declared.declared {
            // The receipt's photo, the declaration as its caption, the buttons under it.
            Declared::Payment {
                receipt: Some(photo),
                ..
            } => {
                let file = InputFile::file_id(teloxide::types::FileId(photo.clone()));
                bot.send_photo(actor.chat(), file)
                    .caption(text)
                    .parse_mode(ParseMode::Html)
                    .reply_markup(keyboard)
                    .await?;
            }
            _ => {
                send_html(&bot, actor.chat(), text, Some(keyboard.into())).await?;
            }
        }
    }
    Ok(())
}

/// Confirm, or Reject (which asks why).
pub async fn verify(press: Press<'_>, declaration: Declaration, accept: bool) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let l = actor.language;
    if !accept {
        // Still to decide? Ask why; the reason decides it.
        if !store::funding::is_declared(&state.db, declaration).await? {
            return press
                .refuse_with(&funding::VerifyRefusal::AlreadyDecided)
                .await;
        }
        let now = state.clock.now();
        let reason = Dialogue::RejectReason { declaration };
        dialogue::start(&state.db, actor.telegram_id(), &reason, now).await?;
        press.answer().await?;
        say(bot, state, actor, "declaration-ask-reason", None).await?;
        return Ok(());
    }
    let outcome = funding::verify(state, &actor.caller(), declaration, None).await?;
    if press.unless_refused(outcome).await?.is_none() {
        return Ok(());
    }
    let text = state.i18n.t(l, "declaration-confirmed");
    press.answer_with_edit(text, None).await
}

/// The reason typed for a rejection.
pub async fn reject_reason(reply: Reply<'_>, declaration: Declaration) -> HandlerResult {
    let (bot, state, actor) = (reply.bot, reply.state, reply.actor);
    let (nonce, typed) = (reply.nonce, reply.typed);
    let reason = typed.trim();
    if reason.is_empty() || reason.chars().count() > 300 {
        say(bot, state, actor, "declaration-ask-reason", None).await?;
        return Ok(());
    }
    if !dialogues::end(&state.db, actor.telegram_id(), nonce).await? {
        return Ok(());
    }
    let key = match funding::verify(state, &actor.caller(), declaration, Some(reason)).await? {
        Ok(()) => "declaration-rejected".to_owned(),
        Err(refusal) => refusal.key(),
    };
    say(bot, state, actor, &key, None).await?;
    Ok(())
}

/// `/contributions` (organisers and finance officers): per province, bodies approved, paid in
/// full, in part or not at all, and the amounts; then the region.
pub async fn overview(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let l = actor.language;
    let outcome = reports::contributions_overview(&state, &actor.caller()).await?;
    let Some(overview) = unless_refused(&bot, &state, &actor, outcome).await? else {
        return Ok(());
    };
    let text = views::funding::overview(&state, l, &overview.records);
    let keyboard = views::funding::provinces_keyboard(l, &overview.provinces);
    send_html(&bot, actor.chat(), text, Some(keyboard.into())).await?;
    Ok(())
}

/// A province tapped in `/contributions`: each of its bodies' funding.
pub async fn province(press: Press<'_>, province: i64) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let l = actor.language;
    let outcome = reports::province_contributions(state, &actor.caller(), province).await?;
    let (place, records) = match press.unless_refused(outcome).await? {
        Some(Some(found)) => found,
        Some(None) => return press.refuse("dialogue-stale").await,
        None => return Ok(()),
    };
    let text = views::funding::province(state, l, &place, &records);
    press.answer().await?;
    press.send(text, None).await
}
