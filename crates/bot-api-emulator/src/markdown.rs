//! Telegram's MarkdownV2 and legacy Markdown parse modes, after TDLib's
//! `parse_markdown_v2` and `parse_markdown`, with the same error messages.
//!
//! Not supported: the expandable block quotation syntax (`**>` … `||`).

use super::html::{Parsed, check_link};
use super::types::Entity;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Bold,
    Italic,
    Underline,
    Strikethrough,
    Spoiler,
    TextUrl,
    Code,
    Pre,
    PreCode,
    CustomEmoji,
}

impl Kind {
    /// The name TDLib prints in "Can't find end of … entity".
    fn tdlib_name(self) -> &'static str {
        match self {
            Kind::Bold => "Bold",
            Kind::Italic => "Italic",
            Kind::Underline => "Underline",
            Kind::Strikethrough => "Strikethrough",
            Kind::Spoiler => "Spoiler",
            Kind::TextUrl => "TextUrl",
            Kind::Code => "Code",
            Kind::Pre => "Pre",
            Kind::PreCode => "PreCode",
            Kind::CustomEmoji => "CustomEmoji",
        }
    }

    fn api_name(self) -> &'static str {
        match self {
            Kind::Bold => "bold",
            Kind::Italic => "italic",
            Kind::Underline => "underline",
            Kind::Strikethrough => "strikethrough",
            Kind::Spoiler => "spoiler",
            Kind::TextUrl => "text_link",
            Kind::Code => "code",
            Kind::Pre | Kind::PreCode => "pre",
            Kind::CustomEmoji => "custom_emoji",
        }
    }
}

struct Open {
    kind: Kind,
    argument: String,
    utf16_offset: usize,
    byte_offset: usize,
    text_pos: usize,
}

fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0 | 0x0b)
}

fn reserved(c: u8) -> String {
    format!(
        "Character '{}' is reserved and must be escaped with the preceding '\\'",
        c as char
    )
}

/// Reads a `(url)` part starting at the `(`; returns the unescaped URL and the
/// index of the closing parenthesis.
fn read_url(s: &[u8], open_paren: usize) -> Option<(String, usize)> {
    let mut i = open_paren + 1;
    let mut url = Vec::new();
    while i < s.len() && s[i] != b')' {
        if s[i] == b'\\' && (1..=126).contains(&at(s, i + 1)) {
            url.push(s[i + 1]);
            i += 2;
            continue;
        }
        url.push(s[i]);
        i += 1;
    }
    (at(s, i) == b')').then(|| (String::from_utf8_lossy(&url).into_owned(), i))
}

