//! What a person on the roster is: president, councillor, staff …

use std::fmt;

use super::text::fold;

/// A person's role in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// President of a commune council or of the Provincial Council.
    President,
    /// Vice-president of a council.
    VicePresident,
    /// Elected member of a council.
    Councillor,
    /// Commune (or Provincial Council) staff in charge of finance and budget.
    FinanceStaff,
    /// Staff of the province's administration (its human-resources division).
    ProvinceStaff,
    /// The province's Secretary-General.
    SecretaryGeneral,
}

/// A role cell or code that names no known role.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role {0:?} (expected president, vice_president, councillor, finance_staff, \
     province_staff or secretary_general)"
)]
pub struct UnknownRole(pub String);

/// The words accepted for each role besides its code, in French, Arabic and English. They
/// are compared folded (see `text::fold`), so case, accents, hyphens and the usual Arabic
/// spelling variants do not matter.
const ALIASES: &[(Role, &[&str])] = &[
    (
        Role::President,
        &[
            "president",
            "présidente",
            "président de la commune",
            "président du conseil",
            "président du conseil communal",
            "président du conseil provincial",
            "mayor",
            "chair",
            "chairman",
            "chairwoman",
            "رئيس",
            "رئيسة",
            "رئيس الجماعة",
            "رئيسة الجماعة",
            "رئيس المجلس",
            "رئيس المجلس الجماعي",
            "رئيس المجلس الإقليمي",
        ],
    ),
    (
        Role::VicePresident,
        &[
            "vice president",
            "vice présidente",
            "vice président de la commune",
            "vice président du conseil",
            "deputy mayor",
            "نائب الرئيس",
            "نائبة الرئيس",
            "نائب رئيس",
            "نائب رئيس الجماعة",
            "نائب رئيس المجلس",
            "نائب",
        ],
    ),
    (
        Role::Councillor,
        &[
            "councilor",
            "council member",
            "councillor",
            "member",
            "elected official",
            "conseiller",
            "conseillère",
            "conseiller communal",
            "conseillère communale",
            "membre",
            "membre du conseil",
            "élu",
            "élue",
            "عضو",
            "عضوة",
            "عضو المجلس",
            "عضو الجماعة",
            "عضو المجلس الجماعي",
            "مستشار",
            "مستشارة",
            "مستشار جماعي",
            "منتخب",
            "منتخبة",
        ],
    ),
    (
        Role::FinanceStaff,
        &[
            "finance",
            "finances",
            "budget",
            "finance and budget",
            "finance staff",
            "budget staff",
            "responsable financier",
            "responsable des finances",
            "responsable du budget",
            "service financier",
            "finances et budget",
            "المالية",
            "مالية",
            "المكلف بالمالية",
            "مكلف بالمالية",
            "المكلفة بالمالية",
            "المكلف بالميزانية",
            "موظف المالية",
            "المالية والميزانية",
        ],
    ),
    (
        Role::ProvinceStaff,
        &[
            "province",
            "provincial staff",
            "province staff",
            "hr",
            "human resources",
            "rh",
            "ressources humaines",
            "agent de la province",
            "cadre de la province",
            "personnel de la province",
            "موظف العمالة",
            "موظف الإقليم",
            "إطار بالعمالة",
            "الموارد البشرية",
            "قسم الموارد البشرية",
        ],
    ),
    (
        Role::SecretaryGeneral,
        &[
            "secretary general",
            "sg",
            "secrétaire général",
            "secrétaire générale",
            "secrétaire général de la province",
            "الكاتب العام",
            "كاتب عام",
            "الكاتبة العامة",
            "الكاتب العام للعمالة",
            "الكاتب العام للإقليم",
        ],
    ),
];

impl Role {
    /// Every role, in the order they are listed to people.
    pub const ALL: [Role; 6] = [
        Role::President,
        Role::VicePresident,
        Role::Councillor,
        Role::FinanceStaff,
        Role::ProvinceStaff,
        Role::SecretaryGeneral,
    ];

