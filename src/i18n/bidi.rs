//! How a phone lays out a text that mixes right-to-left and left-to-right writing, and what
//! must hold for it to read right: the Unicode Bidirectional Algorithm (UAX #9, through the
//! `unicode-bidi` crate) applied to each line, as Telegram clients apply it.
//!
//! Telegram clients lay out each line (paragraph) on its own and take its direction from its
//! first strong letter, skipping what lies inside isolates (rules P2 and P3). So an Arabic
//! message reads right only if:
//!
//! - every line is laid out right to left, including a line whose only Arabic is inside an
//!   isolated variable (an emoji and a date, a bullet and a name);
//! - every number, time, date, fraction, code, phone number and command shows its
//!   characters left to right and together: "20/40" not "40/20", "09:30", "/help";
//! - no mirrored arrow (‹ ›) stands for a direction: in right-to-left text it turns round.
//!
//! And a French or English text carries no bidi marks but isolates around right-to-left
//! letters: anything else ends up in buttons and copied text for nothing.
//!
//! The journeys' test support and the demo run [`check`] over everything the bot shows; the
//! catalogue's tests run it over every message of the Fluent files.

use std::fmt;
use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};

/// Bidi controls: marks, embeddings, overrides and isolates. They are invisible.
fn is_control(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

fn is_isolate_start(c: char) -> bool {
    matches!(c, '\u{2066}'..='\u{2068}')
}

fn is_rtl_letter(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Arrows that the algorithm mirrors in right-to-left text: "›" (on) is drawn "‹" (back).
const MIRRORED_ARROWS: [char; 2] = ['‹', '›'];

/// Something in a text that a reader would see wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line concerned, as sent, with its bidi controls made visible.
    pub line: String,
    /// What is wrong with it.
    pub what: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: «{}»", self.what, self.line)
    }
}

/// The controls spelled out, so a failure shows where they are.
pub fn show_controls(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{200E}' => "[LRM]".to_owned(),
            '\u{200F}' => "[RLM]".to_owned(),
            '\u{061C}' => "[ALM]".to_owned(),
            '\u{2066}' => "[LRI]".to_owned(),
            '\u{2067}' => "[RLI]".to_owned(),
            '\u{2068}' => "[FSI]".to_owned(),
            '\u{2069}' => "[PDI]".to_owned(),
            '\u{202A}'..='\u{202E}' => format!("[U+{:04X}]", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Whether a text is written right to left: a right-to-left letter (or mark) of its own,
/// outside the isolated variables. An Arabic message is; a French one naming an Arabic
/// commune, isolated, is not.
pub fn is_rtl_text(text: &str) -> bool {
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '\n' => depth = 0,
            c if is_isolate_start(c) => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            c if depth == 0 && is_rtl_letter(c) => return true,
            _ => {}
        }
    }
    false
}

/// A line as the phone draws it, left to right on the screen (controls kept, invisible).
pub fn visual(line: &str) -> String {
    let (chars, order) = layout(line);
    order.iter().map(|&i| chars[i]).collect()
}

/// The characters of a line and, for each position on the screen from the left, the index
/// of the character drawn there; with whether the line is laid out right to left.
fn layout(line: &str) -> (Vec<char>, Vec<usize>) {
    let chars: Vec<char> = line.chars().collect();
    if chars.is_empty() {
        return (chars, Vec::new());
    }
    let info = BidiInfo::new(line, None);
    let para = &info.paragraphs[0];
    let levels = info.reordered_levels_per_char(para, para.range.clone());
    (chars, BidiInfo::reorder_visual(&levels))
}

fn is_rtl_line(line: &str) -> bool {
    let info = BidiInfo::new(line, None);
    info.paragraphs.first().is_some_and(|p| p.level.is_rtl())
}