/// Parses MarkdownV2. The error is the part after `can't parse entities: `.
pub fn parse_markdown_v2(input: &str) -> Result<Parsed, String> {
    let s = input.as_bytes();
    let mut text = String::with_capacity(input.len());
    let mut utf16 = 0usize;
    let mut entities: Vec<Entity> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    // Start (utf16) of the block quotation being built, if any.
    let mut quote: Option<usize> = None;
    let mut i = 0usize;
    while i < s.len() {
        let c = s[i];
        let in_code = matches!(
            open.last().map(|o| o.kind),
            Some(Kind::Code | Kind::Pre | Kind::PreCode)
        );
        let line_start = i == 0 || s[i - 1] == b'\n';
        if c == b'>' && line_start && !in_code {
            quote.get_or_insert(utf16);
            i += 1;
            continue;
        }
        if line_start && i > 0 && c != b'>' {
            if let Some(start) = quote.take() {
                // The quotation ends with the previous line, newline excluded.
                let end = utf16 - 1;
                if end > start {
                    entities.push(Entity::new("blockquote", start, end - start));
                }
            }
        }
        if c == b'\\' && (1..=126).contains(&at(s, i + 1)) {
            text.push(s[i + 1] as char);
            utf16 += 1;
            i += 2;
            continue;
        }
        let reserved_chars: &[u8] = if in_code { b"`" } else { b"_*[]()~`>#+-=|{}.!" };
        if !reserved_chars.contains(&c) {
            let ch = input[i..].chars().next().unwrap_or('\u{fffd}');
            text.push(ch);
            utf16 += ch.len_utf16();
            i += ch.len_utf8();
            continue;
        }
        let is_end = open.last().is_some_and(|o| match o.kind {
            Kind::Bold => c == b'*',
            Kind::Italic => c == b'_' && at(s, i + 1) != b'_',
            Kind::Code => c == b'`',
            Kind::Pre | Kind::PreCode => c == b'`' && at(s, i + 1) == b'`' && at(s, i + 2) == b'`',
            Kind::TextUrl | Kind::CustomEmoji => c == b']',
            Kind::Underline => c == b'_' && at(s, i + 1) == b'_',
            Kind::Strikethrough => c == b'~',
            Kind::Spoiler => c == b'|' && at(s, i + 1) == b'|',
        });
        if !is_end {
            let byte_offset = i;
            let mut argument = String::new();
            let kind = match c {
                b'_' if at(s, i + 1) == b'_' => {
                    i += 1;
                    Kind::Underline
                }
                b'_' => Kind::Italic,
                b'*' => Kind::Bold,
                b'~' => Kind::Strikethrough,
                b'|' if at(s, i + 1) == b'|' => {
                    i += 1;
                    Kind::Spoiler
                }
                b'[' => Kind::TextUrl,
                b'`' if at(s, i + 1) == b'`' && at(s, i + 2) == b'`' => {
                    i += 3;
                    let mut kind = Kind::Pre;
                    let mut lang_end = i;
                    while !is_space(at(s, lang_end)) && at(s, lang_end) != b'`' {
                        lang_end += 1;
                    }
                    if i != lang_end && lang_end < s.len() && s[lang_end] != b'`' {
                        kind = Kind::PreCode;
                        argument = String::from_utf8_lossy(&s[i..lang_end]).into_owned();
                        i = lang_end;
                    }
                    // One newline right after the opening fence is not part of the text.
                    if matches!(at(s, i), b'\n' | b'\r') {
                        if matches!(at(s, i + 1), b'\n' | b'\r') && s[i] != s[i + 1] {
                            i += 2;
                        } else {
                            i += 1;
                        }
                    }
                    i -= 1;
                    kind
                }
                b'`' => Kind::Code,
                b'!' if at(s, i + 1) == b'[' => {
                    i += 1;
                    Kind::CustomEmoji
                }
                _ => return Err(reserved(c)),
            };
            open.push(Open {
                kind,
                argument,
                utf16_offset: utf16,
                byte_offset,
                text_pos: text.len(),
            });
            i += 1;
            continue;
        }
        let Some(top) = open.pop() else {
            unreachable!("is_end implies an open entity")
        };
        let mut skip = utf16 == top.utf16_offset;
        let mut entity = Entity::new(
            top.kind.api_name(),
            top.utf16_offset,
            utf16 - top.utf16_offset,
        );
        match top.kind {
            Kind::Underline | Kind::Spoiler => i += 1,
            Kind::Pre | Kind::PreCode => {
                i += 2;
                if top.kind == Kind::PreCode {
                    entity.language = Some(top.argument);
                }
            }
            Kind::TextUrl => {
                let url = if at(s, i + 1) != b'(' {
                    text[top.text_pos..].to_owned()
                } else {
                    let Some((url, close)) = read_url(s, i + 1) else {
                        return Err(format!("Can't find end of a URL at byte offset {}", i + 2));
                    };
                    i = close;
                    url
                };
                if let Some(id) = url
                    .strip_prefix("tg://user?id=")
                    .and_then(|v| v.parse().ok())
                {
                    entity.kind = "text_mention".to_owned();
                    entity.user_id = Some(id);
                } else if let Some(url) = check_link(&url) {
                    entity.url = Some(url);
                } else {
                    skip = true;
                }
            }
            Kind::CustomEmoji => {
                if at(s, i + 1) != b'(' {
                    return Err("Custom emoji entity must contain a tg://emoji URL".to_owned());
                }
                let Some((url, close)) = read_url(s, i + 1) else {
                    return Err(format!(
                        "Can't find end of a custom emoji URL at byte offset {}",
                        i + 2
                    ));
                };
                i = close;
                let id = url
                    .strip_prefix("tg://emoji?id=")
                    .filter(|id| id.parse::<i64>().is_ok_and(|n| n != 0))
                    .ok_or_else(|| "Invalid custom emoji identifier specified".to_owned())?;
                entity.custom_emoji_id = Some(id.to_owned());
            }
            _ => {}
        }
        if !skip {
            entities.push(entity);
        }
        i += 1;
    }
    if let Some(top) = open.last() {
        return Err(format!(
            "Can't find end of {} entity at byte offset {}",
            top.kind.tdlib_name(),
            top.byte_offset
        ));
    }
    if let Some(start) = quote {
        if utf16 > start {
            entities.push(Entity::new("blockquote", start, utf16 - start));
        }
    }
    Ok(Parsed { text, entities })
}

