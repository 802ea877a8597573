//! Telegram's HTML, as an announcement is written in it: read the way Telegram's own parser
//! reads it (TDLib's `parse_html`, which `emulator::html` follows too), and held to the subset
//! the Bot API documents under "Formatting options":
//!
//! ```text
//! <b>, <strong>   <i>, <em>   <u>, <ins>   <s>, <strike>, <del>
//! <span class="tg-spoiler">, <tg-spoiler>
//! <a href="http://…">, https://…, tg://…
//! <code>   <pre>   <pre><code class="language-…">…</code></pre>
//! <blockquote>, <blockquote expandable>
//! <tg-emoji emoji-id="…">
//! &lt; &gt; &amp; &quot; and numeric references (&#233; &#xE9;)
//! ```
//!
//! What Telegram would refuse (a tag unknown, crossed or left open, an unknown `&name;`) is
//! refused here first, so that no recipient gets an error instead of the message. So is what
//! Telegram would take but drop or show otherwise than written: a link it does not open
//! (`javascript:`), a link inside a link, a code block inside a code block, formatting inside
//! code. Character references are decoded as Telegram decodes them (with or without the `;`)
//! and the character they stand for is held to the rules of a typed one (`domain::text`): a
//! bidirectional override written `&#x202E;` is refused as the character itself is.

use std::ops::Range;

use crate::domain::text::{TextError, TextRule};

/// A text read: what Telegram shows, and which parts of the written text no cleaning may
/// touch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Html {
    /// The text as shown: tags taken out, references decoded.
    pub plain: String,
    /// Byte ranges of the written text kept as written: every tag, and what is inside
    /// `<pre>` and `<code>`, where spaces and blank lines are the reader's to see.
    pub verbatim: Vec<Range<usize>>,
}

/// Why a text is not Telegram HTML an announcement may be written in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    /// A reference stands for a character no text may hold (a control or bidirectional
    /// character, as typed text refuses them).
    #[error("{0}")]
    Character(TextError),
    /// Formatting Telegram refuses, or would drop or show otherwise than written.
    #[error("at character {position}: {problem}")]
    Formatting {
        /// Where, counting characters from 1 in the text as written.
        position: usize,
        /// What is wrong.
        problem: Problem,
    },
}

/// What is wrong with the formatting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A `<` that starts no tag.
    #[error("a '<' that opens no tag: write &lt; for the sign")]
    LessThan,
    /// A `>` outside a tag.
    #[error("a '>' outside a tag: write &gt; for the sign")]
    GreaterThan,
    /// A tag Telegram does not know.
    #[error("<{0}> is not a tag Telegram knows")]
    UnknownTag(String),
    /// A known tag with attributes Telegram refuses or ignores.
    #[error("<{tag}> takes {}", expected_attributes(.tag).unwrap_or("no attribute"))]
    Attributes {
        /// The tag's name.
        tag: String,
    },
    /// An end tag that closes another tag than the last one opened.
    #[error("</{closing}> closes <{open}>")]
    Crossed {
        /// The end tag's name.
        closing: String,
        /// The tag open there.
        open: String,
    },
    /// An end tag with no tag open.
    #[error("</{0}> closes nothing")]
    ClosesNothing(String),
    /// A tag left open at the end.
    #[error("<{0}> is never closed")]
    NeverClosed(String),
    /// `&name;` with a name Telegram does not know.
    #[error("&{0}; is not a reference Telegram knows: write &amp;{0};")]
    UnknownReference(String),
    /// A numeric reference to no character: 0, a surrogate, beyond U+10FFFF.
    #[error("{0} stands for no character")]
    NotACharacter(String),
    /// A tag where Telegram does not take it: formatting inside code, a link inside a link.
    #[error("<{tag}> inside <{outer}>")]
    Nested {
        /// The tag.
        tag: String,
        /// The tag it is inside.
        outer: String,
    },
    /// A language on a `<code>` not directly inside `<pre>`, where Telegram drops it.
    #[error(
        "a language goes only on a <code> directly inside <pre>: <pre><code class=\"language-…\">…</code></pre>"
    )]
    Language,
    /// `<code>` inside `<pre>` that is not the whole block.
    #[error(
        "a <code> inside <pre> must hold the whole block: <pre><code class=\"language-…\">…</code></pre>"
    )]
    PreCode,
    /// A link Telegram would not open: its scheme, or no address.
    #[error("the link {0:?} is not an http://, https:// or tg:// address")]
    Link(String),
}

