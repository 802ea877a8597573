//! Reading a roster file: one CSV line per person, every line checked, every problem told.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::ops::Deref;

use super::place::{FoldedName, parse_body};
use super::text::{fold, has_arabic};
use super::{
    BodyKind, Gender, Language, PersonDetails, Phone, PhoneError, PlaceName, Role, UnknownGender,
    UnknownLanguage, UnknownRole,
};
use crate::domain::csv_file::{CsvFile, UnclosedQuote, sniff_delimiter, strip_bom};
use crate::domain::text::{TextError, TextRule};

/// The columns a roster file must have, named in its first line.
pub const ROSTER_COLUMNS: [&str; 6] = [
    "province",
    "commune",
    "full_name",
    "role",
    "phone",
    "language",
];

/// The column a roster file may add: how each person is addressed (`f`/`m`, `Mme`/`M.`,
/// «السيدة»/«السيد»). A file without it, or an empty cell, leaves what is stored as it is.
pub const GENDER_COLUMN: &str = "gender";

/// Other names the gender column goes by in the header, compared folded.
const GENDER_HEADERS: &[&str] = &[
    "gender",
    "title",
    "civility",
    "sexe",
    "genre",
    "civilite",
    "الجنس",
    "النوع",
    "الصفة المخاطب بها",
];

/// Longest name of a person, in characters: it must fit on a button of the roll call.
pub const MAX_NAME_CHARS: usize = 120;
/// Longest province or commune cell, in characters: room for `Latin / عربي`.
pub const MAX_PLACE_CHARS: usize = 120;
/// Longest role, phone or language cell, in characters: far more than any of their spellings,
/// and short enough that a refusal can quote the cell.
pub const MAX_CODE_CHARS: usize = 60;

/// The text rule of each column of [`ROSTER_COLUMNS`], in its order.
const RULES: [TextRule; 6] = [
    TextRule::one_line(MAX_PLACE_CHARS),
    TextRule::one_line(MAX_PLACE_CHARS),
    TextRule::one_line(MAX_NAME_CHARS),
    TextRule::one_line(MAX_CODE_CHARS),
    TextRule::one_line(MAX_CODE_CHARS),
    TextRule::one_line(MAX_CODE_CHARS),
];

/// One person of a roster file, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// 1-based line number in the file; the header is line 1.
    pub line: usize,
    /// The person, as the line gives them.
    pub details: PersonDetails,
}

impl Deref for RosterRow {
    type Target = PersonDetails;

    fn deref(&self) -> &PersonDetails {
        &self.details
    }
}

