//! Message building shared by every conversation: long texts cut for Telegram, places named
//! for a person.

use crate::domain::roster::{BodyKind, Language, PlaceName};
use crate::i18n::Args;
use crate::state::AppState;

/// Telegram's limit on a message, in UTF-16 code units of its text after parsing. The HTML
/// source is measured instead: never shorter, so a piece that fits by it fits.
const MAX_MESSAGE: usize = 4096;

/// Cuts a text too long for one message into pieces at line breaks (a list per commune of a
/// whole region runs to several thousand characters). Lines are whole in every template, so
/// tags stay balanced; a single line longer than a message is cut at the limit.
pub fn split_message(html: &str) -> Vec<String> {
    let units = |s: &str| s.encode_utf16().count();
    if units(html) <= MAX_MESSAGE {
        return vec![html.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for line in html.split('\n') {
        let mut line = line.to_owned();
        while units(&line) > MAX_MESSAGE {
            let cut: String = line
                .chars()
                .scan(0, |used, c| {
                    *used += c.len_utf16();
                    (*used <= MAX_MESSAGE).then_some(c)
                })
                .collect();
            line = line[cut.len()..].to_owned();
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            pieces.push(cut);
        }
        if !current.is_empty() && units(&current) + 1 + units(&line) > MAX_MESSAGE {
            pieces.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.trim().is_empty() {
        pieces.push(current);
    }
    // Telegram refuses an empty message: a piece of blank lines only is dropped.
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

/// How a body is named to a person: a commune by its name in their script, the Provincial
/// Council and the province's own services by what they are.
pub fn place_label(
    state: &AppState,
    language: Language,
    province: &PlaceName,
    body: Option<&(BodyKind, PlaceName)>,
) -> String {
    match body {
        Some((BodyKind::Commune, name)) => name.display(language).to_owned(),
        Some((BodyKind::ProvincialCouncil, _)) => state.i18n.t(language, "body-provincial-council"),
        None => {
            let args = Args::new().text("province", province.display(language));
            state.i18n.t_args(language, "body-province-services", &args)
        }
    }
}

/// A link that opens the bot with `/start <payload>`: a personal invitation code, or a
/// check-in code shown as a QR code in the room.
pub fn start_link(bot_username: &str, payload: &str) -> String {
    format!("https://t.me/{bot_username}?start={payload}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_at_line_breaks_within_the_limit() {
        let line = "• <b>آيت بوبيدمان</b>: ✅ 12 · ❌ 3 · ❔ 40";
        let html = vec![line; 400].join("\n");
        let pieces = split_message(&html);
        assert!(pieces.len() > 1);
        for piece in &pieces {
            assert!(piece.encode_utf16().count() <= MAX_MESSAGE);
            assert_eq!(piece.matches("<b>").count(), piece.matches("</b>").count());
        }
        assert_eq!(pieces.join("\n"), html, "nothing lost, nothing added");
        assert_eq!(split_message("short"), ["short"]);
        let giant = "x".repeat(MAX_MESSAGE * 2 + 10);
        let pieces = split_message(&format!("title\n{giant}"));
        assert_eq!(pieces.len(), 4);
        assert!(
            pieces
                .iter()
                .all(|p| p.encode_utf16().count() <= MAX_MESSAGE)
        );
    }
}
