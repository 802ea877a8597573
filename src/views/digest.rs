//! The weekly digest in a person's language: the workshops held and coming with their
//! figures, the funding verified, and (for a province) the bodies to call by phone; fitted
//! under its chart as a photo's caption.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::documents::chart::Chart;
use crate::domain::broadcast::MAX_CAPTION;
use crate::domain::roster::{Language, PlaceName};
use crate::i18n::Args;
use crate::state::AppState;
use crate::store::follow_up::Week;
use crate::store::funding::Verified;
use crate::store::workshops::Workshop;

use super::buttons::Action;
use super::charts::{self, Words};
use super::text::{person_title, place_label, province_kind};

/// Whose digest: the Region's (organisers) or a province's (its Secretary-General).
pub enum Reader<'a> {
    Region,
    Province(&'a PlaceName),
}

/// How a digest's text is fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Under its chart, as a caption: the workshops and funding lists may be cut, never the
    /// bodies to call (`None` when they do not fit).
    Caption,
    /// Alone, as a message: every list may be cut, the longest first.
    Message,
}

/// The digest's text fitted as asked (a caption holds 1,024 characters as Telegram counts
/// them, a message 4,096): the longest lists are cut first, each cut said («… and 3
/// more»); `None` when it cannot fit without cutting the bodies to call.
pub fn text(
    state: &AppState,
    l: Language,
    reader: &Reader<'_>,
    week: &Week,
    now: chrono::DateTime<chrono::Utc>,
    fit: Fit,
) -> Option<String> {
    let budget = match fit {
        Fit::Caption => BUDGET,
        Fit::Message => crate::domain::broadcast::MAX_TEXT,
    };
    let zone = &state.settings.timezone;
    let t = |key: &str, args: &Args| state.i18n.t_args(l, key, args);
    let day = |w: &Workshop| state.i18n.format_day(zone.local(w.starts_at).date());
    let title = match reader {
        Reader::Region => t(
            "digest-title-region",
            &Args::new().text("date", state.i18n.format_date(l, zone.local(now).date())),
        ),
        Reader::Province(p) => t(
            "digest-title-province",
            &Args::new()
                .text("province", p.display(l))
                .text("of_province", crate::i18n::of_name(l, p.display(l)))
                .choice("province_kind", province_kind(p))
                .text("date", state.i18n.format_date(l, zone.local(now).date())),
        ),
    };
    let held: Vec<String> = week
        .held
        .iter()
        .map(|w| {
            let c = week.attendance.of_workshop(w.id);
            t(
                "digest-held-line",
                &Args::new()
                    .text("date", day(w))
                    .text("title", &w.title)
                    .num("present", c.present.into())
                    .num("invited", c.invited.into())
                    .num("walk_ins", c.walk_ins.into()),
            )
        })
        .collect();
    let coming: Vec<String> = week
        .coming
        .iter()
        .map(|w| {
            let c = week.attendance.of_workshop(w.id);
            t(
                "digest-coming-line",
                &Args::new()
                    .text("date", day(w))
                    .text("title", &w.title)
                    .num("yes", c.yes.into())
                    .num("no", c.no.into())
                    .num("pending", c.no_answer.into()),
            )
        })
        .collect();
    let funding: Vec<String> = week
        .movements
        .iter()
        .map(|m| {
            let body = place_label(state, l, &m.province, Some(&m.body));
            match &m.verified {
                Verified::Transfer(amount) => t(
                    "digest-funding-transfer",
                    &Args::new()
                        .text("body", body)
                        .text("amount", state.i18n.format_amount(l, amount.centimes())),
                ),
                Verified::Approval => t("digest-funding-approval", &Args::new().text("body", body)),
            }
        })
        .collect();
    let call: Vec<String> = week
        .unreachable
        .iter()
        .map(|u| {
            let body = place_label(state, l, &u.province, Some(&u.body));
            match &u.contact {
                Some(p) => t(
                    "digest-call-line",
                    &Args::new()
                        .text("name", &p.full_name)
                        .raw("person_title", person_title(&state.i18n, l, p))
                        .text("phone", p.phone.as_str()),
                ),
                None => t("digest-call-nobody", &Args::new().text("body", body)),
            }
        })
        .collect();
    let mut sections = vec![
        (state.i18n.t(l, "digest-held"), held, 0),
        (state.i18n.t(l, "digest-coming"), coming, 0),
        (state.i18n.t(l, "digest-funding"), funding, 0),
        (state.i18n.t(l, "digest-call"), call, 0),
    ];
    let assemble = |sections: &[(String, Vec<String>, usize)]| {
        let mut parts = vec![title.clone()];
        for (heading, lines, cut) in sections {
            if lines.is_empty() && *cut == 0 {
                continue;
            }
            let mut part = vec![heading.clone()];
            part.extend(lines.iter().cloned());
            if *cut > 0 {
                part.push(t("digest-more", &Args::new().num("count", *cut as i64)));
            }
            parts.push(part.join("\n"));
        }
        parts.join("\n\n")
    };
    // Cut the longest list by one line until the whole fits; under a chart, the bodies to
    // call (the last section) are whom someone must phone: never cut.
    let cuttable = match fit {
        Fit::Caption => sections.len() - 1,
        Fit::Message => sections.len(),
    };
    loop {
        let text = assemble(&sections);
        if shown_length(&text) <= budget {
            return Some(text);
        }
        let longest = sections[..cuttable]
            .iter_mut()
            .filter(|(_, lines, _)| !lines.is_empty())
            .max_by_key(|(_, lines, _)| lines.len());
        let Some(longest) = longest else {
            return match fit {
                Fit::Caption => None,
                Fit::Message => Some(text),
            };
        };
        longest.1.pop();
        longest.2 += 1;
    }
}

/// How long a text is as Telegram counts it: UTF-16 units of what shows, tags left out.
fn shown_length(html: &str) -> usize {
    crate::domain::html::read(html)
        .map(|h| h.plain.encode_utf16().count())
        .unwrap_or_else(|_| html.encode_utf16().count())
}

/// The chart under the digest: the answers to the week's workshops, held and coming; `None`
/// when there are none.
pub fn chart(state: &AppState, l: Language, week: &Week) -> Option<Chart> {
    let mut workshops: Vec<Workshop> = week.held.iter().chain(&week.coming).cloned().collect();
    if workshops.is_empty() {
        return None;
    }
    workshops.sort_by_key(|w| w.starts_at);
    let words = Words {
        i18n: &state.i18n,
        language: l,
    };
    Some(charts::answers(words, &workshops, &week.attendance))
}

/// The button under a digest: stop it, or (once stopped) resume it.
pub fn keyboard(state: &AppState, l: Language, on: bool) -> InlineKeyboardMarkup {
    let (key, action) = match on {
        true => ("button-digest-stop", Action::Digest(false)),
        false => ("button-digest-resume", Action::Digest(true)),
    };
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
        state.i18n.t(l, key),
        action.encode(),
    )]])
}

/// The caption a digest's photo may hold.
pub const BUDGET: usize = MAX_CAPTION;
