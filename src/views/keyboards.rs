//! Keyboards shared by several conversations: answers to an invitation, ratings, languages,
//! the phone-number button.

use teloxide::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup,
    ReplyMarkup,
};

use crate::domain::ids::WorkshopId;
use crate::domain::roster::Language;
use crate::domain::workshop::SeatKind;
use crate::state::AppState;
use crate::views::buttons::Action;

/// The answer buttons of an invitation, the current answer marked: ✓, or ⏳ for a yes on the
/// waiting list. `listed` for the copy in `/my`, whose press redraws the whole entry.
pub fn rsvp_keyboard(
    state: &AppState,
    language: crate::domain::roster::Language,
    workshop: WorkshopId,
    current: SeatKind,
    listed: bool,
) -> InlineKeyboardMarkup {
    let label = |key: &str, mark: Option<&str>| {
        let text = state.i18n.t(language, key);
        match mark {
            Some(mark) => format!("{mark} {text}"),
            None => text,
        }
    };
    let yes_mark = match current {
        SeatKind::Confirmed => Some("✓"),
        SeatKind::Waiting => Some("⏳"),
        SeatKind::Declined | SeatKind::NoAnswer => None,
    };
    let no_mark = (current == SeatKind::Declined).then_some("✓");
    InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::callback(
            label("button-rsvp-yes", yes_mark),
            Action::Rsvp {
                workshop,
                yes: true,
                listed,
            }
            .encode(),
        ),
        InlineKeyboardButton::callback(
            label("button-rsvp-no", no_mark),
            Action::Rsvp {
                workshop,
                yes: false,
                listed,
            }
            .encode(),
        ),
    ]])
}

/// Five buttons, 1 to 5 stars, to rate a workshop.
pub fn rating_keyboard(workshop: WorkshopId) -> InlineKeyboardMarkup {
    let buttons = (1..=5u8)
        .map(|score| {
            let data = Action::Rate { workshop, score }.encode();
            InlineKeyboardButton::callback(format!("{score} ⭐"), data)
        })
        .collect::<Vec<_>>();
    InlineKeyboardMarkup::new(vec![buttons])
}

/// Three buttons, one per language, the current one ticked.
pub fn language_keyboard(state: &AppState, current: Language) -> ReplyMarkup {
    let buttons = Language::ALL
        .iter()
        .map(|&l| {
            let name = state.i18n.t(l, &format!("language-name-{}", l.code()));
            let label = if l == current {
                format!("✓ {name}")
            } else {
                name
            };
            InlineKeyboardButton::callback(label, Action::SetLanguage(l).encode())
        })
        .collect::<Vec<_>>();
    ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(vec![buttons]))
}

/// The keyboard with the one button that shares the person's own phone number.
pub fn share_phone_keyboard(state: &AppState, language: Language) -> ReplyMarkup {
    let button = KeyboardButton::new(state.i18n.t(language, "button-share-phone"))
        .request(ButtonRequest::Contact);
    ReplyMarkup::Keyboard(
        KeyboardMarkup::new(vec![vec![button]])
            .resize_keyboard()
            .one_time_keyboard(),
    )
}
