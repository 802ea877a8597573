//! Changing a workshop from chat, from its details: a new date and time (asked, checked,
//! confirmed), another number of seats (the waiting list moves up), or a cancellation (asked
//! twice). Everyone invited is told through the delivery
//! engine, reminders follow, answers are kept; every change is audited.

use chrono::{NaiveDate, NaiveTime};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::Refusal;
use crate::actions::workshops::{self, load_changeable};
use crate::domain::ids::WorkshopId;
use crate::domain::workshop::{
    Capacity, DraftError, answer_counts, check_day, default_deadline, local_start, parse_date,
    parse_time,
};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::{self, dialogues, workshops::Workshop};
use crate::telegram::dialogue::{self, Dialogue, Open};
use crate::telegram::{Actor, HandlerResult, Press, Reply, send_html};
use crate::views::buttons::{Action, DialogueButton};
use crate::views::draft::{example_day, refusal_text, seat_row, time_rows};

/// A date change in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The dialogue's nonce.
    pub nonce: i64,
    /// The workshop.
    pub workshop: WorkshopId,
    /// The new local date, once given.
    pub date: Option<NaiveDate>,
    /// The new local time, once given.
    pub time: Option<NaiveTime>,
}

impl Change {
    fn dialogue(self) -> Open {
        Open {
            nonce: self.nonce,
            dialogue: Dialogue::Reschedule {
                workshop: self.workshop,
                date: self.date,
                time: self.time,
            },
        }
    }
}

/// What an organiser changes of a workshop from its details, in a dialogue of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changing {
    /// Its date and time: the day is asked, then the time, then Confirm.
    Date,
    /// Its number of seats.
    Seats,
}

/// The workshop of a typed answer, if it may still change; else (cancelled or started
/// meanwhile) the dialogue ends and the organiser is told why.
async fn changeable_or_abandon(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    workshop_id: WorkshopId,
) -> anyhow::Result<Option<Workshop>> {
    match load_changeable(state, &actor.caller(), workshop_id).await? {
        Ok(w) => Ok(Some(w)),
        Err(refusal) => {
            dialogues::end(&state.db, actor.telegram_id(), nonce).await?;
            let text = state.i18n.t(actor.language, &refusal.key());
            send_html(bot, actor.chat(), text, None).await?;
            Ok(None)
        }
    }
}

/// The workshop of a pressed button of a change, if it may still change; else the dialogue
/// ends and the press is refused with why.
async fn changeable_or_refuse(
    press: Press<'_>,
    nonce: i64,
    workshop_id: WorkshopId,
) -> anyhow::Result<Option<Workshop>> {
    let (state, actor) = (press.state, press.actor);
    match load_changeable(state, &actor.caller(), workshop_id).await? {
        Ok(w) => Ok(Some(w)),
        Err(refusal) => {
            dialogues::end(&state.db, actor.telegram_id(), nonce).await?;
            press.refuse_with(&refusal).await?;
            Ok(None)
        }
    }
}

fn cancel_row(state: &AppState, actor: &Actor, nonce: i64) -> Vec<InlineKeyboardButton> {
    vec![InlineKeyboardButton::callback(
        state.i18n.t(actor.language, "button-new-workshop-cancel"),
        Action::Dialogue {
            nonce,
            button: DialogueButton::Cancel,
        }
        .encode(),
    )]
}

/// "Change the date" or "Change the seats" under a workshop's details: the dialogue starts,
/// the press is answered and the first question asked (the new day; how many seats, with the
/// current counts). Refused, the presser is told why and nothing starts.
pub async fn start(press: Press<'_>, changing: Changing, workshop_id: WorkshopId) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let outcome = load_changeable(state, &actor.caller(), workshop_id).await?;
    let Some(w) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    let change = match changing {
        Changing::Date => Dialogue::Reschedule {
            workshop: workshop_id,
            date: None,
            time: None,
        },
        Changing::Seats => Dialogue::Seats {
            workshop: workshop_id,
        },
    };
    let now = state.clock.now();
    let nonce = dialogue::start(&state.db, actor.telegram_id(), &change, now).await?;
    press.answer().await?;
    ask_first(bot, state, actor, nonce, changing, &w, None).await
}