/// Why a line of a roster file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterProblem {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    /// The line is not UTF-8 text (typically a spreadsheet saved in a legacy encoding).
    #[error("not UTF-8 text (save the file as \"CSV UTF-8\")")]
    NotUtf8,
    /// The file has no header line.
    #[error("the file is empty; its first line must be the header {}", ROSTER_COLUMNS.join(","))]
    MissingHeader,
    /// The first line does not name exactly the expected columns.
    #[error(
        "the first line must name the columns {}, and may add {GENDER_COLUMN} (found \"{found}\")",
        ROSTER_COLUMNS.join(",")
    )]
    BadHeader {
        /// The header line as read.
        found: String,
    },
    /// Fewer cells than columns.
    #[error("only {found} of the {expected} columns {}", ROSTER_COLUMNS.join(","))]
    MissingColumns {
        /// Number of columns in the header.
        expected: usize,
        /// Number of cells on the line.
        found: usize,
    },
    /// A quoted cell's closing quote is missing, so the line swallows the lines after it.
    #[error("{0}")]
    UnclosedQuote(UnclosedQuote),
    /// More non-empty cells than columns.
    #[error(
        "{found} columns instead of {expected}; a name with a comma must be put in double quotes"
    )]
    ExtraColumns {
        /// Number of columns in the header.
        expected: usize,
        /// Number of cells on the line.
        found: usize,
    },
    /// The province cell is empty.
    #[error("missing province")]
    MissingProvince,
    /// The commune cell is empty for a role that belongs to a commune or council.
    #[error("missing commune (a {role} belongs to a commune, or to the \"Provincial Council\")")]
    MissingCommune {
        /// The row's role.
        role: Role,
    },
    /// The commune cell is filled for a role that belongs to the province.
    #[error(
        "a {role} belongs to the province, not to a commune: leave the commune empty \
         (found \"{commune}\")"
    )]
    CommuneNotAllowed {
        /// The row's role.
        role: Role,
        /// The commune cell as written.
        commune: String,
    },
    /// The name cell is empty.
    #[error("missing full name")]
    MissingName,
    /// A cell refused by the text rule: a control or bidirectional character, too long, or
    /// nothing visible.
    #[error("{column}: {problem}")]
    BadText {
        /// The column, as named in [`ROSTER_COLUMNS`].
        column: &'static str,
        /// What is wrong with the cell.
        problem: TextError,
    },
    /// The role cell is empty.
    #[error(
        "missing role (expected president, vice_president, councillor, finance_staff, \
         province_staff or secretary_general)"
    )]
    MissingRole,
    /// The role cell names no known role.
    #[error(transparent)]
    UnknownRole(UnknownRole),
    /// The phone cell is empty.
    #[error("missing phone number")]
    MissingPhone,
    /// The phone cell is not a valid number.
    #[error(
        "bad phone number \"{value}\" ({reason}; expected a Moroccan number like \
         0612345678 or +212612345678)"
    )]
    BadPhone {
        /// The phone cell as written.
        value: String,
        /// What is wrong with it.
        reason: PhoneError,
    },
    /// The language cell names no language the bot speaks.
    #[error("{0}; an empty cell means Arabic")]
    UnknownLanguage(UnknownLanguage),
    /// The gender cell names neither.
    #[error(transparent)]
    UnknownGender(UnknownGender),
    /// The phone number is already on an earlier line.
    #[error("phone number {phone} already appears on line {first_line}")]
    DuplicatePhone {
        /// The number, in E.164 form.
        phone: Phone,
        /// The line where it first appeared.
        first_line: usize,
    },
    /// A commune or council already has its president on an earlier line.
    #[error("a second president for {body}: line {first_line} already has one")]
    SecondPresident {
        /// The commune or council, as named on the first president's line.
        body: String,
        /// The line of the first president.
        first_line: usize,
    },
    /// The province already has its Secretary-General on an earlier line.
    #[error("a second secretary-general for {province}: line {first_line} already has one")]
    SecondSecretaryGeneral {
        /// The province, as named on the first secretary-general's line.
        province: String,
        /// The line of the first secretary-general.
        first_line: usize,
    },
}

impl RosterProblem {
    /// A stable code for the problem, for message keys (`roster-problem-bad-phone`).
    pub fn code(&self) -> &'static str {
        match self {
            RosterProblem::Unreadable(_) => "unreadable",
            RosterProblem::NotUtf8 => "not-utf8",
            RosterProblem::MissingHeader => "missing-header",
            RosterProblem::BadHeader { .. } => "bad-header",
            RosterProblem::MissingColumns { .. } => "missing-columns",
            RosterProblem::UnclosedQuote(_) => "unclosed-quote",
            RosterProblem::ExtraColumns { .. } => "extra-columns",
            RosterProblem::MissingProvince => "missing-province",
            RosterProblem::MissingCommune { .. } => "missing-commune",
            RosterProblem::CommuneNotAllowed { .. } => "commune-not-allowed",
            RosterProblem::MissingName => "missing-name",
            RosterProblem::BadText { .. } => "bad-text",
            RosterProblem::MissingRole => "missing-role",
            RosterProblem::UnknownRole(_) => "unknown-role",
            RosterProblem::MissingPhone => "missing-phone",
            RosterProblem::BadPhone { .. } => "bad-phone",
            RosterProblem::UnknownLanguage(_) => "unknown-language",
            RosterProblem::UnknownGender(_) => "unknown-gender",
            RosterProblem::DuplicatePhone { .. } => "duplicate-phone",
            RosterProblem::SecondPresident { .. } => "second-president",
            RosterProblem::SecondSecretaryGeneral { .. } => "second-secretary-general",
        }
    }
}