/// The runs of a line that must read left to right, as indices into its characters: numbers
/// with what joins them ("20/40", "09:30", "12 500,00", "482 913", "9h30", "4,3"), a phone
/// number ("+212 6…"), a command ("/help"). Bidi controls inside are skipped, as the eye
/// skips them.
fn ordered_runs(chars: &[char]) -> Vec<Vec<usize>> {
    // The visible characters, with their index in the line.
    let seen: Vec<(usize, char)> = chars
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, c)| !is_control(*c))
        .collect();
    let alnum = |k: usize| seen.get(k).is_some_and(|(_, c)| c.is_ascii_alphanumeric());
    let digit = |k: usize| seen.get(k).is_some_and(|(_, c)| c.is_ascii_digit());
    // Whether the visible characters k and k + 1 touch, with no control between them. Two
    // variables side by side (a title ending in 2026, then a count) are not one run; but a
    // slash written between two isolated numbers makes them one: that is a fraction.
    let touch = |k: usize| seen.get(k + 1).is_some_and(|(i, _)| *i == seen[k].0 + 1);
    let mut runs = Vec::new();
    let mut k = 0;
    while k < seen.len() {
        let c = seen[k].1;
        let command = c == '/'
            && seen
                .get(k + 1)
                .is_some_and(|(_, n)| n.is_ascii_alphabetic())
            && (k == 0 || !alnum(k - 1));
        let starts = c.is_ascii_digit() || (c == '+' && digit(k + 1)) || command;
        if !starts {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        loop {
            match seen.get(end).map(|(_, c)| *c) {
                Some(c) if (c.is_ascii_alphanumeric() || c == '_') && touch(end - 1) => end += 1,
                // A space joins two digits only: "482 913", not "2026 at".
                Some(' ' | '\u{a0}')
                    if digit(end - 1) && digit(end + 1) && touch(end - 1) && touch(end) =>
                {
                    end += 2
                }
                Some('/' | ':' | '.' | ',' | '-' | '–') if alnum(end + 1) => end += 2,
                _ => break,
            }
        }
        let run: Vec<usize> = seen[k..end].iter().map(|(i, _)| *i).collect();
        if command || run.iter().any(|&i| chars[i].is_ascii_digit()) {
            runs.push(run);
        }
        k = end;
    }
    runs
}

/// Whether the characters `run` (increasing indices) are drawn side by side, left to right,
/// with nothing but controls between them.
fn reads_in_order(chars: &[char], order: &[usize], run: &[usize]) -> bool {
    let mut place = vec![0; chars.len()];
    for (at, &i) in order.iter().enumerate() {
        place[i] = at;
    }
    run.windows(2).all(|pair| {
        let (a, b) = (place[pair[0]], place[pair[1]]);
        b > a && order[a + 1..b].iter().all(|&i| is_control(chars[i]))
    })
}

/// What a reader would see wrong in `text` (a message, a button, an alert), line by line.
pub fn check(text: &str) -> Vec<Problem> {
    let rtl = is_rtl_text(text);
    let mut problems = Vec::new();
    for line in text.split('\n') {
        let mut problem = |what: String| {
            problems.push(Problem {
                line: show_controls(line),
                what,
            })
        };
        if line.chars().all(|c| c.is_whitespace() || is_control(c)) {
            continue;
        }
        let (chars, order) = layout(line);
        if rtl && !is_rtl_line(line) {
            problem(format!(
                "an Arabic line laid out left to right (first strong letter inside an \
                 isolate, or none); it shows as «{}»",
                show_controls(&visual(line))
            ));
        }
        for run in ordered_runs(&chars) {
            if !reads_in_order(&chars, &order, &run) {
                let shown: String = run.iter().map(|&i| chars[i]).collect();
                problem(format!(
                    "«{shown}» does not read left to right; the line shows as «{}»",
                    show_controls(&visual(line))
                ));
            }
        }
        if rtl && let Some(arrow) = line.chars().find(|c| MIRRORED_ARROWS.contains(c)) {
            problem(format!(
                "«{arrow}» is mirrored in right-to-left text and points the other way"
            ));
        }
        if !rtl {
            for span in isolates(&chars) {
                if !chars[span.clone()].iter().any(|&c| is_rtl_letter(c)) {
                    let inner: String = chars[span].iter().collect();
                    problem(format!(
                        "an isolate around «{inner}», which has no right-to-left letter: \
                         a mark for nothing in a left-to-right text"
                    ));
                }
            }
            if let Some(mark) = chars
                .iter()
                .find(|&&c| is_control(c) && !is_isolate_start(c) && c != '\u{2069}')
            {
                problem(format!(
                    "the bidi control {} in a left-to-right text",
                    show_controls(&mark.to_string())
                ));
            }
        }
    }
    problems
}

/// [`check`] over everything the emulator showed people (every version of every message,
/// every button, every toast), each problem once, with where it was shown.
pub fn check_shown(shown: &[bot_api_emulator::Shown]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut problems = Vec::new();
    for item in shown {
        if !seen.insert((item.kind, item.text.as_str())) {
            continue;
        }
        for problem in check(&item.text) {
            problems.push(format!("chat {}, {:?}: {problem}", item.chat, item.kind));
        }
    }
    problems
}

