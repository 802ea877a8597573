//! A workshop as an official sees it: an entry of `/my`, a line of `/history`.

use teloxide::types::InlineKeyboardMarkup;

use crate::domain::roster::Language;
use crate::domain::workshop::SeatKind;
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::workshops::Workshop;
use crate::views::keyboards::rsvp_keyboard;

/// A workshop's title and local start, which every message about it names.
pub fn title_and_when(state: &AppState, l: Language, w: &Workshop) -> Args {
    Args::new().text("title", &w.title).text(
        "when",
        state
            .i18n
            .format_datetime(l, w.starts_at, &state.settings.timezone),
    )
}

/// `/history`: a line per workshop I was invited to, and whether I came.
pub fn history(state: &AppState, l: Language, past: &[(Workshop, bool)]) -> String {
    let lines: Vec<String> = past
        .iter()
        .map(|(w, came)| {
            let came = if *came {
                "history-came"
            } else {
                "history-missed"
            };
            let args = title_and_when(state, l, w).raw("came", state.i18n.t(l, came));
            state.i18n.t_args(l, "history-line", &args)
        })
        .collect();
    lines.join("\n")
}

/// One workshop in `/my`: its details and my answer, and while answers are open the buttons
/// to give or change it (a press redraws this entry).
pub fn my_entry(
    state: &AppState,
    l: Language,
    w: &Workshop,
    seat: SeatKind,
    now: chrono::DateTime<chrono::Utc>,
) -> (String, Option<InlineKeyboardMarkup>) {
    let zone = &state.settings.timezone;
    let args = title_and_when(state, l, w)
        .text("venue", &w.venue)
        .raw(
            "answer",
            state.i18n.t(l, &format!("my-answer-{}", seat.code())),
        )
        .text(
            "deadline",
            state.i18n.format_datetime(l, w.answer_deadline, zone),
        );
    let open = w.cancelled_at.is_none() && now < w.answer_deadline && now < w.starts_at;
    if open {
        let keyboard = rsvp_keyboard(state, l, w.id, seat, true);
        (state.i18n.t_args(l, "my-line-open", &args), Some(keyboard))
    } else {
        (state.i18n.t_args(l, "my-line", &args), None)
    }
}
