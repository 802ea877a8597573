//! `takwin bench report`: a national programme's year — 30,000 officials in 1,500 communes,
//! 500 workshops held with their answers, attendance and evaluations, every body's funding —
//! then the programme report made as the command line makes it (PDF), and the weekly digest
//! rendered as the outbox renders it (with its chart), each timed.
//!
//! The history is written in bulk with SQL: the actions refuse to write the past (a
//! workshop starts after it is created, an answer comes before the deadline), and what is
//! measured here is reading and drawing, not recording. The roster, the contributions and
//! the organiser's appointment go through their actions as usual.

use std::time::Instant;

use serde::Serialize;
use sqlx::Row as _;

use super::{BenchDatabase, backend_name, round, synthetic_roster};
use crate::actions::{self, Caller};
use crate::cli::BenchReportArgs;
use crate::clock::to_millis;
use crate::domain::roster::{Appointment, Language, Phone};
use crate::state::AppState;
use crate::views;

/// The JSON printed at the end.
#[derive(Debug, Serialize)]
struct Report {
    officials: u32,
    communes: u32,
    workshops_held: u32,
    invitations: i64,
    backend: &'static str,
    /// Writing the year's history (for scale; not part of what is measured).
    seed_seconds: f64,
    /// `takwin report programme --format pdf`: reading, laying out, drawing the charts,
    /// writing the PDF.
    report_seconds: f64,
    /// Of which reading the programme (the read model).
    report_read_seconds: f64,
    report_pages: usize,
    report_bytes: usize,
    /// The Region's weekly digest, rendered as sent: the week read, its text and its chart.
    digest_seconds: f64,
    digest_has_chart: bool,
    /// The most memory the process held (VmHWM), in MiB: once the history was written, and
    /// after the report and the digest (what they added on top).
    peak_memory_after_seed_mib: f64,
    peak_memory_mib: f64,
}

/// Runs `takwin bench report` and prints its JSON report on standard output.
pub async fn report(args: &BenchReportArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        (super::COMMUNE_SIZE..=1_000_000).contains(&args.officials),
        "--officials must be 20 to 1000000"
    );
    anyhow::ensure!(
        (1..=100_000).contains(&args.workshops),
        "--workshops must be 1 to 100000"
    );
    let report = BenchDatabase::around(args.backend, async |url| run(url, args).await).await?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

async fn run(database_url: &str, args: &BenchReportArgs) -> anyhow::Result<Report> {
    let state = super::state(database_url).await?;
    let bench = Caller {
        label: "bench".into(),
        person: None,
        organiser: true,
        finance_officer: false,
    };
    let started = Instant::now();
    eprintln!("roster: {} officials …", args.officials);
    synthetic_roster(&state, &bench, args.officials).await?;
    eprintln!("contributions, workshops, answers, attendance, evaluations …");
    contributions(&state, &bench).await?;
    let invitations = history(&state, args.workshops).await?;
    // The organiser who reads the digest: the first province's first councillor.
    let phone = Phone::parse("+212600000002")?;
    actions::roster::set_appointment(&state, &bench, &phone, Appointment::Organiser, true)
        .await?
        .map_err(|e| anyhow::anyhow!("appointing the organiser: {e:?}"))?;
    let seed = started.elapsed().as_secs_f64();
    let after_seed = peak_memory_kib();

    eprintln!("the programme report …");
    let started = Instant::now();
    let scope = actions::reports::Scope::default();
    let read = actions::reports::programme_report(&state, &bench, &scope)
        .await?
        .map_err(|e| anyhow::anyhow!("refused: {e:?}"))?;
    let report_read = started.elapsed().as_secs_f64();
    let words = views::charts::Words {
        i18n: &state.i18n,
        language: Language::Ar,
    };
    let document = views::programme_report::document(words, &read, &state.settings.timezone);
    let mut pages = 0;
    let pdf = document.pdf(|done, _| pages = done)?;
    let report_seconds = started.elapsed().as_secs_f64();

    eprintln!("the weekly digest …");
    let organiser: i64 = sqlx::query("SELECT id FROM people WHERE phone = '+212600000002'")
        .fetch_one(&state.db.pool)
        .await?
        .get(0);
    let started = Instant::now();
    let digest =
        crate::outbox::digest::render(&state, Some(crate::domain::ids::PersonId::new(organiser)))
            .await?
            .map_err(|why| anyhow::anyhow!("no digest: {why}"))?;
    let digest_seconds = started.elapsed().as_secs_f64();
    state.db.pool.close().await;

    Ok(Report {
        officials: args.officials,
        communes: args.officials / super::COMMUNE_SIZE,
        workshops_held: args.workshops,
        invitations,
        backend: backend_name(args.backend),
        seed_seconds: round(seed, 2),
        report_seconds: round(report_seconds, 3),
        report_read_seconds: round(report_read, 3),
        report_pages: pages,
        report_bytes: pdf.len(),
        digest_seconds: round(digest_seconds, 3),
        digest_has_chart: digest.chart.is_some(),
        peak_memory_after_seed_mib: round(after_seed as f64 / 1024.0, 1),
        peak_memory_mib: round(peak_memory_kib() as f64 / 1024.0, 1),
    })
}

