//! What an announcement looks like: the same function renders it for each recipient at send
//! time and for the organiser's preview, so the preview is what people receive.

use crate::domain::audience::{Among, Audience};
use chrono::{DateTime, Utc};
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::domain::broadcast::{BroadcastTextError, Versions, When};
use crate::domain::html::{Problem, expected_attributes};
use crate::domain::roster::Language;
use crate::domain::text::{TextError, code_point};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::broadcasts::{AudienceChoice, Figures, Listed, Standing};
use crate::store::roster::ProvincePlaces;
use crate::views::buttons::{Action, DialogueButton};
use crate::views::draft::{audience_keyboard, describe_audience, dialogue_button};

/// The message a person in `language` receives: the organiser's text in that language, or the
/// first written, as written (checked Telegram HTML).
pub fn announcement(versions: &Versions, language: Language) -> String {
    versions.for_language(language).html.clone()
}

/// Why an announcement's text was refused: the message's key and its arguments, what is
/// wrong and where (the chat shows it, the command line prints it).
pub fn text_refusal(error: &BroadcastTextError) -> (&'static str, Args) {
    let tag = |name: &str| format!("<{name}>");
    let args = match error {
        BroadcastTextError::Text(
            TextError::ControlCharacter { found, position }
            | TextError::BidiControl { found, position },
        ) => Args::new()
            .text("code", code_point(*found))
            .num("position", *position as i64),
        BroadcastTextError::Text(_) | BroadcastTextError::TooLong { .. } => Args::new(),
        BroadcastTextError::Formatting { position, problem } => {
            let args = Args::new().num("position", *position as i64);
            match problem {
                Problem::LessThan | Problem::GreaterThan | Problem::PreCode | Problem::Language => {
                    args
                }
                Problem::UnknownTag(name) | Problem::NeverClosed(name) => {
                    args.text("tag", tag(name))
                }
                Problem::ClosesNothing(name) => args.text("tag", format!("</{name}>")),
                Problem::Attributes { tag: name } => args
                    .text("tag", tag(name))
                    .text("expected", expected_attributes(name).unwrap_or_default()),
                Problem::Crossed { closing, open } => args
                    .text("tag", format!("</{closing}>"))
                    .text("open", tag(open)),
                Problem::Nested { tag: name, outer } => {
                    args.text("tag", tag(name)).text("open", tag(outer))
                }
                Problem::UnknownReference(name) => args.text("reference", format!("&{name};")),
                Problem::NotACharacter(reference) => args.text("reference", reference),
                Problem::Link(link) => args.text("link", link),
            }
        }
    };
    (error.key(), args)
}

/// The organiser's live report of an announcement: where its messages stand, or the summary
/// once nothing is left to go (`done`), or once it was cancelled.
pub fn report_text(
    state: &AppState,
    l: Language,
    id: i64,
    figures: &Figures,
    unreachable: i64,
    done: bool,
    cancelled: bool,
) -> String {
    let key = match (cancelled, done) {
        (true, _) => "broadcast-report-cancelled",
        (false, true) => "broadcast-report-done",
        (false, false) => "broadcast-report",
    };
    state
        .i18n
        .t_args(l, key, &figure_args(id, figures, unreachable))
}

/// The organiser's confirmation of an announcement: sent now, its live report's first words;
/// for a given time, when it goes; recurring, its schedule and first time.
pub fn confirmation(
    state: &AppState,
    l: Language,
    id: i64,
    when: &When,
    first: DateTime<Utc>,
    figures: &Figures,
    unreachable: i64,
) -> String {
    let when_text = || {
        state
            .i18n
            .format_datetime(l, first, &state.settings.timezone)
    };
    match when {
        When::Now => report_text(state, l, id, figures, unreachable, false, false),
        When::At(_) => {
            let args = Args::new().num("number", id).text("when", when_text());
            state.i18n.t_args(l, "broadcast-scheduled", &args)
        }
        When::Every(cron) => {
            let args = Args::new()
                .num("number", id)
                .text("input", cron.expression())
                .text("when", when_text());
            state.i18n.t_args(l, "broadcast-recurring", &args)
        }
    }
}

fn figure_args(id: i64, figures: &Figures, unreachable: i64) -> Args {
    Args::new()
        .num("number", id)
        .num("unreachable", unreachable)
        .num("sent", figures.sent)
        .num("queued", figures.queued)
        .num("failed", figures.failed)
        .num("blocked", figures.blocked)
}