    /// The code stored in the database and used in message keys (`role-president`).
    pub fn code(self) -> &'static str {
        match self {
            Role::President => "president",
            Role::VicePresident => "vice_president",
            Role::Councillor => "councillor",
            Role::FinanceStaff => "finance_staff",
            Role::ProvinceStaff => "province_staff",
            Role::SecretaryGeneral => "secretary_general",
        }
    }

    /// Parses a code or a common French, Arabic or English word for the role.
    pub fn parse(input: &str) -> Result<Role, UnknownRole> {
        let folded = fold(input);
        Role::ALL
            .into_iter()
            .find(|r| fold(r.code()) == folded)
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(_, words)| words.iter().any(|w| fold(w) == folded))
                    .map(|(role, _)| *role)
            })
            .ok_or_else(|| UnknownRole(input.trim().to_owned()))
    }

    /// Whether the role belongs to a province rather than to a commune or council.
    pub fn is_province_level(self) -> bool {
        matches!(self, Role::ProvinceStaff | Role::SecretaryGeneral)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::parse(s)
    }
}

/// A right the Region gives a person of the roster beside their role: organising the
/// programme, or verifying what bodies declare of their funding. Granted and withdrawn the
/// same way whichever it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Appointment {
    /// May use the organisers' commands.
    Organiser,
    /// One of the Region's finance officers, who confirm or reject declarations.
    FinanceOfficer,
}

impl Appointment {
    /// The stable name the audit log writes (`organiser.add`, `finance_officer.remove`).
    pub fn code(self) -> &'static str {
        match self {
            Appointment::Organiser => "organiser",
            Appointment::FinanceOfficer => "finance_officer",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Ok(role));
            assert_eq!(role.to_string(), role.code());
        }
    }

    #[test]
    fn natural_words_in_three_languages() {
        let cases = [
            ("Président", Role::President),
            ("PRESIDENT", Role::President),
            ("رئيس", Role::President),
            ("رئيس الجماعة", Role::President),
            ("رئيس الجماعه", Role::President),
            ("Vice-Président", Role::VicePresident),
            ("vice president", Role::VicePresident),
            ("نائب الرئيس", Role::VicePresident),
            ("conseiller", Role::Councillor),
            ("Conseillère", Role::Councillor),
            ("Councilor", Role::Councillor),
            ("عضو", Role::Councillor),
            ("عضو المجلس", Role::Councillor),
            ("finance", Role::FinanceStaff),
            ("Finance-Staff", Role::FinanceStaff),
            ("المكلف بالمالية", Role::FinanceStaff),
            ("Ressources humaines", Role::ProvinceStaff),
            ("province staff", Role::ProvinceStaff),
            ("الكاتب العام", Role::SecretaryGeneral),
            ("Secrétaire général", Role::SecretaryGeneral),
            ("Secretary-General", Role::SecretaryGeneral),
        ];
        for (word, role) in cases {
            assert_eq!(Role::parse(word), Ok(role), "{word:?}");
        }
    }

    #[test]
    fn unknown_words_are_refused_with_the_value() {
        let err = Role::parse(" mayor's cousin ").unwrap_err();
        assert_eq!(err, UnknownRole("mayor's cousin".into()));
        assert!(err.to_string().contains("\"mayor's cousin\""));
        assert!(Role::parse("").is_err());
    }

    #[test]
    fn province_level_roles() {
        let province: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.is_province_level())
            .collect();
        assert_eq!(province, [Role::ProvinceStaff, Role::SecretaryGeneral]);
    }

    #[test]
    fn no_alias_is_claimed_by_two_roles() {
        let mut seen = std::collections::HashMap::new();
        for (role, words) in ALIASES {
            for w in words.iter().copied().chain([role.code()]) {
                if let Some(other) = seen.insert(fold(w), *role) {
                    assert_eq!(other, *role, "{w:?} claimed twice");
                }
            }
        }
    }
}
