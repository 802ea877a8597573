//! Names of provinces, communes and councils, in Latin script and Arabic.

use super::Language;
use super::text::{collapse_whitespace, fold, has_arabic};

/// What kind of council a person belongs to below the province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BodyKind {
    /// A territorial commune (urban or rural).
    Commune,
    /// The province's Provincial Council, which also signs a financing agreement.
    ProvincialCouncil,
}

impl BodyKind {
    /// The code stored in the database and used in message keys: `commune`,
    /// `provincial_council`.
    pub fn code(self) -> &'static str {
        match self {
            BodyKind::Commune => "commune",
            BodyKind::ProvincialCouncil => "provincial_council",
        }
    }
}

/// Ways of writing "Provincial Council" in a commune cell, compared folded.
const PROVINCIAL_COUNCIL: &[&str] = &[
    "provincial council",
    "conseil provincial",
    "le conseil provincial",
    "the provincial council",
    "المجلس الإقليمي",
    "مجلس الإقليم",
];

/// Morocco's prefectures (عمالات), Latin and Arabic names: urban territories, feminine in
/// Arabic, « Préfecture » in French; the 62 others are provinces (أقاليم). In the Fès-Meknès
/// region, Fès and Meknès. From the 2015 territorial division (decree 2-15-40).
const PREFECTURES: &[(&str, &str)] = &[
    ("Agadir Ida-Outanane", "أكادير إداوتنان"),
    ("Inezgane-Aït Melloul", "إنزكان آيت ملول"),
    ("Casablanca", "الدار البيضاء"),
    ("Mohammédia", "المحمدية"),
    ("Fès", "فاس"),
    ("Meknès", "مكناس"),
    ("Marrakech", "مراكش"),
    ("Oujda-Angad", "وجدة أنكاد"),
    ("Rabat", "الرباط"),
    ("Salé", "سلا"),
    ("Skhirate-Témara", "الصخيرات تمارة"),
    ("Tanger-Assilah", "طنجة أصيلة"),
    ("M'diq-Fnideq", "المضيق الفنيدق"),
];

/// A place's name: its Latin-script name, and its Arabic name when known.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlaceName {
    /// The name in Latin script (or as written when only an Arabic name was given).
    pub latin: String,
    /// The name in Arabic script, when known.
    pub arabic: Option<String>,
}

impl PlaceName {
    /// Reads a cell holding one name, or `Latin / عربي` (either order); `None` when blank.
    pub fn parse(cell: &str) -> Option<PlaceName> {
        let cell = collapse_whitespace(cell);
        let parts: Vec<&str> = cell
            .split('/')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            return None;
        }
        if let [a, b] = parts[..] {
            match (has_arabic(a), has_arabic(b)) {
                (false, true) => return Some(PlaceName::new(a, Some(b))),
                (true, false) => return Some(PlaceName::new(b, Some(a))),
                // Two names in one script are one name with a slash in it.
                _ => {}
            }
        }
        let whole = parts.join(" / ");
        // With only an Arabic name, it serves as the Latin one too: `latin` is never empty.
        let arabic = has_arabic(&whole).then(|| whole.clone());
        Some(PlaceName {
            latin: whole,
            arabic,
        })
    }

    /// Builds a name from its parts.
    pub fn new(latin: &str, arabic: Option<&str>) -> PlaceName {
        PlaceName {
            latin: latin.to_owned(),
            arabic: arabic.map(str::to_owned),
        }
    }

    /// The canonical name of a province's Provincial Council, whatever the roster wrote.
    pub fn provincial_council() -> PlaceName {
        PlaceName::new("Conseil provincial", Some("المجلس الإقليمي"))
    }

    /// The name to show to someone reading `language`: Arabic when known for Arabic
    /// readers, the Latin-script name otherwise.
    pub fn display(&self, language: Language) -> &str {
        match (language, &self.arabic) {
            (Language::Ar, Some(arabic)) => arabic,
            _ => &self.latin,
        }
    }

    /// Whether this province-level name is a prefecture (Fès, Meknès …) rather than a
    /// province: the two are named differently («Préfecture de Fès», «عمالة فاس»).
    pub fn is_prefecture(&self) -> bool {
        let folded = self.folded();
        PREFECTURES
            .iter()
            .any(|(latin, arabic)| folded.same_place(&PlaceName::new(latin, Some(arabic)).folded()))
    }

    /// Whether the cell names the Provincial Council rather than a commune.
    pub fn is_provincial_council(&self) -> bool {
        std::iter::once(&self.latin)
            .chain(self.arabic.as_ref())
            .any(|name| {
                let name = fold(name);
                PROVINCIAL_COUNCIL.iter().any(|pc| fold(pc) == name)
            })
    }

    /// Whether two names denote the same place: equal folded Latin names, or equal folded
    /// Arabic names when both have one.
    pub fn same_place(&self, other: &PlaceName) -> bool {
        self.folded().same_place(&other.folded())
    }

    /// The Latin name folded, as a key for a place already written as stored.
    pub(crate) fn folded_latin(&self) -> String {
        fold(&self.latin)
    }

    /// The name folded for comparisons (see `text::fold`).
    pub(crate) fn folded(&self) -> FoldedName {
        FoldedName {
            latin: fold(&self.latin),
            arabic: self.arabic.as_deref().map(fold),
        }
    }
}

