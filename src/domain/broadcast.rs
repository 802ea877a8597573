//! An announcement's text: Telegram HTML checked before anything is queued (Telegram answers
//! 400 to a broken tag, to an over-long text, and to an empty one, for every recipient), and
//! its versions per language, each person getting their own or the first written.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::html::{self, HtmlError, Problem};
use crate::domain::roster::Language;
use crate::domain::schedule::{CronError, CronSchedule};
use crate::domain::text::{TextError, TextRule};
use crate::domain::workshop::{DraftError, local_start, parse_date, parse_time};
use crate::domain::zone::Zone;

/// The most characters (UTF-16 units, as Telegram counts) a message's text may have once its
/// formatting is taken out.
pub const MAX_TEXT: usize = 4096;
/// The most a caption (the text under a photo or a document) may have.
pub const MAX_CAPTION: usize = 1024;

/// What is typed: a bound far above any message, so that the cleaning (spaces, blank lines,
/// control and bidirectional characters) runs on a bounded text; the real limit is counted
/// after the formatting, [`MAX_TEXT`].
const RAW: TextRule = TextRule::several_lines(64 * 1024);

/// Why an announcement's text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BroadcastTextError {
    /// The text breaks the input rules (empty, control characters, bidirectional controls),
    /// typed or written as a reference.
    #[error("{0}")]
    Text(#[from] TextError),
    /// Too long for one message once the formatting is taken out.
    #[error("{chars} characters once the formatting is taken out, more than Telegram's {max}")]
    TooLong {
        /// Its length, as Telegram counts it.
        chars: usize,
        /// The limit (a message's or a caption's).
        max: usize,
    },
    /// Formatting Telegram would refuse, drop or show otherwise than written.
    #[error("formatting Telegram refuses at character {position}: {problem}")]
    Formatting {
        /// Where, from 1, in the text as written.
        position: usize,
        /// What is wrong.
        problem: Problem,
    },
}

impl From<HtmlError> for BroadcastTextError {
    fn from(error: HtmlError) -> Self {
        match error {
            HtmlError::Character(error) => BroadcastTextError::Text(error),
            HtmlError::Formatting { position, problem } => {
                BroadcastTextError::Formatting { position, problem }
            }
        }
    }
}

impl BroadcastTextError {
    /// The Fluent key of the refusal; its arguments are the error's fields (see
    /// `views::broadcast::text_refusal`).
    pub fn key(&self) -> &'static str {
        match self {
            BroadcastTextError::Text(TextError::Empty | TextError::Invisible) => {
                "broadcast-refused-empty"
            }
            BroadcastTextError::Text(TextError::TooLong { .. })
            | BroadcastTextError::TooLong { .. } => "broadcast-refused-too-long",
            BroadcastTextError::Text(TextError::BidiControl { .. }) => {
                "broadcast-refused-bidi-control"
            }
            BroadcastTextError::Text(_) => "broadcast-refused-control-character",
            BroadcastTextError::Formatting { problem, .. } => match problem {
                Problem::LessThan => "broadcast-formatting-less-than",
                Problem::GreaterThan => "broadcast-formatting-greater-than",
                Problem::UnknownTag(_) => "broadcast-formatting-unknown-tag",
                Problem::Attributes { tag } if html::expected_attributes(tag).is_none() => {
                    "broadcast-formatting-no-attributes"
                }
                Problem::Attributes { .. } => "broadcast-formatting-attributes",
                Problem::Language => "broadcast-formatting-language",
                Problem::Crossed { .. } => "broadcast-formatting-crossed",
                Problem::ClosesNothing(_) => "broadcast-formatting-closes-nothing",
                Problem::NeverClosed(_) => "broadcast-formatting-never-closed",
                Problem::UnknownReference(_) => "broadcast-formatting-unknown-reference",
                Problem::NotACharacter(_) => "broadcast-formatting-not-a-character",
                Problem::Nested { .. } => "broadcast-formatting-nested",
                Problem::PreCode => "broadcast-formatting-pre-code",
                Problem::Link(_) => "broadcast-formatting-link",
            },
        }
    }
}