/// One announcement in `/broadcasts`: its number, audience, status and figures.
pub fn announcement_label(
    state: &AppState,
    l: Language,
    listed: &Listed,
    places: &[ProvincePlaces],
    titles: &[(i64, String)],
) -> String {
    let zone = &state.settings.timezone;
    let b = &listed.broadcast;
    let a = &b.audience;
    // What the dialogue's buttons can choose is described in words; a union written at the
    // command line is shown as it was written.
    let audience = if a.is_simple() {
        describe(state, l, a, places, titles)
    } else {
        crate::i18n::escape_html(&b.audience_label)
    };
    let status = match listed.standing() {
        Standing::Cancelled(_) => state.i18n.t(l, "broadcast-status-cancelled"),
        Standing::Recurring(next) => state.i18n.t_args(
            l,
            "broadcast-status-recurring",
            &Args::new()
                .text("input", b.cron.as_deref().unwrap_or_default())
                .text("when", state.i18n.format_datetime(l, next, zone)),
        ),
        Standing::Scheduled(next) => state.i18n.t_args(
            l,
            "broadcast-status-scheduled",
            &Args::new().text("when", state.i18n.format_datetime(l, next, zone)),
        ),
        Standing::Done => state.i18n.t(l, "broadcast-status-done"),
        Standing::Sending => state.i18n.t(l, "broadcast-status-sending"),
    };
    let args = figure_args(b.id, &listed.figures, b.reach.1)
        .raw("audience", audience)
        .raw("status", status);
    state.i18n.t_args(l, "broadcasts-line", &args)
}

/// The keyword of a workshop's invitees in messages (`{ $among -> … }`).
fn among_keyword(among: Option<Among>) -> &'static str {
    match among {
        None => "all",
        Some(Among::NoAnswer) => "no-answer",
        Some(Among::Yes) => "yes",
        Some(Among::No) => "no",
        Some(Among::Present) => "present",
        Some(Among::Absent) => "absent",
    }
}

/// One workshop's invitees, for «invitees of Budget (no answer)» in words
/// (`broadcast-audience-workshop`) and on a button (`button-broadcast-workshop`); `titles`
/// names the workshops by id.
fn workshop_args(workshop_id: i64, among: Option<Among>, titles: &[(i64, String)]) -> Args {
    let title = titles
        .iter()
        .find(|(id, _)| *id == workshop_id)
        .map_or_else(|| format!("no. {workshop_id}"), |(_, t)| t.clone());
    Args::new()
        .text("title", title)
        .choice("among", among_keyword(among))
}

/// An announcement's audience in words: roles and places, then the bodies owing funding and
/// the workshops' invitees it is narrowed to.
pub fn describe(
    state: &AppState,
    l: Language,
    audience: &Audience,
    places: &[ProvincePlaces],
    titles: &[(i64, String)],
) -> String {
    let mut text = describe_audience(state, l, audience, places);
    if audience.owing {
        text.push_str(" — ");
        text.push_str(&state.i18n.t(l, "broadcast-audience-owing"));
    }
    for part in &audience.workshops {
        text.push_str(" — ");
        let args = workshop_args(part.workshop_id, part.among, titles);
        text.push_str(&state.i18n.t_args(l, "broadcast-audience-workshop", &args));
    }
    text
}

/// A screen of `/broadcast`: its message and its buttons.
pub type Screen = (String, InlineKeyboardMarkup);

/// The dialogue's Cancel button, on every step.
fn cancel_row(state: &AppState, l: Language, nonce: i64) -> Vec<InlineKeyboardButton> {
    vec![dialogue_button(
        &state.i18n,
        l,
        nonce,
        "button-new-workshop-cancel",
        DialogueButton::Cancel,
    )]
}

/// A language named within a sentence, in the reader's language ("le texte en arabe"), not
/// as the language picker names each language in itself.
fn language_name(state: &AppState, l: Language, language: Language) -> String {
    state
        .i18n
        .t(l, &format!("language-called-{}", language.code()))
}

/// Asks for the text in `language`.
pub fn ask_text(state: &AppState, l: Language, nonce: i64, language: Language) -> Screen {
    let args = Args::new().text("language", language_name(state, l, language));
    (
        state.i18n.t_args(l, "broadcast-ask-text", &args),
        InlineKeyboardMarkup::new(vec![cancel_row(state, l, nonce)]),
    )
}

/// A text is saved: a button per language not yet written, then on to the audience.
pub fn text_saved(state: &AppState, l: Language, nonce: i64, written: &[Language]) -> Screen {
    let i18n = &state.i18n;
    let last = written.last().copied().unwrap_or(l);
    let args = Args::new().text("language", language_name(state, l, last));
    let mut rows: Vec<Vec<InlineKeyboardButton>> = vec![
        Language::ALL
            .into_iter()
            .filter(|language| !written.contains(language))
            .map(|language| {
                let label = i18n.button_label(
                    l,
                    "button-broadcast-version",
                    &Args::new().text("language", language_name(state, l, language)),
                );
                InlineKeyboardButton::callback(
                    label,
                    Action::Dialogue {
                        nonce,
                        button: DialogueButton::Version(language),
                    }
                    .encode(),
                )
            })
            .collect(),
    ];
    rows.retain(|row| !row.is_empty());
    rows.push(vec![dialogue_button(
        i18n,
        l,
        nonce,
        "button-broadcast-audience",
        DialogueButton::ChooseAudience,
    )]);
    rows.push(cancel_row(state, l, nonce));
    (
        i18n.t_args(l, "broadcast-text-saved", &args),
        InlineKeyboardMarkup::new(rows),
    )
}