/// Escapes `&`, `<`, `>` and `"`: text from people made safe inside Telegram's HTML, and
/// inside an SVG drawing's text or a double-quoted attribute, which follow the same rules.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The attributes a tag takes, as a refusal shows them; `None` for a tag that takes none.
pub fn expected_attributes(tag: &str) -> Option<&'static str> {
    match tag {
        "a" => Some("href=\"https://…\""),
        "span" => Some("class=\"tg-spoiler\""),
        "code" => Some("class=\"language-…\""),
        "blockquote" => Some("expandable"),
        "tg-emoji" => Some("emoji-id=\"5368324170671202286\""),
        _ => None,
    }
}

/// The tags of Telegram's HTML.
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

/// The schemes a link may have: the web, and Telegram's own (`tg://user?id=…`,
/// `tg://resolve?domain=…`), as the Bot API names them for a button's or a story's link
/// ("HTTP or tg:// URL").
const SCHEMES: &[&str] = &["http", "https", "tg"];

/// How characters given by reference are checked: as any character of an announcement.
const CHARACTERS: TextRule = TextRule::several_lines(usize::MAX);

struct Open {
    name: String,
    /// Where its start tag begins (a byte of the text).
    begin: usize,
    /// Where its content begins, after the start tag.
    content: usize,
    /// For `<pre>`: where its `<code>` ended, once it has one.
    code_end: Option<usize>,
    /// For `<pre>`: whether it holds a `<code>`.
    has_code: bool,
}

/// The tags that limit what goes inside them. They nest at most three deep (a link or a code
/// block in a quotation), so checking a tag against them costs the same however deeply
/// formatting nests around them.
const LIMITING: &[&str] = &["pre", "code", "tg-emoji", "a", "blockquote"];

/// The byte at `i`, or 0 past the end (as TDLib reads its NUL-terminated strings).
fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// The separators of TDLib's tag reader.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0 | 0x0b)
}

