//! Telegram's HTML parse mode, following TDLib's parser (`parse_html` in
//! `MessageEntity.cpp`) so that the error messages match what Telegram answers.
//!
//! One deliberate difference: Telegram keeps an unknown named entity such as
//! `&nbsp;` as literal text, the emulator rejects it, because it nearly always
//! means the bot forgot to escape user input.

use super::types::Entity;

/// Text and entities produced by a parse mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Text without markup.
    pub text: String,
    /// Entities with UTF-16 offsets.
    pub entities: Vec<Entity>,
}

struct OpenTag {
    name: String,
    argument: String,
    utf16_offset: usize,
    byte_offset: usize,
}

/// TDLib treats NUL as a space because its strings are NUL-terminated;
/// `at` returns 0 past the end to keep the same shape.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0 | 0x0b)
}

fn at(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

const TAGS: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "s",
    "strike",
    "del",
    "u",
    "ins",
    "tg-spoiler",
    "tg-emoji",
    "span",
    "pre",
    "code",
    "blockquote",
];

/// Decodes an HTML entity at `pos` (which holds `&`).
///
/// Returns `Ok(Some((char, next_pos)))` when decoded, `Ok(None)` when the `&`
/// is to be kept literally, and `Err` for an unknown named entity.
fn decode_entity(s: &[u8], pos: usize) -> Result<Option<(char, usize)>, String> {
    let mut end = pos + 1;
    let code: u32;
    if at(s, end) == b'#' {
        end += 1;
        let mut res: u32 = 0;
        let hex = at(s, end) == b'x';
        if hex {
            end += 1;
        }
        loop {
            let c = at(s, end);
            let digit = if hex {
                (c as char).to_digit(16)
            } else {
                (c as char).to_digit(10)
            };
            let Some(d) = digit else { break };
            res = res * if hex { 16 } else { 10 } + d;
            end += 1;
            if res >= 0x10ffff {
                return Ok(None);
            }
        }
        if res == 0 || end - pos >= 10 {
            return Ok(None);
        }
        code = res;
    } else {
        while at(s, end).is_ascii_alphabetic() {
            end += 1;
        }
        let name = &s[pos + 1..end];
        code = match name {
            b"lt" => '<' as u32,
            b"gt" => '>' as u32,
            b"amp" => '&' as u32,
            b"quot" => '"' as u32,
            _ if !name.is_empty() && at(s, end) == b';' => {
                return Err(format!(
                    "Unsupported HTML entity \"&{};\" at byte offset {pos}",
                    String::from_utf8_lossy(name)
                ));
            }
            _ => return Ok(None),
        };
    }
    let Some(ch) = char::from_u32(code) else {
        return Ok(None);
    };
    if at(s, end) == b';' {
        end += 1;
    }
    Ok(Some((ch, end)))
}

/// Normalises a link target the way Telegram does, or `None` when Telegram
/// would silently drop the link.
pub(crate) fn check_link(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let with_scheme = if url.contains("://") || url.starts_with("tg:") || url.starts_with("mailto:")
    {
        url.to_owned()
    } else {
        format!("http://{url}")
    };
    let parsed = url::Url::parse(&with_scheme).ok()?;
    match parsed.scheme() {
        "http" | "https" => {
            parsed.host_str().filter(|h| !h.is_empty())?;
            Some(parsed.to_string())
        }
        "tg" | "ton" | "tonsite" | "mailto" => Some(with_scheme),
        _ => None,
    }
}

/// `tg://user?id=123` links become text mentions.
fn mention_user_id(url: &str) -> Option<i64> {
    let rest = url.strip_prefix("tg://user?")?;
    url::form_urlencoded::parse(rest.as_bytes())
        .find(|(k, _)| k == "id")
        .and_then(|(_, v)| v.parse().ok())
        .filter(|id| *id > 0)
}

