//! Fuzz targets: what each reader of outside input promises whatever bytes it is given. Each
//! target feeds the bytes to one reader and panics when a promise breaks (a panic of the
//! reader itself counts too); `cargo fuzz` drives them (`fuzz/`, see README), and the unit
//! tests below replay every seed and every past finding, then a bounded run of mutations, so
//! `cargo test` keeps what fuzzing found.
//!
//! The promises:
//! - **money**: an amount that reads, printed in any language or plainly, reads back to itself;
//! - **audience**: an expression is refused or read, within bounded time and memory;
//! - **html**: an announcement's text that passes is Telegram HTML Telegram itself accepts
//!   (the emulator's parser), checking it again changes nothing, and no character refused as
//!   typed reaches a phone through a character reference;
//! - **roster, contributions and programme files**: refused with lines named, or read into
//!   rows whose texts are clean and whose amounts are positive.

use std::sync::OnceLock;

use chrono::{DateTime, TimeZone, Utc};

use crate::domain::audience_expression::parse_audience;
use crate::domain::broadcast::{MAX_TEXT, check_text};
use crate::domain::funding::{KnownBodies, parse_contributions};
use crate::domain::money::{MAX_DIRHAMS, Money};
use crate::domain::programme::{KnownPlaces, parse_programme};
use crate::domain::roster::{Language, RosterRow, parse_roster};
use crate::domain::zone::Zone;

/// The sample roster of El Hajeb province: the places the targets check names against.
const SAMPLE_ROSTER: &str = include_str!("../samples/roster-el-hajeb.csv");

/// A fuzz target: bytes in, a panic when a promise breaks.
pub type Target = fn(&[u8]);

/// Every target by the name `cargo fuzz run NAME` knows it by.
pub const TARGETS: [(&str, Target); 6] = [
    ("money", money),
    ("audience", audience),
    ("html", html),
    ("roster_file", roster_file),
    ("contributions_file", contributions_file),
    ("programme_file", programme_file),
];

/// The bytes as text, if they are UTF-8: the text readers take nothing else.
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// An amount that reads, printed again, reads back to itself, and stays within bounds.
pub fn money(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let Ok(money) = Money::read(input) else {
        return;
    };
    assert!(
        money.centimes().abs() <= MAX_DIRHAMS * 100,
        "{input:?} read as {money}"
    );
    for lang in Language::ALL {
        let shown = money.shown(lang);
        assert_eq!(
            Money::read(&shown),
            Ok(money),
            "{input:?} shown as {shown:?}"
        );
    }
    assert_eq!(Money::read(&money.to_string()), Ok(money), "{input:?}");
    if let Ok(positive) = Money::parse(input) {
        assert!(positive.is_positive() && positive == money, "{input:?}");
    }
}

/// An audience expression is read or refused (the bounds are the reader's own).
pub fn audience(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let _ = parse_audience(input, &places().0);
}

/// What passes the check is what Telegram accepts, is stable, and carries no character
/// refused as typed.
pub fn html(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let Ok(cleaned) = check_text(input, MAX_TEXT) else {
        return;
    };
    assert_eq!(
        check_text(&cleaned, MAX_TEXT).as_deref(),
        Ok(cleaned.as_str()),
        "{input:?}: checking the cleaned text again changes it"
    );
    let parsed = bot_api_emulator::parse_html(&cleaned)
        .unwrap_or_else(|e| panic!("{input:?}: passed, but Telegram refuses {cleaned:?}: {e}"));
    if let Some(c) = parsed.text.chars().find(|c| refused_on_a_phone(*c)) {
        panic!("{input:?}: U+{:04X} reaches the phone", u32::from(c));
    }
}

