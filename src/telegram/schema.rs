//! The one router: every command, every button press and every dialogue reply is routed here,
//! after the permission table (`permissions.rs`) has let it through. A handler that fails
//! answers the press and apologises in the person's language ([`apologise_on_failure`]).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

use teloxide::dispatching::UpdateHandler;
use teloxide::dptree::di::DependencyMap;
use teloxide::dptree::{HandlerSignature, Type};
use teloxide::prelude::*;
use teloxide::types::ReplyMarkup;

use super::command::Command;
use super::dialogue::{Dialogue, Open};
use super::handlers::{
    broadcast, changes, checkin, dialogue, digest, funding, joining, new_workshop, organiser,
    profile, programme, training, workshops,
};
use super::permissions;
use super::{Actor, HandlerResult, Press, Reply, say, send_html};
use crate::domain::deep_link::StartPayload;
use crate::domain::roster::Language;
use crate::state::AppState;
use crate::store::dialogues;
use crate::telegram::tracker::UpdateTracker;
use crate::views::buttons::{Action, DialogueButton};
use crate::views::keyboards::share_phone_keyboard;

/// Builds the dispatcher's handler tree.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    let commands = teloxide::filter_command::<Command, _>()
        .branch(
            dptree::filter_map(|cmd: Command, actor: Actor| {
                permissions::command(&cmd).refusal(&actor)
            })
            .endpoint(refuse_command),
        )
        // The check-in QR code opens the bot with `/start ci_<code>`.
        .branch(
            dptree::filter_map(|cmd: Command| match cmd {
                Command::Start(payload) => match StartPayload::parse(&payload) {
                    StartPayload::Checkin(code) => Some(code.as_str().to_owned()),
                    _ => None,
                },
                _ => None,
            })
            .endpoint(checkin::by_code),
        )
        .branch(dptree::case![Command::Start(code)].endpoint(joining::start))
        .branch(dptree::case![Command::Help].endpoint(profile::help))
        .branch(dptree::case![Command::Me].endpoint(profile::me))
        .branch(dptree::case![Command::Language].endpoint(profile::language_prompt))
        .branch(dptree::case![Command::Stop].endpoint(profile::stop_prompt))
        .branch(dptree::case![Command::My].endpoint(programme::mine))
        .branch(dptree::case![Command::History].endpoint(programme::history))
        .branch(dptree::case![Command::MyTraining].endpoint(training::record))
        .branch(dptree::case![Command::Commune].endpoint(funding::commune))
        .branch(dptree::case![Command::Declarations].endpoint(funding::declarations))
        .branch(dptree::case![Command::Contributions].endpoint(funding::overview))
        .branch(dptree::case![Command::Cancel].endpoint(dialogue::cancel))
        .branch(dptree::case![Command::Workshops].endpoint(programme::list))
        .branch(dptree::case![Command::NewWorkshop].endpoint(new_workshop::start))
        .branch(dptree::case![Command::Checkin].endpoint(checkin::choose))
        .branch(dptree::case![Command::Joined].endpoint(organiser::joined))
        .branch(dptree::case![Command::Broadcast].endpoint(broadcast::start))
        .branch(dptree::case![Command::Broadcasts].endpoint(broadcast::list))
        .branch(dptree::case![Command::Audit].endpoint(organiser::audit))
        .branch(dptree::case![Command::Report].endpoint(digest::report));

    let messages = Update::filter_message()
        .filter(|msg: Message| msg.chat.is_private())
        .branch(commands)
        .branch(Message::filter_contact().endpoint(joining::contact))
        // The photo of a receipt, when a transfer's declaration asks for it.
        .branch(dptree::filter_map_async(funding::receipt_awaited).endpoint(funding::receipt))
        // A dialogue in progress takes the text before anything else reads it.
        .branch(dptree::filter_map_async(dialogue::open_for_text).endpoint(reply_in_dialogue))
        .branch(
            dptree::filter_map(|msg: Message| msg.text().and_then(checkin::looks_like_code))
                .endpoint(checkin::by_code),
        )
        .branch(dptree::endpoint(profile::fallback));

    let buttons = Update::filter_callback_query()
        // A button of a message sent to someone else (a reminder forwarded, a chat shared,
        // a forged press): whatever it says, it is not the presser's to answer. Refused
        // here, once for every button, to the presser alone; that message is left as it is.
        .branch(
            dptree::filter(|query: CallbackQuery| !super::pressed_on_own_message(&query))
                .endpoint(refuse_not_theirs),
        )
        .branch(
            dptree::filter_map(|query: CallbackQuery| {
                query.data.as_deref().and_then(Action::parse)
            })
            .branch(
                dptree::filter_map(|action: Action, actor: Actor| {
                    permissions::button(&action).refusal(&actor)
                })
                .endpoint(refuse_button),
            )
            .endpoint(route_press),
        )
        // A payload no release of Takwin wrote, or one of an older release.
        .branch(dptree::endpoint(
            |bot: Bot, state: AppState, actor: Actor, query: CallbackQuery| async move {
                refuse_button(bot, state, actor, query, "button-stale").await
            },
        ));

    dptree::entry()
        // Held until the update is fully handled, then marks it done (see UpdateTracker).
        .map(|update: Update, tracker: UpdateTracker| tracker.guard(update.id.0 as i64))
        .chain(apologise_on_failure())
        .filter_map_async(load_actor)
        .branch(messages)
        .branch(buttons)
        .branch(Update::filter_my_chat_member().endpoint(profile::membership))
}