/// Parses Telegram HTML. The error is the part after `can't parse entities: `.
pub fn parse_html(input: &str) -> Result<Parsed, String> {
    let s = input.as_bytes();
    let mut text = String::with_capacity(input.len());
    let mut utf16 = 0usize;
    let mut entities: Vec<Entity> = Vec::new();
    let mut open: Vec<OpenTag> = Vec::new();
    let mut i = 0usize;
    while i < s.len() {
        let c = s[i];
        if c == b'&' {
            if let Some((ch, next)) = decode_entity(s, i)? {
                text.push(ch);
                utf16 += ch.len_utf16();
                i = next;
                continue;
            }
        }
        if c != b'<' {
            // Copy one whole UTF-8 character.
            let ch = input[i..].chars().next().unwrap_or('\u{fffd}');
            text.push(ch);
            utf16 += ch.len_utf16();
            i += ch.len_utf8();
            continue;
        }
        let begin = i;
        i += 1;
        if at(s, i) != b'/' {
            while !is_space(at(s, i)) && at(s, i) != b'>' {
                i += 1;
            }
            if at(s, i) == 0 {
                return Err(format!("Unclosed start tag at byte offset {begin}"));
            }
            let name = String::from_utf8_lossy(&s[begin + 1..i]).to_lowercase();
            if !TAGS.contains(&name.as_str()) {
                return Err(format!(
                    "Unsupported start tag \"{name}\" at byte offset {begin}"
                ));
            }
            let mut argument = String::new();
            while at(s, i) != b'>' {
                while at(s, i) != 0 && is_space(at(s, i)) {
                    i += 1;
                }
                if at(s, i) == b'>' {
                    break;
                }
                let attr_begin = i;
                while !is_space(at(s, i)) && at(s, i) != b'=' && at(s, i) != b'>' {
                    i += 1;
                }
                let attr = String::from_utf8_lossy(&s[attr_begin..i]).to_lowercase();
                if attr.is_empty() {
                    return Err(format!(
                        "Empty attribute name in the tag \"{name}\" at byte offset {begin}"
                    ));
                }
                while at(s, i) != 0 && is_space(at(s, i)) {
                    i += 1;
                }
                if at(s, i) != b'=' {
                    if name == "blockquote" && attr == "expandable" {
                        argument = "1".to_owned();
                        continue;
                    }
                    return Err(format!(
                        "Expected equal sign in declaration of an attribute of the tag \"{name}\" at byte offset {begin}"
                    ));
                }
                i += 1;
                while at(s, i) != 0 && is_space(at(s, i)) {
                    i += 1;
                }
                if at(s, i) == 0 {
                    return Err(format!(
                        "Unclosed start tag \"{name}\" at byte offset {begin}"
                    ));
                }
                let mut value = String::new();
                let q = at(s, i);
                if q != b'\'' && q != b'"' {
                    // An unquoted name token: letters, digits, periods and hyphens.
                    let token_begin = i;
                    while at(s, i).is_ascii_alphanumeric() || at(s, i) == b'.' || at(s, i) == b'-' {
                        i += 1;
                    }
                    value = String::from_utf8_lossy(&s[token_begin..i]).to_lowercase();
                    if !is_space(at(s, i)) && at(s, i) != b'>' {
                        return Err(format!(
                            "Unexpected end of name token at byte offset {token_begin}"
                        ));
                    }
                } else {
                    i += 1;
                    let mut raw = Vec::new();
                    while i < s.len() && s[i] != q {
                        if s[i] == b'&' {
                            if let Some((ch, next)) = decode_entity(s, i)? {
                                let mut buf = [0u8; 4];
                                raw.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                                i = next;
                                continue;
                            }
                        }
                        raw.push(s[i]);
                        i += 1;
                    }
                    value.push_str(&String::from_utf8_lossy(&raw));
                    if at(s, i) == q {
                        i += 1;
                    }
                }
                if i >= s.len() {
                    return Err(format!("Unclosed start tag at byte offset {begin}"));
                }
                match (name.as_str(), attr.as_str()) {
                    ("a", "href") | ("tg-emoji", "emoji-id") => argument = value,
                    ("code", "class") if value.starts_with("language-") => {
                        argument = value["language-".len()..].to_owned();
                    }
                    ("span", "class") if value.starts_with("tg-") => {
                        argument = value["tg-".len()..].to_owned();
                    }
                    ("blockquote", "expandable") => argument = "1".to_owned(),
                    _ => {}
                }
            }
            if name == "span" && argument != "spoiler" {
                return Err(format!(
                    "Tag \"span\" must have class \"tg-spoiler\" at byte offset {begin}"
                ));
            }
            i += 1; // skip '>'
            open.push(OpenTag {
                name,
                argument,
                utf16_offset: utf16,
                byte_offset: text.len(),
            });
        } else {
            let Some(top) = open.pop() else {
                return Err(format!("Unexpected end tag at byte offset {begin}"));
            };
            while !is_space(at(s, i)) && at(s, i) != b'>' {
                i += 1;
            }
            let end_name = String::from_utf8_lossy(&s[begin + 2..i]).to_lowercase();
            while at(s, i) != 0 && is_space(at(s, i)) {
                i += 1;
            }
            if at(s, i) != b'>' {
                return Err(format!("Unclosed end tag at byte offset {begin}"));
            }
            i += 1;
            if !end_name.is_empty() && end_name != top.name {
                return Err(format!(
                    "Unmatched end tag at byte offset {begin}, expected \"</{}>\", found \"</{end_name}>\"",
                    top.name
                ));
            }
            if utf16 > top.utf16_offset {
                close_tag(top, utf16, &text, &mut entities)?;
            }
        }
    }
    if let Some(top) = open.last() {
        return Err(format!(
            "Can't find end tag corresponding to start tag \"{}\"",
            top.name
        ));
    }
    Ok(Parsed { text, entities })
}