/// The contents of the isolates of a line (outermost), as ranges of its characters.
fn isolates(chars: &[char]) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if is_isolate_start(c) {
            if depth == 0 {
                start = i + 1;
            }
            depth += 1;
        } else if c == '\u{2069}' && depth > 0 {
            depth -= 1;
            if depth == 0 {
                spans.push(start..i);
            }
        }
    }
    if depth > 0 {
        spans.push(start..chars.len());
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(text: &str) -> Vec<String> {
        check(text).into_iter().map(|p| p.what).collect()
    }

    #[test]
    fn an_isolated_number_turns_a_fraction_round() {
        // The defect of issue 10: Fluent's isolation around each number.
        let isolated = "\u{200F}✅ \u{2068}20\u{2069}/\u{2068}40\u{2069} · ⏳ 1";
        let problems = what(isolated);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("«20/40» does not read"),
            "{problems:?}"
        );
        assert!(crate::i18n::strip_bidi(&visual(isolated)).contains("40/20"));
        // Bare numbers join through the slash and keep their order.
        assert_eq!(what("\u{200F}✅ 20/40 · ⏳ 1"), Vec::<String>::new());
        assert_eq!(what("تقييمكم: 4/5."), Vec::<String>::new());
        assert_eq!(what("تقييمكم: \u{2068}4\u{2069}/5.").len(), 1);
    }

    #[test]
    fn a_range_with_a_dash_turns_round_in_arabic() {
        let problems = what("المرجو كتابة الأرقام 0–9.");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("«0–9»"), "{problems:?}");
        assert!(what("المرجو كتابة الأعداد بالأرقام من 0 إلى 9.").is_empty());
    }

    #[test]
    fn a_line_with_no_arabic_of_its_own_is_laid_out_left_to_right() {
        let date = "\u{2068}الثلاثاء 20 يناير 2026 على الساعة 09:00\u{2069}";
        let text = format!("📅 دعوة\n🕘 {date}");
        let problems = what(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("laid out left to right"));
        assert!(what(&format!("📅 دعوة\n🕘 الموعد: {date}")).is_empty());
        assert!(what(&format!("📅 دعوة\n\u{200F}🕘 {date}")).is_empty());
        // A French text is not held to it.
        assert!(what("🕘 mardi 20 janvier 2026 à 09:00").is_empty());
    }

    #[test]
    fn commands_codes_and_times_keep_their_order() {
        assert!(what("أرسلوا \u{200E}/help لمعرفة المزيد.").is_empty());
        let problems = what("أرسلوا /help لمعرفة المزيد.");
        assert!(
            problems.iter().any(|p| p.contains("«/help»")),
            "{problems:?}"
        );
        // A code of two groups, isolated, reads as shown in the room.
        assert!(what("اعرضوا هذا الرمز: \u{2068}482 913\u{2069}").is_empty());
        assert!(!what("اعرضوا هذا الرمز: 482 913").is_empty());
        assert!(what("اكتبوها هكذا: 09:00 أو 9h أو 9h30.").is_empty());
        assert!(what("اكتبوهما هكذا: \u{2066}19/01/2027 18:00\u{2069}.").is_empty());
        assert!(!what("اكتبوهما هكذا: 19/01/2027 18:00.").is_empty());
        assert!(what("الهاتف: \u{2068}+212600010201\u{2069}").is_empty());
    }

    #[test]
    fn mirrored_arrows_are_refused_in_arabic_only() {
        assert_eq!(what("تخطي ‹").len(), 1);
        assert!(what("تخطي ←").is_empty());
        assert!(what("Passer ›").is_empty());
    }

    #[test]
    fn left_to_right_texts_carry_no_marks_for_nothing() {
        let problems = what("✅ Valider (\u{2068}87\u{2069})");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("no right-to-left letter"));
        assert!(what("• \u{2068}فاطمة العمراني\u{2069} — Agourai").is_empty());
        assert_eq!(what("\u{200E}Passer").len(), 1);
        assert!(!is_rtl_text("• \u{2068}فاطمة العمراني\u{2069} — Agourai"));
        assert!(is_rtl_text("\u{200F}• \u{2068}Agourai\u{2069}"));
    }

    #[test]
    fn the_runs_that_must_read_in_order() {
        let runs = |s: &str| -> Vec<String> {
            let chars: Vec<char> = s.chars().collect();
            ordered_runs(&chars)
                .iter()
                .map(|run| run.iter().map(|&i| chars[i]).collect())
                .collect()
        };
        assert_eq!(
            runs("le 20/01/2026 à 09:30, 12\u{a0}500,00 DH, 1. Titre, /help"),
            ["20/01/2026", "09:30", "12\u{a0}500,00", "1", "/help"]
        );
        assert_eq!(runs("\u{2068}20\u{2069}/\u{2068}40\u{2069}"), ["20/40"]);
        assert_eq!(runs("2026 at 09:00"), ["2026", "09:00"]);
        assert_eq!(runs("QR code, Fès-Meknès"), Vec::<String>::new());
        // Two variables side by side are two runs.
        assert_eq!(
            runs("\u{2068}budget 2026\u{2069} 40 · \u{2068}2026\u{2069}\u{2068}Lignes\u{2069}"),
            ["2026", "40", "2026"]
        );
    }
}
