//! An announcement's text: Telegram HTML checked before anything is queued (Telegram answers
//! 400 to a broken tag, to an over-long text, and to an empty one, for every recipient), and
//! its versions per language, each person getting their own or the first written.

use serde::{Deserialize, Serialize};

use crate::domain::roster::Language;
use crate::domain::text::{TextError, TextRule};

/// The most characters (UTF-16 units, as Telegram counts) a message's text may have once its
/// formatting is taken out.
pub const MAX_TEXT: usize = 4096;
/// The most a caption (the text under a photo or a document) may have.
pub const MAX_CAPTION: usize = 1024;

/// What is typed: a bound far above any message, so that the cleaning (spaces, blank lines,
/// control and bidirectional characters) runs on a bounded text; the real limit is counted
/// after the formatting, [`MAX_TEXT`].
const RAW: TextRule = TextRule::several_lines(64 * 1024);

/// The tags Telegram's HTML parse mode knows.
const TAGS: &[&str] = &[
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
];

/// Why an announcement's text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BroadcastTextError {
    /// The text breaks the input rules (empty, control characters, bidirectional controls).
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
    /// Formatting Telegram would refuse.
    #[error("formatting Telegram refuses at character {position}: {problem}")]
    Formatting {
        /// Where, from 1, in the cleaned text.
        position: usize,
        /// What is wrong, in English.
        problem: String,
    },
}

impl BroadcastTextError {
    /// The Fluent key of the refusal.
    pub fn key(&self) -> &'static str {
        match self {
            BroadcastTextError::Text(TextError::Empty | TextError::Invisible) => {
                "broadcast-refused-empty"
            }
            BroadcastTextError::Text(_) => "broadcast-refused-characters",
            BroadcastTextError::TooLong { .. } => "broadcast-refused-too-long",
            BroadcastTextError::Formatting { .. } => "broadcast-refused-formatting",
        }
    }
}

/// Checks an announcement's text (Telegram HTML) and returns it cleaned: spaces and blank
/// lines as [`TextRule`] cleans them, tags Telegram knows, properly nested and closed, `<`,
/// `>` and `&` escaped, and at most `max` characters once the tags are taken out.
pub fn check_text(input: &str, max: usize) -> Result<String, BroadcastTextError> {
    let cleaned = RAW.clean(input)?;
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

/// The text Telegram shows for an HTML text: tags taken out, entities decoded; or where the
/// formatting is wrong.
pub fn plain_text(html: &str) -> Result<String, BroadcastTextError> {
    let chars: Vec<char> = html.chars().collect();
    let wrong = |position: usize, problem: String| BroadcastTextError::Formatting {
        position: position + 1,
        problem,
    };
    let mut out = String::with_capacity(html.len());
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '<' => {
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == '>')
                    .map(|n| i + n)
                    .ok_or_else(|| {
                        wrong(i, "a '<' that opens no tag: write &lt; for the sign".into())
                    })?;
                let inside: String = chars[i + 1..end].iter().collect();
                if let Some(name) = inside.strip_prefix('/') {
                    let name = name.trim().to_ascii_lowercase();
                    match open.pop() {
                        Some(top) if top == name => {}
                        Some(top) => {
                            return Err(wrong(i, format!("</{name}> closes <{top}>")));
                        }
                        None => return Err(wrong(i, format!("</{name}> closes nothing"))),
                    }
                } else {
                    let name = check_tag(&inside).map_err(|p| wrong(i, p))?;
                    if open.iter().any(|t| t == "pre" || t == "code") {
                        return Err(wrong(i, format!("<{name}> inside <pre> or <code>")));
                    }
                    open.push(name);
                }
                i = end + 1;
            }
            '>' => return Err(wrong(i, "a '>' outside a tag: write &gt;".into())),
            '&' => {
                let (decoded, next) = entity(&chars, i).map_err(|p| wrong(i, p))?;
                out.push(decoded);
                i = next;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    if let Some(top) = open.last() {
        return Err(wrong(chars.len(), format!("<{top}> is never closed")));
    }
    Ok(out)
}

/// The name of an opening tag, if Telegram knows it with these attributes.
fn check_tag(inside: &str) -> Result<String, String> {
    let inside = inside.trim();
    let (name, attributes) = inside
        .split_once(char::is_whitespace)
        .map_or((inside, ""), |(n, a)| (n, a.trim()));
    let name = name.to_ascii_lowercase();
    if !TAGS.contains(&name.as_str()) {
        return Err(format!(
            "<{name}> is not a tag Telegram knows (b, i, u, s, a, code, pre, blockquote, \
             tg-spoiler)"
        ));
    }
    let allowed = match name.as_str() {
        "a" => attributes.starts_with("href="),
        "span" => attributes == "class=\"tg-spoiler\"",
        "code" => attributes.is_empty() || attributes.starts_with("class=\"language-"),
        "blockquote" => attributes.is_empty() || attributes == "expandable",
        "tg-emoji" => attributes.starts_with("emoji-id="),
        _ => attributes.is_empty(),
    };
    if !allowed {
        return Err(format!("<{name}> with attributes Telegram refuses"));
    }
    Ok(name)
}

/// Decodes the entity at `at` (an `&`): `&lt;`, `&gt;`, `&amp;`, `&quot;` or a numeric one.
/// A lone `&` (not followed by a name and `;`) is kept, as Telegram keeps it.
fn entity(chars: &[char], at: usize) -> Result<(char, usize), String> {
    let rest: String = chars[at + 1..].iter().take(12).collect();
    let Some(end) = rest.find(';') else {
        return Ok(('&', at + 1));
    };
    let name = &rest[..end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '#') {
        return Ok(('&', at + 1));
    }
    let decoded = match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        _ => name.strip_prefix('#').and_then(|n| {
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => n.parse().ok(),
            };
            code.and_then(char::from_u32)
        }),
    };
    decoded
        .map(|c| (c, at + 1 + name.chars().count() + 1))
        .ok_or_else(|| format!("&{name}; is not an entity Telegram knows: write &amp;{name};"))
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

#[cfg(test)]
mod tests {
    use super::*;

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
