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
use crate::domain::roster::Language;
use crate::i18n::{Args, strip_bidi};
use crate::state::AppState;
use crate::store;
use crate::store::dialogues;
use crate::store::funding::Declared;
use crate::store::roster::Person;
use crate::telegram::dialogue::{self, Dialogue, Open};
use crate::telegram::{Actor, HandlerResult, edit_html, refuse_with, say, send_html};
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

/// Starts a president's declaration: only a president declares, and for their own body.
async fn start_declaring(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    person: &Person,
    query: &CallbackQuery,
    declaring: Dialogue,
    question: &str,
) -> HandlerResult {
    if person.role != crate::domain::roster::Role::President || person.body_id.is_none() {
        return refuse_with(bot, state, actor, query, &AnswerRefusal::NotPresident).await;
    }
    let now = state.clock.now();
    dialogue::start(&state.db, actor.telegram_id(), &declaring, now).await?;
    bot.answer_callback_query(query.id.clone()).await?;
    say(bot, state, actor, question, None).await?;
    Ok(())
}

/// "Transfer made": asks the amount.
pub async fn declare_transfer_start(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    person: &Person,
    query: &CallbackQuery,
) -> HandlerResult {
    let transfer = Dialogue::Transfer {
        amount: None,
        reference: None,
    };
    let question = "funding-transfer-ask-amount";
    start_declaring(bot, state, actor, person, query, transfer, question).await
}

/// The amount, then the reference, typed while declaring a transfer (the dialogue's nonce
/// and its `Dialogue::Transfer` answers so far); then the receipt's photo is asked (text
/// then asks it again).
pub async fn transfer_reply(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    amount: Option<Money>,
    reference: Option<String>,
    typed: &str,
) -> HandlerResult {
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
            return tell(bot, state, actor, &transfer, funding::Transfer::ALREADY).await;
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
    let transfer = funding::Transfer {
        amount,
        reference,
        receipt: Some(photo),
    };
    finish_declaring(&bot, &state, &actor, nonce, &transfer).await
}

/// "No receipt": the transfer is declared without a photo.
pub async fn no_receipt(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
) -> HandlerResult {
    let Some((nonce, amount, reference)) = awaiting_receipt(state, actor).await? else {
        return crate::telegram::refuse_press(bot, state, actor, query, "dialogue-stale").await;
    };
    bot.answer_callback_query(query.id.clone()).await?;
    let transfer = funding::Transfer {
        amount,
        reference,
        receipt: None,
    };
    finish_declaring(bot, state, actor, nonce, &transfer).await
}

/// What differs between declaring a transfer and declaring an approval once their dialogue
/// is answered; [`finish_declaring`] does the rest alike for both.
trait Declaring {
    /// The message once declared.
    const DECLARED: &'static str;
    /// The message when it stands declared already, every detail alike: nothing was added.
    const ALREADY: &'static str;
    /// Declares it for the president's body.
    async fn declare(
        &self,
        state: &AppState,
        person: &Person,
    ) -> anyhow::Result<Result<Recording<()>, funding::RecordRefusal>>;
    /// What its messages name.
    fn args(&self, state: &AppState, l: Language) -> Args;
}

impl Declaring for funding::Transfer {
    const DECLARED: &'static str = "funding-transfer-declared";
    const ALREADY: &'static str = "funding-transfer-already";

    async fn declare(
        &self,
        state: &AppState,
        person: &Person,
    ) -> anyhow::Result<Result<Recording<()>, funding::RecordRefusal>> {
        funding::declare_transfer(state, person, self).await
    }

    fn args(&self, state: &AppState, l: Language) -> Args {
        Args::new()
            .text(
                "amount",
                state.i18n.format_amount(l, self.amount.centimes()),
            )
            .text("reference", &self.reference)
    }
}

impl Declaring for funding::CouncilVote {
    const DECLARED: &'static str = "funding-approval-declared";
    const ALREADY: &'static str = "funding-approval-already";

    async fn declare(
        &self,
        state: &AppState,
        person: &Person,
    ) -> anyhow::Result<Result<Recording<()>, funding::RecordRefusal>> {
        funding::declare_approval(state, person, self).await
    }

    fn args(&self, state: &AppState, l: Language) -> Args {
        Args::new().text("date", state.i18n.format_date(l, self.approved_on))
    }
}

/// Ends the dialogue and declares what it gathered: once, however often the last answer
/// comes (a second answer finds the dialogue ended and says nothing).
async fn finish_declaring<D: Declaring>(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    declared: &D,
) -> HandlerResult {
    let Some(person) = &actor.person else {
        return Ok(());
    };
    if !dialogues::end(&state.db, actor.telegram_id(), nonce).await? {
        return Ok(());
    }
    let key = match declared.declare(state, person).await? {
        Ok(Recording::Recorded(())) => D::DECLARED,
        Ok(Recording::Already(())) => D::ALREADY,
        Err(refusal) => {
            let text = refusal.message(&state.i18n, actor.language);
            send_html(bot, actor.chat(), text, None).await?;
            return Ok(());
        }
    };
    tell(bot, state, actor, declared, key).await
}

/// Says one of a declaration's messages (`D::DECLARED`, `D::ALREADY`) with what it names.
async fn tell<D: Declaring>(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    declared: &D,
    key: &str,
) -> HandlerResult {
    let l = actor.language;
    let text = state.i18n.t_args(l, key, &declared.args(state, l));
    send_html(bot, actor.chat(), text, None).await?;
    Ok(())
}

