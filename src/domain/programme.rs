//! A programme of workshops read from an organiser's CSV file, each row checked by the same
//! rules as the guided dialogue, every bad row reported by line.

use std::io::Read;

use chrono::{DateTime, Utc};

use crate::domain::audience::{Audience, CommuneRef};
use crate::domain::roster::{PlaceName, Role};
use crate::domain::workshop::{DraftError, Field, NewWorkshop, WorkshopDraft};
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

/// An optional last column: single communes, `Agourai; Sebt Jahjouh (El Hajeb)`.
pub const COMMUNES_COLUMN: &str = "communes";

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
    fn province(&self, written: &str) -> Result<String, String> {
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
    fn commune(&self, written: &str) -> Result<CommuneRef, String> {
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

/// Reads a whole programme; any bad line refuses the whole file, with every bad line named.
pub fn parse_programme<R: Read>(
    input: R,
    zone: &Zone,
    now: DateTime<Utc>,
    places: &KnownPlaces,
) -> Result<Vec<NewWorkshop>, Vec<ProgrammeError>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(input);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim_start_matches('\u{feff}').to_lowercase())
            .collect(),
        Err(e) => {
            return Err(vec![ProgrammeError {
                line: 1,
                message: format!("unreadable: {e}"),
            }]);
        }
    };
    let columns = header.len();
    let well_formed = columns >= PROGRAMME_COLUMNS.len()
        && header[..PROGRAMME_COLUMNS.len()] == PROGRAMME_COLUMNS
        && (columns == PROGRAMME_COLUMNS.len()
            || (columns == PROGRAMME_COLUMNS.len() + 1 && header[columns - 1] == COMMUNES_COLUMN));
    if !well_formed {
        return Err(vec![ProgrammeError {
            line: 1,
            message: format!(
                "the header must be {} (optionally followed by ,{COMMUNES_COLUMN})",
                PROGRAMME_COLUMNS.join(",")
            ),
        }]);
    }
    let mut workshops = Vec::new();
    let mut errors = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map(|p| p.line() as usize)
            .unwrap_or(index + 2);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(ProgrammeError {
                    line,
                    message: format!("unreadable: {e}"),
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        match parse_row(&record, columns, zone, now, places) {
            Ok(workshop) => workshops.push(workshop),
            Err(message) => errors.push(ProgrammeError { line, message }),
        }
    }
    if errors.is_empty() {
        Ok(workshops)
    } else {
        Err(errors)
    }
}

fn parse_row(
    record: &csv::StringRecord,
    columns: usize,
    zone: &Zone,
    now: DateTime<Utc>,
    places: &KnownPlaces,
) -> Result<NewWorkshop, String> {
    if record.len() != columns {
        return Err(format!("{} columns, expected {columns}", record.len()));
    }
    let cell = |i: usize| record.get(i).unwrap_or("");
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
    let mut problems = Vec::new();
    for (field, column) in typed {
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
    let communes: Vec<CommuneRef> = split_list(cell(10))
        .filter_map(|c| places.commune(c).map_err(|e| problems.push(e)).ok())
        .collect();
    match roles {
        Ok(roles) => draft.set_audience(Audience {
            roles: roles.iter().map(|r| r.code().to_owned()).collect(),
            provinces,
            communes,
        }),
        Err(e) => problems.push(e),
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
