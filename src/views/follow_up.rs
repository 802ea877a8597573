//! What organisers see when they follow workshops: the list with its counts, and one
//! workshop's details with the buttons to act on it.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::domain::roster::Language;
use crate::domain::workshop::AnswerCounts;
use crate::i18n::{Args, strip_bidi};
use crate::state::AppState;
use crate::store::follow_up::{Named, WorkshopDetails};
use crate::store::workshops::Workshop;
use crate::views::buttons::Action;
use crate::views::text::place_label;
use crate::views::workshop::title_and_when;

/// How many people each list of a workshop's details names (coming, waiting, not answered):
/// enough to act on, short enough to read on a phone.
const SHOWN_NAMES: usize = 30;

/// The button that starts `/new_workshop`.
fn create_button(state: &AppState, l: Language) -> Vec<InlineKeyboardButton> {
    vec![InlineKeyboardButton::callback(
        state.i18n.t(l, "button-new-workshop"),
        Action::NewWorkshop.encode(),
    )]
}

/// `/workshops`: a line per workshop with its counts, a button each, and one to create a
/// workshop; the empty-list message when there is none.
pub fn workshops(
    state: &AppState,
    l: Language,
    listed: &[(Workshop, AnswerCounts)],
) -> (String, InlineKeyboardMarkup) {
    if listed.is_empty() {
        let markup = InlineKeyboardMarkup::new(vec![create_button(state, l)]);
        return (state.i18n.t(l, "workshops-empty"), markup);
    }
    let mut lines = Vec::new();
    let mut buttons = Vec::new();
    for (w, counts) in listed {
        let args = counts_args(state, l, w, counts).num("number", w.id.get());
        lines.push(state.i18n.t_args(l, "workshops-line", &args));
        let label = Args::new()
            .num("number", w.id.get())
            .text("title", w.title.chars().take(40).collect::<String>());
        buttons.push(vec![InlineKeyboardButton::callback(
            state.i18n.button_label(l, "button-workshop", &label),
            Action::Details(w.id).encode(),
        )]);
    }
    buttons.push(create_button(state, l));
    (lines.join("\n\n"), InlineKeyboardMarkup::new(buttons))
}

/// A workshop's title, start and where its invitees stand, as both screens show them.
fn counts_args(state: &AppState, l: Language, w: &Workshop, counts: &AnswerCounts) -> Args {
    title_and_when(state, l, w)
        .num("yes", i64::from(counts.confirmed))
        .num("capacity", i64::from(w.capacity.get()))
        .num("waiting", i64::from(counts.waiting))
        .num("no", i64::from(counts.declined))
        .num("pending", i64::from(counts.no_answer))
}

/// One workshop's details: the counts, how it went once it has started, the figures per
/// commune, who is coming, the waiting list and who has not answered; the nudge button, and
/// while it may change, the buttons to move it, change its seats or cancel it.
pub fn workshop_details(
    state: &AppState,
    l: Language,
    details: &WorkshopDetails,
) -> (String, Option<InlineKeyboardMarkup>) {
    let w = &details.workshop;
    let counts = &details.counts;
    let args = counts_args(state, l, w, counts).num("invited", i64::from(counts.invited));
    let mut text = state.i18n.t_args(l, "workshop-details", &args);
    if let Some(outcome) = &details.outcome {
        let mean = outcome
            .evaluation
            .mean_tenths
            .map(|m| state.i18n.format_tenths(l, i64::from(m)))
            .unwrap_or_else(|| "—".into());
        let args = Args::new()
            .num("present", i64::from(outcome.attendance.present))
            .num("absent", i64::from(outcome.attendance.absent))
            .num("walk_ins", i64::from(outcome.attendance.walk_ins))
            .figure("mean", mean)
            .num("count", i64::from(outcome.evaluation.count));
        text.push('\n');
        text.push_str(&state.i18n.t_args(l, "workshop-outcome", &args));
        if !outcome.latest_comments.is_empty() {
            text.push_str("\n\n");
            text.push_str(&state.i18n.t(l, "workshop-comments"));
            for (score, comment) in &outcome.latest_comments {
                let args = Args::new()
                    .num("score", i64::from(*score))
                    .text("comment", comment);
                // No rating beside it: a form of choices only.
                let key = if *score == 0 {
                    "workshop-comment-line-unrated"
                } else {
                    "workshop-comment-line"
                };
                text.push('\n');
                text.push_str(&state.i18n.t_args(l, key, &args));
            }
        }
    }
    let line_key = if details.outcome.is_some() {
        "workshop-commune-line-held"
    } else {
        "workshop-commune-line"
    };
    let mut places: Vec<(String, &_)> = details
        .places
        .iter()
        .map(|f| {
            let label = place_label(state, l, &f.place.province, f.place.body.as_ref());
            (label, f)
        })
        .collect();
    places.sort_by(|a, b| a.0.cmp(&b.0));
    for (body, figures) in places {
        let args = Args::new()
            .text("body", body)
            .num("yes", i64::from(figures.yes))
            .num("no", i64::from(figures.no))
            .num("pending", i64::from(figures.pending))
            .num("present", i64::from(figures.present));
        text.push('\n');
        text.push_str(&state.i18n.t_args(l, line_key, &args));
    }
    let labelled = |people: &[Named]| -> Vec<(String, String)> {
        people
            .iter()
            .map(|p| {
                let body = place_label(state, l, &p.place.province, p.place.body.as_ref());
                (p.name.clone(), body)
            })
            .collect()
    };
    let mut coming = labelled(&details.coming);
    coming.sort();
    push_names(state, l, &mut text, "workshop-coming", &coming);
    // In the order the waiting list moves up.
    push_names(
        state,
        l,
        &mut text,
        "workshop-waiting",
        &labelled(&details.waiting),
    );
    let mut pending = labelled(&details.pending);
    pending.sort();
    push_names(state, l, &mut text, "workshop-pending", &pending);
    (text, workshop_buttons(state, l, details))
}

/// The nudge button while someone has not answered; while the workshop may change, the
/// buttons to move it, change its seats or cancel it.
fn workshop_buttons(
    state: &AppState,
    l: Language,
    details: &WorkshopDetails,
) -> Option<InlineKeyboardMarkup> {
    let id = details.workshop.id;
    let mut rows = Vec::new();
    if details.counts.no_answer > 0 {
        let label = state.i18n.t_args(
            l,
            "button-nudge",
            &Args::new().num("count", i64::from(details.counts.no_answer)),
        );
        rows.push(vec![InlineKeyboardButton::callback(
            strip_bidi(&label),
            Action::Nudge(id).encode(),
        )]);
    }
    if details.changeable {
        rows.push(vec![
            InlineKeyboardButton::callback(
                state.i18n.t(l, "button-reschedule"),
                Action::Reschedule(id).encode(),
            ),
            InlineKeyboardButton::callback(
                state.i18n.t(l, "button-seats"),
                Action::Seats(id).encode(),
            ),
            InlineKeyboardButton::callback(
                state.i18n.t(l, "button-cancel-workshop"),
                Action::CancelWorkshop {
                    workshop: id,
                    sure: false,
                }
                .encode(),
            ),
        ]);
    }
    (!rows.is_empty()).then(|| InlineKeyboardMarkup::new(rows))
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