/// "Approved by the council": asks the day of the vote.
pub async fn declare_approval_start(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    person: &Person,
    query: &CallbackQuery,
) -> HandlerResult {
    if let Err(refusal) = funding::may_declare_approval(state, person).await? {
        if let funding::RecordRefusal::Answer(refusal) = refusal {
            return refuse_with(bot, state, actor, query, &refusal).await;
        }
        // Too long for an alert: the press is answered, the reason comes as a message.
        bot.answer_callback_query(query.id.clone()).await?;
        let text = refusal.message(&state.i18n, actor.language);
        send_html(bot, actor.chat(), text, None).await?;
        return Ok(());
    }
    let question = "funding-approval-ask-date";
    start_declaring(
        bot,
        state,
        actor,
        person,
        query,
        Dialogue::Approval {
            approved_on: None,
            session: None,
        },
        question,
    )
    .await
}

/// What a president types while declaring an approval (the dialogue's nonce and its
/// `Dialogue::Approval` answers so far): the day of the vote (not in the future), then the
/// session if they type it rather than tap it, then the decision's number.
pub async fn approval_reply(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    approved_on: Option<NaiveDate>,
    session: Option<String>,
    typed: &str,
) -> HandlerResult {
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
        let keyboard = views::funding::sessions_keyboard(state, l);
        let ask = state.i18n.t(l, "funding-approval-ask-session");
        send_html(bot, actor.chat(), ask, Some(keyboard.into())).await?;
        return Ok(());
    };
    let Some(session) = session else {
        let session = match funding::vote_text(TextField::Session, typed) {
            Ok(session) => session,
            Err(refusal) => {
                let why = refusal.message(&state.i18n, l);
                let keyboard = Some(views::funding::sessions_keyboard(state, l));
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
    let vote = funding::CouncilVote {
        approved_on,
        session: Some(session),
        decision: Some(decision),
    };
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

/// The session tapped while declaring an approval.
pub async fn approval_session(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    session: CouncilSession,
) -> HandlerResult {
    let Some((nonce, approved_on, _)) = approval_at(state, actor, true).await? else {
        return crate::telegram::refuse_press(bot, state, actor, query, "dialogue-stale").await;
    };
    bot.answer_callback_query(query.id.clone()).await?;
    let code = session.code().to_owned();
    ask_decision(bot, state, actor, nonce, approved_on, code).await
}

/// "No number": the approval is declared without a decision's number.
pub async fn approval_no_decision(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
) -> HandlerResult {
    let Some((nonce, approved_on, Some(session))) = approval_at(state, actor, false).await? else {
        return crate::telegram::refuse_press(bot, state, actor, query, "dialogue-stale").await;
    };
    bot.answer_callback_query(query.id.clone()).await?;
    let vote = funding::CouncilVote {
        approved_on,
        session: Some(session),
        decision: None,
    };
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
pub async fn verify(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    declaration: Declaration,
    accept: bool,
) -> HandlerResult {
    let l = actor.language;
    if !accept {
        // Still to decide? Ask why; the reason decides it.
        if !store::funding::is_declared(&state.db, declaration).await? {
            let refusal = funding::VerifyRefusal::AlreadyDecided;
            return refuse_with(bot, state, actor, query, &refusal).await;
        }
        let now = state.clock.now();
        let reason = Dialogue::RejectReason { declaration };
        dialogue::start(&state.db, actor.telegram_id(), &reason, now).await?;
        bot.answer_callback_query(query.id.clone()).await?;
        say(bot, state, actor, "declaration-ask-reason", None).await?;
        return Ok(());
    }
    if let Err(refusal) = funding::verify(state, &actor.caller(), declaration, None).await? {
        return refuse_with(bot, state, actor, query, &refusal).await;
    }
    bot.answer_callback_query(query.id.clone()).await?;
    edit_html(bot, query, state.i18n.t(l, "declaration-confirmed"), None).await?;
    Ok(())
}

/// The reason typed for a rejection.
pub async fn reject_reason(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    declaration: Declaration,
    typed: &str,
) -> HandlerResult {
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
    let overview = match reports::contributions_overview(&state, &actor.caller()).await? {
        Ok(overview) => overview,
        Err(refusal) => {
            say(&bot, &state, &actor, &refusal.key(), None).await?;
            return Ok(());
        }
    };
    let text = views::funding::overview(&state, l, &overview.records);
    let keyboard = views::funding::provinces_keyboard(l, &overview.provinces);
    send_html(&bot, actor.chat(), text, Some(keyboard.into())).await?;
    Ok(())
}

/// A province tapped in `/contributions`: each of its bodies' funding.
pub async fn province(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    province: i64,
) -> HandlerResult {
    let l = actor.language;
    let (place, records) = match reports::province_contributions(state, &actor.caller(), province)
        .await?
    {
        Ok(Some(found)) => found,
        Ok(None) => {
            return crate::telegram::refuse_press(bot, state, actor, query, "dialogue-stale").await;
        }
        Err(refusal) => return refuse_with(bot, state, actor, query, &refusal).await,
    };
    let text = views::funding::province(state, l, &place, &records);
    bot.answer_callback_query(query.id.clone()).await?;
    send_html(bot, actor.chat(), text, None).await?;
    Ok(())
}