/// Asks a question of a change, after what was wrong with the last answer if anything, with
/// the question's buttons and Cancel under it: every step of both changes asks alike.
async fn ask(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    question: String,
    refusal: Option<&DraftError>,
    mut rows: Vec<Vec<InlineKeyboardButton>>,
) -> HandlerResult {
    let text = match refusal {
        Some(error) => {
            let why = refusal_text(&state.i18n, actor.language, error);
            format!("{why}\n\n{question}")
        }
        None => question,
    };
    rows.push(cancel_row(state, actor, nonce));
    let keyboard = InlineKeyboardMarkup::new(rows);
    send_html(bot, actor.chat(), text, Some(keyboard.into())).await?;
    Ok(())
}

/// The first question of a change, about the workshop as it stands: the new day (with its
/// date now and an example), or how many seats (with its seats now and the answers so far).
async fn ask_first(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    changing: Changing,
    w: &Workshop,
    refusal: Option<&DraftError>,
) -> HandlerResult {
    let l = actor.language;
    let (question, rows) = match changing {
        Changing::Date => {
            let zone = &state.settings.timezone;
            let example = example_day(state);
            let args = Args::new()
                .text("title", &w.title)
                .text("when", state.i18n.format_datetime(l, w.starts_at, zone))
                .text("example", example.format("%d/%m/%Y"));
            (
                state.i18n.t_args(l, "reschedule-ask-date", &args),
                Vec::new(),
            )
        }
        Changing::Seats => {
            let counts = answer_counts(&store::workshops::invitees(&state.db, w.id).await?);
            let args = Args::new()
                .text("title", &w.title)
                .num("capacity", i64::from(w.capacity.get()))
                .num("yes", i64::from(counts.confirmed))
                .num("waiting", i64::from(counts.waiting));
            (
                state.i18n.t_args(l, "seats-ask", &args),
                vec![seat_row(nonce)],
            )
        }
    };
    ask(bot, state, actor, nonce, question, refusal, rows).await
}

async fn ask_time(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    date: NaiveDate,
    refusal: Option<&DraftError>,
) -> HandlerResult {
    let l = actor.language;
    let args = Args::new().text("date", state.i18n.format_date(l, date));
    let question = state.i18n.t_args(l, "reschedule-ask-time", &args);
    ask(
        bot,
        state,
        actor,
        nonce,
        question,
        refusal,
        time_rows(nonce),
    )
    .await
}

/// The question before anything changes: the old and new dates, who will be told.
fn confirmation(
    state: &AppState,
    actor: &Actor,
    w: &Workshop,
    change: Change,
    invited: usize,
) -> anyhow::Result<(String, InlineKeyboardMarkup)> {
    let l = actor.language;
    let zone = &state.settings.timezone;
    let now = state.clock.now();
    let (Some(date), Some(time)) = (change.date, change.time) else {
        anyhow::bail!("a confirmation needs the date and the time");
    };
    let starts_at = local_start(date, time, zone, now)?;
    let deadline = default_deadline(starts_at, zone, now);
    let args = Args::new()
        .text("title", &w.title)
        .text("old", state.i18n.format_datetime(l, w.starts_at, zone))
        .text("new", state.i18n.format_datetime(l, starts_at, zone))
        .text("deadline", state.i18n.format_datetime(l, deadline, zone))
        .num("count", invited as i64);
    let text = state.i18n.t_args(l, "reschedule-confirm", &args);
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![InlineKeyboardButton::callback(
            state.i18n.t(l, "button-reschedule-confirm"),
            Action::Dialogue {
                nonce: change.nonce,
                button: DialogueButton::Confirm,
            }
            .encode(),
        )],
        cancel_row(state, actor, change.nonce),
    ]);
    Ok((text, keyboard))
}

/// A typed day, then a typed time.
pub async fn reschedule_reply(reply: Reply<'_>, change: Change) -> HandlerResult {
    let (bot, state, actor) = (reply.bot, reply.state, reply.actor);
    let typed = reply.typed;
    let tg = actor.telegram_id();
    let nonce = change.nonce;
    let Some(w) = changeable_or_abandon(bot, state, actor, nonce, change.workshop).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    match change.date {
        None => match parse_date(typed).and_then(|d| check_day(d, zone, now)) {
            Ok(date) => {
                let next = Change {
                    date: Some(date),
                    ..change
                };
                if dialogue::save(&state.db, tg, &next.dialogue(), now).await? {
                    ask_time(bot, state, actor, nonce, date, None).await?;
                }
                Ok(())
            }
            Err(error) => {
                ask_first(bot, state, actor, nonce, Changing::Date, &w, Some(&error)).await
            }
        },
        Some(date) => match parse_time(typed) {
            Ok(time) => {
                let confirm = timed(bot, state, actor, &w, change, date, time).await?;
                if let Some((text, keyboard)) = confirm {
                    send_html(bot, actor.chat(), text, Some(keyboard.into())).await?;
                }
                Ok(())
            }
            Err(error) => ask_time(bot, state, actor, nonce, date, Some(&error)).await,
        },
    }
}