/// A command the sender may not use: strangers are shown how to join, officials are told it
/// is for organisers. A joined person who tried it may have it from a menu announced before
/// an appointment was withdrawn: their menu is announced again, as they are now.
async fn refuse_command(
    bot: Bot,
    state: AppState,
    actor: Actor,
    key: &'static str,
) -> HandlerResult {
    let markup = (key == "not-joined").then(|| share_phone_keyboard(&state, actor.language));
    say(&bot, &state, &actor, key, markup).await?;
    if actor.person.is_some() {
        let who = actor.standing();
        super::menu::announce_chat_commands(&bot, &state, actor.chat(), actor.language, &who)
            .await?;
    }
    tracing::info!(actor = %actor.label(), key, "a command was refused");
    Ok(())
}

/// A button the presser may not use: an alert, nothing changed, nothing audited.
async fn refuse_button(
    bot: Bot,
    state: AppState,
    actor: Actor,
    query: CallbackQuery,
    key: &'static str,
) -> HandlerResult {
    let press = Press::new(&bot, &state, &actor, &query);
    press.refuse(key).await
}

/// A button of someone else's message: an alert to the presser, nothing changed, nothing
/// edited, nothing audited.
async fn refuse_not_theirs(
    bot: Bot,
    state: AppState,
    actor: Actor,
    query: CallbackQuery,
) -> HandlerResult {
    tracing::info!(actor = %actor.label(), "a button of another chat's message was refused");
    refuse_button(bot, state, actor, query, "button-not-yours").await
}

/// Routes a button press the presser may use to its handler.
async fn route_press(
    bot: Bot,
    state: AppState,
    actor: Actor,
    query: CallbackQuery,
    action: Action,
) -> HandlerResult {
    let press = Press::new(&bot, &state, &actor, &query);
    let Some(person) = actor.person.as_ref() else {
        // The permission table lets no stranger through; kept for the type.
        return press.refuse("not-joined").await;
    };
    match action {
        Action::SetLanguage(language) => profile::set_language(press, language).await,
        Action::Stop(sure) => profile::stop(press, sure).await,
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
            workshops::rsvp(press, person, answer).await
        }
        Action::Reason { workshop, reason } => {
            workshops::reason(press, person, workshop, reason).await
        }
        Action::Rate { workshop, score } => workshops::rate(press, person, workshop, score).await,
        Action::FormAnswer {
            workshop,
            question,
            value,
        } => workshops::form_answer(press, person, workshop, question, value).await,
        Action::RemindAfter(days) => funding::remind_after(press, person, days).await,
        Action::ContactOrganiser => funding::contact(press, person).await,
        Action::DeclareTransfer => {
            funding::declare_start(press, person, funding::Declare::Transfer).await
        }
        Action::Verify {
            declaration,
            accept,
        } => funding::verify(press, declaration, accept).await,
        Action::DeclareApproval => {
            funding::declare_start(press, person, funding::Declare::Approval).await
        }
        Action::ApprovalSession(session) => funding::approval_session(press, session).await,
        Action::ApprovalNoDecision => funding::approval_no_decision(press).await,
        Action::NoReceipt => funding::no_receipt(press).await,
        Action::ProvinceFunding(province) => funding::province(press, province).await,
        Action::NoComment(workshop) => workshops::no_comment(press, workshop).await,
        Action::Certificate(workshop) => training::certificate(press, person, workshop).await,
        Action::Details(workshop) => programme::details(press, workshop).await,
        Action::Nudge(workshop) => programme::nudge_pending(press, workshop).await,
        Action::OpenCheckin(workshop) => checkin::open(press, workshop).await,
        Action::RollCall(workshop) => checkin::roll_call(press, workshop, None).await,
        Action::Mark { workshop, person } => {
            checkin::roll_call(press, workshop, Some(person)).await
        }
        Action::WalkIn(workshop) => checkin::walk_in_prompt(press, workshop).await,
        Action::AddWalkIn { workshop, person } => {
            checkin::add_walk_in(press, workshop, person).await
        }
        Action::NewWorkshop => {
            press.answer().await?;
            new_workshop::start(bot.clone(), state.clone(), actor.clone()).await
        }
        Action::Seats(workshop) => changes::start(press, changes::Changing::Seats, workshop).await,
        Action::Reschedule(workshop) => {
            changes::start(press, changes::Changing::Date, workshop).await
        }
        Action::CancelWorkshop { workshop, sure } => changes::cancel(press, workshop, sure).await,
        Action::KeepWorkshop(_) => changes::keep(press).await,
        Action::CancelBroadcast(id) => broadcast::cancel(press, id).await,
        Action::Digest(on) => digest::set(press, person, on).await,
        Action::Dialogue { nonce, button } => dialogue_button(press, nonce, button).await,
    }
}