/// Reads a text as Telegram HTML; the first thing wrong, with where it is. Never panics, and
/// works in one pass over the text: the entry point for fuzzing.
pub fn read(html: &str) -> Result<Html, HtmlError> {
    let s = html.as_bytes();
    let position = |byte: usize| {
        html.get(..byte)
            .map_or_else(|| byte, |before| before.chars().count())
            + 1
    };
    let wrong = |byte: usize, problem: Problem| HtmlError::Formatting {
        position: position(byte),
        problem,
    };
    let mut plain = String::with_capacity(html.len());
    let mut verbatim: Vec<Range<usize>> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    // The open tags of LIMITING, outermost first.
    let mut limiting: Vec<String> = Vec::new();
    // A character refused, with its place counted only then (counting it for every
    // character would cost the text's length each time).
    let refuse = |c: char, byte: usize| {
        CHARACTERS.check_character(c, 0).map_err(|error| {
            HtmlError::Character(match error {
                TextError::ControlCharacter { found, .. } => TextError::ControlCharacter {
                    found,
                    position: position(byte),
                },
                TextError::BidiControl { found, .. } => TextError::BidiControl {
                    found,
                    position: position(byte),
                },
                other => other,
            })
        })
    };
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'&' => match reference(s, i).map_err(|p| wrong(i, p))? {
                Some((c, next)) => {
                    // A typed line break is cleaned into a new line; one given by reference
                    // would reach the phone as it is (a carriage return, found by fuzzing).
                    if matches!(c, '\r' | '\u{2028}' | '\u{2029}') {
                        return Err(HtmlError::Character(TextError::ControlCharacter {
                            found: c,
                            position: position(i),
                        }));
                    }
                    refuse(c, i)?;
                    plain.push(c);
                    i = next;
                }
                None => {
                    plain.push('&');
                    i += 1;
                }
            },
            b'>' => return Err(wrong(i, Problem::GreaterThan)),
            b'<' if at(s, i + 1) == b'/' => {
                let begin = i;
                i += 2;
                while !is_space(at(s, i)) && at(s, i) != b'>' {
                    i += 1;
                }
                let name = String::from_utf8_lossy(&s[begin + 2..i.min(s.len())]).to_lowercase();
                while i < s.len() && is_space(s[i]) {
                    i += 1;
                }
                if at(s, i) != b'>' {
                    return Err(wrong(begin, Problem::LessThan));
                }
                i += 1;
                let Some(top) = open.pop() else {
                    return Err(wrong(begin, Problem::ClosesNothing(name)));
                };
                if name != top.name {
                    return Err(wrong(
                        begin,
                        Problem::Crossed {
                            closing: name,
                            open: top.name,
                        },
                    ));
                }
                if top.name == "pre" && top.has_code && top.code_end != Some(begin) {
                    return Err(wrong(begin, Problem::PreCode));
                }
                if top.name == "code"
                    && let Some(pre) = open.last_mut()
                    && pre.name == "pre"
                {
                    pre.code_end = Some(i);
                }
                // What code holds is kept as written (the outermost block: a <code> in a
                // <pre> is inside the <pre>'s range).
                if LIMITING.contains(&top.name.as_str()) {
                    limiting.pop();
                }
                if matches!(top.name.as_str(), "pre" | "code")
                    && !limiting.iter().any(|o| o == "pre" || o == "code")
                {
                    verbatim.push(top.content..begin);
                }
                verbatim.push(begin..i);
            }
            b'<' => {
                let begin = i;
                let (tag, end) = start_tag(s, i).map_err(|p| wrong(begin, p))?;
                check_place(&tag.name, &tag.attributes, &mut open, &limiting, begin)
                    .map_err(|p| wrong(begin, p))?;
                check_attributes(&tag).map_err(|p| wrong(begin, p))?;
                for (_, value) in &tag.attributes {
                    for c in value.chars() {
                        refuse(c, begin)?;
                    }
                }
                i = end;
                verbatim.push(begin..end);
                if LIMITING.contains(&tag.name.as_str()) {
                    limiting.push(tag.name.clone());
                }
                open.push(Open {
                    name: tag.name,
                    begin,
                    content: end,
                    code_end: None,
                    has_code: false,
                });
            }
            _ => {
                let c = html
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .unwrap_or('\u{fffd}');
                if let Some(pre) = open.last()
                    && pre.name == "pre"
                    && pre.has_code
                {
                    // Text after the <code> of a <pre>.
                    return Err(wrong(i, Problem::PreCode));
                }
                plain.push(c);
                i += c.len_utf8().max(1);
            }
        }
    }
    if let Some(top) = open.last() {
        return Err(wrong(top.begin, Problem::NeverClosed(top.name.clone())));
    }
    verbatim.sort_by_key(|r| r.start);
    Ok(Html { plain, verbatim })
}

/// Whether a tag may open where it is, inside the tags open; marks a `<pre>` that gets its
/// `<code>`.
fn check_place(
    name: &str,
    attributes: &[(String, String)],
    open: &mut [Open],
    limiting: &[String],
    begin: usize,
) -> Result<(), Problem> {
    let nested = |outer: &str| Problem::Nested {
        tag: name.to_owned(),
        outer: outer.to_owned(),
    };
    if let Some(top) = open.last_mut()
        && top.name == "pre"
        && name == "code"
        && !top.has_code
        && top.content == begin
    {
        // Telegram's one form of a block with its language: <pre><code class="language-…">.
        top.has_code = true;
        return Ok(());
    }
    for outer in limiting {
        let refused = match outer.as_str() {
            // Nothing is formatted inside code, and a custom emoji holds its emoji alone.
            "pre" | "code" | "tg-emoji" => true,
            // Telegram keeps one of two links, code or emoji that overlap: no link in a
            // link, no code or emoji in a link.
            "a" => matches!(name, "a" | "code" | "pre" | "tg-emoji" | "blockquote"),
            // Quotations do not nest.
            "blockquote" => name == "blockquote",
            _ => false,
        };
        if refused {
            return Err(nested(outer));
        }
    }
    // A language belongs to a block: on a <code> of its own Telegram drops it.
    if name == "code" && !attributes.is_empty() {
        let language = attributes
            .iter()
            .any(|(a, v)| a == "class" && v.starts_with("language-"));
        return Err(if language {
            Problem::Language
        } else {
            Problem::Attributes { tag: "code".into() }
        });
    }
    Ok(())
}