/// One problem on one line of a roster file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct RosterError {
    /// 1-based line number; the header is line 1.
    pub line: usize,
    /// What is wrong.
    pub reason: RosterProblem,
}

/// Every problem of a refused roster file, in line order; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterErrors(Vec<RosterError>);

impl RosterErrors {
    /// The problems, in line order.
    pub fn errors(&self) -> &[RosterError] {
        &self.0
    }

    /// The number of problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always `false`: a refusal has at least one reason.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The problems, in line order, by value.
    pub fn into_vec(self) -> Vec<RosterError> {
        self.0
    }
}

impl fmt::Display for RosterErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RosterErrors {}

impl<'a> IntoIterator for &'a RosterErrors {
    type Item = &'a RosterError;
    type IntoIter = std::slice::Iter<'a, RosterError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Reads and checks a whole roster file (UTF-8 CSV, header
/// `province,commune,full_name,role,phone,language`); returns every row, or every problem.
pub fn parse_roster<R: Read>(mut input: R) -> Result<Vec<RosterRow>, RosterErrors> {
    // Rosters are a few thousand lines at most; reading them whole lets us drop a BOM, guess
    // the delimiter and count lines ourselves.
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        let reason = RosterProblem::Unreadable(e.to_string());
        return Err(RosterErrors(vec![RosterError { line: 1, reason }]));
    }
    let data = strip_bom(&bytes);
    let mut file = CsvFile::new(data, sniff_delimiter(data));

    let mut checker = Checker::default();
    let mut columns: Option<Columns> = None;
    loop {
        let record = match file.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err((line, e)) => {
                checker.problem(line, RosterProblem::Unreadable(e.to_string()));
                break;
            }
        };
        let line = record.line;
        let Some(cells) = utf8_cells(&record.cells) else {
            checker.problem(line, RosterProblem::NotUtf8);
            if columns.is_none() {
                break;
            }
            continue;
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match &columns {
            // No column of a roster holds a line break, so a record that runs over several
            // lines is a quote left open (or closed by chance by a later quote, or a cell on
            // two lines, refused alike): named where it opens, not as the columns it leaves
            // missing or the line break it puts in a cell.
            Some(columns) => match file.unclosed_quote(&record) {
                Some(quote) => checker.problem(quote.opened, RosterProblem::UnclosedQuote(quote)),
                None => match column_count_problem(columns.count, &cells) {
                    Some(problem) => checker.problem(line, problem),
                    None => checker.row(line, columns, &cells),
                },
            },
            None => match Columns::from_header(&cells) {
                Some(found) => columns = Some(found),
                None => {
                    match file.unclosed_quote(&record) {
                        Some(quote) => {
                            checker.problem(quote.opened, RosterProblem::UnclosedQuote(quote))
                        }
                        None => {
                            let found = cells.join(",");
                            checker.problem(line, RosterProblem::BadHeader { found });
                        }
                    }
                    break;
                }
            },
        }
    }
    if columns.is_none() && checker.errors.is_empty() {
        checker.problem(1, RosterProblem::MissingHeader);
    }
    checker.finish()
}

/// Too few cells, or non-empty cells beyond the columns; a trailing separator (an empty extra
/// cell) is what spreadsheets often add, and is no problem.
fn column_count_problem(expected: usize, cells: &[&str]) -> Option<RosterProblem> {
    let found = cells.len();
    if found < expected {
        Some(RosterProblem::MissingColumns { expected, found })
    } else if cells[expected..].iter().any(|c| !c.trim().is_empty()) {
        Some(RosterProblem::ExtraColumns { expected, found })
    } else {
        None
    }
}

fn utf8_cells(record: &csv::ByteRecord) -> Option<Vec<&str>> {
    record.iter().map(|c| std::str::from_utf8(c).ok()).collect()
}

