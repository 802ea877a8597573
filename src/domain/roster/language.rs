//! The languages the bot speaks to people in.

use std::fmt;

use super::text::fold;

/// A language the bot speaks: Arabic, French or English.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Arabic, which most officials prefer.
    Ar,
    /// French, the administration's working language.
    Fr,
    /// English.
    En,
}

/// A language cell or code that names no language the bot speaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?} (expected ar, fr or en)")]
pub struct UnknownLanguage(pub String);

/// Names of each language, as people write them in a spreadsheet; compared folded.
const NAMES: &[(Language, &[&str])] = &[
    (
        Language::Ar,
        &["ara", "arabic", "arabe", "العربية", "عربية", "عربي"],
    ),
    (
        Language::Fr,
        &[
            "fra",
            "fre",
            "french",
            "français",
            "francais",
            "الفرنسية",
            "فرنسية",
            "فرنسي",
        ],
    ),
    (
        Language::En,
        &[
            "eng",
            "english",
            "anglais",
            "الإنجليزية",
            "إنجليزية",
            "الإنكليزية",
            "انجليزي",
        ],
    ),
];

impl Language {
    /// Every language, in the order they are offered.
    pub const ALL: [Language; 3] = [Language::Ar, Language::Fr, Language::En];

    /// The ISO 639-1 code: `ar`, `fr` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    /// Parses a code (`ar`, `FR`, `fr-MA`) or a language name in Arabic, French or English.
    pub fn parse(input: &str) -> Result<Language, UnknownLanguage> {
        let folded = fold(input);
        Language::from_tag(input)
            .or_else(|| {
                NAMES
                    .iter()
                    .find(|(_, names)| names.iter().any(|n| fold(n) == folded))
                    .map(|(l, _)| *l)
            })
            .ok_or_else(|| UnknownLanguage(input.trim().to_owned()))
    }

    /// Maps Telegram's `language_code` (an IETF tag such as `fr-FR` or `ar`) to a
    /// language the bot speaks; `None` when absent or not spoken.
    pub fn from_telegram(language_code: Option<&str>) -> Option<Language> {
        language_code.and_then(Language::from_tag)
    }

    /// Reads the primary subtag of an IETF language tag (`ar`, `ar-MA`, `en_GB`).
    fn from_tag(tag: &str) -> Option<Language> {
        let mut parts = tag.trim().split(['-', '_']);
        let primary = parts.next()?;
        if !parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric())) {
            return None;
        }
        Language::ALL
            .into_iter()
            .find(|l| primary.eq_ignore_ascii_case(l.code()))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Ok(l));
            assert_eq!(l.to_string(), l.code());
        }
    }

    #[test]
    fn names_and_tags() {
        let cases = [
            ("AR", Language::Ar),
            (" ar-MA ", Language::Ar),
            ("العربية", Language::Ar),
            ("Arabe", Language::Ar),
            ("français", Language::Fr),
            ("Francais", Language::Fr),
            ("FRANÇAIS", Language::Fr),
            ("fr_FR", Language::Fr),
            ("English", Language::En),
            ("anglais", Language::En),
            ("الإنجليزية", Language::En),
        ];
        for (s, l) in cases {
            assert_eq!(Language::parse(s), Ok(l), "{s:?}");
        }
    }

    #[test]
    fn unknown_languages_are_refused_with_the_value() {
        assert_eq!(
            Language::parse("Tamazight"),
            Err(UnknownLanguage("Tamazight".into()))
        );
        assert!(Language::parse("").is_err());
        assert!(Language::parse("fr-").is_err());
    }

    #[test]
    fn from_telegram_language_code() {
        assert_eq!(Language::from_telegram(Some("fr-FR")), Some(Language::Fr));
        assert_eq!(Language::from_telegram(Some("ar-MA")), Some(Language::Ar));
        assert_eq!(Language::from_telegram(Some("ar")), Some(Language::Ar));
        assert_eq!(Language::from_telegram(Some("en-GB")), Some(Language::En));
        assert_eq!(Language::from_telegram(Some("EN")), Some(Language::En));
        assert_eq!(Language::from_telegram(Some("es")), None);
        assert_eq!(Language::from_telegram(Some("")), None);
        assert_eq!(Language::from_telegram(None), None);
        // Telegram sends codes, not names.
        assert_eq!(Language::from_telegram(Some("français")), None);
    }
}