/// Routes a button of a dialogue to that dialogue, if it is the one still open.
async fn dialogue_button(press: Press<'_>, nonce: i64, button: DialogueButton) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    // A button of an ended or replaced dialogue is stale.
    let open = super::dialogue::load(&state.db, actor.telegram_id(), state.clock.now())
        .await?
        .filter(|open| open.nonce == nonce);
    match open.map(|open| open.dialogue) {
        Some(Dialogue::NewWorkshop { draft, step }) => {
            new_workshop::button(press, nonce, draft, step, button).await
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
            changes::reschedule_button(press, change, button).await
        }
        Some(Dialogue::Seats { workshop }) => {
            changes::seats_button(press, nonce, workshop, button).await
        }
        Some(Dialogue::Broadcast {
            versions,
            audience,
            attachment,
            step,
        }) => {
            let open = broadcast::Composing {
                nonce,
                versions,
                audience: *audience,
                attachment,
                step,
            };
            broadcast::button(press, open, button).await
        }
        _ => press.refuse("dialogue-stale").await,
    }
}

/// Routes a text typed while a dialogue is open to that dialogue.
async fn reply_in_dialogue(
    bot: Bot,
    state: AppState,
    actor: Actor,
    msg: Message,
    open: (Open, String),
) -> HandlerResult {
    let (open, text) = open;
    let reply = Reply {
        bot: &bot,
        state: &state,
        actor: &actor,
        nonce: open.nonce,
        typed: &text,
    };
    if let Some(key) = permissions::dialogue(&open.dialogue).refusal(&actor) {
        // An organiser's dialogue stops when the person is no longer one.
        dialogues::end(&state.db, actor.telegram_id(), open.nonce).await?;
        say(&bot, &state, &actor, key, None).await?;
        return Ok(());
    }
    match open.dialogue {
        Dialogue::NewWorkshop { draft, step } => new_workshop::reply(reply, draft, step).await,
        Dialogue::Broadcast {
            versions,
            audience,
            attachment,
            step,
        } => {
            let open = broadcast::Composing {
                nonce: open.nonce,
                versions,
                audience: *audience,
                attachment,
                step,
            };
            broadcast::reply(reply, open, &msg).await
        }
        Dialogue::WalkIn { workshop } => checkin::walk_in_search(reply, workshop).await,
        Dialogue::Comment { workshop } => workshops::comment(reply, workshop).await,
        Dialogue::Transfer { amount, reference } => {
            funding::transfer_reply(reply, amount, reference).await
        }
        Dialogue::RejectReason { declaration } => funding::reject_reason(reply, declaration).await,
        Dialogue::Approval {
            approved_on,
            session,
        } => funding::approval_reply(reply, approved_on, session).await,
        Dialogue::Seats { workshop } => changes::seats_reply(reply, workshop).await,
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
            changes::reschedule_reply(reply, change).await
        }
    }
}

