//! Changing a workshop from chat, from its details: a new date and time (asked, checked,
//! confirmed), another number of seats (the waiting list moves up), or a cancellation (asked
//! twice). Everyone invited is told through the delivery
//! engine, reminders follow, answers are kept; every change is audited.

use chrono::{NaiveDate, NaiveTime};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions::Refusal;
use crate::actions::workshops::{self, ChangeRefusal, load_changeable};
use crate::domain::ids::WorkshopId;
use crate::domain::workshop::{
    Capacity, DraftError, answer_counts, check_day, default_deadline, local_start, parse_date,
    parse_time,
};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::{self, dialogues, workshops::Workshop};
use crate::telegram::dialogue::{self, Dialogue, Open};
use crate::telegram::{
    Actor, HandlerResult, answer_with_edit, edit_html, refuse_press, refuse_with, send_html,
};
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

/// The workshop can no longer be changed (cancelled or started meanwhile): the dialogue ends
/// and the organiser is told why.
async fn abandon(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    refusal: ChangeRefusal,
) -> HandlerResult {
    dialogues::end(&state.db, actor.telegram_id(), nonce).await?;
    let text = state.i18n.t(actor.language, &refusal.key());
    send_html(bot, actor.chat(), text, None).await?;
    Ok(())
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

/// "Change the date" under a workshop's details: asks the new day.
pub async fn reschedule_start(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: WorkshopId,
) -> HandlerResult {
    let change = Dialogue::Reschedule {
        workshop: workshop_id,
        date: None,
        time: None,
    };
    match begin_change(bot, state, actor, query, workshop_id, &change).await? {
        Some((nonce, w)) => ask_date(bot, state, actor, nonce, &w, None).await,
        None => Ok(()),
    }
}

/// Begins changing a workshop that may still change: the dialogue starts and the press is
/// answered, giving the dialogue's nonce and the workshop; `None` when refused (the presser
/// is told why, and nothing starts).
async fn begin_change(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: WorkshopId,
    change: &Dialogue,
) -> anyhow::Result<Option<(i64, Workshop)>> {
    let w = match load_changeable(state, &actor.caller(), workshop_id).await? {
        Ok(w) => w,
        Err(refusal) => {
            refuse_with(bot, state, actor, query, &refusal).await?;
            return Ok(None);
        }
    };
    let now = state.clock.now();
    let nonce = dialogue::start(&state.db, actor.telegram_id(), change, now).await?;
    bot.answer_callback_query(query.id.clone()).await?;
    Ok(Some((nonce, w)))
}

async fn ask_date(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    w: &Workshop,
    refusal: Option<&DraftError>,
) -> HandlerResult {
    let l = actor.language;
    let zone = &state.settings.timezone;
    let example = example_day(state);
    let args = Args::new()
        .text("title", &w.title)
        .text("when", state.i18n.format_datetime(l, w.starts_at, zone))
        .text("example", example.format("%d/%m/%Y"));
    let mut text = state.i18n.t_args(l, "reschedule-ask-date", &args);
    if let Some(error) = refusal {
        text = format!("{}\n\n{text}", refusal_text(&state.i18n, l, error));
    }
    let keyboard = InlineKeyboardMarkup::new(vec![cancel_row(state, actor, nonce)]);
    send_html(bot, actor.chat(), text, Some(keyboard.into())).await?;
    Ok(())
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
    let mut text = state.i18n.t_args(l, "reschedule-ask-time", &args);
    if let Some(error) = refusal {
        text = format!("{}\n\n{text}", refusal_text(&state.i18n, l, error));
    }
    let mut rows = time_rows(nonce);
    rows.push(cancel_row(state, actor, nonce));
    send_html(
        bot,
        actor.chat(),
        text,
        Some(InlineKeyboardMarkup::new(rows).into()),
    )
    .await?;
    Ok(())
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
pub async fn reschedule_reply(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    change: Change,
    typed: &str,
) -> HandlerResult {
    let tg = actor.telegram_id();
    let w = match load_changeable(state, &actor.caller(), change.workshop).await? {
        Ok(w) => w,
        Err(refusal) => return abandon(bot, state, actor, change.nonce, refusal).await,
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
                    ask_time(bot, state, actor, change.nonce, date, None).await?;
                }
                Ok(())
            }
            Err(error) => ask_date(bot, state, actor, change.nonce, &w, Some(&error)).await,
        },
        Some(date) => match parse_time(typed) {
            Ok(time) => timed(bot, state, actor, None, &w, change, date, time).await,
            Err(error) => ask_time(bot, state, actor, change.nonce, date, Some(&error)).await,
        },
    }
}

