//! A programme of workshops read from an organiser's CSV file, each row checked by the same
//! rules as the guided dialogue, every bad row reported by line.

use std::io::Read;

use chrono::{DateTime, Utc};

use crate::domain::audience::Audience;
use crate::domain::roster::Role;
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
    if header != PROGRAMME_COLUMNS {
        return Err(vec![ProgrammeError {
            line: 1,
            message: format!("the header must be {}", PROGRAMME_COLUMNS.join(",")),
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
        match parse_row(&record, zone, now) {
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
    zone: &Zone,
    now: DateTime<Utc>,
) -> Result<NewWorkshop, String> {
    if record.len() != PROGRAMME_COLUMNS.len() {
        return Err(format!(
            "{} columns, expected {}",
            record.len(),
            PROGRAMME_COLUMNS.len()
        ));
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
    match roles {
        Ok(roles) => draft.set_audience(Audience {
            roles: roles.iter().map(|r| r.code().to_owned()).collect(),
            provinces: split_list(cell(6)).map(str::to_owned).collect(),
            communes: Vec::new(),
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

    #[test]
    fn a_good_programme_gives_workshops() {
        let csv = "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline\n\
                   Programmation du budget communal,,20/01/2026,09:00,Siège de la province,president;finance_staff,El Hajeb,40,,\n\
                   Gestion des archives,Archivage,2026-02-03,9h30,Salle du conseil,councillor,,25,\"7d,1d\",\n";
        let workshops = parse_programme(csv.as_bytes(), &Zone::casablanca(), now()).unwrap();
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
        let errors = parse_programme(csv.as_bytes(), &Zone::casablanca(), now()).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(errors[2].message.contains("roles") && errors[2].message.contains("capacity"));
        let bad_header = parse_programme("title,date\n".as_bytes(), &Zone::casablanca(), now());
        assert_eq!(bad_header.unwrap_err()[0].line, 1);
    }
}