/// Checks an announcement's text (Telegram HTML) and returns it cleaned: spaces and blank
/// lines as [`TextRule`] cleans them, except inside tags and inside `<pre>` and `<code>`,
/// kept as written; the subset of Telegram HTML `domain::html` accepts, references decoded
/// and held to the rules of typed characters; at most `max` characters once the tags are
/// taken out. Never panics: with [`crate::domain::html::read`], the entry point for fuzzing.
pub fn check_text(input: &str, max: usize) -> Result<String, BroadcastTextError> {
    if input.chars().all(char::is_whitespace) {
        return Err(TextError::Empty.into());
    }
    // The characters first, where they were typed; then the formatting, where it was
    // written; then the cleaning, which keeps what the formatting says to keep.
    check_typed(input)?;
    let read = html::read(input)?;
    let cleaned = RAW
        .clean_keeping(input, &read.verbatim)?
        .ok_or(TextError::Empty)?;
    let plain = plain_text(&cleaned)?;
    if !plain.chars().any(|c| !c.is_whitespace()) {
        return Err(TextError::Invisible.into());
    }
    let chars = plain.trim().encode_utf16().count();
    if chars > max {
        return Err(BroadcastTextError::TooLong { chars, max });
    }
    Ok(cleaned)
}

/// The characters of a text typed in Telegram, where they were typed: checked before its
/// formatting is written out as HTML (where positions would count tags the organiser never
/// typed).
pub fn check_typed(typed: &str) -> Result<(), BroadcastTextError> {
    for (index, c) in typed.chars().enumerate() {
        RAW.check_character(c, index + 1)?;
    }
    Ok(())
}

/// The text Telegram shows for an HTML text: tags taken out, references decoded; or where the
/// formatting is wrong.
pub fn plain_text(html: &str) -> Result<String, BroadcastTextError> {
    Ok(html::read(html)?.plain)
}

/// A photo or a document sent with an announcement, its text becoming the caption. The
/// organiser sent it to the bot, so Telegram has it: the bot sends it again by its file id,
/// without downloading or storing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// A photo or a document.
    pub kind: AttachmentKind,
    /// Telegram's id of the file, good for this bot.
    pub file_id: String,
    /// The document's name, as shown to the organiser.
    #[serde(default)]
    pub file_name: Option<String>,
}

/// What an attachment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentKind {
    /// A picture, shown in the chat.
    Photo,
    /// Any file (a PDF programme, a spreadsheet), shown as a file to open.
    Document,
}

impl Attachment {
    /// The JSON stored with the announcement.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an attachment always serialises")
    }

    /// Reads a stored attachment.
    pub fn from_json(json: &str) -> Result<Attachment, serde_json::Error> {
        serde_json::from_str(json)
    }
}

/// The most a text may have: a message's, or a caption's under a photo or a document.
pub fn max_text(attachment: Option<&Attachment>) -> usize {
    if attachment.is_some() {
        MAX_CAPTION
    } else {
        MAX_TEXT
    }
}

/// An announcement's versions, one per language, the first written first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versions(Vec<Version>);

/// One language's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// Its language.
    pub language: Language,
    /// Telegram HTML, checked.
    pub html: String,
}

/// Why a set of versions was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionsError {
    /// No text at all.
    #[error("no text")]
    None,
    /// One language written twice.
    #[error("two texts in {0}")]
    Twice(&'static str),
    /// One version's text is refused.
    #[error("the {language} text: {error}")]
    Text {
        /// Which version (its code).
        language: &'static str,
        /// Why.
        error: BroadcastTextError,
    },
}

impl Versions {
    /// Checks each text (at most `max` characters once formatted) and keeps them in the order
    /// given: the first is for the people whose language has none.
    pub fn new(texts: Vec<(Language, String)>, max: usize) -> Result<Versions, VersionsError> {
        if texts.is_empty() {
            return Err(VersionsError::None);
        }
        let mut versions: Vec<Version> = Vec::with_capacity(texts.len());
        for (language, text) in texts {
            if versions.iter().any(|v| v.language == language) {
                return Err(VersionsError::Twice(language.code()));
            }
            let html = check_text(&text, max).map_err(|error| VersionsError::Text {
                language: language.code(),
                error,
            })?;
            versions.push(Version { language, html });
        }
        Ok(Versions(versions))
    }

    /// The text a person in `language` gets: their language's, or the first written.
    pub fn for_language(&self, language: Language) -> &Version {
        self.0
            .iter()
            .find(|v| v.language == language)
            .unwrap_or(&self.0[0])
    }

    /// Every version, the first written first.
    pub fn all(&self) -> &[Version] {
        &self.0
    }

    /// Whether every text fits within `max` characters once formatted (a caption's limit, when
    /// a photo comes after the texts were written for a message).
    pub fn fit(&self, max: usize) -> bool {
        self.0.iter().all(|v| {
            plain_text(&v.html).is_ok_and(|plain| plain.trim().encode_utf16().count() <= max)
        })
    }

    /// The JSON stored with the announcement.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("versions always serialise")
    }

    /// Reads stored versions.
    pub fn from_json(json: &str) -> Result<Versions, serde_json::Error> {
        let versions: Versions = serde_json::from_str(json)?;
        if versions.0.is_empty() {
            return Err(serde::de::Error::custom("no version"));
        }
        Ok(versions)
    }
}