/// Characters never sent to a phone, however they were written: controls other than line
/// breaks and tabs, and the bidi embeddings, overrides and isolates that can reorder a line.
fn refused_on_a_phone(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A roster file is refused or read into clean rows.
pub fn roster_file(data: &[u8]) {
    if let Ok(rows) = parse_roster(data) {
        for row in &rows {
            clean_row(row);
        }
    }
}

fn clean_row(row: &RosterRow) {
    let mut texts = vec![row.full_name.as_str(), row.province.latin.as_str()];
    texts.extend(row.province.arabic.as_deref());
    if let Some((_, body)) = &row.body {
        texts.push(&body.latin);
        texts.extend(body.arabic.as_deref());
    }
    for text in texts {
        assert!(
            !text.trim().is_empty() && !text.chars().any(refused_on_a_phone),
            "{row:?}"
        );
    }
}

/// A contributions file is refused or read into positive amounts of known bodies.
pub fn contributions_file(data: &[u8]) {
    if let Ok(rows) = parse_contributions(data, &places().1) {
        for row in rows {
            assert!(
                row.amount.is_positive() && row.amount.centimes() <= MAX_DIRHAMS * 100,
                "{row:?}"
            );
        }
    }
}

/// A programme file is refused or read (never a panic); each workshop's evaluation form is
/// within its limits, and written back in its grammar it reads as the same form.
pub fn programme_file(data: &[u8]) {
    use crate::domain::workshop::{EvaluationForm, MAX_QUESTIONS};
    let now: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
    if let Ok(workshops) = parse_programme(data, &Zone::casablanca(), now, &places().0) {
        for w in workshops {
            assert!(w.form.questions.len() <= MAX_QUESTIONS, "{:?}", w.form);
            assert_eq!(
                EvaluationForm::parse(&w.form.written()).as_ref(),
                Ok(&w.form),
                "{:?}",
                w.form
            );
        }
    }
}

/// The sample roster's places, as the programme and audience readers and the contributions
/// reader know them.
fn places() -> &'static (KnownPlaces, KnownBodies) {
    static PLACES: OnceLock<(KnownPlaces, KnownBodies)> = OnceLock::new();
    PLACES.get_or_init(|| {
        let rows = parse_roster(SAMPLE_ROSTER.as_bytes()).expect("the sample roster reads");
        let mut known = KnownPlaces::default();
        let mut bodies = KnownBodies::default();
        for row in rows {
            let province = match known
                .provinces
                .iter()
                .position(|(p, _)| p.same_place(&row.province))
            {
                Some(i) => i,
                None => {
                    known.provinces.push((row.province.clone(), Vec::new()));
                    bodies.provinces.push((row.province.clone(), Vec::new()));
                    known.provinces.len() - 1
                }
            };
            if let Some((kind, body)) = row.details.body
                && !bodies.provinces[province]
                    .1
                    .iter()
                    .any(|(k, b)| *k == kind && b.same_place(&body))
            {
                known.provinces[province].1.push(body.clone());
                bodies.provinces[province].1.push((kind, body));
            }
        }
        (known, bodies)
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};

    use super::TARGETS;

    /// The files of `fuzz/<kind>/<target>/`: the seeds a run starts from, and what past runs
    /// found (each kept as a regression).
    fn inputs(kind: &str, target: &str) -> Vec<(PathBuf, Vec<u8>)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz")
            .join(kind)
            .join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut files: Vec<(PathBuf, Vec<u8>)> = entries
            .map(|e| e.expect("a fuzz input").path())
            .filter(|p| p.is_file())
            .map(|p| {
                let bytes = std::fs::read(&p).expect("a fuzz input reads");
                (p, bytes)
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn every_seed_and_past_finding_keeps_its_promise() {
        for (target, check) in TARGETS {
            let seeds = inputs("seeds", target);
            assert!(
                !seeds.is_empty(),
                "fuzz/seeds/{target}/ holds the target's seeds"
            );
            for (path, bytes) in seeds.iter().chain(&inputs("regressions", target)) {
                let run = std::panic::catch_unwind(|| check(bytes));
                assert!(run.is_ok(), "{target}: {} breaks a promise", path.display());
            }
        }
    }

    #[test]
    fn a_bounded_run_of_mutations_keeps_every_promise() {
        // A small, seeded stand-in for `cargo fuzz run`, so every `cargo test` tries a few
        // thousand variations of each seed: bytes flipped, inserted, removed, repeated.
        const SPLICE: &[&[u8]] = &[
            b"&#x202E;",
            b"&#0;",
            b"<a href=\"",
            b"</pre>",
            b"(",
            b"&",
            b"\"",
            b",",
            b"\n",
            b"12.500",
            b"\xd8\xaf",
            b"\xff",
        ];
        let mut rng = StdRng::seed_from_u64(18);
        for (target, check) in TARGETS {
            for (_, seed) in inputs("seeds", target) {
                for _ in 0..300 {
                    let mut bytes = seed.clone();
                    for _ in 0..rng.random_range(1..4) {
                        let at = rng.random_range(0..=bytes.len());
                        match rng.random_range(0..4) {
                            0 if at < bytes.len() => bytes[at] = rng.random(),
                            1 if at < bytes.len() => {
                                bytes.remove(at);
                            }
                            2 => {
                                let piece = SPLICE[rng.random_range(0..SPLICE.len())];
                                bytes.splice(at..at, piece.iter().copied());
                            }
                            _ => {
                                let end = rng.random_range(at..=bytes.len().min(at + 16));
                                let copy = bytes[at..end].to_vec();
                                bytes.splice(at..at, copy);
                            }
                        }
                    }
                    let run = std::panic::catch_unwind(|| check(&bytes));
                    assert!(
                        run.is_ok(),
                        "{target}: {:?} breaks a promise (add it to fuzz/regressions/{target}/)",
                        String::from_utf8_lossy(&bytes)
                    );
                }
            }
        }
    }
}