fn close_tag(
    top: OpenTag,
    utf16: usize,
    text: &str,
    entities: &mut Vec<Entity>,
) -> Result<(), String> {
    let offset = top.utf16_offset;
    let length = utf16 - offset;
    let same_range = |e: &Entity| e.offset == offset && e.length == length;
    let kind = match top.name.as_str() {
        "b" | "strong" => "bold",
        "i" | "em" => "italic",
        "u" | "ins" => "underline",
        "s" | "strike" | "del" => "strikethrough",
        "tg-spoiler" | "span" => "spoiler",
        "blockquote" if top.argument == "1" => "expandable_blockquote",
        "blockquote" => "blockquote",
        "tg-emoji" => {
            if top
                .argument
                .parse::<i64>()
                .map(|id| id != 0)
                .unwrap_or(false)
            {
                let mut e = Entity::new("custom_emoji", offset, length);
                e.custom_emoji_id = Some(top.argument);
                entities.push(e);
                return Ok(());
            }
            return Err("Invalid custom emoji identifier specified".to_owned());
        }
        "a" => {
            let url = if top.argument.is_empty() {
                text[top.byte_offset..].to_owned()
            } else {
                top.argument
            };
            if let Some(user_id) = mention_user_id(&url) {
                let mut e = Entity::new("text_mention", offset, length);
                e.user_id = Some(user_id);
                entities.push(e);
            } else if let Some(url) = check_link(&url) {
                let mut e = Entity::new("text_link", offset, length);
                e.url = Some(url);
                entities.push(e);
            }
            return Ok(());
        }
        "pre" => {
            // `<pre><code class="language-x">` is a single pre entity with a language.
            if let Some(last) = entities.last_mut() {
                if last.kind == "code" && same_range(last) && last.language.is_some() {
                    last.kind = "pre".to_owned();
                    return Ok(());
                }
            }
            "pre"
        }
        "code" => {
            if let Some(last) = entities.last_mut() {
                if last.kind == "pre" && same_range(last) && !top.argument.is_empty() {
                    last.language = Some(top.argument);
                    return Ok(());
                }
            }
            let mut e = Entity::new("code", offset, length);
            if !top.argument.is_empty() {
                e.language = Some(top.argument);
            }
            entities.push(e);
            return Ok(());
        }
        _ => return Ok(()),
    };
    entities.push(Entity::new(kind, offset, length));
    Ok(())
}

