//! Looking at workshops: organisers see live counts per workshop and per commune and can
//! nudge those who have not answered; officials see their own upcoming workshops.

use std::collections::HashMap;

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::actions;
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::roster::Language;
use crate::domain::workshop::{
    EvaluationSummary, Score, SeatKind, answer_counts, confirmed, waiting_list,
};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::{audit, checkin, roster, workshops};
use crate::telegram::{Actor, HandlerResult, refuse_with, say, send_html};
use crate::views::buttons::Action;
use crate::views::text::place_label;
use crate::views::workshop::my_entry;

/// How far back `/workshops` still shows a workshop, for its attendance and ratings.
const RECENT: chrono::Duration = chrono::Duration::days(30);

/// How many people each list of a workshop's details names (coming, waiting, not answered):
/// enough to act on, short enough to read on a phone.
const SHOWN_NAMES: usize = 30;

/// How many upcoming workshops `/my` shows, one message each.
const SHOWN_MINE: usize = 10;

/// How many comments the workshop's details show, the latest first.
const SHOWN_COMMENTS: usize = 5;

/// `/workshops` (organisers): upcoming and recent workshops with their counts, a button each.
pub async fn list(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let l = actor.language;
    let now = state.clock.now();
    let upcoming = workshops::upcoming(&state.db, now - RECENT).await?;
    let create = vec![InlineKeyboardButton::callback(
        state.i18n.t(l, "button-new-workshop"),
        Action::NewWorkshop.encode(),
    )];
    if upcoming.is_empty() {
        let markup = InlineKeyboardMarkup::new(vec![create]);
        say(&bot, &state, &actor, "workshops-empty", Some(markup.into())).await?;
        return Ok(());
    }
    let mut lines = Vec::new();
    let mut buttons = Vec::new();
    for w in &upcoming {
        let counts = answer_counts(&workshops::invitees(&state.db, w.id).await?);
        let args = Args::new()
            .num("number", w.id.get())
            .text("title", &w.title)
            .text(
                "when",
                state
                    .i18n
                    .format_datetime(l, w.starts_at, &state.settings.timezone),
            )
            .num("yes", i64::from(counts.confirmed))
            .num("capacity", i64::from(w.capacity.get()))
            .num("waiting", i64::from(counts.waiting))
            .num("no", i64::from(counts.declined))
            .num("pending", i64::from(counts.no_answer));
        lines.push(state.i18n.t_args(l, "workshops-line", &args));
        let label = Args::new()
            .num("number", w.id.get())
            .text("title", w.title.chars().take(40).collect::<String>());
        buttons.push(vec![InlineKeyboardButton::callback(
            state.i18n.button_label(l, "button-workshop", &label),
            Action::Details(w.id).encode(),
        )]);
    }
    buttons.push(create);
    let markup = InlineKeyboardMarkup::new(buttons);
    send_html(&bot, actor.chat(), lines.join("\n\n"), Some(markup.into())).await?;
    // Organisers read this in /audit: "1 workshop", not "1 workshops".
    let detail = match upcoming.len() {
        1 => "1 workshop".to_owned(),
        n => format!("{n} workshops"),
    };
    audit::record(
        &state.db.pool,
        now,
        &actor.label(),
        "workshop.list",
        &detail,
    )
    .await?;
    Ok(())
}

