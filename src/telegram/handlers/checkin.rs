//! Check-in on the day: an organiser opens it and shows a short code and a QR code in the
//! room; officials send the code (or scan the QR code, which opens the bot with it) and are
//! marked present. Wrong codes are limited per person, so codes cannot be guessed.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ParseMode};

use crate::documents::qr_png;
use crate::domain::roster::person_matches;
use crate::domain::workshop::{self, ATTEMPT_WINDOW, CheckinCode, CheckinSession, CheckinWindow};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::{checkin, dialogues, roster, settings, workshops};
use crate::telegram::dialogue::{self, Dialogue};
use crate::telegram::{Actor, HandlerResult, alert, edit_html, say, say_args};
use crate::views::buttons::Action;
use crate::views::text::start_link;
use crate::views::text::place_label;

/// What the QR code's link carries before the code: `https://t.me/<bot>?start=ci482913`.
pub const LINK_PREFIX: &str = "ci";

/// A text that is a check-in code (six digits, spaces allowed), handed on as typed.
pub fn looks_like_code(text: &str) -> Option<String> {
    CheckinCode::parse(text).map(|_| text.to_owned())
}

/// `/checkin`: the workshops of the next 24 hours, a button each.
pub async fn choose(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let now = state.clock.now();
    let soon: Vec<_> = workshops::upcoming(&state.db, now - chrono::Duration::hours(3))
        .await?
        .into_iter()
        .filter(|w| w.starts_at <= now + chrono::Duration::hours(24))
        .collect();
    if soon.is_empty() {
        say(&bot, &state, &actor, "checkin-none-today", None).await?;
        return Ok(());
    }
    let buttons = soon
        .iter()
        .map(|w| {
            let label = format!(
                "📍 {}. {}",
                w.id,
                w.title.chars().take(40).collect::<String>()
            );
            vec![InlineKeyboardButton::callback(
                label,
                Action::OpenCheckin(w.id).encode(),
            )]
        })
        .collect::<Vec<_>>();
    let markup = InlineKeyboardMarkup::new(buttons).into();
    say(&bot, &state, &actor, "checkin-choose", Some(markup)).await?;
    Ok(())
}

/// Opens check-in: a new code, shown with its QR code to put on the screen.
pub async fn open(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: i64,
) -> HandlerResult {
    bot.answer_callback_query(query.id.clone()).await?;
    let Some(w) = workshops::get(&state.db, workshop_id).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    let active = checkin::recent(&state.db, now).await?;
    // A code no other open session uses, so a code names one workshop.
    let code = loop {
        let code = CheckinCode::generate();
        if active
            .iter()
            .all(|(id, s)| *id == workshop_id || s.code != code)
        {
            break code;
        }
    };
    let session = CheckinSession {
        code: code.clone(),
        window: CheckinWindow::opened_at(now, w.starts_at),
    };
    checkin::open(&state.db, workshop_id, &session, &actor.label(), now).await?;
    let username = settings::get(&state.db, settings::BOT_USERNAME)
        .await?
        .unwrap_or_default();
    let link = start_link(&username, &format!("{LINK_PREFIX}{}", code.as_str()));
    let l = actor.language;
    let args = Args::new()
        .text("title", &w.title)
        .text("code", code.spaced())
        .text("link", &link)
        .text(
            "closes",
            state
                .i18n
                .format_datetime(l, session.window.closes, &state.settings.timezone),
        );
    let caption = state.i18n.t_args(l, "checkin-opened", &args);
    let qr = qr_png(&link)?;
    let roll_call = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        state.i18n.t(l, "button-roll-call"),
        Action::RollCall(workshop_id).encode(),
    )]]);
    bot.send_photo(actor.chat(), InputFile::memory(qr).file_name("checkin.png"))
        .caption(caption)
        .parse_mode(ParseMode::Html)
        .reply_markup(roll_call)
        .await?;
    Ok(())
}

