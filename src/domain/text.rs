//! The one rule for text that people give the bot: names in a roster, a workshop's title,
//! topic and venue, a comment after a rating. It cleans (trims, one space between words) and
//! refuses, with a reason, what would be stored wrong or shown wrong.
//!
//! It runs in the domain, before either database sees the text, so SQLite and PostgreSQL keep
//! exactly the same thing: left to themselves SQLite stores a NUL character and PostgreSQL
//! refuses it with an error that names no line of the file.

use std::ops::Range;

/// Whether a text may run over several lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line: a name, a title, a venue. Line breaks and tabs are refused: such a text is
    /// shown on a button, in a list or in a spreadsheet cell, where a break would cut it or
    /// hide the rest.
    One,
    /// Several lines: a topic, a comment. Tabs become spaces; line endings become `\n`.
    Several,
}

/// How one field's text is checked: its length limit and whether it may hold line breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// The most characters (not bytes) the cleaned text may have.
    pub max_chars: usize,
    /// One line or several.
    pub lines: Lines,
}

/// Why a text was refused. Positions count characters from 1 in the text as it was given,
/// so that whoever typed it can find the character even where it cannot be seen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but blanks.
    #[error("empty")]
    Empty,
    /// Longer than the field allows, once cleaned.
    #[error("{chars} characters, more than {max}")]
    TooLong {
        /// Its length in characters, once cleaned.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A line break or tab in a one-line text.
    #[error("a line break or tab at character {position}; it must be on one line")]
    LineBreak {
        /// Where, from 1.
        position: usize,
    },
    /// A control character (C0 or C1, NUL included).
    #[error("a control character ({}) at character {position}, which cannot be stored", code_point(*found))]
    ControlCharacter {
        /// The character.
        found: char,
        /// Where, from 1.
        position: usize,
    },
    /// A bidirectional embedding, override or isolate, which makes text display otherwise
    /// than it reads (an order of letters reversed, a name made to look like another).
    #[error(
        "a bidirectional control ({}) at character {position}, which can make text display \
         otherwise than it is written",
        code_point(*found)
    )]
    BidiControl {
        /// The character.
        found: char,
        /// Where, from 1.
        position: usize,
    },
    /// Only blanks, zero-width or other invisible characters, or marks without a letter.
    #[error("no visible character")]
    Invisible,
}

impl TextError {
    /// A stable code for the refusal, the suffix of the message keys that explain it.
    pub fn code(&self) -> &'static str {
        match self {
            TextError::Empty => "empty",
            TextError::TooLong { .. } => "too-long",
            TextError::LineBreak { .. } => "line-break",
            TextError::ControlCharacter { .. } => "control-character",
            TextError::BidiControl { .. } => "bidi-control",
            TextError::Invisible => "invisible",
        }
    }
}

/// `U+202E`: how a character nobody can see is named in a refusal.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

impl TextRule {
    /// A one-line text of at most `max_chars` characters.
    pub const fn one_line(max_chars: usize) -> TextRule {
        TextRule {
            max_chars,
            lines: Lines::One,
        }
    }

    /// A text of several lines, at most `max_chars` characters.
    pub const fn several_lines(max_chars: usize) -> TextRule {
        TextRule {
            max_chars,
            lines: Lines::Several,
        }
    }

    /// Cleans a text that must be given: blank is [`TextError::Empty`].
    pub fn clean(self, input: &str) -> Result<String, TextError> {
        self.clean_optional(input)?.ok_or(TextError::Empty)
    }

    /// Cleans a text that may be left out: blank (only spaces and line breaks) is `None`. A text
    /// of invisible characters is refused rather than taken for blank, since whoever typed it
    /// saw something there.
    pub fn clean_optional(self, input: &str) -> Result<Option<String>, TextError> {
        self.clean_keeping(input, &[])
    }

    /// [`TextRule::clean_optional`] for a text parts of which are kept exactly as written
    /// (`keep`: byte ranges of `input`): the tags of a formatted text and what its code blocks
    /// hold, where spaces and blank lines are the reader's to see. Around them, spaces and
    /// blank lines are cleaned as in any text, each kept part counting as a word; line endings
    /// become `\n` everywhere. The characters are checked everywhere alike.
    pub fn clean_keeping(
        self,
        input: &str,
        keep: &[Range<usize>],
    ) -> Result<Option<String>, TextError> {
        // Only blanks, line breaks among them, is nothing typed rather than a text on two
        // lines.
        if input.chars().all(char::is_whitespace) {
            return Ok(None);
        }
        self.refuse_characters(input)?;
        let cleaned = clean_lines(&pieces(input, keep));
        if !cleaned.chars().any(is_visible) {
            return Err(TextError::Invisible);
        }
        let chars = cleaned.chars().count();
        if chars > self.max_chars {
            return Err(TextError::TooLong {
                chars,
                max: self.max_chars,
            });
        }
        Ok(Some(cleaned))
    }