/// When an announcement goes.
#[derive(Debug, Clone)]
pub enum When {
    /// At once.
    Now,
    /// At a given instant.
    At(DateTime<Utc>),
    /// On a recurring schedule, read in the programme's time zone.
    Every(CronSchedule),
}

/// Why a time written for an announcement does not read. Chat asks again; the command line
/// names the flag it came with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    /// Not a day and a time separated by a space.
    #[error("write the local day and time, e.g. 20/01/2026 09:00")]
    NotDayAndTime,
    /// The day does not read.
    #[error("{input:?} is not a day, e.g. 20/01/2026")]
    BadDay {
        /// The day as written.
        input: String,
    },
    /// The time does not read.
    #[error("{input:?} is not a time, e.g. 09:00")]
    BadTime {
        /// The time as written.
        input: String,
    },
    /// The day and time has passed.
    #[error("that time has already passed")]
    InThePast,
    /// A local time the clock skips (a change of legal time), with the reason.
    #[error("{0}")]
    Unusable(DraftError),
    /// The cron expression does not read.
    #[error("{0}")]
    Cron(CronError),
    /// The cron expression reads but does not fire after now (the reader refuses those that
    /// never fire at all; this holds whatever it lets through).
    #[error("the schedule never fires")]
    NeverFires,
}

impl When {
    /// A local day and time to come, as written at the command line's `--at` or in chat:
    /// `20/01/2026 09:00` (the day and time as a workshop's are written).
    pub fn at(text: &str, zone: &Zone, now: DateTime<Utc>) -> Result<When, WhenError> {
        let (date, time) = text
            .trim()
            .split_once(' ')
            .ok_or(WhenError::NotDayAndTime)?;
        let date = parse_date(date).map_err(|_| WhenError::BadDay {
            input: date.trim().to_owned(),
        })?;
        let time = parse_time(time).map_err(|_| WhenError::BadTime {
            input: time.trim().to_owned(),
        })?;
        match local_start(date, time, zone, now) {
            Ok(at) => Ok(When::At(at)),
            Err(DraftError::DateInPast { .. }) => Err(WhenError::InThePast),
            Err(other) => Err(WhenError::Unusable(other)),
        }
    }

    /// A five-field cron expression read in the programme's time zone, which fires again.
    pub fn every(text: &str, zone: &Zone, now: DateTime<Utc>) -> Result<When, WhenError> {
        let cron = CronSchedule::parse(text).map_err(WhenError::Cron)?;
        if cron.next_after(zone, now).is_none() {
            return Err(WhenError::NeverFires);
        }
        Ok(When::Every(cron))
    }