/// The roll call: one button per person who said yes (and anyone already marked), ticked
/// when present; a tap toggles. With `mark`, that person is toggled first.
pub async fn roll_call(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: i64,
    mark: Option<i64>,
) -> HandlerResult {
    let now = state.clock.now();
    if let Some(person) = mark {
        checkin::toggle_presence(&state.db, workshop_id, person, &actor.label(), now).await?;
    }
    bot.answer_callback_query(query.id.clone()).await?;
    let marked = checkin::marked(&state.db, workshop_id).await?;
    let present: Vec<i64> = marked
        .iter()
        .filter(|(_, came)| *came)
        .map(|(p, _)| *p)
        .collect();
    let mut expected: Vec<i64> = workshops::invitees(&state.db, workshop_id)
        .await?
        .into_iter()
        .filter(|i| i.seat.said_yes())
        .map(|i| i.person)
        .collect();
    // Anyone already marked, walk-ins included, stays on the list.
    for (person, _) in &marked {
        if !expected.contains(person) {
            expected.push(*person);
        }
    }
    let mut buttons = Vec::new();
    for person_id in expected {
        let Some(person) = crate::store::roster::by_id(&state.db, person_id).await? else {
            continue;
        };
        let tick = if present.contains(&person_id) {
            "✅"
        } else {
            "⬜"
        };
        let data = Action::Mark {
            workshop: workshop_id,
            person: person_id,
        }
        .encode();
        buttons.push(vec![InlineKeyboardButton::callback(
            format!("{tick} {}", person.full_name),
            data,
        )]);
    }
    buttons.push(vec![InlineKeyboardButton::callback(
        state.i18n.t(actor.language, "button-walk-in"),
        Action::WalkIn(workshop_id).encode(),
    )]);
    let markup = InlineKeyboardMarkup::new(buttons);
    match (mark, &query.message) {
        // A tap on the roll call updates it in place.
        (Some(_), Some(message)) => {
            bot.edit_message_reply_markup(message.chat().id, message.id())
                .reply_markup(markup)
                .await?;
        }
        _ => {
            let text = state.i18n.t(actor.language, "roll-call");
            crate::telegram::send_html(bot, actor.chat(), text, Some(markup.into())).await?;
        }
    }
    Ok(())
}

/// How many people a walk-in search shows, as buttons.
const WALK_IN_MATCHES: usize = 8;

/// "Walk-in" under the roll call: asks who came without an invitation.
pub async fn walk_in_prompt(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: i64,
) -> HandlerResult {
    let now = state.clock.now();
    let Some(w) = workshops::get(&state.db, workshop_id)
        .await?
        .filter(|w| w.cancelled_at.is_none())
    else {
        return alert(bot, query, &state.i18n.t(actor.language, "button-stale")).await;
    };
    let walk_in = Dialogue::WalkIn {
        workshop: workshop_id,
    };
    dialogue::start(&state.db, actor.user.id.0 as i64, &walk_in, now).await?;
    bot.answer_callback_query(query.id.clone()).await?;
    let args = Args::new().text("title", &w.title);
    say_args(bot, state, actor, "walk-in-prompt", &args, None).await?;
    Ok(())
}

/// The organiser typed part of a name or a phone number: the people of the roster who fit
/// and are not marked present yet, a button each.
pub async fn walk_in_search(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    workshop_id: i64,
    typed: &str,
) -> HandlerResult {
    let present: Vec<i64> = checkin::marked(&state.db, workshop_id)
        .await?
        .into_iter()
        .filter(|(_, came)| *came)
        .map(|(p, _)| p)
        .collect();
    let found: Vec<_> = roster::all_people(&state.db)
        .await?
        .into_iter()
        .filter(|p| !present.contains(&p.id))
        .filter(|p| person_matches(typed, &p.full_name, p.phone.as_str()))
        .collect();
    let l = actor.language;
    let args = Args::new()
        .text("typed", typed.trim())
        .num("count", found.len() as i64);
    if found.is_empty() {
        say_args(bot, state, actor, "walk-in-none", &args, None).await?;
        return Ok(());
    }
    let buttons: Vec<Vec<InlineKeyboardButton>> = found
        .iter()
        .take(WALK_IN_MATCHES)
        .map(|p| {
            let place = place_label(state, l, &p.province, p.body.as_ref());
            vec![InlineKeyboardButton::callback(
                format!("{} — {place}", p.full_name),
                Action::AddWalkIn {
                    workshop: workshop_id,
                    person: p.id,
                }
                .encode(),
            )]
        })
        .collect();
    say_args(
        bot,
        state,
        actor,
        "walk-in-matches",
        &args,
        Some(InlineKeyboardMarkup::new(buttons).into()),
    )
    .await?;
    Ok(())
}

