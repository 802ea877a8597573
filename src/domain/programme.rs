//! A programme of workshops read from an organiser's CSV file, each row checked by the same
//! rules as the guided dialogue, every bad row reported by line.

use std::io::Read;

use chrono::{DateTime, Utc};

use crate::domain::audience::{Audience, CommuneRef};
use crate::domain::csv_file::{CsvFile, strip_bom};
use crate::domain::roster::{PlaceName, Role};
use crate::domain::text::TextRule;
use crate::domain::workshop::{DraftError, EvaluationForm, Field, NewWorkshop, WorkshopDraft};
use crate::domain::zone::Zone;

/// The header a programme file must have.
pub const PROGRAMME_COLUMNS: [&str; 10] = [
    "title",
    "topic",
    "date",
    "time",
    "venue",
    "roles",
    "provinces",
    "capacity",
    "reminders",
    "deadline",
];

/// An optional column: single communes, `Agourai; Sebt Jahjouh (El Hajeb)`.
pub const COMMUNES_COLUMN: &str = "communes";

/// An optional column: the evaluation form, `Useful? [scale] | Will you apply it?
/// [Yes/No/Partly]` (`domain::workshop::EvaluationForm::parse`); empty is the default form.
pub const QUESTIONS_COLUMN: &str = "questions";

/// The optional columns, after the others, each at most once, in either order.
const OPTIONAL_COLUMNS: [&str; 2] = [COMMUNES_COLUMN, QUESTIONS_COLUMN];

/// The provinces and communes of the roster, against which a programme's place names are
/// checked: a misspelt province would otherwise invite nobody, silently.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownPlaces {
    /// Each province with its communes.
    pub provinces: Vec<(PlaceName, Vec<PlaceName>)>,
}

impl KnownPlaces {
    fn same(name: &PlaceName, written: &str) -> bool {
        name.latin.eq_ignore_ascii_case(written) || name.arabic.as_deref() == Some(written)
    }

    /// The Latin name of the province written (in either script).
    pub fn province(&self, written: &str) -> Result<String, String> {
        self.provinces
            .iter()
            .find(|(p, _)| KnownPlaces::same(p, written))
            .map(|(p, _)| p.latin.clone())
            .ok_or_else(|| {
                let known: Vec<&str> = self
                    .provinces
                    .iter()
                    .map(|(p, _)| p.latin.as_str())
                    .collect();
                format!(
                    "provinces: {written:?} is not a province of the roster (it has: {})",
                    known.join(", ")
                )
            })
    }

    /// The commune written as `Commune` (when only one province has it) or
    /// `Commune (Province)`.
    pub fn commune(&self, written: &str) -> Result<CommuneRef, String> {
        let (name, province) = match written.strip_suffix(')').and_then(|w| w.rsplit_once('(')) {
            Some((name, province)) => (name.trim(), Some(province.trim())),
            None => (written, None),
        };
        let found: Vec<CommuneRef> = self
            .provinces
            .iter()
            .filter(|(p, _)| province.is_none_or(|written| KnownPlaces::same(p, written)))
            .flat_map(|(p, communes)| {
                communes
                    .iter()
                    .filter(|c| KnownPlaces::same(c, name))
                    .map(|c| CommuneRef {
                        province: p.latin.clone(),
                        commune: c.latin.clone(),
                    })
            })
            .collect();
        match &found[..] {
            [one] => Ok(one.clone()),
            [] => Err(format!(
                "communes: {written:?} is not a commune of the roster"
            )),
            _ => Err(format!(
                "communes: {written:?} is in several provinces; write it as \"{name} (Province)\""
            )),
        }
    }
}

/// A bad line and why, in English for the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeError {
    /// 1-based line number; the header is line 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ProgrammeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The cells that are not free text (dates, times, numbers, lists of roles and places): they
/// are read into values, so only the text rule's character checks matter, that no control or
/// bidirectional character is echoed back in a refusal, and a length far above any real list.
const VALUE_CELL: TextRule = TextRule::one_line(1000);

/// Columns of free text, checked by the dialogue's own rules in `WorkshopDraft::answer`.
const TEXT_COLUMNS: [usize; 3] = [0, TOPIC_COLUMN, 4];