/// A time given (typed, or with a button): checked with the day, then the confirmation.
#[allow(clippy::too_many_arguments)] // one step of the dialogue, with what it needs
async fn timed(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: Option<&CallbackQuery>,
    w: &Workshop,
    change: Change,
    date: NaiveDate,
    time: NaiveTime,
) -> HandlerResult {
    let now = state.clock.now();
    if let Err(error) = local_start(date, time, &state.settings.timezone, now) {
        return ask_time(bot, state, actor, change.nonce, date, Some(&error)).await;
    }
    let next = Change {
        time: Some(time),
        ..change
    };
    if !dialogue::save(&state.db, actor.telegram_id(), &next.dialogue(), now).await? {
        return Ok(());
    }
    let invited = store::workshops::invitees(&state.db, w.id).await?.len();
    let (text, keyboard) = confirmation(state, actor, w, next, invited)?;
    match query {
        Some(query) => edit_html(bot, query, text, Some(keyboard)).await?,
        None => {
            send_html(bot, actor.chat(), text, Some(keyboard.into())).await?;
        }
    }
    Ok(())
}

/// The buttons of a date change: a time, Confirm, Cancel.
pub async fn reschedule_button(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    change: Change,
    pressed: DialogueButton,
) -> HandlerResult {
    let tg = actor.telegram_id();
    let l = actor.language;
    if pressed == DialogueButton::Cancel {
        dialogues::end(&state.db, tg, change.nonce).await?;
        bot.answer_callback_query(query.id.clone()).await?;
        edit_html(bot, query, state.i18n.t(l, "reschedule-cancelled"), None).await?;
        return Ok(());
    }
    let w = match load_changeable(state, &actor.caller(), change.workshop).await? {
        Ok(w) => w,
        Err(refusal) => {
            dialogues::end(&state.db, tg, change.nonce).await?;
            return refuse_with(bot, state, actor, query, &refusal).await;
        }
    };
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    match (change.date, change.time, pressed) {
        (Some(date), None, DialogueButton::Time { hour, minute }) => {
            bot.answer_callback_query(query.id.clone()).await?;
            let time = NaiveTime::from_hms_opt(hour.into(), minute.into(), 0)
                .ok_or_else(|| anyhow::anyhow!("a time button out of range"))?;
            timed(bot, state, actor, Some(query), &w, change, date, time).await
        }
        (Some(date), Some(time), DialogueButton::Confirm) => {
            // Checked again: the confirmation may have waited.
            let starts_at = match local_start(date, time, zone, now) {
                Ok(at) => at,
                Err(error) => {
                    bot.answer_callback_query(query.id.clone()).await?;
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
                return refuse_press(bot, state, actor, query, "dialogue-stale").await;
            }
            let moved = match workshops::move_to(state, &actor.caller(), w.id, starts_at).await? {
                Ok(moved) => moved,
                Err(refusal) => return refuse_with(bot, state, actor, query, &refusal).await,
            };
            let args = Args::new()
                .text("title", &w.title)
                .text("when", state.i18n.format_datetime(l, starts_at, zone))
                .num("told", moved.told as i64);
            answer_with_edit(
                bot,
                query,
                state.i18n.t_args(l, "reschedule-done", &args),
                None,
            )
            .await
        }
        _ => refuse_press(bot, state, actor, query, "dialogue-stale").await,
    }
}

/// "Cancel the workshop": first the question, then, when sure, the cancellation.
pub async fn cancel(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: WorkshopId,
    sure: bool,
) -> HandlerResult {
    let l = actor.language;
    let zone = &state.settings.timezone;
    let w = match load_changeable(state, &actor.caller(), workshop_id).await? {
        Ok(w) => w,
        Err(refusal) => return refuse_with(bot, state, actor, query, &refusal).await,
    };
    if !sure {
        bot.answer_callback_query(query.id.clone()).await?;
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
        send_html(bot, actor.chat(), text, Some(keyboard.into())).await?;
        return Ok(());
    }
    // Of a double tap, one cancels and tells everyone; the other is refused.
    let cancelled = match workshops::cancel(state, &actor.caller(), w.id).await? {
        Ok(cancelled) => cancelled,
        Err(refusal) => return refuse_with(bot, state, actor, query, &refusal).await,
    };
    let args = Args::new()
        .text("title", &w.title)
        .num("told", cancelled.told as i64);
    answer_with_edit(
        bot,
        query,
        state.i18n.t_args(l, "cancel-workshop-done", &args),
        None,
    )
    .await
}

/// "No, keep it": the question goes, nothing changes.
pub async fn keep(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
) -> HandlerResult {
    let text = state.i18n.t(actor.language, "cancel-workshop-kept");
    answer_with_edit(bot, query, text, None).await
}

/// "Change the seats" under a workshop's details: asks how many, with the current counts.
pub async fn seats_start(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: WorkshopId,
) -> HandlerResult {
    let seats = Dialogue::Seats {
        workshop: workshop_id,
    };
    match begin_change(bot, state, actor, query, workshop_id, &seats).await? {
        Some((nonce, w)) => ask_seats(bot, state, actor, nonce, &w, None).await,
        None => Ok(()),
    }
}

async fn ask_seats(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    w: &Workshop,
    refusal: Option<&DraftError>,
) -> HandlerResult {
    let l = actor.language;
    let counts = answer_counts(&store::workshops::invitees(&state.db, w.id).await?);
    let args = Args::new()
        .text("title", &w.title)
        .num("capacity", i64::from(w.capacity.get()))
        .num("yes", i64::from(counts.confirmed))
        .num("waiting", i64::from(counts.waiting));
    let mut text = state.i18n.t_args(l, "seats-ask", &args);
    if let Some(error) = refusal {
        text = format!("{}\n\n{text}", refusal_text(&state.i18n, l, error));
    }
    let keyboard =
        InlineKeyboardMarkup::new(vec![seat_row(nonce), cancel_row(state, actor, nonce)]);
    send_html(bot, actor.chat(), text, Some(keyboard.into())).await?;
    Ok(())
}

/// A typed number of seats.
pub async fn seats_reply(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    nonce: i64,
    workshop_id: WorkshopId,
    typed: &str,
) -> HandlerResult {
    let w = match load_changeable(state, &actor.caller(), workshop_id).await? {
        Ok(w) => w,
        Err(refusal) => return abandon(bot, state, actor, nonce, refusal).await,
    };
    match Capacity::parse(typed) {
        Ok(capacity) => {
            let text = apply_seats(state, actor, nonce, &w, capacity).await?;
            if let Some(text) = text {
                send_html(bot, actor.chat(), text, None).await?;
            }
            Ok(())
        }
        Err(error) => ask_seats(bot, state, actor, nonce, &w, Some(&error)).await,
    }
}

/// The seat buttons and Cancel.
pub async fn seats_button(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    nonce: i64,
    workshop_id: WorkshopId,
    pressed: DialogueButton,
) -> HandlerResult {
    let l = actor.language;
    let tg = actor.telegram_id();
    match pressed {
        DialogueButton::Cancel => {
            dialogues::end(&state.db, tg, nonce).await?;
            answer_with_edit(bot, query, state.i18n.t(l, "seats-cancelled"), None).await
        }
        DialogueButton::Seats(seats) => {
            let w = match load_changeable(state, &actor.caller(), workshop_id).await? {
                Ok(w) => w,
                Err(refusal) => {
                    dialogues::end(&state.db, tg, nonce).await?;
                    return refuse_with(bot, state, actor, query, &refusal).await;
                }
            };
            let capacity = Capacity::new(seats)?;
            match apply_seats(state, actor, nonce, &w, capacity).await? {
                Some(text) => answer_with_edit(bot, query, text, None).await,
                None => refuse_press(bot, state, actor, query, "dialogue-stale").await,
            }
        }
        _ => refuse_press(bot, state, actor, query, "dialogue-stale").await,
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