/// Loads the sender of an update; an update without one (a channel post) goes no further.
/// When the database cannot say who it is, the person is answered all the same.
async fn load_actor(bot: Bot, state: AppState, update: Update) -> Option<Actor> {
    let user = update.from()?.clone();
    // Telegram tells the bot that someone blocked it with an update from that person; it is
    // the one update from them that does not show they can be reached. Were it taken as
    // one, it would clear what the sender had just recorded from the 403 of a message to
    // them, until the membership handler recorded it again.
    let blocked_us = matches!(&update.kind,
        teloxide::types::UpdateKind::MyChatMember(change) if !change.new_chat_member.is_present());
    match Actor::load(&state, &user, !blocked_us).await {
        Ok(actor) => Some(actor),
        Err(err) => {
            tracing::error!(
                update = update.id.0,
                error = format!("{err:#}"),
                "cannot load the sender of an update"
            );
            apologise(&bot, &state, &update).await;
            None
        }
    }
}

/// Wraps the rest of the tree: when a handler fails, the press is answered (no spinner left
/// turning), the person gets `error-generic` in their language, and the update id and the
/// cause go to the log; then the update is marked handled in the inbox. Written with `dptree::from_fn` because a handler's error must be
/// seen with the update it belongs to, which the dispatcher's error handler is not given.
fn apologise_on_failure() -> UpdateHandler<anyhow::Error> {
    dptree::from_fn(
        |deps: DependencyMap, cont| async move {
            let started = std::time::Instant::now();
            let outcome = cont(deps.clone()).await;
            let update: std::sync::Arc<Update> = deps.get();
            let state: std::sync::Arc<AppState> = deps.get();
            let failed = matches!(outcome, ControlFlow::Break(Err(_)));
            crate::metrics::global().update_handled(
                update_kind(&update),
                failed,
                started.elapsed().as_secs_f64(),
            );
            let outcome = match outcome {
                ControlFlow::Break(Err(error)) => {
                    let bot: std::sync::Arc<Bot> = deps.get();
                    tracing::error!(
                        update = update.id.0,
                        error = format!("{error:#}"),
                        "a handler failed"
                    );
                    apologise(&bot, &state, &update).await;
                    // Handled: the person has been answered, the cause logged.
                    ControlFlow::Break(Ok(()))
                }
                other => other,
            };
            // Done with, failed or not (a failure was apologised for): not replayed after a
            // stop. Marked before the update's guard drops, so whoever waits for the update
            // sees it marked.
            let id = i64::from(update.id.0);
            let now = state.clock.now();
            if let Err(err) = state.handled_marks.mark(id, now).await {
                tracing::warn!(update = id, error = %err, "cannot mark an update handled");
            }
            outcome
        },
        HandlerSignature::Other {
            obligations: BTreeMap::from([
                (Type::of::<Update>(), std::panic::Location::caller()),
                (Type::of::<Bot>(), std::panic::Location::caller()),
                (Type::of::<AppState>(), std::panic::Location::caller()),
            ]),
            guaranteed_outcomes: BTreeSet::new(),
            conditional_outcomes: BTreeSet::new(),
            continues: true,
        },
    )
}

/// An update's kind as the metrics count it.
fn update_kind(update: &Update) -> &'static str {
    use teloxide::types::UpdateKind;
    match &update.kind {
        UpdateKind::Message(_) => "message",
        UpdateKind::CallbackQuery(_) => "callback_query",
        UpdateKind::MyChatMember(_) => "my_chat_member",
        _ => "other",
    }
}

/// Says sorry for a failure, as best it can: the language is the person's own if the
/// database still answers, else Telegram's, else the programme's default.
async fn apologise(bot: &Bot, state: &AppState, update: &Update) {
    let Some(user) = update.from() else {
        return;
    };
    let language = match Actor::load(state, user, false).await {
        Ok(actor) => actor.language,
        Err(_) => Language::from_telegram(user.language_code.as_deref())
            .unwrap_or(state.settings.default_language),
    };
    let text = state.i18n.t(language, "error-generic");
    if let teloxide::types::UpdateKind::CallbackQuery(query) = &update.kind {
        // It may have been answered before the failure; a second answer is refused, harmlessly.
        let _ = bot.answer_callback_query(query.id.clone()).await;
    }
    let chat = ChatId(user.id.0 as i64);
    if let Err(err) = send_html(bot, chat, text, None::<ReplyMarkup>).await {
        tracing::warn!(update = update.id.0, error = %err, "cannot send the apology either");
    }
}
