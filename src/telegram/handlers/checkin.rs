//! Check-in on the day: an organiser opens it and shows a short code and a QR code in the
//! room; officials send the code (or scan the QR code, which opens the bot with it) and are
//! marked present. Wrong codes are limited per person, so codes cannot be guessed.

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ParseMode};

use crate::actions::Refusal;
use crate::actions::checkin::{self, CheckInRefusal};
use crate::documents::qr_png;
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::roster::person_matches;
use crate::domain::workshop::CheckinCode;
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::{self, dialogues, roster, workshops};
use crate::telegram::dialogue::{self, Dialogue};
use crate::telegram::{Actor, HandlerResult, Press, Reply, say, say_args};
use crate::views::buttons::Action;
use crate::views::text::place_label;

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
            let label = Args::new()
                .num("number", w.id.get())
                .text("title", w.title.chars().take(40).collect::<String>());
            vec![InlineKeyboardButton::callback(
                state
                    .i18n
                    .button_label(actor.language, "button-checkin-workshop", &label),
                Action::OpenCheckin(w.id).encode(),
            )]
        })
        .collect::<Vec<_>>();
    let markup = InlineKeyboardMarkup::new(buttons).into();
    say(&bot, &state, &actor, "checkin-choose", Some(markup)).await?;
    Ok(())
}

/// Opens check-in: a new code, shown with its QR code to put on the screen.
pub async fn open(press: Press<'_>, workshop_id: WorkshopId) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let outcome = checkin::open(state, &actor.caller(), workshop_id).await?;
    let Some(opened) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    press.answer().await?;
    let (w, session, link) = (opened.workshop, opened.session, opened.link);
    let code = &session.code;
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
    press: Press<'_>,
    workshop_id: WorkshopId,
    mark: Option<PersonId>,
) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let caller = actor.caller();
    let refused = match mark {
        Some(person) => checkin::toggle_presence(state, &caller, workshop_id, person)
            .await?
            .err(),
        // Only shown: checked like a change, so a forged button shows nothing.
        None => checkin::at_the_door(state, &caller, workshop_id)
            .await?
            .err(),
    };
    if let Some(refusal) = refused {
        return press.refuse_with(&refusal).await;
    }
    press.answer().await?;
    let marked = store::checkin::marked(&state.db, workshop_id).await?;
    let present: Vec<PersonId> = marked
        .iter()
        .filter(|(_, came)| *came)
        .map(|(p, _)| *p)
        .collect();
    let mut expected: Vec<PersonId> = workshops::invitees(&state.db, workshop_id)
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
        let label = Args::new()
            .raw("tick", tick)
            .text("name", &person.full_name);
        buttons.push(vec![InlineKeyboardButton::callback(
            state
                .i18n
                .button_label(actor.language, "button-roll-call-person", &label),
            data,
        )]);
    }
    buttons.push(vec![InlineKeyboardButton::callback(
        state.i18n.t(actor.language, "button-walk-in"),
        Action::WalkIn(workshop_id).encode(),
    )]);
    let markup = InlineKeyboardMarkup::new(buttons);
    match (mark, &press.query.message) {
        // A tap on the roll call updates it in place.
        (Some(_), Some(_)) => press.edit_buttons(Some(markup)).await,
        _ => {
            let text = state.i18n.t(actor.language, "roll-call");
            press.send(text, Some(markup.into())).await
        }
    }
}

/// How many people a walk-in search shows, as buttons.
const WALK_IN_MATCHES: usize = 8;

/// "Walk-in" under the roll call: asks who came without an invitation.
pub async fn walk_in_prompt(press: Press<'_>, workshop_id: WorkshopId) -> HandlerResult {
    let (bot, state, actor) = (press.bot, press.state, press.actor);
    let now = state.clock.now();
    let outcome = checkin::at_the_door(state, &actor.caller(), workshop_id).await?;
    let Some(w) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    let walk_in = Dialogue::WalkIn {
        workshop: workshop_id,
    };
    dialogue::start(&state.db, actor.telegram_id(), &walk_in, now).await?;
    press.answer().await?;
    let args = Args::new().text("title", &w.title);
    say_args(bot, state, actor, "walk-in-prompt", &args, None).await?;
    Ok(())
}

/// The organiser typed part of a name or a phone number: the people of the roster who fit
/// and are not marked present yet, a button each.
pub async fn walk_in_search(reply: Reply<'_>, workshop_id: WorkshopId) -> HandlerResult {
    let (bot, state, actor) = (reply.bot, reply.state, reply.actor);
    let typed = reply.typed;
    let present: Vec<PersonId> = store::checkin::marked(&state.db, workshop_id)
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
            let label = Args::new()
                .text("name", &p.full_name)
                .text("body", place_label(state, l, &p.province, p.body.as_ref()));
            vec![InlineKeyboardButton::callback(
                state.i18n.button_label(l, "button-walk-in-person", &label),
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
    press: Press<'_>,
    workshop_id: WorkshopId,
    person_id: PersonId,
) -> HandlerResult {
    let (state, actor) = (press.state, press.actor);
    let now = state.clock.now();
    let l = actor.language;
    let outcome = checkin::add_walk_in(state, &actor.caller(), workshop_id, person_id).await?;
    let Some((w, person)) = press.unless_refused(outcome).await? else {
        return Ok(());
    };
    // The search is over once someone is picked.
    let tg = actor.telegram_id();
    if let Some(open) = dialogue::load(&state.db, tg, now).await?
        && open.dialogue
            == (Dialogue::WalkIn {
                workshop: workshop_id,
            })
    {
        dialogues::end(&state.db, tg, open.nonce).await?;
    }
    let args = Args::new()
        .text("name", &person.full_name)
        .text("title", &w.title);
    let text = state.i18n.t_args(l, "walk-in-added", &args);
    press.answer_with_edit(text, None).await
}

/// An official sends a code, typed or by scanning the QR code (`/start ci_<code>`).
pub async fn by_code(bot: Bot, state: AppState, actor: Actor, typed: String) -> HandlerResult {
    check_in(&bot, &state, &actor, &typed).await
}

/// Checks a typed (or scanned) code and marks the person present.
async fn check_in(bot: &Bot, state: &AppState, actor: &Actor, typed: &str) -> HandlerResult {
    let Some(person) = &actor.person else {
        say(bot, state, actor, "not-joined", None).await?;
        return Ok(());
    };
    let l = actor.language;
    let tg = actor.telegram_id();
    match checkin::check_in(state, person.id, tg, typed).await? {
        Ok(w) => {
            let args = Args::new().text("title", &w.title);
            say_args(bot, state, actor, "checkin-done", &args, None).await?;
        }
        Err(CheckInRefusal::TooManyAttempts { retry_at }) => {
            let when = state
                .i18n
                .format_datetime(l, retry_at, &state.settings.timezone);
            let args = Args::new().text("when", when);
            say_args(bot, state, actor, "checkin-too-many", &args, None).await?;
        }
        Err(refusal) => {
            say(bot, state, actor, &refusal.key(), None).await?;
        }
    }
    Ok(())
}