/// Where each column is; the header may list them in any order.
struct Columns {
    /// Where each of [`ROSTER_COLUMNS`] is.
    at: [usize; ROSTER_COLUMNS.len()],
    /// Where the gender column is, if the file has one.
    gender: Option<usize>,
    /// How many columns the header names.
    count: usize,
}

impl Columns {
    fn from_header(cells: &[&str]) -> Option<Columns> {
        // Trailing empty cells are a spreadsheet's doing, not columns.
        let used = cells.iter().rposition(|c| !c.trim().is_empty())? + 1;
        let names: Vec<String> = cells[..used].iter().map(|c| fold(c)).collect();
        let gender = names
            .iter()
            .position(|n| GENDER_HEADERS.iter().any(|h| fold(h) == *n));
        if names.len() != ROSTER_COLUMNS.len() + usize::from(gender.is_some()) {
            return None;
        }
        let mut at = [0; ROSTER_COLUMNS.len()];
        for (slot, column) in at.iter_mut().zip(ROSTER_COLUMNS) {
            *slot = names.iter().position(|n| *n == fold(column))?;
        }
        Some(Columns {
            at,
            gender,
            count: names.len(),
        })
    }

    /// The cell of `column`, as written.
    fn cell<'a>(&self, cells: &[&'a str], column: usize) -> &'a str {
        cells[self.at[column]]
    }
}

/// Indexes of the columns in [`ROSTER_COLUMNS`].
const PROVINCE: usize = 0;
const COMMUNE: usize = 1;
const FULL_NAME: usize = 2;
const ROLE: usize = 3;
const PHONE: usize = 4;
const LANGUAGE: usize = 5;

/// What a line yielded: the cells that passed, kept even when others failed so that the
/// checks across lines still see them.
struct Checked {
    line: usize,
    province: Option<PlaceName>,
    body: Option<(BodyKind, PlaceName)>,
    role: Option<Role>,
    /// Name, phone, language and gender, when the line had no problem of its own.
    rest: Option<(String, Phone, Language, Option<Gender>)>,
}

/// The file's state while its lines are checked one by one.
#[derive(Default)]
struct Checker {
    errors: Vec<RosterError>,
    rows: Vec<Checked>,
    phones: HashMap<Phone, usize>,
}

impl Checker {
    fn problem(&mut self, line: usize, reason: RosterProblem) {
        self.errors.push(RosterError { line, reason });
    }

