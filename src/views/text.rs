//! Message building shared by every conversation: long texts cut for Telegram, places named
//! for a person, and a person's title and salutation as the Region writes them.

use crate::domain::roster::{BodyKind, Gender, Language, PersonDetails, PlaceName};
use crate::i18n::{Args, I18n, of_name};
use crate::state::AppState;

/// Telegram's limit on a message, in UTF-16 code units of its text after parsing. The HTML
/// source is measured instead: never shorter, so a piece that fits by it fits.
const MAX_MESSAGE: usize = 4096;

/// What an indivisible part of an HTML text is: a cut may fall between parts, never inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind<'a> {
    /// A start tag (`<b>`, `<a href="…">`), with the name its end tag repeats.
    Open(&'a str),
    /// An end tag.
    Close,
    /// `&amp;`, `&#39;`: a piece ending inside one would be refused or read as other text.
    Entity,
    /// One character of text.
    Char(char),
}

/// The length of the tag at the start of `text` (which holds `<`), up to its `>` outside
/// quotes, as Telegram reads an attribute value; `None` when it never ends.
fn tag_len(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '>') => return Some(i + 1),
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if q == c => quote = None,
            _ => {}
        }
    }
    None
}

/// Splits HTML into its indivisible parts, each with its source text. Telegram's HTML has no
/// void tags, so every start tag has its end tag. An entity is `&`, then letters, digits or
/// `#`, then an optional `;`: at least what Telegram decodes as one. A `<` that never ends is
/// kept as text: no cut can make it worse.
fn parts(html: &str) -> Vec<(Kind<'_>, &str)> {
    let mut out = Vec::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let tag = if c == '<' { tag_len(rest) } else { None };
        let (kind, len) = match (c, tag) {
            ('<', Some(len)) if rest.starts_with("</") => (Kind::Close, len),
            ('<', Some(len)) => {
                let name = rest[1..len]
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or_default();
                (Kind::Open(name), len)
            }
            ('&', _) => {
                let body = rest[1..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                    .unwrap_or(rest.len() - 1);
                let semicolon = usize::from(rest[1 + body..].starts_with(';'));
                (Kind::Entity, 1 + body + semicolon)
            }
            (c, _) => (Kind::Char(c), c.len_utf8()),
        };
        out.push((kind, &rest[..len]));
        rest = &rest[len..];
    }
    out
}

/// The tags open at some point of a text, outermost first: (the whole start tag, its name).
type OpenTags<'a> = Vec<(&'a str, &'a str)>;

/// The length of the end tags that close `open`: `</`, the name, `>` (tag names are ASCII).
fn closing_units(open: &OpenTags<'_>) -> usize {
    open.iter().map(|(_, name)| name.len() + 3).sum()
}

/// A cut after part `part`, at byte `byte`, with the tags open there.
struct Cut<'a> {
    part: usize,
    byte: usize,
    open: OpenTags<'a>,
}