/// Every commune owes a contribution (through the import, as the command line does it).
async fn contributions(state: &AppState, bench: &Caller) -> anyhow::Result<()> {
    let rows = sqlx::query(
        "SELECT p.name_latin, b.name_latin FROM bodies b JOIN provinces p ON p.id = b.province_id \
         ORDER BY b.id",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let mut csv = String::from("province,commune,amount,due_date\n");
    for (i, r) in rows.iter().enumerate() {
        let amount = 20_000 + (i % 7) * 5_000;
        csv.push_str(&format!(
            "{},{},\"{amount},00\",31/03/2027\n",
            r.get::<String, _>(0),
            r.get::<String, _>(1)
        ));
    }
    actions::funding::import_contributions(state, bench, csv.as_bytes(), false)
        .await?
        .map_err(|e| anyhow::anyhow!("contributions refused: {e:?}"))?;
    Ok(())
}

/// Writes the year's history: `count` workshops held over the past year (and a few to come), each for one
/// province's presidents, finance staff and two councillors per commune (100 invitations);
/// 60 % said yes, 10 % no; four in five of those who said yes came, and two walk-ins each;
/// seven in ten of those present rated it, one in ten with a comment; half the bodies paid
/// in full, a quarter in part, and half had the agreement approved. Returns the invitations.
async fn history(state: &AppState, count: u32) -> anyhow::Result<i64> {
    let now = state.clock.now();
    let people = sqlx::query(
        "SELECT p.id, p.role, b.province_id, b.id FROM people p JOIN bodies b ON b.id = p.body_id \
         ORDER BY p.id",
    )
    .fetch_all(&state.db.pool)
    .await?;
    // Per province: its invitees (presidents, finance staff, two councillors a commune) and
    // the rest (walk-ins come from them).
    let mut provinces: std::collections::BTreeMap<i64, (Vec<i64>, Vec<i64>)> = Default::default();
    let mut per_body: std::collections::HashMap<i64, u32> = Default::default();
    for r in &people {
        let (id, role, province, body): (i64, String, i64, i64) =
            (r.get(0), r.get(1), r.get(2), r.get(3));
        let seen = per_body.entry(body).or_default();
        *seen += 1;
        let entry = provinces.entry(province).or_default();
        if role != "councillor" || *seen <= 4 {
            entry.0.push(id);
        } else {
            entry.1.push(id);
        }
    }
    let provinces: Vec<(Vec<i64>, Vec<i64>)> = provinces.into_values().collect();
    let year = chrono::Duration::days(365);
    let mut tx = state.db.pool.begin().await?;
    let mut invitations = 0i64;
    // Besides those held, one in twenty-five is still to come in the next two weeks, so the
    // digest always has a week to tell (nobody has come to those yet).
    let coming = (count / 25).max(1);
    for k in 0..count + coming {
        // Spread over the past year, the last a few days ago; then the coming ones.
        let starts_at = match k < count {
            true => now - year + year * (k as i32 + 1) / (count as i32 + 1),
            false => now + chrono::Duration::days(i64::from(k - count) % 13 + 1),
        };
        let held = k < count;
        let at = to_millis(starts_at);
        let id: i64 = sqlx::query(
            "INSERT INTO workshops (title, venue, starts_at, capacity, audience, reminders, \
             answer_deadline, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, 1000, '{}', '', $3, 'bench', $3, $3) RETURNING id",
        )
        .bind(format!("Atelier de formation n° {}", k + 1))
        .bind(format!(
            "Siège de la province {}",
            k as usize % provinces.len()
        ))
        .bind(at)
        .fetch_one(&mut *tx)
        .await?
        .get(0);
        let (invited, others) = &provinces[k as usize % provinces.len()];
        let mut values = Vec::new();
        for (n, person) in invited.iter().enumerate() {
            let seat = match n % 10 {
                0..=5 => "confirmed",
                6 => "declined",
                _ => "no_answer",
            };
            let present = held && seat == "confirmed" && n % 5 != 4;
            values.push((*person, seat, present.then_some("present")));
        }
        for person in others.iter().take(if held { 2 } else { 0 }) {
            values.push((*person, "no_answer", Some("walk_in")));
        }
        invitations += values.len() as i64;
        for chunk in values.chunks(200) {
            let rows: Vec<String> = chunk
                .iter()
                .map(|(person, seat, presence)| {
                    let presence = presence.map_or("NULL".to_owned(), |p| format!("'{p}'"));
                    format!("({id}, {person}, '{seat}', {at}, {presence})")
                })
                .collect();
            sqlx::query(&format!(
                "INSERT INTO invitations (workshop_id, person_id, seat, invited_at, presence) \
                 VALUES {}",
                rows.join(", ")
            ))
            .execute(&mut *tx)
            .await?;
        }
        let raters: Vec<i64> = values
            .iter()
            .filter(|(_, _, p)| p.is_some())
            .enumerate()
            .filter(|(n, _)| n % 10 < 7)
            .map(|(_, (person, _, _))| *person)
            .collect();
        for chunk in raters.chunks(200) {
            let answers: Vec<String> = chunk
                .iter()
                .map(|p| format!("({id}, {p}, 1, {}, {at})", 1 + (p + i64::from(k)) % 5))
                .collect();
            sqlx::query(&format!(
                "INSERT INTO evaluation_answers (workshop_id, person_id, question, value, at) \
                 VALUES {}",
                answers.join(", ")
            ))
            .execute(&mut *tx)
            .await?;
            let comments: Vec<String> = chunk
                .iter()
                .map(|p| {
                    let comment = match p % 10 {
                        0 => "'Très utile, des exemples concrets.'".to_owned(),
                        _ => "NULL".to_owned(),
                    };
                    format!("({id}, {p}, {comment}, {at})")
                })
                .collect();
            sqlx::query(&format!(
                "INSERT INTO evaluations (workshop_id, person_id, comment, at) VALUES {}",
                comments.join(", ")
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    // Funding: verified transfers and approvals, recorded by the Region over the year (a
    // body's on its own day), so a week holds about one in fifty-two.
    let at = to_millis(now - year);
    let day = chrono::Duration::days(1).num_milliseconds();
    sqlx::query(
        "INSERT INTO payments (body_id, amount, paid_on, reference, reference_key, state, \
         declared_by, declared_at, verified_by, verified_at) \
         SELECT c.body_id, CASE WHEN c.body_id % 4 = 0 THEN c.amount_due / 2 ELSE c.amount_due END, \
         '2026-11-30', 'VIR-' || c.body_id, 'VIR-' || c.body_id, 'verified', 'bench', $1, \
         'bench', $1 + (c.body_id % 365) * $2 FROM contributions c WHERE c.body_id % 4 IN (0, 1, 2)",
    )
    .bind(at)
    .bind(day)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO approvals (body_id, approved_on, state, declared_by, declared_at, \
         verified_by, verified_at) \
         SELECT body_id, '2026-10-15', 'verified', 'bench', $1, 'bench', \
         $1 + ((body_id * 7) % 365) * $2 FROM contributions WHERE body_id % 2 = 0",
    )
    .bind(at)
    .bind(day)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(invitations)
}

/// The process's peak resident memory in KiB, from Linux's `/proc/self/status` (0 where
/// there is none).
fn peak_memory_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