/// The one column that may hold several lines.
const TOPIC_COLUMN: usize = 1;

/// Reads a whole programme; any bad line refuses the whole file, with every bad line named.
pub fn parse_programme<R: Read>(
    mut input: R,
    zone: &Zone,
    now: DateTime<Utc>,
    places: &KnownPlaces,
) -> Result<Vec<NewWorkshop>, Vec<ProgrammeError>> {
    let unreadable = |line: usize, e: &dyn std::fmt::Display| ProgrammeError {
        line,
        message: format!("unreadable: {e}"),
    };
    // A programme is a few dozen lines: read whole, its lines are counted from the bytes, and
    // a record can be looked at again to find a quote left open.
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        return Err(vec![unreadable(1, &e)]);
    }
    let mut file = CsvFile::new(strip_bom(&bytes), b',');
    let header: Vec<String> = match file.next_record() {
        Ok(record) => record
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| String::from_utf8_lossy(c).trim().to_lowercase())
                    .collect()
            })
            .unwrap_or_default(),
        Err((_, e)) => return Err(vec![unreadable(1, &e)]),
    };
    let columns = header.len();
    let extra = header.get(PROGRAMME_COLUMNS.len()..).unwrap_or_default();
    let well_formed = columns >= PROGRAMME_COLUMNS.len()
        && header[..PROGRAMME_COLUMNS.len()] == PROGRAMME_COLUMNS
        && extra.iter().all(|c| OPTIONAL_COLUMNS.contains(&c.as_str()))
        && OPTIONAL_COLUMNS
            .iter()
            .all(|o| extra.iter().filter(|c| c == o).count() <= 1);
    if !well_formed {
        return Err(vec![ProgrammeError {
            line: 1,
            message: format!(
                "the header must be {} (optionally followed by ,{COMMUNES_COLUMN} and/or \
                 ,{QUESTIONS_COLUMN})",
                PROGRAMME_COLUMNS.join(",")
            ),
        }]);
    }
    let optional = |name: &str| header.iter().position(|c| c == name);
    let extra = Extra {
        communes: optional(COMMUNES_COLUMN),
        questions: optional(QUESTIONS_COLUMN),
    };
    let mut workshops = Vec::new();
    let mut errors = Vec::new();
    loop {
        let record = match file.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err((line, e)) => {
                errors.push(unreadable(line, &e));
                break;
            }
        };
        let line = record.line;
        let cells: Option<Vec<&str>> = record
            .cells
            .iter()
            .map(|c| std::str::from_utf8(c).ok())
            .collect();
        let Some(cells) = cells else {
            errors.push(ProgrammeError {
                line,
                message: "not UTF-8 text (save the file as \"CSV UTF-8\")".to_owned(),
            });
            continue;
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // A record over several lines is right only for a topic on several lines, quoted and
        // closed; otherwise a quote was left open (the cells it swallowed leave columns
        // missing, or run into a one-line cell), named on the line where it opens.
        let quote = file.unclosed_quote(&record).filter(|quote| {
            cells.len() != columns || quote.closed.is_none() || quote.cell != TOPIC_COLUMN
        });
        if let Some(quote) = quote {
            errors.push(ProgrammeError {
                line: quote.opened,
                message: quote.to_string(),
            });
            continue;
        }
        if cells.len() != columns {
            errors.push(ProgrammeError {
                line,
                message: format!("{} columns, expected {columns}", cells.len()),
            });
            continue;
        }
        match parse_row(&cells, extra, zone, now, places) {
            Ok(workshop) => workshops.push(workshop),
            Err(message) => errors.push(ProgrammeError { line, message }),
        }
    }
    if errors.is_empty() {
        Ok(workshops)
    } else {
        errors.sort_by_key(|e| e.line);
        Err(errors)
    }
}

/// Where the optional columns are, when the header has them.
#[derive(Debug, Clone, Copy)]
struct Extra {
    communes: Option<usize>,
    questions: Option<usize>,
}