    /// What an organiser types in chat: a day and time when it reads as one (`20/01/2026
    /// 09:00`, which must then be to come), else a cron expression (`0 10 * * 1`).
    pub fn typed(text: &str, zone: &Zone, now: DateTime<Utc>) -> Result<When, WhenError> {
        match When::at(text, zone, now) {
            Ok(when) => Ok(when),
            // A day and a time that read: the time is what was meant, and it is refused.
            Err(error @ (WhenError::InThePast | WhenError::Unusable(_))) => Err(error),
            Err(_) => When::every(text, zone, now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(zone: &Zone, day: &str, time: &str) -> DateTime<Utc> {
        let date = parse_date(day).unwrap();
        let time = parse_time(time).unwrap();
        local_start(date, time, zone, DateTime::<Utc>::MIN_UTC).unwrap()
    }

    #[test]
    fn a_day_and_time_to_come_reads_and_one_past_is_refused() {
        let zone = Zone::casablanca();
        let now = local(&zone, "19/01/2026", "12:00");
        let Ok(When::At(at)) = When::at("20/01/2026 09:00", &zone, now) else {
            panic!("a day and time to come reads");
        };
        assert_eq!(at, local(&zone, "20/01/2026", "09:00"));
        assert!(matches!(
            When::at("  20/01/2026   9h30 ", &zone, now),
            Ok(When::At(_))
        ));
        assert_eq!(
            When::at("19/01/2026 11:59", &zone, now).unwrap_err(),
            WhenError::InThePast
        );
        assert_eq!(
            When::at("demain", &zone, now).unwrap_err(),
            WhenError::NotDayAndTime
        );
        assert_eq!(
            When::at("31/02/2026 09:00", &zone, now).unwrap_err(),
            WhenError::BadDay {
                input: "31/02/2026".into()
            }
        );
        assert_eq!(
            When::at("20/01/2026 25:00", &zone, now).unwrap_err(),
            WhenError::BadTime {
                input: "25:00".into()
            }
        );
    }

    #[test]
    fn a_cron_expression_must_read_and_fire() {
        let zone = Zone::casablanca();
        let now = local(&zone, "19/01/2026", "12:00");
        let Ok(When::Every(cron)) = When::every("0 10 * * 1", &zone, now) else {
            panic!("a weekly schedule reads");
        };
        assert_eq!(cron.expression(), "0 10 * * 1");
        assert!(matches!(
            When::every("0 25 * * *", &zone, now),
            Err(WhenError::Cron(_))
        ));
        // The 31st of February: the cron reader refuses it already.
        assert!(matches!(
            When::every("0 10 31 2 *", &zone, now),
            Err(WhenError::Cron(_))
        ));
    }

    #[test]
    fn typed_in_chat_a_day_and_time_comes_first_then_a_cron_expression() {
        let zone = Zone::casablanca();
        let now = local(&zone, "19/01/2026", "12:00");
        assert!(matches!(
            When::typed("20/01/2026 09:00", &zone, now),
            Ok(When::At(_))
        ));
        assert!(matches!(
            When::typed("0 10 * * 1", &zone, now),
            Ok(When::Every(_))
        ));
        // A day and time that read but have passed are refused, not read as a schedule.
        assert_eq!(
            When::typed("01/01/2020 09:00", &zone, now).unwrap_err(),
            WhenError::InThePast
        );
        assert!(When::typed("tomorrow morning", &zone, now).is_err());
        assert!(When::typed("", &zone, now).is_err());
    }

    #[test]
    fn a_photo_or_a_document_makes_the_texts_captions() {
        let photo = Attachment {
            kind: AttachmentKind::Photo,
            file_id: "AgACAgQ".into(),
            file_name: None,
        };
        assert_eq!(max_text(None), MAX_TEXT);
        assert_eq!(max_text(Some(&photo)), MAX_CAPTION);
        assert_eq!(Attachment::from_json(&photo.to_json()).unwrap(), photo);
        // 1,024 characters fit under a photo; formatting does not count, one more does.
        let long = format!("<b>{}</b>", "é".repeat(MAX_CAPTION));
        let versions = Versions::new(vec![(Language::Fr, long)], MAX_TEXT).unwrap();
        assert!(versions.fit(MAX_CAPTION));
        let longer = "é".repeat(MAX_CAPTION + 1);
        let versions = Versions::new(
            vec![(Language::Fr, "Court".into()), (Language::Ar, longer)],
            MAX_TEXT,
        )
        .unwrap();
        assert!(!versions.fit(MAX_CAPTION) && versions.fit(MAX_TEXT));
    }

    #[test]
    fn telegram_formatting_is_kept_and_checked() {
        let ok = "<b>Atelier</b> du <i>20 janvier</i> : <a href=\"https://example.org\">programme</a>\n\
                  5 &lt; 6 &amp; R&D";
        assert_eq!(check_text(ok, MAX_TEXT).unwrap(), ok);
        assert_eq!(
            plain_text(ok).unwrap(),
            "Atelier du 20 janvier : programme\n5 < 6 & R&D"
        );
        let refused = [
            "<b>gras",
            "<b>gras</i>",
            "fin</b>",
            "<div>bloc</div>",
            "5 < 6",
            "a > b",
            "<span>x</span>",
            "&nbsp;",
            "<pre><b>x</b></pre>",
        ];
        for text in refused {
            assert!(
                matches!(
                    check_text(text, MAX_TEXT),
                    Err(BroadcastTextError::Formatting { .. })
                ),
                "{text}"
            );
        }
        assert!(check_text("<span class=\"tg-spoiler\">x</span>", MAX_TEXT).is_ok());
        assert!(check_text("<blockquote expandable>x</blockquote>", MAX_TEXT).is_ok());
    }

    #[test]
    fn empty_and_over_long_texts_are_refused() {
        for empty in ["", "  \n ", "<b></b>", "<b> </b>"] {
            assert!(
                matches!(
                    check_text(empty, MAX_TEXT),
                    Err(BroadcastTextError::Text(
                        TextError::Empty | TextError::Invisible
                    ))
                ),
                "{empty:?}"
            );
        }
        // The limit counts the text people see, not the tags.
        let just = format!("<b>{}</b>", "a".repeat(MAX_TEXT));
        assert!(check_text(&just, MAX_TEXT).is_ok());
        let over = "é".repeat(MAX_TEXT + 1);
        assert_eq!(
            check_text(&over, MAX_TEXT),
            Err(BroadcastTextError::TooLong {
                chars: MAX_TEXT + 1,
                max: MAX_TEXT
            })
        );
        // Telegram counts UTF-16 units: an emoji is two.
        let emoji = "📣".repeat(MAX_CAPTION / 2 + 1);
        assert!(matches!(
            check_text(&emoji, MAX_CAPTION),
            Err(BroadcastTextError::TooLong { .. })
        ));
        // Control and bidirectional characters are refused as everywhere else.
        assert!(matches!(
            check_text("a\u{202e}b", MAX_TEXT),
            Err(BroadcastTextError::Text(TextError::BidiControl { .. }))
        ));
    }

    #[test]
    fn code_blocks_keep_their_spaces_and_blank_lines() {
        let written = "  Exemple   de code :\n\n\n\
                       <pre><code class=\"language-rust\">fn main() {\r\n    let  x = 1;\n\n\n    go(x);\n}</code></pre>\n\
                       puis <code>a  =  b</code>   et <pre>  1\n\n\n  2</pre>  ";
        assert_eq!(
            check_text(written, MAX_TEXT).unwrap(),
            "Exemple de code :\n\n\
             <pre><code class=\"language-rust\">fn main() {\n    let  x = 1;\n\n\n    go(x);\n}</code></pre>\n\
             puis <code>a  =  b</code> et <pre>  1\n\n\n  2</pre>"
        );
        // As the chat renders a block typed in Telegram.
        assert!(
            check_text(
                "<pre><code class=\"language-python\">def f():\n    pass</code></pre>",
                MAX_TEXT
            )
            .is_ok()
        );
    }

    #[test]
    fn hostile_references_are_refused_as_the_characters_they_stand_for() {
        for (text, key) in [
            ("Réunion &#x202E;demain", "broadcast-refused-bidi-control"),
            ("Réunion &#8238 demain", "broadcast-refused-bidi-control"),
            (
                "Réunion &#0; demain",
                "broadcast-formatting-not-a-character",
            ),
            (
                "Réunion &#x110000; demain",
                "broadcast-formatting-not-a-character",
            ),
            (
                "Réunion &#xD800; demain",
                "broadcast-formatting-not-a-character",
            ),
            (
                "Réunion &#x1; demain",
                "broadcast-refused-control-character",
            ),
            (
                "<a href=\"javascript:alert(1)\">programme</a>",
                "broadcast-formatting-link",
            ),
            (
                "<a href=\"https://a.ma\"><a href=\"https://b.ma\">x</a></a>",
                "broadcast-formatting-nested",
            ),
        ] {
            let error = check_text(text, MAX_TEXT).unwrap_err();
            assert_eq!(error.key(), key, "{text}: {error}");
        }
        // Where: the reference's place in the text as written.
        assert_eq!(
            check_text("Réunion &#x202E;demain", MAX_TEXT),
            Err(BroadcastTextError::Text(TextError::BidiControl {
                found: '\u{202e}',
                position: 9
            }))
        );
        // A character typed is named where it was typed, before the formatting around it.
        assert_eq!(
            check_text("<b>a\u{202e}b</i>", MAX_TEXT),
            Err(BroadcastTextError::Text(TextError::BidiControl {
                found: '\u{202e}',
                position: 5
            }))
        );
        assert_eq!(
            check_typed("a\u{0}b"),
            Err(BroadcastTextError::Text(TextError::ControlCharacter {
                found: '\0',
                position: 2
            }))
        );
    }

    #[test]
    fn each_person_gets_their_language_or_the_first_written() {
        let versions = Versions::new(
            vec![
                (Language::Fr, "Bonjour".into()),
                (Language::Ar, "السلام عليكم".into()),
            ],
            MAX_TEXT,
        )
        .unwrap();
        assert_eq!(versions.for_language(Language::Ar).html, "السلام عليكم");
        assert_eq!(versions.for_language(Language::Fr).html, "Bonjour");
        assert_eq!(versions.for_language(Language::En).html, "Bonjour");
        let json = versions.to_json();
        assert_eq!(Versions::from_json(&json).unwrap(), versions);
        assert_eq!(Versions::new(vec![], MAX_TEXT), Err(VersionsError::None));
        assert_eq!(
            Versions::new(
                vec![(Language::Fr, "a".into()), (Language::Fr, "b".into())],
                MAX_TEXT
            ),
            Err(VersionsError::Twice("fr"))
        );
        assert!(matches!(
            Versions::new(
                vec![(Language::Fr, "a".into()), (Language::En, "<b>".into())],
                MAX_TEXT
            ),
            Err(VersionsError::Text { language: "en", .. })
        ));
    }
}
