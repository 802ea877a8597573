//! The contributions file the Region's finance service keeps: one line per signing body with
//! the amount due and the day it is due, `province,commune,amount,due_date`. Read whole and
//! checked against the roster's places before anything is stored: every bad line named.

use chrono::NaiveDate;

use crate::domain::csv_file::{CsvFile, strip_bom};
use crate::domain::money::Money;
use crate::domain::roster::{BodyKind, PlaceName, parse_body};
use crate::domain::workshop::parse_date;

/// The header of a contributions file.
pub const CONTRIBUTION_COLUMNS: [&str; 4] = ["province", "commune", "amount", "due_date"];

/// The signing bodies of the roster, by province, as the file's names are matched against.
#[derive(Debug, Clone, Default)]
pub struct KnownBodies {
    /// Each province with its communes and council.
    pub provinces: Vec<(PlaceName, Vec<(BodyKind, PlaceName)>)>,
}

/// One body's contribution, as read (places written as stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionRow {
    /// 1-based line in the file.
    pub line: usize,
    /// The province, as stored.
    pub province: PlaceName,
    /// The commune or council, as stored.
    pub body: (BodyKind, PlaceName),
    /// The amount due.
    pub amount: Money,
    /// The day it is due.
    pub due_on: NaiveDate,
}

/// A bad line and why, in English for the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ContributionError {
    /// 1-based line; the header is line 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads a contributions file: all lines or none.
pub fn parse_contributions(
    data: &[u8],
    known: &KnownBodies,
) -> Result<Vec<ContributionRow>, Vec<ContributionError>> {
    let mut file = CsvFile::new(strip_bom(data), b',');
    let error = |line, message: String| ContributionError { line, message };
    let header: Vec<String> = match file.next_record() {
        Ok(Some(record)) => record
            .cells
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_lowercase())
            .collect(),
        Ok(None) => return Err(vec![error(1, "the file is empty".into())]),
        Err((line, e)) => return Err(vec![error(line, format!("unreadable: {e}"))]),
    };
    if header != CONTRIBUTION_COLUMNS {
        return Err(vec![error(
            1,
            format!(
                "the header must be {}, not {}",
                CONTRIBUTION_COLUMNS.join(","),
                header.join(",")
            ),
        )]);
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<(String, String, usize)> = Vec::new();
    loop {
        let record = match file.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err((line, e)) => {
                errors.push(error(line, format!("unreadable: {e}")));
                break;
            }
        };
        let line = record.line;
        if let Some(quote) = file.unclosed_quote(&record) {
            errors.push(error(line, quote.to_string()));
            continue;
        }
        let cells: Vec<String> = record
            .cells
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_owned())
            .collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if cells.len() != CONTRIBUTION_COLUMNS.len() {
            errors.push(error(
                line,
                format!(
                    "{} cells, expected {}",
                    cells.len(),
                    CONTRIBUTION_COLUMNS.len()
                ),
            ));
            continue;
        }
        let mut problems = Vec::new();
        let province = PlaceName::parse(&cells[0])
            .and_then(|written| known.provinces.iter().find(|(p, _)| p.same_place(&written)));
        let body = match (province, parse_body(&cells[1])) {
            (None, _) => {
                problems.push(format!(
                    "province: {:?} is not a province of the roster",
                    cells[0]
                ));
                None
            }
            (Some(_), None) => {
                problems.push(
                    "commune: empty (write the commune, or \"Provincial Council\")".to_owned(),
                );
                None
            }
            (Some((province, bodies)), Some((kind, written))) => {
                let found = bodies
                    .iter()
                    .find(|(k, name)| *k == kind && name.same_place(&written));
                match found {
                    Some((kind, name)) => Some((province.clone(), (*kind, name.clone()))),
                    None => {
                        problems.push(format!(
                            "commune: {:?} is not a commune of {} in the roster",
                            cells[1], province.latin
                        ));
                        None
                    }
                }
            }
        };
        let amount = Money::parse(&cells[2])
            .map_err(|e| problems.push(format!("amount: {e}")))
            .ok();
        let due_on = parse_date(&cells[3])
            .map_err(|_| {
                problems.push(format!(
                    "due_date: {:?} is not a date (31/03/2027 or 2027-03-31)",
                    cells[3]
                ))
            })
            .ok();
        if let Some((province, (_, name))) = &body {
            let key = (province.latin.clone(), name.latin.clone());
            if let Some((_, _, first)) = seen.iter().find(|(p, b, _)| (p, b) == (&key.0, &key.1)) {
                problems.push(format!("{} is already on line {first}", name.latin));
            } else {
                seen.push((key.0, key.1, line));
            }
        }
        match (body, amount, due_on) {
            (Some((province, body)), Some(amount), Some(due_on)) if problems.is_empty() => {
                rows.push(ContributionRow {
                    line,
                    province,
                    body,
                    amount,
                    due_on,
                });
            }
            _ => errors.push(error(line, problems.join("; "))),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownBodies {
        KnownBodies {
            provinces: vec![(
                PlaceName::new("El Hajeb", Some("الحاجب")),
                vec![
                    (
                        BodyKind::ProvincialCouncil,
                        PlaceName::new("Conseil provincial", Some("المجلس الإقليمي")),
                    ),
                    (BodyKind::Commune, PlaceName::new("Agourai", Some("أكوراي"))),
                    (BodyKind::Commune, PlaceName::new("Bitit", Some("بطيط"))),
                ],
            )],
        }
    }

    #[test]
    fn a_file_is_read_with_places_as_stored() {
        let file = "province,commune,amount,due_date\n\
                    EL HAJEB,agourai,\"12 500,00\",31/03/2027\n\
                    الحاجب,Provincial Council,\"150.000,00 DH\",2027-03-31\n";
        let rows = parse_contributions(file.as_bytes(), &known()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].body.1.latin, "Agourai");
        assert_eq!(rows[0].amount, Money::from_dirhams(12_500));
        assert_eq!(rows[1].body.0, BodyKind::ProvincialCouncil);
        assert_eq!(rows[1].amount, Money::from_dirhams(150_000));
        assert_eq!(
            rows[1].due_on,
            NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()
        );
    }

    #[test]
    fn every_bad_line_is_named() {
        let file = "province,commune,amount,due_date\n\
                    El Hajeb,Agourai,12500,31/03/2027\n\
                    El Hajab,Agourai,12500,31/03/2027\n\
                    El Hajeb,Nowhere,douze mille,31/02/2027\n\
                    El Hajeb,Agourai,100,31/03/2027\n\
                    El Hajeb,Bitit,-5,2027-03-31\n";
        let errors = parse_contributions(file.as_bytes(), &known()).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5, 6]);
        assert!(errors[0].message.contains("\"El Hajab\" is not a province"));
        assert!(
            errors[1].message.contains("Nowhere")
                && errors[1].message.contains("amount")
                && errors[1].message.contains("due_date"),
            "{}",
            errors[1]
        );
        assert!(errors[2].message.contains("already on line 2"));
        assert!(errors[3].message.contains("not more than zero"));
    }
}