/// A [`PlaceName`] folded once, for comparing it with many others.
pub(crate) struct FoldedName {
    latin: String,
    arabic: Option<String>,
}

impl FoldedName {
    /// See [`PlaceName::same_place`].
    pub(crate) fn same_place(&self, other: &FoldedName) -> bool {
        self.latin == other.latin
            || matches!((&self.arabic, &other.arabic), (Some(a), Some(b)) if a == b)
    }
}

/// Reads a commune cell: the Provincial Council, or a commune's name; `None` when blank.
pub fn parse_body(cell: &str) -> Option<(BodyKind, PlaceName)> {
    let name = PlaceName::parse(cell)?;
    Some(if name.is_provincial_council() {
        (BodyKind::ProvincialCouncil, PlaceName::provincial_council())
    } else {
        (BodyKind::Commune, name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fes_and_meknes_are_prefectures_el_hajeb_a_province() {
        for (latin, arabic) in [("Fès", None), ("FES", None), ("Meknes", Some("مكناس"))] {
            assert!(PlaceName::new(latin, arabic).is_prefecture(), "{latin}");
        }
        assert!(PlaceName::parse("فاس").unwrap().is_prefecture());
        for (latin, arabic) in [
            ("El Hajeb", Some("الحاجب")),
            ("Ifrane", None),
            ("Taza", None),
        ] {
            assert!(!PlaceName::new(latin, arabic).is_prefecture(), "{latin}");
        }
    }

    #[test]
    fn one_name_or_two_scripts() {
        assert_eq!(
            PlaceName::parse("  Bitit "),
            Some(PlaceName::new("Bitit", None))
        );
        assert_eq!(
            PlaceName::parse("Agourai / أكوراي"),
            Some(PlaceName::new("Agourai", Some("أكوراي")))
        );
        assert_eq!(
            PlaceName::parse("أكوراي/Agourai"),
            Some(PlaceName::new("Agourai", Some("أكوراي")))
        );
        assert_eq!(
            PlaceName::parse("Ait  Harz\u{a0}Allah / آيت حرز الله"),
            Some(PlaceName::new("Ait Harz Allah", Some("آيت حرز الله")))
        );
        assert_eq!(
            PlaceName::parse("Bitit / "),
            Some(PlaceName::new("Bitit", None))
        );
        assert_eq!(PlaceName::parse("  "), None);
        assert_eq!(PlaceName::parse(" / "), None);
    }

    #[test]
    fn arabic_only_names_fill_both() {
        assert_eq!(
            PlaceName::parse("الحاجب"),
            Some(PlaceName::new("الحاجب", Some("الحاجب")))
        );
    }

    #[test]
    fn display_per_language() {
        let name = PlaceName::parse("El Hajeb / الحاجب").unwrap();
        assert_eq!(name.display(Language::Ar), "الحاجب");
        assert_eq!(name.display(Language::Fr), "El Hajeb");
        assert_eq!(name.display(Language::En), "El Hajeb");
        let latin_only = PlaceName::parse("Bitit").unwrap();
        assert_eq!(latin_only.display(Language::Ar), "Bitit");
    }

    #[test]
    fn provincial_council_in_any_script_or_case() {
        for cell in [
            "Provincial Council",
            "provincial council",
            "Conseil Provincial",
            "CONSEIL PROVINCIAL",
            "المجلس الإقليمي",
            "المجلس الاقليمي",
            "Conseil provincial / المجلس الإقليمي",
        ] {
            assert_eq!(
                parse_body(cell),
                Some((BodyKind::ProvincialCouncil, PlaceName::provincial_council())),
                "{cell:?}"
            );
        }
        assert_eq!(
            parse_body("Agourai / أكوراي"),
            Some((BodyKind::Commune, PlaceName::new("Agourai", Some("أكوراي"))))
        );
        assert_eq!(parse_body(""), None);
    }

    #[test]
    fn same_place_across_spellings() {
        let full = PlaceName::parse("Agourai / أكوراي").unwrap();
        assert!(full.same_place(&PlaceName::parse("AGOURAI").unwrap()));
        assert!(full.same_place(&PlaceName::parse("اكوراي").unwrap()));
        assert!(!full.same_place(&PlaceName::parse("Bitit").unwrap()));
    }
}