/// The audience keyboard: roles and places as a workshop's (inside a province when `shown`),
/// and at the top level the bodies owing funding and the workshops' invitees, with the
/// head-count.
pub fn choose_audience(
    state: &AppState,
    l: Language,
    nonce: i64,
    audience: &Audience,
    shown: Option<i64>,
    choice: &AudienceChoice,
) -> Screen {
    let i18n = &state.i18n;
    let AudienceChoice {
        places,
        titles,
        people,
    } = choice;
    let args = Args::new()
        .raw("audience", describe(state, l, audience, places, titles))
        .num("count", *people as i64);
    let intro = i18n.t_args(l, "broadcast-ask-audience", &args);
    let (text, mut keyboard) =
        audience_keyboard(state, l, nonce, intro, audience, places, shown, *people);
    if shown.is_none() {
        // Beside roles and places: the bodies owing funding, the workshops' invitees (each
        // press of a workshop narrows it further, by answer or, once it took place, by
        // attendance, then lets it go).
        let ticked = |on: bool, label: String| if on { format!("✓ {label}") } else { label };
        let mut extra = vec![vec![InlineKeyboardButton::callback(
            ticked(
                audience.owing,
                i18n.button_label(l, "button-broadcast-owing", &Args::new()),
            ),
            Action::Dialogue {
                nonce,
                button: DialogueButton::Owing,
            }
            .encode(),
        )]];
        for (id, _) in titles {
            let chosen = audience.workshops.iter().find(|w| w.workshop_id == *id);
            let among = chosen.and_then(|w| w.among);
            let args = workshop_args(*id, among, titles);
            let label = state
                .i18n
                .button_label(l, "button-broadcast-workshop", &args);
            extra.push(vec![InlineKeyboardButton::callback(
                ticked(chosen.is_some(), label),
                Action::Dialogue {
                    nonce,
                    button: DialogueButton::Workshop(crate::domain::ids::WorkshopId::new(*id)),
                }
                .encode(),
            )]);
        }
        let rows = &mut keyboard.inline_keyboard;
        let at = rows.len().saturating_sub(2);
        rows.splice(at..at, extra);
    }
    (text, keyboard)
}

/// The buttons under the preview: Send now, Schedule, the audience again, Cancel.
pub fn ready(state: &AppState, l: Language, nonce: i64) -> Screen {
    let button = |key: &str, pressed| dialogue_button(&state.i18n, l, nonce, key, pressed);
    (
        String::new(),
        InlineKeyboardMarkup::new(vec![
            vec![
                button("button-broadcast-send-now", DialogueButton::SendNow),
                button("button-broadcast-schedule", DialogueButton::Schedule),
            ],
            vec![button(
                "button-broadcast-audience",
                DialogueButton::ChooseAudience,
            )],
            cancel_row(state, l, nonce),
        ]),
    )
}

/// Asks when it goes: a day and time, or a cron expression.
pub fn ask_when(state: &AppState, l: Language, nonce: i64) -> Screen {
    let args = Args::new().text("example_deadline", example_time(state));
    (
        state.i18n.t_args(l, "broadcast-ask-when", &args),
        InlineKeyboardMarkup::new(vec![cancel_row(state, l, nonce)]),
    )
}

/// Tomorrow at 09:00, as the organiser would write it.
pub fn example_time(state: &AppState) -> String {
    let tomorrow = state.settings.timezone.local(state.clock.now()).date() + chrono::Days::new(1);
    format!("{} 09:00", tomorrow.format("%d/%m/%Y"))
}

/// `/broadcasts`: the latest announcements, each with its figures, and a button to cancel
/// each one still to go; `titles` names the workshops their audiences name.
pub fn list(
    state: &AppState,
    l: Language,
    listed: &[Listed],
    places: &[ProvincePlaces],
    titles: &[(i64, String)],
) -> (String, Option<InlineKeyboardMarkup>) {
    if listed.is_empty() {
        return (state.i18n.t(l, "broadcasts-none"), None);
    }
    let mut lines = vec![state.i18n.t(l, "broadcasts-header")];
    let mut rows = Vec::new();
    for item in listed {
        lines.push(announcement_label(state, l, item, places, titles));
        if item.standing().still_to_go() {
            let label = state.i18n.button_label(
                l,
                "button-broadcast-cancel",
                &Args::new().num("number", item.broadcast.id),
            );
            rows.push(vec![InlineKeyboardButton::callback(
                label,
                Action::CancelBroadcast(item.broadcast.id).encode(),
            )]);
        }
    }
    let keyboard = (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows));
    (lines.join("\n\n"), keyboard)
}