    fn row(&mut self, line: usize, columns: &Columns, cells: &[&str]) {
        let errors_before = self.errors.len();
        // Every cell goes through the text rule first: a refused cell is named once, by its
        // column, and read no further (a NUL in a phone is not also a bad phone).
        let mut text: [Option<String>; ROSTER_COLUMNS.len()] = Default::default();
        let mut refused = [false; ROSTER_COLUMNS.len()];
        for (column, name) in ROSTER_COLUMNS.into_iter().enumerate() {
            match RULES[column].clean_optional(columns.cell(cells, column)) {
                Ok(cleaned) => text[column] = cleaned,
                Err(problem) => {
                    refused[column] = true;
                    self.problem(
                        line,
                        RosterProblem::BadText {
                            column: name,
                            problem,
                        },
                    );
                }
            }
        }
        let cell = |column: usize| text[column].as_deref().unwrap_or("");

        let province = PlaceName::parse(cell(PROVINCE));
        if province.is_none() && !refused[PROVINCE] {
            self.problem(line, RosterProblem::MissingProvince);
        }
        let body = parse_body(cell(COMMUNE));
        let role = (!refused[ROLE]).then(|| match cell(ROLE) {
            "" => Err(RosterProblem::MissingRole),
            value => Role::parse(value).map_err(RosterProblem::UnknownRole),
        });
        match (&role, &body) {
            _ if refused[COMMUNE] => {}
            (Some(Ok(role)), Some(_)) if role.is_province_level() => {
                let problem = RosterProblem::CommuneNotAllowed {
                    role: *role,
                    commune: cell(COMMUNE).to_owned(),
                };
                self.problem(line, problem);
            }
            (Some(Ok(role)), None) if !role.is_province_level() => {
                self.problem(line, RosterProblem::MissingCommune { role: *role });
            }
            _ => {}
        }
        let full_name = text[FULL_NAME].clone();
        if full_name.is_none() && !refused[FULL_NAME] {
            self.problem(line, RosterProblem::MissingName);
        }
        let role = role.and_then(|role| role.map_err(|problem| self.problem(line, problem)).ok());
        let phone = (!refused[PHONE]).then(|| match cell(PHONE) {
            "" => Err(RosterProblem::MissingPhone),
            value => Phone::parse(value).map_err(|reason| RosterProblem::BadPhone {
                value: value.to_owned(),
                reason,
            }),
        });
        let phone =
            phone.and_then(|phone| phone.map_err(|problem| self.problem(line, problem)).ok());
        let language = (!refused[LANGUAGE]).then(|| match cell(LANGUAGE) {
            "" => Ok(Language::Ar),
            value => Language::parse(value).map_err(RosterProblem::UnknownLanguage),
        });
        let language = language
            .and_then(|language| language.map_err(|problem| self.problem(line, problem)).ok());
        let gender = self.gender(line, columns, cells);

        // Duplicates are checked even on lines with other problems, so that one round of
        // corrections is enough.
        if let Some(phone) = &phone {
            if let Some(&first_line) = self.phones.get(phone) {
                let phone = phone.clone();
                self.problem(line, RosterProblem::DuplicatePhone { phone, first_line });
            } else {
                self.phones.insert(phone.clone(), line);
            }
        }
        let rest = match (full_name, phone, language, gender) {
            (Some(full_name), Some(phone), Some(language), Some(gender))
                if self.errors.len() == errors_before =>
            {
                Some((full_name, phone, language, gender))
            }
            _ => None,
        };
        self.rows.push(Checked {
            line,
            province,
            body,
            role,
            rest,
        });
    }

    /// The gender cell: `Some(None)` when the file has no such column or the cell is empty,
    /// `None` when the cell was refused (and the problem told).
    fn gender(&mut self, line: usize, columns: &Columns, cells: &[&str]) -> Option<Option<Gender>> {
        let Some(at) = columns.gender else {
            return Some(None);
        };
        let problem = match TextRule::one_line(MAX_CODE_CHARS).clean_optional(cells[at]) {
            Ok(None) => return Some(None),
            Ok(Some(cell)) => match Gender::parse(&cell) {
                Ok(gender) => return Some(Some(gender)),
                Err(unknown) => RosterProblem::UnknownGender(unknown),
            },
            Err(problem) => RosterProblem::BadText {
                column: GENDER_COLUMN,
                problem,
            },
        };
        self.problem(line, problem);
        None
    }

    /// Checks what needs every line (one president per council, one secretary-general per
    /// province) and gives the rows, or every problem in line order.
    fn finish(mut self) -> Result<Vec<RosterRow>, RosterErrors> {
        let provinces = PlaceGroups::new(
            self.rows
                .iter()
                .map(|r| r.province.as_ref().map(|p| ((), p))),
        );
        let bodies = PlaceGroups::new(self.rows.iter().enumerate().map(|(i, r)| {
            let province = provinces.group_of[i]?;
            r.body
                .as_ref()
                .map(|(kind, name)| ((province, *kind), name))
        }));

        let mut presidents = HashMap::new();
        let mut secretaries_general = HashMap::new();
        for (i, row) in self.rows.iter().enumerate() {
            let reason = match (row.role, provinces.group_of[i], bodies.group_of[i]) {
                (Some(Role::President), _, Some(body)) => {
                    let first_line = *presidents.entry(body).or_insert(row.line);
                    (first_line != row.line).then(|| RosterProblem::SecondPresident {
                        body: bodies.names[body].latin.clone(),
                        first_line,
                    })
                }
                (Some(Role::SecretaryGeneral), Some(province), _) => {
                    let first_line = *secretaries_general.entry(province).or_insert(row.line);
                    (first_line != row.line).then(|| RosterProblem::SecondSecretaryGeneral {
                        province: provinces.names[province].latin.clone(),
                        first_line,
                    })
                }
                _ => None,
            };
            if let Some(reason) = reason {
                self.errors.push(RosterError {
                    line: row.line,
                    reason,
                });
            }
        }

        if !self.errors.is_empty() {
            // Stable: a line's problems stay in the order of its cells.
            self.errors.sort_by_key(|e| e.line);
            return Err(RosterErrors(self.errors));
        }
        let mut rows = Vec::with_capacity(self.rows.len());
        for (i, row) in self.rows.into_iter().enumerate() {
            let (Some(province), Some(role), Some((full_name, phone, language, gender))) =
                (provinces.group_of[i], row.role, row.rest)
            else {
                unreachable!("a line without problems has all its cells");
            };
            rows.push(RosterRow {
                line: row.line,
                details: PersonDetails {
                    province: provinces.names[province].clone(),
                    body: match (row.body, bodies.group_of[i]) {
                        (Some((kind, _)), Some(body)) => Some((kind, bodies.names[body].clone())),
                        _ => None,
                    },
                    full_name,
                    role,
                    phone,
                    language,
                    gender,
                },
            });
        }
        Ok(rows)
    }
}