/// A start tag read: its name and attributes (values decoded).
struct StartTag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Reads the start tag at `begin` (a `<`) as TDLib does; returns it and where it ends.
fn start_tag(s: &[u8], begin: usize) -> Result<(StartTag, usize), Problem> {
    let mut i = begin + 1;
    while !is_space(at(s, i)) && at(s, i) != b'>' {
        i += 1;
    }
    if i >= s.len() {
        return Err(Problem::LessThan);
    }
    let name = String::from_utf8_lossy(&s[begin + 1..i]).to_lowercase();
    if name.is_empty() {
        return Err(Problem::LessThan);
    }
    if !TAGS.contains(&name.as_str()) {
        return Err(Problem::UnknownTag(name));
    }
    let refused = || Problem::Attributes { tag: name.clone() };
    let mut attributes = Vec::new();
    loop {
        while i < s.len() && is_space(s[i]) {
            i += 1;
        }
        match at(s, i) {
            b'>' => break,
            _ if i >= s.len() => return Err(Problem::LessThan),
            _ => {}
        }
        let attribute_begin = i;
        while !is_space(at(s, i)) && at(s, i) != b'=' && at(s, i) != b'>' {
            i += 1;
        }
        let attribute = String::from_utf8_lossy(&s[attribute_begin..i.min(s.len())]).to_lowercase();
        if attribute.is_empty() {
            return Err(refused());
        }
        while i < s.len() && is_space(s[i]) {
            i += 1;
        }
        if at(s, i) != b'=' {
            // A bare attribute: `<blockquote expandable>`.
            attributes.push((attribute, String::new()));
            continue;
        }
        i += 1;
        while i < s.len() && is_space(s[i]) {
            i += 1;
        }
        let quote = at(s, i);
        let value = if quote == b'"' || quote == b'\'' {
            i += 1;
            let mut value = Vec::new();
            while i < s.len() && s[i] != quote {
                if s[i] == b'&'
                    && let Some((c, next)) = reference(s, i)?
                {
                    let mut buffer = [0u8; 4];
                    value.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                    i = next;
                    continue;
                }
                value.push(s[i]);
                i += 1;
            }
            if i >= s.len() {
                return Err(Problem::LessThan);
            }
            i += 1;
            String::from_utf8_lossy(&value).into_owned()
        } else {
            // Unquoted: a name token (letters, digits, '.', '-'), as Telegram reads one.
            let token_begin = i;
            while at(s, i).is_ascii_alphanumeric() || at(s, i) == b'.' || at(s, i) == b'-' {
                i += 1;
            }
            if i >= s.len() || (!is_space(at(s, i)) && at(s, i) != b'>') {
                return Err(refused());
            }
            String::from_utf8_lossy(&s[token_begin..i]).to_lowercase()
        };
        attributes.push((attribute, value));
    }
    Ok((StartTag { name, attributes }, i + 1))
}

/// Whether a start tag has the attributes its name takes, no more.
fn check_attributes(tag: &StartTag) -> Result<(), Problem> {
    let refused = || Problem::Attributes {
        tag: tag.name.clone(),
    };
    let attributes: Vec<(&str, &str)> = tag
        .attributes
        .iter()
        .map(|(a, v)| (a.as_str(), v.as_str()))
        .collect();
    let fits = match (tag.name.as_str(), attributes.as_slice()) {
        ("a", [("href", url)]) => return check_link(url),
        ("span", [("class", "tg-spoiler")]) => true,
        ("code", [("class", class)]) => class
            .strip_prefix("language-")
            .is_some_and(|language| !language.trim().is_empty()),
        ("blockquote", [("expandable", "")]) => true,
        ("tg-emoji", [("emoji-id", id)]) => {
            id.bytes().all(|b| b.is_ascii_digit()) && id.parse::<i64>().is_ok_and(|id| id > 0)
        }
        (_, []) => !matches!(tag.name.as_str(), "a" | "span" | "tg-emoji"),
        _ => false,
    };
    if fits { Ok(()) } else { Err(refused()) }
}