    /// The first character no cleaning may keep, by position.
    fn refuse_characters(self, input: &str) -> Result<(), TextError> {
        for (index, c) in input.chars().enumerate() {
            self.check_character(c, index + 1)?;
        }
        Ok(())
    }

    /// Whether a text may hold the character `c`, found at `position` (from 1): the rule for
    /// every character, typed or given otherwise (an HTML reference, `&#x202E;`).
    pub fn check_character(self, c: char, position: usize) -> Result<(), TextError> {
        if is_bidi_control(c) {
            return Err(TextError::BidiControl { found: c, position });
        }
        let breaks_line = matches!(c, '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}');
        if breaks_line && self.lines == Lines::One {
            return Err(TextError::LineBreak { position });
        }
        if c.is_control() && !breaks_line {
            return Err(TextError::ControlCharacter { found: c, position });
        }
        Ok(())
    }
}

/// A piece of a text being cleaned: one character, or a part kept as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'a> {
    Char(char),
    Kept(&'a str),
}

/// A text as pieces: the ranges of `keep` (merged where they overlap, ignored where they do
/// not fall on characters) each one piece, every other character one, `\r\n` one line break.
fn pieces<'a>(input: &'a str, keep: &[Range<usize>]) -> Vec<Piece<'a>> {
    let mut keep: Vec<Range<usize>> = keep
        .iter()
        .filter(|r| r.start < r.end && input.get(r.start..r.end).is_some())
        .cloned()
        .collect();
    keep.sort_by_key(|r| r.start);
    let mut out = Vec::with_capacity(input.len());
    let mut at = 0;
    let chars = |out: &mut Vec<Piece<'a>>, text: &'a str| {
        let mut rest = text.chars().peekable();
        while let Some(c) = rest.next() {
            if c == '\r' && rest.peek() == Some(&'\n') {
                continue;
            }
            out.push(Piece::Char(c));
        }
    };
    for range in keep {
        if range.end <= at {
            continue;
        }
        let start = range.start.max(at);
        chars(&mut out, &input[at..start]);
        out.push(Piece::Kept(&input[start..range.end]));
        at = range.end;
    }
    chars(&mut out, &input[at..]);
    out
}

/// Each line trimmed and its runs of blanks one space, at most one empty line in a row and none
/// at either end: spacing the reader sees, without the runs of blank lines a keyboard can
/// leave. A kept piece is written as it is, its line endings made `\n`.
fn clean_lines(pieces: &[Piece<'_>]) -> String {
    let breaks = |p: &Piece<'_>| matches!(p, Piece::Char('\n' | '\r' | '\u{2028}' | '\u{2029}'));
    let blank = |p: &Piece<'_>| matches!(p, Piece::Char(c) if is_edge_blank(*c));
    let mut out = String::new();
    let mut empty_lines = 0;
    for line in pieces.split(breaks) {
        let start = line.iter().position(|p| !blank(p));
        let end = line.iter().rposition(|p| !blank(p));
        let (Some(start), Some(end)) = (start, end) else {
            empty_lines += 1;
            continue;
        };
        if !out.is_empty() {
            out.push_str(if empty_lines > 0 { "\n\n" } else { "\n" });
        }
        empty_lines = 0;
        let mut space = false;
        for piece in &line[start..=end] {
            match piece {
                Piece::Char(c) if c.is_whitespace() => space = true,
                piece => {
                    if space {
                        out.push(' ');
                        space = false;
                    }
                    match piece {
                        Piece::Char(c) => out.push(*c),
                        Piece::Kept(kept) => {
                            out.push_str(&kept.replace("\r\n", "\n").replace('\r', "\n"))
                        }
                    }
                }
            }
        }
    }
    out
}

/// Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069): they reorder the
/// letters around them on screen. The marks U+200E, U+200F and U+061C only nudge neutral
/// characters and are kept.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no room and show nothing: zero-width spaces and joiners, direction
/// marks, the byte-order mark, the word joiner and its family, variation selectors, tags, and
/// the fillers (Hangul, braille blank) that pass for a letter but show a blank.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
        | '\u{17B5}' | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{2800}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Combining marks, which show only on a letter before them: those of Latin, Arabic, Hebrew,
/// Cyrillic and Tifinagh, and the generic combining blocks. A text of marks alone shows
/// nothing, or a dotted circle.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}' | '\u{05C1}' | '\u{05C2}' | '\u{05C4}' | '\u{05C5}' | '\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' | '\u{0898}'..='\u{089F}' | '\u{08CA}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{2D7F}' | '\u{FE20}'..='\u{FE2F}')
}