/// The places named in a file, with spellings of the same place grouped (one line may write
/// `Bitit`, another `بطيط`, a third `Bitit / بطيط`) and each group named by its fullest
/// spelling, so every row gets the same name for the same place.
struct PlaceGroups {
    /// For each input, its group.
    group_of: Vec<Option<usize>>,
    /// For each group, its name.
    names: Vec<PlaceName>,
}

impl PlaceGroups {
    /// Groups the names; only names with equal scopes (the province, the body kind) can be
    /// spellings of the same place.
    fn new<'a, S: Eq + std::hash::Hash + Copy>(
        inputs: impl Iterator<Item = Option<(S, &'a PlaceName)>>,
    ) -> PlaceGroups {
        // Distinct spellings first: a file repeats the same few names on every line.
        let mut distinct: Vec<(S, &PlaceName, FoldedName)> = Vec::new();
        let mut index: HashMap<(S, &PlaceName), usize> = HashMap::new();
        let spelling_of: Vec<Option<usize>> = inputs
            .map(|input| {
                let (scope, name) = input?;
                Some(*index.entry((scope, name)).or_insert_with(|| {
                    distinct.push((scope, name, name.folded()));
                    distinct.len() - 1
                }))
            })
            .collect();

        // Union-find over the distinct spellings.
        let mut parent: Vec<usize> = (0..distinct.len()).collect();
        for i in 0..distinct.len() {
            for j in 0..i {
                let (a, b) = (&distinct[i], &distinct[j]);
                if a.0 == b.0 && a.2.same_place(&b.2) {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    // The earliest spelling is the root, so groups are numbered in file order.
                    parent[ri.max(rj)] = ri.min(rj);
                }
            }
        }

        let mut group_of_root = HashMap::new();
        let mut names: Vec<PlaceName> = Vec::new();
        let mut group_of_spelling = Vec::with_capacity(distinct.len());
        for (i, (_, name, ..)) in distinct.iter().enumerate() {
            let r = root(&mut parent, i);
            let group = *group_of_root.entry(r).or_insert_with(|| {
                names.push((*name).clone());
                names.len() - 1
            });
            complete(&mut names[group], name);
            group_of_spelling.push(group);
        }
        PlaceGroups {
            group_of: spelling_of
                .into_iter()
                .map(|s| s.map(|s| group_of_spelling[s]))
                .collect(),
            names,
        }
    }
}

/// The representative of `i`'s set in a union-find forest (path halving on the way).
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Fills in what `known` lacks from `other`, a spelling of the same place.
fn complete(known: &mut PlaceName, other: &PlaceName) {
    if known.arabic.is_none() {
        known.arabic.clone_from(&other.arabic);
    }
    if has_arabic(&known.latin) && !has_arabic(&other.latin) {
        known.latin.clone_from(&other.latin);
    }
}

#[cfg(test)]
mod tests;