/// Applies Telegram's post-processing of formatted text: entities are sorted,
/// nothing is kept inside `pre`/`code`, and surrounding whitespace is trimmed.
pub fn finish(mut parsed: Parsed) -> Parsed {
    let mut entities = std::mem::take(&mut parsed.entities);
    for e in &mut entities {
        // Only a pre block carries a language; `<code class>` outside `<pre>` loses it.
        if e.kind == "code" {
            e.language = None;
        }
    }
    // On equal ranges a pre sorts first so that the plain `<code>` it wraps is dropped.
    let rank = |e: &Entity| usize::from(e.kind != "pre");
    entities.sort_by(|a, b| {
        a.offset
            .cmp(&b.offset)
            .then(b.length.cmp(&a.length))
            .then(rank(a).cmp(&rank(b)))
    });
    let mut kept: Vec<Entity> = Vec::with_capacity(entities.len());
    for e in entities {
        let inside_code = kept.iter().any(|k| {
            (k.kind == "pre" || k.kind == "code")
                && k.offset <= e.offset
                && e.offset + e.length <= k.offset + k.length
        });
        if !inside_code && e.length > 0 {
            kept.push(e);
        }
    }
    let text = parsed.text;
    let trimmed_start = text.trim_start();
    let lead: usize = text[..text.len() - trimmed_start.len()]
        .encode_utf16()
        .count();
    let trimmed = trimmed_start.trim_end();
    let total: usize = trimmed.encode_utf16().count();
    let entities = kept
        .into_iter()
        .filter_map(|mut e| {
            let start = e.offset.saturating_sub(lead);
            let end = (e.offset + e.length).saturating_sub(lead).min(total);
            if end <= start {
                return None;
            }
            e.offset = start;
            e.length = end - start;
            Some(e)
        })
        .collect();
    Parsed {
        text: trimmed.to_owned(),
        entities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Parsed {
        finish(parse_html(s).unwrap_or_else(|e| panic!("{s:?}: {e}")))
    }

    fn kinds(p: &Parsed) -> Vec<(String, usize, usize)> {
        p.entities
            .iter()
            .map(|e| (e.kind.clone(), e.offset, e.length))
            .collect()
    }

    #[test]
    fn plain_and_entities() {
        let p = ok("a &lt;b&gt; &amp; &quot;c&quot; &#65;&#x42; d");
        assert_eq!(p.text, "a <b> & \"c\" AB d");
        assert!(p.entities.is_empty());
        // A lone ampersand is text, as in Telegram.
        assert_eq!(ok("Q&A & co").text, "Q&A & co");
    }

    #[test]
    fn basic_tags() {
        let p = ok(
            "<b>bold</b> <strong>s</strong> <i>i</i><em>e</em> <u>u</u><ins>n</ins> \
                    <s>s</s><strike>k</strike><del>d</del> <tg-spoiler>x</tg-spoiler>\
                    <span class=\"tg-spoiler\">y</span>",
        );
        assert_eq!(p.text, "bold s ie un skd xy");
        let k: Vec<_> = p.entities.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            k,
            [
                "bold",
                "bold",
                "italic",
                "italic",
                "underline",
                "underline",
                "strikethrough",
                "strikethrough",
                "strikethrough",
                "spoiler",
                "spoiler"
            ]
        );
    }

    #[test]
    fn nested_and_utf16_offsets() {
        let p = ok("😀 <b>gras <i>é😀</i></b>");
        assert_eq!(p.text, "😀 gras é😀");
        assert_eq!(
            kinds(&p),
            vec![("bold".to_owned(), 3, 8), ("italic".to_owned(), 8, 3)]
        );
        assert_eq!(p.entities[1].slice(&p.text), "é😀");
    }

    #[test]
    fn links_code_pre_quote_emoji() {
        let p = ok("<a href=\"https://example.org/x?a=1&amp;b=2\">site</a> \
                    <a href=\"tg://user?id=42\">Ali</a> <code>c</code> \
                    <pre><code class=\"language-rust\">fn</code></pre> <pre>raw</pre> \
                    <blockquote>q</blockquote><blockquote expandable>e</blockquote> \
                    <tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>");
        let e = &p.entities;
        assert_eq!(e[0].kind, "text_link");
        assert_eq!(e[0].url.as_deref(), Some("https://example.org/x?a=1&b=2"));
        assert_eq!(e[1].kind, "text_mention");
        assert_eq!(e[1].user_id, Some(42));
        assert_eq!(e[2].kind, "code");
        assert_eq!(
            (e[3].kind.as_str(), e[3].language.as_deref()),
            ("pre", Some("rust"))
        );
        assert_eq!(
            (e[4].kind.as_str(), e[4].language.as_deref()),
            ("pre", None)
        );
        assert_eq!(e[5].kind, "blockquote");
        assert_eq!(e[6].kind, "expandable_blockquote");
        assert_eq!(e[7].custom_emoji_id.as_deref(), Some("5368324170671202286"));
    }

    #[test]
    fn invalid_link_is_dropped_not_an_error() {
        let p = ok("<a href=\"javascript:alert(1)\">x</a>");
        assert_eq!(p.text, "x");
        assert!(p.entities.is_empty());
    }

    #[test]
    fn nothing_inside_code_and_trim() {
        let p = ok("  <pre><b>x</b></pre>\n");
        assert_eq!(p.text, "x");
        assert_eq!(kinds(&p), vec![("pre".to_owned(), 0, 1)]);
    }

    #[test]
    fn errors_match_telegram() {
        let cases = [
            ("<x>a</x>", "Unsupported start tag \"x\" at byte offset 0"),
            ("1 < 2", "Unsupported start tag \"\" at byte offset 2"),
            (
                "<b>a",
                "Can't find end tag corresponding to start tag \"b\"",
            ),
            (
                "<b><i>a</b></i>",
                "Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\"",
            ),
            ("a</b>", "Unexpected end tag at byte offset 1"),
            ("<b", "Unclosed start tag at byte offset 0"),
            ("<b>a</b", "Unclosed end tag at byte offset 4"),
            (
                "<span>a</span>",
                "Tag \"span\" must have class \"tg-spoiler\" at byte offset 0",
            ),
            (
                "a &nbsp; b",
                "Unsupported HTML entity \"&nbsp;\" at byte offset 2",
            ),
            (
                "<tg-emoji emoji-id=\"x\">a</tg-emoji>",
                "Invalid custom emoji identifier specified",
            ),
            (
                "<a href>x</a>",
                "Expected equal sign in declaration of an attribute of the tag \"a\" at byte offset 0",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_html(input).unwrap_err(), expected, "input {input:?}");
        }
    }
}