/// Whether a character shows something by itself.
fn is_visible(c: char) -> bool {
    !(c.is_whitespace() || c.is_control() || is_invisible(c) || is_combining_mark(c))
}

/// What is cut from both ends: blanks, and invisible characters, which at an end join or
/// mark nothing (a byte-order mark left by a spreadsheet, a zero-width space from a copy).
fn is_edge_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: TextRule = TextRule::one_line(120);
    const TOPIC: TextRule = TextRule::several_lines(500);

    #[test]
    fn cleaning_trims_and_puts_one_space_between_words() {
        assert_eq!(
            NAME.clean("  Samira   Bouzidi "),
            Ok("Samira Bouzidi".into())
        );
        // No-break and other Unicode spaces are blanks too.
        assert_eq!(
            NAME.clean("Salle\u{a0}du\u{202f}conseil\u{3000}"),
            Ok("Salle du conseil".into())
        );
        // Invisible characters at the ends go; inside a word they are kept (a zero-width
        // non-joiner is spelling in some scripts).
        assert_eq!(
            NAME.clean("\u{feff}\u{200b} Ahmed \u{200b}"),
            Ok("Ahmed".into())
        );
        assert_eq!(NAME.clean("Mi\u{200c}ra"), Ok("Mi\u{200c}ra".into()));
        assert_eq!(NAME.clean("أحمد العلوي"), Ok("أحمد العلوي".into()));
        // Direction marks are not overrides: kept.
        assert_eq!(NAME.clean("A\u{200f}B"), Ok("A\u{200f}B".into()));
        // Decomposed accents and Tifinagh are visible text.
        assert_eq!(
            NAME.clean("e\u{301}le\u{300}ve"),
            Ok("e\u{301}le\u{300}ve".into())
        );
        assert_eq!(NAME.clean("ⵜⴰⵎⴰⵣⵉⵖⵜ"), Ok("ⵜⴰⵎⴰⵣⵉⵖⵜ".into()));
    }

    #[test]
    fn blank_is_empty_or_nothing() {
        for blank in ["", "   ", "\u{a0}", "\n \n"] {
            assert_eq!(TOPIC.clean_optional(blank), Ok(None), "{blank:?}");
        }
        assert_eq!(NAME.clean(""), Err(TextError::Empty));
        assert_eq!(NAME.clean(" \u{a0} "), Err(TextError::Empty));
        // Blank over several lines is still blank, not a line break in a one-line text.
        assert_eq!(NAME.clean(" \n\t "), Err(TextError::Empty));
    }

    #[test]
    fn text_with_nothing_visible_is_refused() {
        for invisible in [
            "\u{200b}\u{200b}\u{200b}",
            "\u{200b} \u{200c}\u{200d}\u{200e}\u{200f}",
            "\u{feff}",
            "\u{2060}",
            "\u{301}\u{301}",
            "\u{64e}\u{650}",
            " \u{3164} ",
            "\u{2800}",
            "\u{fe0f}",
        ] {
            assert_eq!(
                NAME.clean(invisible),
                Err(TextError::Invisible),
                "{invisible:?}"
            );
            // Not taken for blank in an optional text either: something was typed.
            assert_eq!(
                TOPIC.clean_optional(invisible),
                Err(TextError::Invisible),
                "{invisible:?}"
            );
        }
    }

    #[test]
    fn control_characters_are_refused_where_they_are() {
        assert_eq!(
            NAME.clean("Ah\0med"),
            Err(TextError::ControlCharacter {
                found: '\0',
                position: 3
            })
        );
        for c in [
            '\u{1}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{b}', '\u{c}',
        ] {
            let text = format!("ab{c}");
            assert_eq!(
                NAME.clean(&text),
                Err(TextError::ControlCharacter {
                    found: c,
                    position: 3
                }),
                "{c:?}"
            );
            // Several lines allow line breaks and tabs, not the other controls.
            assert_eq!(
                TOPIC.clean(&text).unwrap_err().code(),
                "control-character",
                "{c:?}"
            );
        }
        // Positions count characters, not bytes.
        assert_eq!(
            NAME.clean("ببب\0"),
            Err(TextError::ControlCharacter {
                found: '\0',
                position: 4
            })
        );
    }

    #[test]
    fn bidi_overrides_embeddings_and_isolates_are_refused() {
        for c in ('\u{202a}'..='\u{202e}').chain('\u{2066}'..='\u{2069}') {
            let text = format!("Ali{c}gpj.exe");
            assert_eq!(
                NAME.clean(&text),
                Err(TextError::BidiControl {
                    found: c,
                    position: 4
                }),
                "{c:?}"
            );
            assert_eq!(TOPIC.clean(&text).unwrap_err().code(), "bidi-control");
        }
        assert_eq!(
            TextError::BidiControl {
                found: '\u{202e}',
                position: 4
            }
            .to_string(),
            "a bidirectional control (U+202E) at character 4, which can make text display \
             otherwise than it is written"
        );
    }

    #[test]
    fn line_breaks_and_tabs_only_where_several_lines_are_allowed() {
        for (text, position) in [
            ("Budget\ncommunal", 7),
            ("Budget\r\ncommunal", 7),
            ("Budget\tcommunal", 7),
            ("a\u{2028}b", 2),
        ] {
            assert_eq!(
                NAME.clean(text),
                Err(TextError::LineBreak { position }),
                "{text:?}"
            );
        }
        assert_eq!(
            TOPIC.clean(" Budget\tlines \r\n\r\n\r\n\n  second  line\r\nthird \n\n"),
            Ok("Budget lines\n\nsecond line\nthird".into())
        );
    }

    #[test]
    fn kept_parts_are_written_as_they_are() {
        let text = "  Voir :   \n\n\n[  a\r\n\n  b ]  puis \r\n  la suite  ";
        let start = text.find('[').unwrap();
        let end = text.find(']').unwrap() + 1;
        assert_eq!(
            TOPIC.clean_keeping(text, std::slice::from_ref(&(start..end))),
            Ok(Some("Voir :\n\n[  a\n\n  b ] puis\nla suite".into()))
        );
        // Without kept parts, as any text; ranges off the characters are ignored.
        assert_eq!(TOPIC.clean_keeping(text, &[]), TOPIC.clean_optional(text));
        assert_eq!(
            TOPIC.clean_keeping("é  b", &[1..2, 7..9]),
            Ok(Some("é b".into()))
        );
        // The characters are checked inside them too.
        assert_eq!(
            TOPIC
                .clean_keeping("a\u{202e}b", std::slice::from_ref(&(0..5)))
                .unwrap_err()
                .code(),
            "bidi-control"
        );
    }

    #[test]
    fn length_is_counted_in_characters_once_cleaned() {
        assert!(NAME.clean(&"ب".repeat(120)).is_ok());
        assert_eq!(
            NAME.clean(&format!("  {}  ", "a".repeat(121))),
            Err(TextError::TooLong {
                chars: 121,
                max: 120
            })
        );
        // Runs of spaces count once.
        assert!(
            NAME.clean(&format!("{}     {}", "a".repeat(60), "b".repeat(59)))
                .is_ok()
        );
        let huge = "A".repeat(100 * 1024);
        assert_eq!(
            NAME.clean(&huge),
            Err(TextError::TooLong {
                chars: 102_400,
                max: 120
            })
        );
    }

    #[test]
    fn codes_are_distinct_kebab_case() {
        let errors = [
            TextError::Empty,
            TextError::TooLong { chars: 2, max: 1 },
            TextError::LineBreak { position: 1 },
            TextError::ControlCharacter {
                found: '\0',
                position: 1,
            },
            TextError::BidiControl {
                found: '\u{202e}',
                position: 1,
            },
            TextError::Invisible,
        ];
        let codes: std::collections::HashSet<_> = errors.iter().map(TextError::code).collect();
        assert_eq!(codes.len(), errors.len());
        assert!(
            codes
                .iter()
                .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
    }
}