/// An organiser picked the walk-in: marked present (a walk-in if not invited), audited.
pub async fn add_walk_in(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: i64,
    person_id: i64,
) -> HandlerResult {
    let now = state.clock.now();
    let l = actor.language;
    let workshop = workshops::get(&state.db, workshop_id)
        .await?
        .filter(|w| w.cancelled_at.is_none());
    let person = roster::by_id(&state.db, person_id).await?;
    let (Some(w), Some(person)) = (workshop, person) else {
        return alert(bot, query, &state.i18n.t(l, "button-stale")).await;
    };
    checkin::record_walk_in(&state.db, workshop_id, person_id, &actor.label(), now).await?;
    // The search is over once someone is picked.
    let tg = actor.user.id.0 as i64;
    if let Some(open) = dialogue::load(&state.db, tg, now).await?
        && open.dialogue
            == (Dialogue::WalkIn {
                workshop: workshop_id,
            })
    {
        dialogues::end(&state.db, tg, open.nonce).await?;
    }
    bot.answer_callback_query(query.id.clone()).await?;
    let args = Args::new()
        .text("name", &person.full_name)
        .text("title", &w.title);
    edit_html(
        bot,
        query,
        state.i18n.t_args(l, "walk-in-added", &args),
        None,
    )
    .await?;
    Ok(())
}

/// An official sends a code.
pub async fn by_code(bot: Bot, state: AppState, actor: Actor, typed: String) -> HandlerResult {
    check_in(&bot, &state, &actor, &typed).await
}

/// Checks a typed (or scanned) code and marks the person present.
pub async fn check_in(bot: &Bot, state: &AppState, actor: &Actor, typed: &str) -> HandlerResult {
    let Some(person) = &actor.person else {
        say(bot, state, actor, "not-joined", None).await?;
        return Ok(());
    };
    let now = state.clock.now();
    let tg = actor.user.id.0 as i64;
    let l = actor.language;
    let tries = checkin::wrong_codes_since(&state.db, tg, now - ATTEMPT_WINDOW).await?;
    if let Err(too_many) = workshop::allowed(&tries, now) {
        let when = state
            .i18n
            .format_datetime(l, too_many.retry_at, &state.settings.timezone);
        let args = Args::new().text("when", when);
        say_args(bot, state, actor, "checkin-too-many", &args, None).await?;
        return Ok(());
    }
    let mut refusal = None;
    for (workshop_id, session) in checkin::recent(&state.db, now).await? {
        match workshop::check(typed, &session, now) {
            Ok(()) => {
                checkin::mark_present(&state.db, workshop_id, person.id, now).await?;
                let title = workshops::get(&state.db, workshop_id)
                    .await?
                    .map(|w| w.title)
                    .unwrap_or_default();
                let args = Args::new().text("title", title);
                say_args(bot, state, actor, "checkin-done", &args, None).await?;
                return Ok(());
            }
            Err(workshop::CheckinRefusal::WrongCode) => {}
            Err(other) => refusal = Some(other),
        }
    }
    match refusal {
        Some(refused) => {
            say(
                bot,
                state,
                actor,
                &format!("checkin-{}", refused.code()),
                None,
            )
            .await?;
        }
        None => {
            checkin::record_wrong_code(&state.db, tg, now).await?;
            say(bot, state, actor, "checkin-wrong-code", None).await?;
        }
    }
    Ok(())
}