/// A time given (typed, or with a button): checked with the day, then the confirmation to
/// show; `None` when the time is asked again, or the dialogue has ended.
async fn timed(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    w: &Workshop,
    change: Change,
    date: NaiveDate,
    time: NaiveTime,
) -> anyhow::Result<Option<(String, InlineKeyboardMarkup)>> {
    let now = state.clock.now();
    if let Err(error) = local_start(date, time, &state.settings.timezone, now) {
        ask_time(bot, state, actor, change.nonce, date, Some(&error)).await?;
        return Ok(None);
    }
    let next = Change {
        time: Some(time),
        ..change
    };
    if !dialogue::save(&state.db, actor.telegram_id(), &next.dialogue(), now).await? {
        return Ok(None);
    }
    let invited = store::workshops::invitees(&state.db, w.id).await?.len();
    confirmation(state, actor, w, next, invited).map(Some)
}

/// The buttons of a date change: a time, Confirm, Cancel.
pub async fn reschedule_button(
    press: Press<'_>,
    change: Change,
    pressed: DialogueButton,
) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let tg = actor.telegram_id();
    let l = actor.language;
    if pressed == DialogueButton::Cancel {
        return cancelled(press, change.nonce, "reschedule-cancelled").await;
    }
    let Some(w) = changeable_or_refuse(press, change.nonce, change.workshop).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    match (change.date, change.time, pressed) {
        (Some(date), None, DialogueButton::Time { hour, minute }) => {
            press.answer().await?;
            let time = NaiveTime::from_hms_opt(hour.into(), minute.into(), 0)
                .ok_or_else(|| anyhow::anyhow!("a time button out of range"))?;
            match timed(bot, state, actor, &w, change, date, time).await? {
                Some((text, keyboard)) => press.edit(text, Some(keyboard)).await,
                None => Ok(()),
            }
        }
        (Some(date), Some(time), DialogueButton::Confirm) => {
            // Checked again: the confirmation may have waited.
            let starts_at = match local_start(date, time, zone, now) {
                Ok(at) => at,
                Err(error) => {
                    press.answer().await?;
                    let retry = Change {
                        time: None,
                        ..change
                    };
                    dialogue::save(&state.db, tg, &retry.dialogue(), now).await?;
                    return ask_time(bot, state, actor, change.nonce, date, Some(&error)).await;
                }
            };
            // Ending first: of two presses, only one moves the workshop and tells everyone.
            if !dialogues::end(&state.db, tg, change.nonce).await? {
                return press.refuse("dialogue-stale").await;
            }
            let outcome = workshops::move_to(state, &actor.caller(), w.id, starts_at).await?;
            let Some(moved) = press.unless_refused(outcome).await? else {
                return Ok(());
            };
            let args = Args::new()
                .text("title", &w.title)
                .text("when", state.i18n.format_datetime(l, starts_at, zone))
                .num("told", moved.told as i64);
            let text = state.i18n.t_args(l, "reschedule-done", &args);
            press.answer_with_edit(text, None).await
        }
        _ => press.refuse("dialogue-stale").await,
    }
}

/// Cancel, under a question of a change: the dialogue ends and the question says so. Unlike
/// a new workshop's or an announcement's Cancel (`handlers::dialogue::cancel_button`), it
/// does not refuse a press that finds the dialogue ended meanwhile (the router has just
/// found it open): as it always was.
async fn cancelled(press: Press<'_>, nonce: i64, key: &str) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    dialogues::end(&state.db, actor.telegram_id(), nonce).await?;
    press
        .answer_with_edit(state.i18n.t(actor.language, key), None)
        .await
}

