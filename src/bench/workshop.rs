//! `takwin bench workshop`: a synthetic roster of N officials, all joined, and one workshop
//! for all of them, created and queued the way `/new_workshop` does it; timed step by step.
//!
//! What it shows: how long an organiser waits after Confirm for a large audience, and how
//! fast the outbox takes the invitation, its reminders, the nudge and the after-workshop
//! messages (seven rows per invitee).

use std::time::Instant;

use serde::Serialize;
use sqlx::Row as _;

use super::{BenchDatabase, backend_name, round, synthetic_roster, workshop_for_everyone};
use crate::actions::{self, Caller, Refusal};
use crate::cli::BenchWorkshopArgs;
use crate::domain::workshop::answer_counts;
use crate::store::workshops;

/// The JSON printed at the end.
#[derive(Debug, Serialize)]
struct Report {
    invitees: u32,
    backend: &'static str,
    /// Importing the roster (not part of creating a workshop; for scale).
    roster_import_seconds: f64,
    /// `actions::workshops::create`, as Confirm calls it: the workshop and its invitation rows
    /// stored in one transaction, then the outbox rows queued (invitations, reminders, nudge,
    /// after-workshop messages). What the organiser waits for after Confirm.
    confirm_seconds: f64,
    outbox_rows: i64,
    outbox_rows_per_second: f64,
    /// Reading the invitees and counting answers: what `/workshops` does per workshop.
    live_counts_ms: f64,
}

/// Runs `takwin bench workshop` and prints its JSON report on standard output.
pub async fn workshop(args: &BenchWorkshopArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        (1..100_000_000).contains(&args.invitees),
        "--invitees must be 1 to 99999999"
    );
    let report = BenchDatabase::around(args.backend, async |url| run(url, args).await).await?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

async fn run(database_url: &str, args: &BenchWorkshopArgs) -> anyhow::Result<Report> {
    let state = super::state(database_url).await?;
    let now = state.clock.now();
    eprintln!("roster: {} people …", args.invitees);
    let bench = Caller {
        label: "bench".into(),
        person: None,
        organiser: true,
        finance_officer: false,
    };
    let started = Instant::now();
    synthetic_roster(&state, &bench, args.invitees).await?;
    let roster_import = started.elapsed().as_secs_f64();

    let new = workshop_for_everyone(&state.settings.timezone, now)?;
    eprintln!("workshop for everyone: create and queue …");
    let started = Instant::now();
    let created = actions::workshops::create(&state, &bench, std::slice::from_ref(&new))
        .await?
        .map_err(|refusal| anyhow::anyhow!("refused: {}", refusal.key()))?;
    let confirm = started.elapsed().as_secs_f64();
    let (id, invited) = (created[0].id, created[0].invited);
    anyhow::ensure!(invited == args.invitees as usize, "{invited} invited");
    let outbox_rows: i64 = sqlx::query("SELECT COUNT(*) FROM outbox")
        .fetch_one(&state.db.pool)
        .await?
        .get(0);

    let started = Instant::now();
    let counts = answer_counts(&workshops::invitees(&state.db, id).await?);
    let live_counts = started.elapsed().as_secs_f64() * 1000.0;
    anyhow::ensure!(
        counts.invited == args.invitees,
        "counted {}",
        counts.invited
    );
    state.db.pool.close().await;

    Ok(Report {
        invitees: args.invitees,
        backend: backend_name(args.backend),
        roster_import_seconds: round(roster_import, 3),
        confirm_seconds: round(confirm, 3),
        outbox_rows,
        outbox_rows_per_second: round(outbox_rows as f64 / confirm, 0),
        live_counts_ms: round(live_counts, 1),
    })
}
