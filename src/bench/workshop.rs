//! `takwin bench workshop`: a synthetic roster of N officials, all joined, and one workshop
//! for all of them, created and queued the way `/new_workshop` does it; timed step by step.
//!
//! What it shows: how long an organiser waits after Confirm for a large audience, and how
//! fast the outbox takes the invitation, its reminders, the nudge and the after-workshop
//! messages (seven rows per invitee).

use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use sqlx::Row as _;

use super::{BenchDatabase, backend_name, round};
use crate::cli::BenchWorkshopArgs;
use crate::clock::{SystemClock, to_millis};
use crate::config::Settings;
use crate::domain::audience::Audience;
use crate::domain::roster::{Language, parse_roster};
use crate::domain::schedule::DEFAULT_REMINDER_OFFSETS;
use crate::domain::workshop::{
    Capacity, MAX_CAPACITY, NewWorkshop, answer_counts, default_deadline,
};
use crate::domain::zone::Zone;
use crate::outbox::workshops::send_invitations;
use crate::state::AppState;
use crate::store::{roster, workshops};

/// People per synthetic commune: a president, a finance officer, councillors.
const COMMUNE_SIZE: u32 = 20;
/// Communes per synthetic province.
const PROVINCE_SIZE: u32 = 25;

/// The JSON printed at the end.
#[derive(Debug, Serialize)]
struct Report {
    invitees: u32,
    backend: &'static str,
    /// Importing the roster (not part of creating a workshop; for scale).
    roster_import_seconds: f64,
    /// Storing the workshop and its invitation rows, in one transaction.
    create_seconds: f64,
    /// Queueing the outbox rows: invitations, reminders, nudge, after-workshop messages.
    queue_seconds: f64,
    /// Create and queue: what the organiser waits for after Confirm.
    confirm_seconds: f64,
    outbox_rows: i64,
    outbox_rows_per_second: f64,
    /// Reading the invitees and counting answers: what `/workshops` does per workshop.
    live_counts_ms: f64,
}

/// A roster CSV of `n` people: provinces of communes of [`COMMUNE_SIZE`] people.
fn roster_csv(n: u32) -> String {
    let mut csv = String::from("province,commune,full_name,role,phone,language\n");
    for k in 0..n {
        let commune = k / COMMUNE_SIZE;
        let province = commune / PROVINCE_SIZE;
        let role = match k % COMMUNE_SIZE {
            0 => "president",
            1 => "finance_staff",
            _ => "councillor",
        };
        csv.push_str(&format!(
            "Province {province},Commune {commune},Élu {k},{role},+2126{k:08},ar\n"
        ));
    }
    csv
}

/// Runs `takwin bench workshop` and prints its JSON report on standard output.
pub async fn workshop(args: &BenchWorkshopArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        (1..100_000_000).contains(&args.invitees),
        "--invitees must be 1 to 99999999"
    );
    let database = BenchDatabase::create(args.backend).await?;
    let report = run(&database.url, args).await;
    // The database goes whatever happened, so a failed run leaves nothing behind.
    database.remove().await;
    println!("{}", serde_json::to_string_pretty(&report?)?);
    Ok(())
}

async fn run(database_url: &str, args: &BenchWorkshopArgs) -> anyhow::Result<Report> {
    let state = AppState::build(
        Settings {
            database_url: database_url.to_owned(),
            timezone: Zone::casablanca(),
            default_language: Language::Ar,
        },
        Arc::new(SystemClock),
    )
    .await?;
    let now = state.clock.now();
    eprintln!("roster: {} people …", args.invitees);
    let rows = parse_roster(roster_csv(args.invitees).as_bytes())
        .map_err(|e| anyhow::anyhow!("the synthetic roster is invalid: {e:?}"))?;
    let started = Instant::now();
    roster::import(&state.db, &rows, now, "bench", false).await?;
    let roster_import = started.elapsed().as_secs_f64();
    // Everyone has joined: one chat per person.
    sqlx::query("UPDATE people SET telegram_user_id = id + 10000000, joined_at = $1")
        .bind(to_millis(now))
        .execute(&state.db.pool)
        .await?;

    let starts_at = now + chrono::Duration::days(30);
    let new = NewWorkshop {
        title: "Programmation du budget communal".into(),
        topic: None,
        starts_at,
        venue: "Siège de la Région".into(),
        audience: Audience::everyone(),
        capacity: Capacity::new(MAX_CAPACITY)?,
        reminders: DEFAULT_REMINDER_OFFSETS.to_vec(),
        answer_deadline: default_deadline(starts_at, &state.settings.timezone, now),
    };
    eprintln!("workshop for everyone: create and queue …");
    let started = Instant::now();
    let (id, invited) = workshops::create(&state.db, &new, "bench", now).await?;
    let create = started.elapsed().as_secs_f64();
    anyhow::ensure!(invited == args.invitees as usize, "{invited} invited");
    let started = Instant::now();
    send_invitations(&state, id).await?;
    let queue = started.elapsed().as_secs_f64();
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
        create_seconds: round(create, 3),
        queue_seconds: round(queue, 3),
        confirm_seconds: round(create + queue, 3),
        outbox_rows,
        outbox_rows_per_second: round(outbox_rows as f64 / queue, 0),
        live_counts_ms: round(live_counts, 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_synthetic_roster_is_valid() {
        let rows = parse_roster(roster_csv(1001).as_bytes()).unwrap();
        assert_eq!(rows.len(), 1001);
    }
}