/// A link's address, decoded: one Telegram opens, of an allowed scheme. Without a scheme
/// Telegram reads a web address (`www.example.ma` is `http://www.example.ma`).
fn check_link(url: &str) -> Result<(), Problem> {
    let refused = || Problem::Link(url.to_owned());
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refused());
    }
    let scheme = url
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .filter(|scheme| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
    let (scheme, full) = match scheme {
        Some(scheme) => (scheme.to_ascii_lowercase(), url.to_owned()),
        None => ("http".to_owned(), format!("http://{url}")),
    };
    if !SCHEMES.contains(&scheme.as_str()) {
        return Err(refused());
    }
    if scheme == "tg" {
        return Ok(());
    }
    // A web address Telegram would drop: no host, or not an address at all.
    match url::Url::parse(&full) {
        Ok(parsed) if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        _ => Err(refused()),
    }
}

/// The reference at `at_byte` (an `&`), read as Telegram reads one: `&lt;`, `&gt;`, `&amp;`,
/// `&quot;`, or `&#` and decimal digits, or `&#x` and hexadecimal ones, the `;` optional.
/// `None` when the `&` is a sign of its own (`R&D`, `& co`).
fn reference(s: &[u8], at_byte: usize) -> Result<Option<(char, usize)>, Problem> {
    let mut end = at_byte + 1;
    if at(s, end) == b'#' {
        end += 1;
        let hex = matches!(at(s, end), b'x' | b'X');
        if hex {
            end += 1;
        }
        let digits = end;
        let mut code: u32 = 0;
        loop {
            let digit = if hex {
                (at(s, end) as char).to_digit(16)
            } else {
                (at(s, end) as char).to_digit(10)
            };
            let Some(digit) = digit else { break };
            // Past the last code point stays past it, however many digits follow.
            code = code
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(digit)
                .min(0x11_0000);
            end += 1;
        }
        if end == digits {
            return Ok(None);
        }
        if at(s, end) == b';' {
            end += 1;
        }
        return match char::from_u32(code).filter(|c| *c != '\0') {
            Some(c) => Ok(Some((c, end))),
            None => Err(Problem::NotACharacter(
                String::from_utf8_lossy(&s[at_byte..end]).into_owned(),
            )),
        };
    }
    while at(s, end).is_ascii_alphabetic() {
        end += 1;
    }
    let name = &s[at_byte + 1..end.min(s.len())];
    let decoded = match name {
        b"lt" => '<',
        b"gt" => '>',
        b"amp" => '&',
        b"quot" => '"',
        _ if !name.is_empty() && at(s, end) == b';' => {
            return Err(Problem::UnknownReference(
                String::from_utf8_lossy(name).into_owned(),
            ));
        }
        _ => return Ok(None),
    };
    if at(s, end) == b';' {
        end += 1;
    }
    Ok(Some((decoded, end)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bot_api_emulator::{finish, parse_html};

    fn problem(html: &str) -> Problem {
        match read(html) {
            Err(HtmlError::Formatting { problem, .. }) => problem,
            other => panic!("{html:?}: {other:?}"),
        }
    }

    /// Every form the Bot API documents, each as Telegram shows it.
    const DOCUMENTED: [(&str, &str); 20] = [
        ("<b>bold</b>, <strong>bold</strong>", "bold, bold"),
        ("<i>italic</i>, <em>italic</em>", "italic, italic"),
        (
            "<u>underline</u>, <ins>underline</ins>",
            "underline, underline",
        ),
        ("<s>s</s>, <strike>s</strike>, <del>s</del>", "s, s, s"),
        (
            "<span class=\"tg-spoiler\">spoiler</span>, <tg-spoiler>spoiler</tg-spoiler>",
            "spoiler, spoiler",
        ),
        (
            "<b>bold <i>italic bold <s>italic bold strikethrough <span class=\"tg-spoiler\">\
             italic bold strikethrough spoiler</span></s> <u>underline italic bold</u></i> \
             bold</b>",
            "bold italic bold italic bold strikethrough italic bold strikethrough spoiler \
             underline italic bold bold",
        ),
        (
            "<a href=\"http://www.example.com/\">inline URL</a>",
            "inline URL",
        ),
        (
            "<a href=\"tg://user?id=123456789\">inline mention</a>",
            "inline mention",
        ),
        (
            "<a href='https://example.org/?a=1&amp;b=2'>quoted so</a>",
            "quoted so",
        ),
        ("<a href=\"www.region.ma\">no scheme</a>", "no scheme"),
        (
            "<tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>",
            "👍",
        ),
        (
            "<code>inline fixed-width code</code>",
            "inline fixed-width code",
        ),
        (
            "<pre>pre-formatted\n  block</pre>",
            "pre-formatted\n  block",
        ),
        (
            "<pre><code class=\"language-python\">def f():\n    pass</code></pre>",
            "def f():\n    pass",
        ),
        ("<pre><code>plain block</code></pre>", "plain block"),
        (
            "<blockquote>Block quotation</blockquote>",
            "Block quotation",
        ),
        (
            "<blockquote expandable>Expandable block quotation</blockquote>",
            "Expandable block quotation",
        ),
        (
            "<blockquote>a <a href=\"https://x.ma\">link</a> and <code>code</code></blockquote>",
            "a link and code",
        ),
        (
            "5 &lt; 6 &amp; 7 &gt; 3 &quot;ok&quot; R&D Q&A &#233;&#xE9;",
            "5 < 6 & 7 > 3 \"ok\" R&D Q&A éé",
        ),
        (
            "&amp without a semicolon &lt too",
            "& without a semicolon < too",
        ),
    ];

    #[test]
    fn telegrams_documented_subset_is_accepted() {
        for (html, shown) in DOCUMENTED {
            let read = read(html).unwrap_or_else(|e| panic!("{html:?}: {e}"));
            assert_eq!(read.plain, shown, "{html:?}");
        }
        // Tag and attribute names in any case, spaces around attributes.
        assert!(read("<B>x</B> <A  HREF = \"https://x.ma\" >y</a>").is_ok());
    }

    #[test]
    fn the_emulator_reads_what_is_accepted_as_telegram_shows_it() {
        for (html, shown) in DOCUMENTED {
            let parsed = parse_html(html).unwrap_or_else(|e| panic!("{html:?}: {e}"));
            assert_eq!(finish(parsed).text, shown, "{html:?}");
        }
        // A block with its language is one pre entity with it.
        let parsed = finish(
            parse_html(
                "Voir :\n<pre><code class=\"language-rust\">fn main() {\n    go();\n}</code></pre>",
            )
            .unwrap(),
        );
        let pre = &parsed.entities[0];
        assert_eq!(
            (pre.kind.as_str(), pre.language.as_deref()),
            ("pre", Some("rust"))
        );
        assert_eq!(pre.slice(&parsed.text), "fn main() {\n    go();\n}");
    }

    #[test]
    fn characters_given_by_reference_follow_the_rules_of_typed_ones() {
        for (html, found) in [
            ("a &#x202E; b", '\u{202e}'),
            ("a &#x202e;b", '\u{202e}'),
            ("a &#8238; b", '\u{202e}'),
            ("a &#X202E; b", '\u{202e}'),
            // Telegram decodes it without the semicolon too.
            ("a &#x202Egpj.exe", '\u{202e}'),
            ("a &#x2066;b", '\u{2066}'),
            ("&#x00000202E;", '\u{202e}'),
        ] {
            assert_eq!(
                read(html),
                Err(HtmlError::Character(TextError::BidiControl {
                    found,
                    position: html.find('&').unwrap() + 1
                })),
                "{html:?}"
            );
        }
        for (html, found) in [
            ("&#1;", '\u{1}'),
            ("&#x1b;", '\u{1b}'),
            ("&#x85;", '\u{85}'),
            // A line break given by reference is not cleaned as a typed one is.
            ("&#13;", '\r'),
            ("&#xD#7", '\r'),
            ("&#x2028;", '\u{2028}'),
        ] {
            assert_eq!(
                read(html),
                Err(HtmlError::Character(TextError::ControlCharacter {
                    found,
                    position: 1
                })),
                "{html:?}"
            );
        }
        for html in [
            "&#0;",
            "&#x0;",
            "&#x110000;",
            "&#1114112;",
            "&#xD800;",
            "&#xDFFF;",
            "&#99999999999999999999;",
        ] {
            assert_eq!(
                problem(html),
                Problem::NotACharacter(html.to_owned()),
                "{html:?}"
            );
        }
        // In a link's address as well.
        assert!(matches!(
            read("<a href=\"https://x.ma/&#x202E;gpj.exe\">x</a>"),
            Err(HtmlError::Character(TextError::BidiControl {
                position: 1,
                ..
            }))
        ));
        // Line breaks and tabs are text; the marks that only nudge neutral signs are kept.
        assert_eq!(
            read("a&#10;b&#9;c&#x200F;").unwrap().plain,
            "a\nb\tc\u{200f}"
        );
        // Where Telegram reads no reference, there is none: a sign and text.
        assert_eq!(read("&#; &#x; &# x").unwrap().plain, "&#; &#x; &# x");
        assert_eq!(problem("&nbsp;"), Problem::UnknownReference("nbsp".into()));
        assert_eq!(problem("&LT;"), Problem::UnknownReference("LT".into()));
    }

    #[test]
    fn links_go_only_where_telegram_opens_them() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java&#115;cript:alert(1)",
            "&#106;avascript:alert(1)",
            "javascript&#58;alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "mailto:a@b.ma",
            "http://",
            "https://",
            "",
            "   ",
            "https://exa mple.ma",
        ] {
            let html = format!("<a href=\"{url}\">x</a>");
            assert!(
                matches!(problem(&html), Problem::Link(_)),
                "{url:?}: {:?}",
                read(&html)
            );
        }
        for html in [
            "<a>x</a>",
            "<a href=\"https://x.ma\" target=\"_blank\">x</a>",
            "<a href=\"https://x.ma\" href=\"https://y.ma\">x</a>",
        ] {
            assert_eq!(
                problem(html),
                Problem::Attributes { tag: "a".into() },
                "{html}"
            );
        }
    }

    #[test]
    fn tags_go_only_where_telegram_takes_them() {
        let nested = |tag: &str, outer: &str| Problem::Nested {
            tag: tag.into(),
            outer: outer.into(),
        };
        let a = "<a href=\"https://x.ma\">";
        assert_eq!(problem(&format!("{a}{a}x</a></a>")), nested("a", "a"));
        assert_eq!(
            problem(&format!("{a}<b>{a}x</a></b></a>")),
            nested("a", "a")
        );
        assert_eq!(
            problem(&format!("{a}<code>x</code></a>")),
            nested("code", "a")
        );
        assert_eq!(problem("<code><b>x</b></code>"), nested("b", "code"));
        assert_eq!(problem("<pre><b>x</b></pre>"), nested("b", "pre"));
        assert_eq!(problem("<pre>a<code>x</code></pre>"), nested("code", "pre"));
        assert_eq!(
            problem("<pre><code class=\"language-c\">x</code><b>y</b></pre>"),
            nested("b", "pre")
        );
        assert_eq!(
            problem("<pre><code class=\"language-c\">x</code>\n</pre>"),
            Problem::PreCode
        );
        assert_eq!(
            problem("<code class=\"language-rust\">x</code>"),
            Problem::Language
        );
        assert_eq!(
            problem("<blockquote><blockquote>x</blockquote></blockquote>"),
            nested("blockquote", "blockquote")
        );
        assert_eq!(
            problem("<tg-emoji emoji-id=\"1\"><b>x</b></tg-emoji>"),
            nested("b", "tg-emoji")
        );
        // A language on a code of its own, or an empty one; attributes elsewhere.
        for (html, tag) in [
            ("<pre><code class=\"language-\">x</code></pre>", "code"),
            ("<pre><code class=\"rust\">x</code></pre>", "code"),
            ("<pre lang=\"rust\">x</pre>", "pre"),
            ("<b class=\"x\">x</b>", "b"),
            ("<span>x</span>", "span"),
            ("<span class=\"tg-other\">x</span>", "span"),
            ("<blockquote collapsed>x</blockquote>", "blockquote"),
            ("<tg-emoji emoji-id=\"x\">👍</tg-emoji>", "tg-emoji"),
            ("<tg-emoji emoji-id=\"0\">👍</tg-emoji>", "tg-emoji"),
            ("<tg-emoji>👍</tg-emoji>", "tg-emoji"),
        ] {
            assert_eq!(
                problem(html),
                Problem::Attributes { tag: tag.into() },
                "{html}"
            );
        }
    }

    #[test]
    fn mistakes_are_named_where_they_are() {
        let at = |html: &str| match read(html) {
            Err(HtmlError::Formatting { position, problem }) => (position, problem),
            other => panic!("{html:?}: {other:?}"),
        };
        assert_eq!(at("é <b>x"), (3, Problem::NeverClosed("b".into())));
        assert_eq!(
            at("<b>x</i>"),
            (
                5,
                Problem::Crossed {
                    closing: "i".into(),
                    open: "b".into()
                }
            )
        );
        assert_eq!(at("ab</b>"), (3, Problem::ClosesNothing("b".into())));
        assert_eq!(at("5 < 6"), (3, Problem::LessThan));
        assert_eq!(at("<b"), (1, Problem::LessThan));
        assert_eq!(at("<b>x</b"), (5, Problem::LessThan));
        assert_eq!(at("a > b"), (3, Problem::GreaterThan));
        assert_eq!(at("ب <div>x</div>"), (3, Problem::UnknownTag("div".into())));
        assert_eq!(at("<a href=\"https://x.ma>x</a>"), (1, Problem::LessThan));
    }

    #[test]
    fn tags_and_code_blocks_are_kept_as_written() {
        let html = "Voir :\n<pre><code class=\"language-rust\">fn  main() {\n\n    go();\n}</code></pre> <b>x</b> <code> a  b </code>";
        let read = read(html).unwrap();
        let kept: Vec<&str> = read.verbatim.iter().map(|r| &html[r.clone()]).collect();
        for part in [
            "<pre>",
            "<code class=\"language-rust\">fn  main() {\n\n    go();\n}</code>",
            "</pre>",
            "<b>",
            "</b>",
            " a  b ",
        ] {
            assert!(kept.contains(&part), "{part:?} in {kept:?}");
        }
        // Nothing of the text outside them.
        assert!(!kept.iter().any(|k| k.contains("Voir") || *k == "x"));
    }

    #[test]
    fn reading_costs_what_the_text_is_long() {
        // Formatting nested 20,000 deep, and 50,000 references: each tag and reference is
        // checked against a few tags, not against every tag open.
        let deep = format!("{}x{}", "<b>".repeat(20_000), "</b>".repeat(20_000));
        assert_eq!(read(&deep).unwrap().plain, "x");
        let references = "&amp;".repeat(50_000);
        assert_eq!(read(&references).unwrap().plain.len(), 50_000);
        let late = format!("{}&#x202E;", "&amp;".repeat(50_000));
        assert!(matches!(
            read(&late),
            Err(HtmlError::Character(TextError::BidiControl {
                position: 250_001,
                ..
            }))
        ));
    }

    #[test]
    fn any_text_is_read_or_refused_without_panicking() {
        let pieces = [
            "<",
            ">",
            "/",
            "&",
            "#",
            "x",
            ";",
            "\"",
            "'",
            "=",
            " ",
            "b",
            "a",
            "pre",
            "code",
            "href",
            "class",
            "language-",
            "é",
            "\u{202e}",
            "1",
            "tg-emoji",
            "blockquote",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in ["", "<b>", "</b>", "&#x", "<a href=\""] {
                        let _ = read(&format!("{d}{a}{b}{c}"));
                        let _ = read(&format!("{a}{d}{b}{c}"));
                    }
                }
            }
        }
    }
}