/// Cuts a text too long for one message into pieces, each valid Telegram HTML on its own (a
/// list per commune of a whole region runs to several thousand characters). It cuts at the
/// last line break that fits, dropping it as between two messages; a single line longer than
/// a message is cut after its last space that leaves the piece at least half full, else at
/// the limit. A cut never falls inside a tag or an entity, and the tags open at a cut are
/// closed at the end of the piece and opened again at the start of the next, so Telegram
/// accepts every piece (it answers 400 to a broken tag) and the formatting carries on.
pub fn split_message(html: &str) -> Vec<String> {
    let units = |s: &str| s.encode_utf16().count();
    if units(html) <= MAX_MESSAGE {
        return vec![html.to_owned()];
    }
    let parts = parts(html);
    let mut pieces = Vec::new();
    let mut from = Cut {
        part: 0,
        byte: 0,
        open: Vec::new(),
    };
    while from.part < parts.len() {
        let prefix: String = from.open.iter().map(|(tag, _)| *tag).collect();
        let mut used = units(&prefix);
        let mut open = from.open.clone();
        let mut closers = closing_units(&open);
        let (mut at_line, mut at_space): (Option<Cut>, Option<Cut>) = (None, None);
        let mut end = Cut {
            part: from.part,
            byte: from.byte,
            open: Vec::new(),
        };
        while end.part < parts.len() {
            let (kind, text) = parts[end.part];
            let closers_after = match kind {
                Kind::Open(name) => closers + name.len() + 3,
                Kind::Close => closers - open.last().map_or(0, |(_, name)| name.len() + 3),
                Kind::Entity | Kind::Char(_) => closers,
            };
            // A first part too long for a piece still goes: every piece must move forward.
            if used + units(text) + closers_after > MAX_MESSAGE && end.part > from.part {
                break;
            }
            match kind {
                Kind::Open(name) => open.push((text, name)),
                Kind::Close => {
                    open.pop();
                }
                Kind::Entity | Kind::Char(_) => {}
            }
            used += units(text);
            closers = closers_after;
            let cut_before = Cut {
                part: end.part,
                byte: end.byte,
                open: Vec::new(),
            };
            end.part += 1;
            end.byte += text.len();
            match kind {
                Kind::Char('\n') => {
                    at_line = Some(Cut {
                        open: open.clone(),
                        ..cut_before
                    });
                }
                Kind::Char(c) if c.is_whitespace() && 2 * used >= MAX_MESSAGE => {
                    at_space = Some(Cut {
                        part: end.part,
                        byte: end.byte,
                        open: open.clone(),
                    });
                }
                _ => {}
            }
        }
        // The cut, and where the next piece starts: past the line break at a line's end.
        let (cut, next) = if end.part == parts.len() {
            end.open = open;
            (end, None)
        } else if let Some(cut) = at_line {
            let next = Cut {
                part: cut.part + 1,
                byte: cut.byte + 1,
                open: cut.open.clone(),
            };
            (cut, Some(next))
        } else if let Some(cut) = at_space {
            (cut, None)
        } else {
            // A start tag just before the cut would hold nothing in this piece: it goes to
            // the next, with what it holds.
            while end.part > from.part + 1 && matches!(parts[end.part - 1].0, Kind::Open(_)) {
                end.part -= 1;
                end.byte -= parts[end.part].1.len();
                open.pop();
            }
            end.open = open;
            (end, None)
        };
        // Telegram refuses an empty message: a piece of blank lines or empty tags is dropped.
        let blank = parts[from.part..cut.part]
            .iter()
            .all(|(kind, _)| match kind {
                Kind::Char(c) => c.is_whitespace(),
                Kind::Entity => false,
                Kind::Open(_) | Kind::Close => true,
            });
        if !blank {
            let mut piece = prefix;
            piece.push_str(&html[from.byte..cut.byte]);
            let closing: String = cut
                .open
                .iter()
                .rev()
                .map(|(_, name)| format!("</{name}>"))
                .collect();
            piece.push_str(&closing);
            pieces.push(piece);
        }
        from = next.unwrap_or(cut);
    }
    pieces
}

/// How a body is named to a person: a commune by its name in their script, the Provincial
/// (or prefectural) Council and the province's own services by what they are and where
/// («المجلس الإقليمي للحاجب», «Conseil préfectoral de Fès»).
pub fn place_label(
    state: &AppState,
    language: Language,
    province: &PlaceName,
    body: Option<&(BodyKind, PlaceName)>,
) -> String {
    match body {
        Some((BodyKind::Commune, name)) => name.display(language).to_owned(),
        Some((BodyKind::ProvincialCouncil, _)) => {
            let args = place_args(language, province, body);
            state
                .i18n
                .t_args(language, "body-provincial-council", &args)
        }
        None => {
            let args = place_args(language, province, body);
            state.i18n.t_args(language, "body-province-services", &args)
        }
    }
}

/// A province or prefecture by name, as a heading or a list names it («إقليم الحاجب»,
/// «Préfecture de Fès», «El Hajeb Province»).
pub fn province_label(i18n: &I18n, language: Language, province: &PlaceName) -> String {
    i18n.t_args(
        language,
        "province-name",
        &place_args(language, province, None),
    )
}

/// The arguments of messages that name where a person belongs: `$body_kind` (`commune`,
/// `council`, `services`), `$body` and `$of_body` (the commune's name, alone and after "of"
/// in `language`: «أكوراي», «d'Agourai»), `$province_kind`, `$province` and `$of_province`
/// («للحاجب», «d'El Hajeb»).
pub fn place_args(
    language: Language,
    province: &PlaceName,
    body: Option<&(BodyKind, PlaceName)>,
) -> Args {
    let (kind, body_name) = match body {
        Some((BodyKind::Commune, name)) => ("commune", name.display(language)),
        Some((BodyKind::ProvincialCouncil, _)) => ("council", ""),
        None => ("services", ""),
    };
    let province_name = province.display(language);
    Args::new()
        .choice("body_kind", kind)
        .text("body", body_name)
        .text("of_body", of_name(language, body_name))
        .choice("province_kind", province_kind(province))
        .text("province", province_name)
        .text("of_province", of_name(language, province_name))
}

/// The arguments of messages that name or address a person: [`place_args`], with `$role`
/// (a role's code) and `$gender` (`f`, `m`, `unknown`) that their words agree with.
pub fn standing_args(language: Language, person: &PersonDetails) -> Args {
    place_args(language, &person.province, person.body.as_ref())
        .choice("role", person.role.code())
        .choice("gender", Gender::keyword(person.gender))
}