/// Parses legacy Markdown (`*bold*`, `_italic_`, `` `code` ``, ```` ```pre``` ````, `[text](url)`).
pub fn parse_markdown(input: &str) -> Result<Parsed, String> {
    let s = input.as_bytes();
    let mut text = String::with_capacity(input.len());
    let mut utf16 = 0usize;
    let mut entities = Vec::new();
    let mut i = 0usize;
    while i < s.len() {
        let c = s[i];
        if c == b'\\' && matches!(at(s, i + 1), b'_' | b'*' | b'`' | b'[') {
            text.push(s[i + 1] as char);
            utf16 += 1;
            i += 2;
            continue;
        }
        if !matches!(c, b'_' | b'*' | b'`' | b'[') {
            let ch = input[i..].chars().next().unwrap_or('\u{fffd}');
            text.push(ch);
            utf16 += ch.len_utf16();
            i += ch.len_utf8();
            continue;
        }
        let begin = i;
        let (end_marker, kind): (&[u8], &str) = match c {
            b'`' if at(s, i + 1) == b'`' && at(s, i + 2) == b'`' => (b"```", "pre"),
            b'`' => (b"`", "code"),
            b'_' => (b"_", "italic"),
            b'*' => (b"*", "bold"),
            _ => (b"]", "text_link"),
        };
        i += if kind == "pre" { 3 } else { 1 };
        let content_start = i;
        let Some(rel) = s[i..]
            .windows(end_marker.len())
            .position(|w| w == end_marker)
        else {
            return Err(format!(
                "Can't find end of the entity starting at byte offset {begin}"
            ));
        };
        let content = &input[content_start..content_start + rel];
        i = content_start + rel + end_marker.len();
        let offset = utf16;
        text.push_str(content);
        utf16 += content.encode_utf16().count();
        let mut e = Entity::new(kind, offset, utf16 - offset);
        if kind == "text_link" {
            if at(s, i) != b'(' {
                // Without a URL the brackets are plain text in legacy Markdown.
                continue;
            }
            let Some(close) = s[i..].iter().position(|&b| b == b')') else {
                return Err(format!("Can't find end of a URL at byte offset {}", i + 1));
            };
            let url = &input[i + 1..i + close];
            i += close + 1;
            match check_link(url) {
                Some(url) => e.url = Some(url),
                None => continue,
            }
        }
        if e.length > 0 {
            entities.push(e);
        }
    }
    Ok(Parsed { text, entities })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_v2_entities() {
        let p = parse_markdown_v2(
            "*b* _i_ __u__ ~s~ ||sp|| [l](https://ex.org/a\\)b) `c` ```rust\nfn x```\n>quote\\.",
        )
        .unwrap();
        assert_eq!(p.text, "b i u s sp l c fn x\nquote.");
        let k: Vec<_> = p.entities.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            k,
            [
                "bold",
                "italic",
                "underline",
                "strikethrough",
                "spoiler",
                "text_link",
                "code",
                "pre",
                "blockquote"
            ]
        );
        assert_eq!(p.entities[5].url.as_deref(), Some("https://ex.org/a)b"));
        assert_eq!(p.entities[7].language.as_deref(), Some("rust"));
    }

    #[test]
    fn markdown_v2_errors() {
        assert_eq!(
            parse_markdown_v2("Hello.").unwrap_err(),
            "Character '.' is reserved and must be escaped with the preceding '\\'"
        );
        assert_eq!(
            parse_markdown_v2("a *b").unwrap_err(),
            "Can't find end of Bold entity at byte offset 2"
        );
        assert_eq!(
            parse_markdown_v2("x [a](http://e").unwrap_err(),
            "Can't find end of a URL at byte offset 6"
        );
    }

    #[test]
    fn legacy_markdown() {
        let p = parse_markdown("*b* _i_ `c` [l](http://e.org) a\\_b").unwrap();
        assert_eq!(p.text, "b i c l a_b");
        assert_eq!(p.entities.len(), 4);
        assert_eq!(
            parse_markdown("*b").unwrap_err(),
            "Can't find end of the entity starting at byte offset 0"
        );
    }
}