/// The live counts of one workshop, per commune, with the nudge button.
pub async fn details(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: WorkshopId,
) -> HandlerResult {
    let l = actor.language;
    bot.answer_callback_query(query.id.clone()).await?;
    let Some(w) = workshops::get(&state.db, workshop_id).await? else {
        return Ok(());
    };
    let invitees = workshops::invitees(&state.db, workshop_id).await?;
    let counts = answer_counts(&invitees);
    let people: HashMap<PersonId, roster::Person> = roster::all_people(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    // Per commune: (label) → (yes, no, pending, present).
    let mut per_body: Vec<(String, [u32; 4])> = Vec::new();
    let index_of = |label: String, per_body: &mut Vec<(String, [u32; 4])>| match per_body
        .iter()
        .position(|(b, _)| *b == label)
    {
        Some(i) => i,
        None => {
            per_body.push((label, [0; 4]));
            per_body.len() - 1
        }
    };
    let mut pending_names = Vec::new();
    for invitee in &invitees {
        let Some(person) = people.get(&invitee.person) else {
            continue;
        };
        let label = place_label(state, l, &person.province, person.body.as_ref());
        let index = index_of(label, &mut per_body);
        match invitee.seat {
            SeatKind::Confirmed | SeatKind::Waiting => per_body[index].1[0] += 1,
            SeatKind::Declined => per_body[index].1[1] += 1,
            SeatKind::NoAnswer => {
                per_body[index].1[2] += 1;
                pending_names.push((person.full_name.clone(), per_body[index].0.clone()));
            }
        }
    }
    let held = w.starts_at <= state.clock.now();
    if held {
        // Who came, walk-ins included, counted where they belong.
        for (person_id, came) in checkin::marked(&state.db, workshop_id).await? {
            if let (true, Some(person)) = (came, people.get(&person_id)) {
                let label = place_label(state, l, &person.province, person.body.as_ref());
                let index = index_of(label, &mut per_body);
                per_body[index].1[3] += 1;
            }
        }
    }
    per_body.sort_by(|a, b| a.0.cmp(&b.0));
    let args = Args::new()
        .text("title", &w.title)
        .text(
            "when",
            state
                .i18n
                .format_datetime(l, w.starts_at, &state.settings.timezone),
        )
        .num("invited", i64::from(counts.invited))
        .num("yes", i64::from(counts.confirmed))
        .num("capacity", i64::from(w.capacity.get()))
        .num("waiting", i64::from(counts.waiting))
        .num("no", i64::from(counts.declined))
        .num("pending", i64::from(counts.no_answer));
    let mut text = state.i18n.t_args(l, "workshop-details", &args);
    if held {
        let facts = workshops::attendance_facts(&state.db, Some(workshop_id), None).await?;
        let came = crate::domain::workshop::attendance(&facts).total;
        let scores = workshops::scores(&state.db, workshop_id).await?;
        let summary =
            EvaluationSummary::from_scores(scores.iter().filter_map(|(_, s)| Score::new(*s).ok()));
        let mean = summary
            .mean_tenths
            .map(|m| state.i18n.format_tenths(l, i64::from(m)))
            .unwrap_or_else(|| "—".into());
        let args = Args::new()
            .num("present", i64::from(came.present))
            .num("absent", i64::from(came.absent))
            .num("walk_ins", i64::from(came.walk_ins))
            .figure("mean", mean)
            .num("count", i64::from(summary.count));
        text.push('\n');
        text.push_str(&state.i18n.t_args(l, "workshop-outcome", &args));
        let comments = workshops::comments(&state.db, workshop_id).await?;
        if !comments.is_empty() {
            text.push_str("\n\n");
            text.push_str(&state.i18n.t(l, "workshop-comments"));
            // The latest few, so the message stays readable on a phone.
            for (score, comment) in comments.iter().rev().take(SHOWN_COMMENTS) {
                let args = Args::new()
                    .num("score", i64::from(*score))
                    .text("comment", comment);
                text.push('\n');
                text.push_str(&state.i18n.t_args(l, "workshop-comment-line", &args));
            }
        }
    }
    let line_key = if held {
        "workshop-commune-line-held"
    } else {
        "workshop-commune-line"
    };
    for (body, [yes, no, pending, present]) in &per_body {
        let args = Args::new()
            .text("body", body)
            .num("yes", i64::from(*yes))
            .num("no", i64::from(*no))
            .num("pending", i64::from(*pending))
            .num("present", i64::from(*present));
        text.push('\n');
        text.push_str(&state.i18n.t_args(l, line_key, &args));
    }
    // Who is coming, and in what order the waiting list moves up.
    let name_of = |id: &PersonId| {
        let person = people.get(id)?;
        let body = place_label(state, l, &person.province, person.body.as_ref());
        Some((person.full_name.clone(), body))
    };
    let mut coming: Vec<(String, String)> =
        confirmed(&invitees).iter().filter_map(name_of).collect();
    coming.sort();
    push_names(state, l, &mut text, "workshop-coming", &coming);
    let waiting: Vec<(String, String)> =
        waiting_list(&invitees).iter().filter_map(name_of).collect();
    push_names(state, l, &mut text, "workshop-waiting", &waiting);
    // Who has not answered, before the deadline: the people to call or nudge.
    if w.answer_deadline > state.clock.now() {
        pending_names.sort();
        push_names(state, l, &mut text, "workshop-pending", &pending_names);
    }
    let mut rows = Vec::new();
    if counts.no_answer > 0 {
        let label = state.i18n.t_args(
            l,
            "button-nudge",
            &Args::new().num("count", i64::from(counts.no_answer)),
        );
        rows.push(vec![InlineKeyboardButton::callback(
            crate::i18n::strip_bidi(&label),
            Action::Nudge(workshop_id).encode(),
        )]);
    }
    // A workshop still to come can be moved or cancelled from here.
    if w.cancelled_at.is_none() && w.starts_at > state.clock.now() {
        rows.push(vec![
            InlineKeyboardButton::callback(
                state.i18n.t(l, "button-reschedule"),
                Action::Reschedule(workshop_id).encode(),
            ),
            InlineKeyboardButton::callback(
                state.i18n.t(l, "button-seats"),
                Action::Seats(workshop_id).encode(),
            ),
            InlineKeyboardButton::callback(
                state.i18n.t(l, "button-cancel-workshop"),
                Action::CancelWorkshop {
                    workshop: workshop_id,
                    sure: false,
                }
                .encode(),
            ),
        ]);
    }
    let markup = (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows).into());
    send_html(bot, actor.chat(), text, markup).await?;
    audit::record(
        &state.db.pool,
        state.clock.now(),
        &actor.label(),
        "workshop.view",
        &format!("workshop {workshop_id}"),
    )
    .await?;
    Ok(())
}