/// "Cancel the workshop": first the question, then, when sure, the cancellation.
pub async fn cancel(press: Press<'_>, workshop_id: WorkshopId, sure: bool) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let l = actor.language;
    let zone = &state.settings.timezone;
    let outcome = load_changeable(state, &actor.caller(), workshop_id).await?;
    let Some(w) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    if !sure {
        press.answer().await?;
        let invited = store::workshops::invitees(&state.db, w.id).await?.len();
        let args = Args::new()
            .text("title", &w.title)
            .text("when", state.i18n.format_datetime(l, w.starts_at, zone))
            .num("count", invited as i64);
        let keyboard = InlineKeyboardMarkup::new(vec![vec![
            InlineKeyboardButton::callback(
                state.i18n.t(l, "button-cancel-workshop-sure"),
                Action::CancelWorkshop {
                    workshop: w.id,
                    sure: true,
                }
                .encode(),
            ),
            InlineKeyboardButton::callback(
                state.i18n.t(l, "button-keep-workshop"),
                Action::KeepWorkshop(w.id).encode(),
            ),
        ]]);
        let text = state.i18n.t_args(l, "cancel-workshop-confirm", &args);
        return press.send(text, Some(keyboard.into())).await;
    }
    // Of a double tap, one cancels and tells everyone; the other is refused.
    let outcome = workshops::cancel(state, &actor.caller(), w.id).await?;
    let Some(cancelled) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    let args = Args::new()
        .text("title", &w.title)
        .num("told", cancelled.told as i64);
    let text = state.i18n.t_args(l, "cancel-workshop-done", &args);
    press.answer_with_edit(text, None).await
}

/// "No, keep it": the question goes, nothing changes.
pub async fn keep(press: Press<'_>) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let text = state.i18n.t(actor.language, "cancel-workshop-kept");
    press.answer_with_edit(text, None).await
}

/// A typed number of seats.
pub async fn seats_reply(reply: Reply<'_>, workshop_id: WorkshopId) -> HandlerResult {
    let (bot, state, actor) = (reply.bot, reply.state, reply.actor);
    let (nonce, typed) = (reply.nonce, reply.typed);
    let Some(w) = changeable_or_abandon(bot, state, actor, nonce, workshop_id).await? else {
        return Ok(());
    };
    match Capacity::parse(typed) {
        Ok(capacity) => {
            let text = apply_seats(state, actor, nonce, &w, capacity).await?;
            if let Some(text) = text {
                send_html(bot, actor.chat(), text, None).await?;
            }
            Ok(())
        }
        Err(error) => ask_first(bot, state, actor, nonce, Changing::Seats, &w, Some(&error)).await,
    }
}

/// The seat buttons and Cancel.
pub async fn seats_button(
    press: Press<'_>,
    nonce: i64,
    workshop_id: WorkshopId,
    pressed: DialogueButton,
) -> HandlerResult {
    match pressed {
        DialogueButton::Cancel => cancelled(press, nonce, "seats-cancelled").await,
        DialogueButton::Seats(seats) => {
            let Some(w) = changeable_or_refuse(press, nonce, workshop_id).await? else {
                return Ok(());
            };
            let capacity = Capacity::new(seats)?;
            match apply_seats(press.state, press.actor, nonce, &w, capacity).await? {
                Some(text) => press.answer_with_edit(text, None).await,
                None => press.refuse("dialogue-stale").await,
            }
        }
        _ => press.refuse("dialogue-stale").await,
    }
}

/// Ends the dialogue and changes the capacity (the promoted are told); the organiser's
/// report, or `None` if the dialogue had already ended (a second press).
async fn apply_seats(
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    w: &Workshop,
    capacity: Capacity,
) -> anyhow::Result<Option<String>> {
    let l = actor.language;
    if !dialogues::end(&state.db, actor.telegram_id(), nonce).await? {
        return Ok(None);
    }
    let changed = match workshops::change_seats(state, &actor.caller(), w.id, capacity).await? {
        Ok(changed) => changed,
        Err(refusal) => return Ok(Some(state.i18n.t(l, &refusal.key()))),
    };
    let args = Args::new()
        .text("title", &w.title)
        .num("capacity", i64::from(capacity.get()))
        .num("promoted", changed.promoted as i64)
        .num("over", i64::from(changed.over));
    let mut text = state.i18n.t_args(l, "seats-done", &args);
    if changed.over > 0 {
        text.push('\n');
        text.push_str(&state.i18n.t_args(l, "seats-over", &args));
    }
    Ok(Some(text))
}
