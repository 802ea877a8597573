//! How a person is addressed: «السيدة» / «Madame» or «السيد» / «Monsieur». Arabic and French
//! agree every title with it («رئيسة جماعة أكوراي», «Présidente de la commune d'Agourai»);
//! where the roster does not say, the neutral forms («رئيس(ة)», «Président(e)») are used.

use std::fmt;

use super::text::fold;

/// The grammatical gender a person is addressed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Addressed as «السيدة», «Madame».
    Female,
    /// Addressed as «السيد», «Monsieur».
    Male,
}

/// A gender cell that names neither.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown gender {0:?} (expected f or m, Mme or M., السيدة or السيد; leave it empty if unknown)"
)]
pub struct UnknownGender(pub String);

/// How people write each in a spreadsheet's gender or title column, compared folded (so
/// `Mme`, `MME.` and `mme` are one; `M.` folds to `m`).
const SPELLINGS: &[(Gender, &[&str])] = &[
    (
        Gender::Female,
        &[
            "f",
            "female",
            "woman",
            "mrs",
            "ms",
            "madam",
            "mme",
            "madame",
            "femme",
            "feminin",
            "السيدة",
            "سيدة",
            "أنثى",
            "انثى",
            "امرأة",
        ],
    ),
    (
        Gender::Male,
        &[
            "m",
            "male",
            "man",
            "mr",
            "sir",
            "monsieur",
            "homme",
            "masculin",
            "السيد",
            "سيد",
            "ذكر",
            "رجل",
        ],
    ),
];

impl Gender {
    /// The code stored in the database: `f` or `m`.
    pub fn code(self) -> &'static str {
        match self {
            Gender::Female => "f",
            Gender::Male => "m",
        }
    }

    /// Reads a cell: a code, a title or a word for it in Arabic, French or English.
    pub fn parse(input: &str) -> Result<Gender, UnknownGender> {
        let folded = fold(input);
        SPELLINGS
            .iter()
            .find(|(_, spellings)| spellings.iter().any(|s| fold(s) == folded))
            .map(|(gender, _)| *gender)
            .ok_or_else(|| UnknownGender(input.trim().to_owned()))
    }

    /// The keyword messages select on (`{ $gender -> [f] … [m] … *[unknown] … }`) for a
    /// person whose gender may not be known.
    pub fn keyword(gender: Option<Gender>) -> &'static str {
        match gender {
            Some(Gender::Female) => "f",
            Some(Gender::Male) => "m",
            None => "unknown",
        }
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_words_in_three_languages_are_read() {
        for cell in [
            "f",
            "F",
            "Mme",
            "MME.",
            "Madame",
            "femme",
            "السيدة",
            "أنثى",
            "female",
        ] {
            assert_eq!(Gender::parse(cell), Ok(Gender::Female), "{cell}");
        }
        for cell in ["m", "M.", "Monsieur", "homme", "السيد", "ذكر", "Mr"] {
            assert_eq!(Gender::parse(cell), Ok(Gender::Male), "{cell}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_what_is_expected() {
        let refused = Gender::parse("Dr").unwrap_err();
        assert_eq!(refused, UnknownGender("Dr".into()));
        assert!(refused.to_string().contains("expected f or m"));
    }

    #[test]
    fn codes_read_back() {
        for gender in [Gender::Female, Gender::Male] {
            assert_eq!(Gender::parse(gender.code()), Ok(gender));
        }
        assert_eq!(Gender::keyword(None), "unknown");
    }
}