/// A person's title as the Region writes it, agreeing with their gender and naming their
/// body: «رئيسة جماعة أكوراي», «Président du conseil provincial d'El Hajeb», «الكاتب العام
/// لعمالة إقليم الحاجب». Safe HTML, its names isolated.
pub fn person_title(i18n: &I18n, language: Language, person: &PersonDetails) -> String {
    i18n.t_args(language, "person-title", &standing_args(language, person))
}

/// How a letter to a person opens: «السيدة رئيسة جماعة أكوراي المحترمة،», «Monsieur le
/// Président du conseil provincial d'El Hajeb,». Safe HTML.
pub fn salutation(i18n: &I18n, language: Language, person: &PersonDetails) -> String {
    i18n.t_args(language, "salutation", &standing_args(language, person))
}

/// The `$province_kind` of messages that name a province: `prefecture` or `province`.
pub fn province_kind(province: &PlaceName) -> &'static str {
    if province.is_prefecture() {
        "prefecture"
    } else {
        "province"
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
    use crate::domain::roster::{Phone, Role};
    use crate::i18n::{bidi, strip_bidi};
    use bot_api_emulator::{Parsed, parse_html};

    fn official(
        role: Role,
        gender: Option<Gender>,
        body: Option<(BodyKind, PlaceName)>,
        province: PlaceName,
    ) -> PersonDetails {
        PersonDetails {
            province,
            body,
            full_name: "Samira Bouzidi".into(),
            role,
            phone: Phone::parse("0600000001").unwrap(),
            language: Language::Ar,
            gender,
        }
    }

    fn el_hajeb() -> PlaceName {
        PlaceName::new("El Hajeb", Some("الحاجب"))
    }

    fn agourai() -> Option<(BodyKind, PlaceName)> {
        Some((BodyKind::Commune, PlaceName::new("Agourai", Some("أكوراي"))))
    }

    fn council() -> Option<(BodyKind, PlaceName)> {
        Some((BodyKind::ProvincialCouncil, PlaceName::provincial_council()))
    }

    fn title(person: &PersonDetails, l: Language) -> String {
        strip_bidi(&person_title(I18n::shared(), l, person))
    }

    #[test]
    fn titles_agree_with_gender_and_name_the_body() {
        use Gender::{Female, Male};
        let cases = [
            (
                Role::President,
                Some(Female),
                agourai(),
                el_hajeb(),
                "رئيسة جماعة أكوراي",
                "Présidente de la commune d'Agourai",
            ),
            (
                Role::President,
                Some(Male),
                council(),
                el_hajeb(),
                "رئيس المجلس الإقليمي للحاجب",
                "Président du conseil provincial d'El Hajeb",
            ),
            (
                Role::President,
                None,
                agourai(),
                el_hajeb(),
                "رئيس(ة) جماعة أكوراي",
                "Président(e) de la commune d'Agourai",
            ),
            (
                Role::President,
                Some(Male),
                council(),
                PlaceName::new("Fès", Some("فاس")),
                "رئيس مجلس عمالة فاس",
                "Président du conseil préfectoral de Fès",
            ),
            (
                Role::SecretaryGeneral,
                Some(Male),
                None,
                el_hajeb(),
                "الكاتب العام لعمالة إقليم الحاجب",
                "Secrétaire général de la province d'El Hajeb",
            ),
            (
                Role::SecretaryGeneral,
                Some(Female),
                None,
                PlaceName::new("Meknès", Some("مكناس")),
                "الكاتبة العامة لعمالة مكناس",
                "Secrétaire générale de la préfecture de Meknès",
            ),
            (
                Role::VicePresident,
                Some(Female),
                agourai(),
                el_hajeb(),
                "نائبة رئيس جماعة أكوراي",
                "Vice-présidente de la commune d'Agourai",
            ),
            (
                Role::Councillor,
                Some(Female),
                agourai(),
                el_hajeb(),
                "عضوة مجلس جماعة أكوراي",
                "Conseillère communale d'Agourai",
            ),
            (
                Role::Councillor,
                Some(Male),
                council(),
                el_hajeb(),
                "عضو المجلس الإقليمي للحاجب",
                "Conseiller provincial d'El Hajeb",
            ),
            (
                Role::FinanceStaff,
                Some(Female),
                agourai(),
                el_hajeb(),
                "المكلفة بالمالية والميزانية بجماعة أكوراي",
                "Responsable des finances et du budget de la commune d'Agourai",
            ),
            (
                Role::ProvinceStaff,
                None,
                None,
                el_hajeb(),
                "إطار بعمالة إقليم الحاجب",
                "Cadre de la province d'El Hajeb",
            ),
        ];
        for (role, gender, body, province, ar, fr) in cases {
            let person = official(role, gender, body, province);
            assert_eq!(title(&person, Language::Ar), ar);
            assert_eq!(title(&person, Language::Fr), fr);
        }
    }

    #[test]
    fn letters_open_with_the_salutation_of_the_person() {
        let i18n = I18n::shared();
        let she = official(Role::President, Some(Gender::Female), agourai(), el_hajeb());
        let he = official(Role::SecretaryGeneral, Some(Gender::Male), None, el_hajeb());
        let unknown = official(Role::President, None, agourai(), el_hajeb());
        let say = |p: &PersonDetails, l| strip_bidi(&salutation(i18n, l, p));
        assert_eq!(
            say(&she, Language::Ar),
            "السيدة رئيسة جماعة أكوراي المحترمة،"
        );
        assert_eq!(
            say(&she, Language::Fr),
            "Madame la Présidente de la commune d'Agourai,"
        );
        assert_eq!(
            say(&he, Language::Ar),
            "السيد الكاتب العام لعمالة إقليم الحاجب المحترم،"
        );
        assert_eq!(
            say(&he, Language::Fr),
            "Monsieur le Secrétaire général de la province d'El Hajeb,"
        );
        assert_eq!(
            say(&unknown, Language::Ar),
            "السيد(ة) رئيس(ة) جماعة أكوراي المحترم(ة)،"
        );
        assert_eq!(say(&unknown, Language::Fr), "Madame, Monsieur,");
        // On a phone, the Arabic salutation runs right to left, a Latin-only name in place.
        let latin = official(
            Role::President,
            Some(Gender::Female),
            Some((BodyKind::Commune, PlaceName::new("Agourai", None))),
            PlaceName::new("El Hajeb", None),
        );
        let html = salutation(i18n, Language::Ar, &latin);
        assert!(bidi::check(&html).is_empty(), "{html:?}");
    }

    #[test]
    fn a_name_after_of_is_written_as_each_language_writes_it() {
        assert_eq!(of_name(Language::Ar, "الحاجب"), "للحاجب");
        assert_eq!(of_name(Language::Ar, "إفران"), "لإفران");
        assert_eq!(of_name(Language::Ar, "El Hajeb"), "لـ El Hajeb");
        assert_eq!(of_name(Language::Fr, "El Hajeb"), "d'El Hajeb");
        assert_eq!(of_name(Language::Fr, "Ifrane"), "d'Ifrane");
        assert_eq!(of_name(Language::Fr, "Taza"), "de Taza");
        assert_eq!(of_name(Language::Fr, "Had Kourt"), "de Had Kourt");
        assert_eq!(of_name(Language::En, "El Hajeb"), "El Hajeb");
    }

    /// For each UTF-16 unit of the text, the kinds of entity over it: what a reader sees bold,
    /// italic, linked.
    fn styles(parsed: &Parsed) -> Vec<Vec<String>> {
        let mut styles = vec![Vec::new(); parsed.text.encode_utf16().count()];
        for entity in &parsed.entities {
            for unit in &mut styles[entity.offset..entity.offset + entity.length] {
                unit.push(format!("{}{:?}", entity.kind, entity.url));
                unit.sort();
            }
        }
        styles
    }

    #[test]
    fn a_long_line_of_markup_is_cut_into_pieces_telegram_accepts() {
        let words = "<b>Fès &amp; Meknès</b> &amp; <i>a &lt; b, <b>gras&amp;italique</b></i> · \
                     <a href=\"https://example.com/?a=1&amp;b=2\">lien &gt; ici</a> ";
        // No space at all: the cut falls at the limit, between a tag and an entity.
        let dense = format!("<i>{}</i>", "<b>&amp;x</b>&#1601;".repeat(900));
        for html in [
            words.repeat(60),
            dense,
            format!("{}{}", words.repeat(30), "é".repeat(5000)),
        ] {
            assert!(!html.contains('\n') && html.encode_utf16().count() > MAX_MESSAGE);
            let whole = parse_html(&html).expect("the original is valid");
            let pieces = split_message(&html);
            assert!(pieces.len() > 1, "{html}");
            let mut text = String::new();
            let mut seen = Vec::new();
            for piece in &pieces {
                assert!(piece.encode_utf16().count() <= MAX_MESSAGE, "{piece}");
                let parsed = parse_html(piece).unwrap_or_else(|error| {
                    let end: String = piece.chars().rev().take(80).collect();
                    let end: String = end.chars().rev().collect();
                    panic!("Telegram refuses a piece: {error}; it ends with …{end}")
                });
                assert!(!parsed.text.trim().is_empty(), "{piece}");
                text.push_str(&parsed.text);
                seen.extend(styles(&parsed));
            }
            assert_eq!(text, whole.text, "nothing lost, nothing added");
            assert_eq!(
                seen,
                styles(&whole),
                "the same characters bold, italic, linked"
            );
        }
    }

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