impl Extra {
    /// The name of a column by its index.
    fn column_name(self, column: usize) -> &'static str {
        match PROGRAMME_COLUMNS.get(column) {
            Some(name) => name,
            None if Some(column) == self.questions => QUESTIONS_COLUMN,
            None => COMMUNES_COLUMN,
        }
    }
}

fn parse_row(
    cells: &[&str],
    extra: Extra,
    zone: &Zone,
    now: DateTime<Utc>,
    places: &KnownPlaces,
) -> Result<NewWorkshop, String> {
    let mut problems = Vec::new();
    let mut refused = vec![false; cells.len()];
    for (column, text) in cells.iter().enumerate() {
        // Free text, and the form (checked by its own reader), are not value cells.
        if TEXT_COLUMNS.contains(&column) || Some(column) == extra.questions {
            continue;
        }
        if let Err(e) = VALUE_CELL.clean_optional(text) {
            problems.push(format!("{}: {e}", extra.column_name(column)));
            refused[column] = true;
        }
    }
    // A refused cell reads as empty: its refusal is already told, and the file is refused.
    let cell = |i: usize| match cells.get(i) {
        Some(text) if !refused[i] => *text,
        _ => "",
    };
    let mut draft = WorkshopDraft::new();
    let typed = [
        (Field::Title, 0),
        (Field::Topic, 1),
        (Field::Date, 2),
        (Field::Time, 3),
        (Field::Venue, 4),
        (Field::Capacity, 7),
        (Field::Reminders, 8),
        (Field::Deadline, 9),
    ];
    for (field, column) in typed {
        if refused[column] {
            continue;
        }
        match draft.answer(field, cell(column), zone, now) {
            // Follows from an earlier column's error, already reported.
            Ok(()) | Err(DraftError::AskedTooEarly { .. }) => {}
            Err(e) => problems.push(format!("{}: {e}", PROGRAMME_COLUMNS[column])),
        }
    }
    let roles: Result<Vec<Role>, String> = split_list(cell(5))
        .map(|r| Role::parse(r).map_err(|e| format!("roles: {e}")))
        .collect();
    let provinces: Vec<String> = split_list(cell(6))
        .filter_map(|p| places.province(p).map_err(|e| problems.push(e)).ok())
        .collect();
    let communes: Vec<CommuneRef> = split_list(extra.communes.map_or("", cell))
        .filter_map(|c| places.commune(c).map_err(|e| problems.push(e)).ok())
        .collect();
    match roles {
        Ok(roles) => draft.set_audience(Audience {
            roles: roles.iter().map(|r| r.code().to_owned()).collect(),
            provinces,
            communes,
            ..Audience::default()
        }),
        Err(e) => problems.push(e),
    }
    if let Some(column) = extra.questions {
        match EvaluationForm::parse(cell(column)) {
            Ok(form) => draft.form = form,
            Err(e) => problems.push(format!("{QUESTIONS_COLUMN}: {e}")),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    draft
        .finish()
        .map_err(|field| format!("{} is missing", field.code()))
}

/// A cell listing several values, separated by `;` or `|` (commas separate columns).
fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
    }

    fn places() -> KnownPlaces {
        let name = |latin: &str, arabic: &str| PlaceName::new(latin, Some(arabic));
        KnownPlaces {
            provinces: vec![
                (
                    name("El Hajeb", "الحاجب"),
                    vec![name("Agourai", "أكوراي"), name("Bitit", "بيطيط")],
                ),
                (name("Ifrane", "إفران"), vec![name("Bitit", "بيطيط")]),
            ],
        }
    }

    #[test]
    fn a_good_programme_gives_workshops() {
        let csv = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline\n\
                   Programmation du budget communal,,20/01/2026,09:00,Siège de la province,president;finance_staff,El Hajeb,40,,\n\
                   Gestion des archives,Archivage,2026-02-03,9h30,Salle du conseil,councillor,,25,\"7d,1d\",\n";
        let workshops =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap();
        assert_eq!(workshops.len(), 2);
        assert_eq!(
            workshops[0].starts_at,
            Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap()
        );
        assert_eq!(workshops[0].audience.roles, ["president", "finance_staff"]);
        assert_eq!(workshops[0].audience.provinces, ["El Hajeb"]);
        assert_eq!(workshops[0].capacity.get(), 40);
        assert_eq!(workshops[0].reminders.len(), 3, "the default reminders");
        assert_eq!(workshops[1].reminders.len(), 2);
        assert_eq!(workshops[1].topic.as_deref(), Some("Archivage"));
    }

    #[test]
    fn every_bad_line_is_named() {
        let csv = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline\n\
                   Bon atelier,,20/01/2026,09:00,Siège,president,,40,,\n\
                   Passé,,01/01/2026,09:00,Siège,president,,40,,\n\
                   Heure,,21/01/2026,25:00,Siège,president,,40,,\n\
                   Vide,,22/01/2026,09:00,Siège,astronaut,,0,,\n";
        let errors =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(errors[2].message.contains("roles") && errors[2].message.contains("capacity"));
        let bad_header = parse_programme(
            "title,date\n".as_bytes(),
            &Zone::casablanca(),
            now(),
            &places(),
        );
        assert_eq!(bad_header.unwrap_err()[0].line, 1);
    }

    #[test]
    fn cells_follow_the_text_rule_each_named_by_its_column() {
        let huge = "A".repeat(100 * 1024);
        let csv = format!(
            "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline\n\
             Bon\0 atelier,,20/01/2026,09:00,Siège,president,,40,,\n\
             \u{200b},,20/01/2026,09:00,Siège\u{202e},president,,40,,\n\
             {huge},\"Sujet\nsur deux lignes\",20/01/2026,09:00,\"Salle\ndu conseil\",presi\u{2066}dent,,40,,\n\
             Bon atelier,,20/01/2026,09:00,Siège,president,,40,,\n"
        );
        let errors =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap_err();
        let found: Vec<(usize, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    2,
                    "title: the title has a control character (U+0000) at character 4, which \
                     cannot be stored"
                ),
                (
                    3,
                    "title: the title has no visible character; venue: the venue has a \
                     bidirectional control (U+202E) at character 6, which can make text display \
                     otherwise than it is written"
                ),
                (
                    4,
                    "roles: a bidirectional control (U+2066) at character 6, which can make text \
                     display otherwise than it is written; title: the title has 102400 \
                     characters, more than 120; venue: the venue must be on one line (a line \
                     break or tab at character 6)"
                ),
            ],
        );
        // A topic on several lines, quoted, is what the column allows; a venue is one line,
        // so its quote over two lines is named.
        let csv = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline\n\
                   Un,\"Budget\net archives\",20/01/2026,09:00,Siège,president,,40,,\n\
                   Deux,,20/01/2026,09:00,\"Salle\ndu conseil\",president,,40,,\n";
        let errors =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap_err();
        let found: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            ["line 4: a quote opens here and is closed only on line 5 (it swallows line 5)"]
        );
        let csv = csv.replace("Salle\ndu", "Salle du");
        let workshops =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap();
        assert_eq!(workshops[0].topic.as_deref(), Some("Budget\net archives"));
    }

    #[test]
    fn an_unclosed_quote_is_named_where_it_opens() {
        let csv = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline\r\n\
                   Un,,20/01/2026,09:00,Siège,president,,0,,\r\n\
                   \r\n\
                   \"Deux,,21/01/2026,09:00,Siège,president,,40,,\r\n\
                   Trois,,22/01/2026,09:00,Siège,president,,40,,\r\n\
                   Quatre,,23/01/2026,09:00,Siège,president,,40,,\r\n";
        let errors =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap_err();
        let found: Vec<String> = errors.iter().map(ToString::to_string).collect();
        // Lines counted right across CRLF and an empty line.
        assert_eq!(
            found,
            [
                "line 2: capacity: a workshop needs at least one seat",
                "line 4: a quote opens here and is never closed (it swallows lines 5–6)",
            ]
        );
    }

    #[test]
    fn places_are_checked_against_the_roster_and_communes_may_be_listed() {
        let csv = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline,communes\n\
                   Un,,20/01/2026,09:00,Siège,president,الحاجب,40,,,\n\
                   Deux,,21/01/2026,09:00,Siège,president,,40,,,Agourai; Bitit (Ifrane)\n";
        let workshops =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap();
        assert_eq!(workshops[0].audience.provinces, ["El Hajeb"]);
        assert_eq!(
            workshops[1].audience.communes,
            [
                CommuneRef {
                    province: "El Hajeb".into(),
                    commune: "Agourai".into()
                },
                CommuneRef {
                    province: "Ifrane".into(),
                    commune: "Bitit".into()
                },
            ]
        );
        let csv = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline,communes\n\
                   Un,,20/01/2026,09:00,Siège,president,El Hajab,40,,,\n\
                   Deux,,21/01/2026,09:00,Siège,president,,40,,,Bitit\n\
                   Trois,,22/01/2026,09:00,Siège,president,,40,,,Atlantis (El Hajeb)\n";
        let errors =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap_err();
        assert_eq!(errors.len(), 3);
        assert!(
            errors[0].message.contains("\"El Hajab\" is not a province"),
            "{:?}",
            errors[0]
        );
        assert!(
            errors[0].message.contains("El Hajeb, Ifrane"),
            "{:?}",
            errors[0]
        );
        assert!(
            errors[1].message.contains("several provinces"),
            "{:?}",
            errors[1]
        );
        assert!(
            errors[2].message.contains("not a commune"),
            "{:?}",
            errors[2]
        );
    }

    #[test]
    fn a_questions_column_gives_each_workshop_its_form() {
        let csv = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline,questions,communes\n\
                   Un,,20/01/2026,09:00,Siège,president,,40,,,\"Utile ? [scale] | Appliquer ? [Oui/Non/En partie] | Durée ? [1-5]\",Agourai\n\
                   Deux,,21/01/2026,09:00,Siège,president,,40,,,,\n";
        let workshops =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap();
        assert_eq!(workshops[0].form.len(), 3);
        assert_eq!(workshops[0].audience.communes.len(), 1);
        assert!(
            workshops[1].form.is_default(),
            "an empty cell: the default form"
        );
        let long = "o".repeat(41);
        let csv = format!(
            "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline,questions\n\
             Un,,20/01/2026,09:00,Siège,president,,40,,,Utile ? [scale] | Appliquer ?\n\
             Deux,,21/01/2026,09:00,Siège,president,,40,,,Appliquer ? [Oui/{long}]\n\
             Trois,,22/01/2026,09:00,Siège,president,,40,,,Bon ? [scale]\n"
        );
        let errors =
            parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places()).unwrap_err();
        let found: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "line 2: questions: question 2: say how it is answered at its end, [scale] or \
                 [Yes/No/…] (\"Appliquer ?\")"
                    .to_owned(),
                format!(
                    "line 3: questions: question 1, option 2: 41 characters, more than 40 \
                     (\"{}…\")",
                    "o".repeat(40)
                ),
            ]
        );
        let twice = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline,questions,questions\n";
        let refused = parse_programme(twice.as_bytes(), &Zone::casablanca(), now(), &places());
        assert_eq!(refused.unwrap_err()[0].line, 1);
    }

    #[test]
    fn the_sample_programme_reads_against_the_sample_roster() {
        let roster = crate::domain::roster::parse_roster(
            include_str!("../../samples/roster-el-hajeb.csv").as_bytes(),
        )
        .unwrap();
        let mut communes: Vec<PlaceName> = roster
            .iter()
            .filter_map(|row| match &row.body {
                Some((crate::domain::roster::BodyKind::Commune, name)) => Some(name.clone()),
                _ => None,
            })
            .collect();
        communes.dedup();
        let places = KnownPlaces {
            provinces: vec![(roster[0].province.clone(), communes)],
        };
        let csv = include_str!("../../samples/programme-el-hajeb.csv");
        let workshops = parse_programme(csv.as_bytes(), &Zone::casablanca(), now(), &places)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(workshops.len(), 3);
        assert_eq!(workshops[1].audience.communes.len(), 3);
        assert_eq!(workshops[1].reminders.len(), 2);
    }
}