/// Appends a titled list of people (name — commune), the first [`SHOWN_NAMES`] of them;
/// nothing for an empty list.
fn push_names(
    state: &AppState,
    l: Language,
    text: &mut String,
    header_key: &str,
    names: &[(String, String)],
) {
    if names.is_empty() {
        return;
    }
    let args = Args::new().num("count", names.len() as i64);
    text.push_str("\n\n");
    text.push_str(&state.i18n.t_args(l, header_key, &args));
    for (name, body) in names.iter().take(SHOWN_NAMES) {
        let args = Args::new().text("name", name).text("body", body);
        text.push('\n');
        text.push_str(&state.i18n.t_args(l, "workshop-person-line", &args));
    }
    if names.len() > SHOWN_NAMES {
        let args = Args::new().num("count", (names.len() - SHOWN_NAMES) as i64);
        text.push('\n');
        text.push_str(&state.i18n.t_args(l, "workshop-more-people", &args));
    }
}

/// The nudge button: reminds those who have not answered, once a day at most.
pub async fn nudge_pending(
    bot: &Bot,
    state: &AppState,
    actor: &Actor,
    query: &CallbackQuery,
    workshop_id: WorkshopId,
) -> HandlerResult {
    let queued = match actions::workshops::nudge(state, &actor.caller(), workshop_id).await? {
        Ok(queued) => queued,
        Err(refusal) => return refuse_with(bot, state, actor, query, &refusal).await,
    };
    let text = state.i18n.t_args(
        actor.language,
        "nudge-queued",
        &Args::new().num("count", queued as i64),
    );
    bot.answer_callback_query(query.id.clone())
        .text(crate::i18n::strip_bidi(&text))
        .await?;
    Ok(())
}

/// `/my` (officials): my upcoming workshops and my answers.
pub async fn mine(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let Some(person) = &actor.person else {
        say(&bot, &state, &actor, "not-joined", None).await?;
        return Ok(());
    };
    let l = actor.language;
    let now = state.clock.now();
    let upcoming = workshops::upcoming_for(&state.db, person.id, now).await?;
    if upcoming.is_empty() {
        say(&bot, &state, &actor, "my-empty", None).await?;
        return Ok(());
    }
    // One message per workshop, so each carries its own answer buttons.
    for &id in upcoming.iter().take(SHOWN_MINE) {
        let Some(w) = workshops::get(&state.db, id).await? else {
            continue;
        };
        let seat = workshops::seat_of(&state.db, id, person.id)
            .await?
            .unwrap_or(SeatKind::NoAnswer);
        let (text, keyboard) = my_entry(&state, l, &w, seat, now);
        send_html(&bot, actor.chat(), text, keyboard.map(Into::into)).await?;
    }
    if upcoming.len() > SHOWN_MINE {
        let args = Args::new().num("count", (upcoming.len() - SHOWN_MINE) as i64);
        send_html(
            &bot,
            actor.chat(),
            state.i18n.t_args(l, "my-more", &args),
            None,
        )
        .await?;
    }
    Ok(())
}

/// `/history` (officials): the workshops I was invited to, and whether I came.
pub async fn history(bot: Bot, state: AppState, actor: Actor) -> HandlerResult {
    let Some(person) = &actor.person else {
        say(&bot, &state, &actor, "not-joined", None).await?;
        return Ok(());
    };
    let l = actor.language;
    let past = workshops::history(&state.db, person.id, state.clock.now()).await?;
    if past.is_empty() {
        say(&bot, &state, &actor, "history-empty", None).await?;
        return Ok(());
    }
    let lines: Vec<String> = past
        .iter()
        .map(|(w, came)| {
            let args = Args::new()
                .text("title", &w.title)
                .text(
                    "when",
                    state
                        .i18n
                        .format_datetime(l, w.starts_at, &state.settings.timezone),
                )
                .raw(
                    "came",
                    state.i18n.t(
                        l,
                        if *came {
                            "history-came"
                        } else {
                            "history-missed"
                        },
                    ),
                );
            state.i18n.t_args(l, "history-line", &args)
        })
        .collect();
    send_html(&bot, actor.chat(), lines.join("\n"), None).await?;
    Ok(())
}
