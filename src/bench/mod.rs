//! Benchmarks: `takwin bench delivery` (the delivery engine against Telegram's limits),
//! `takwin bench broadcast` (an announcement from audience to live report, at scale) and
//! `takwin bench workshop` (creating a workshop for a large audience and queueing its
//! messages) and `takwin bench report` (the programme report and the weekly digest over a
//! national programme's history), and `takwin bench presses` (an update storm of answer-button
//! presses through the real path). Each prints one JSON object on standard output; notes go to standard error.

mod broadcast;
mod delivery;
mod presses;
mod report;
mod workshop;

use anyhow::Context as _;
use sqlx::Connection as _;

pub use broadcast::broadcast;
pub use delivery::delivery;
pub use presses::presses;
pub use report::report;
pub use workshop::workshop;

use crate::actions::{self, Caller};
use crate::cli::BenchBackend;
use std::sync::Arc;

use crate::clock::{SystemClock, to_millis};
use crate::config::Settings;
use crate::domain::roster::Language;
use crate::domain::zone::Zone;
use crate::state::AppState;

/// The application's state on a benchmark's database, on the system clock, in Morocco's zone.
async fn state(database_url: &str) -> anyhow::Result<AppState> {
    AppState::build(
        Settings {
            database_url: database_url.to_owned(),
            timezone: Zone::casablanca(),
            default_language: Language::Ar,
        },
        Arc::new(SystemClock),
    )
    .await
}

/// People per synthetic commune: a president, a finance officer, councillors.
const COMMUNE_SIZE: u32 = 20;
/// Communes per synthetic province.
const PROVINCE_SIZE: u32 = 25;
/// Added to a person's id to make their Telegram chat in a synthetic roster.
const FIRST_PERSON_CHAT: i64 = 10_000_000;

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
        // Every third person reads French, the others Arabic, so per-language versions
        // are exercised.
        let language = if k % 3 == 2 { "fr" } else { "ar" };
        csv.push_str(&format!(
            "Province {province},Commune {commune},Élu {k},{role},+2126{k:08},{language}\n"
        ));
    }
    csv
}

/// Imports a synthetic roster of `n` people the way `takwin roster import` does, and has
/// everyone join (one private chat each, `FIRST_PERSON_CHAT + id`).
async fn synthetic_roster(state: &AppState, caller: &Caller, n: u32) -> anyhow::Result<()> {
    let csv = roster_csv(n);
    actions::roster::import(
        state,
        caller,
        csv.as_bytes(),
        &Default::default(),
        |_, _| {},
    )
    .await?
    .map_err(|e| anyhow::anyhow!("the synthetic roster is refused: {e:?}"))?;
    sqlx::query("UPDATE people SET telegram_user_id = id + $1, joined_at = $2")
        .bind(FIRST_PERSON_CHAT)
        .bind(to_millis(state.clock.now()))
        .execute(&state.db.pool)
        .await?;
    Ok(())
}

/// The workshop the benchmarks create: everyone in the roster invited, a month from `now`,
/// as many seats as can be (every yes a confirmed seat), the default reminders.
fn workshop_for_everyone(
    zone: &Zone,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<crate::domain::workshop::NewWorkshop> {
    use crate::domain::workshop::{Capacity, MAX_CAPACITY, NewWorkshop, default_deadline};
    let starts_at = now + chrono::Duration::days(30);
    Ok(NewWorkshop {
        title: "Programmation du budget communal".into(),
        topic: None,
        starts_at,
        venue: "Siège de la Région".into(),
        audience: crate::domain::audience::Audience::everyone(),
        capacity: Capacity::new(MAX_CAPACITY)?,
        reminders: crate::domain::schedule::DEFAULT_REMINDER_OFFSETS.to_vec(),
        answer_deadline: default_deadline(starts_at, zone, now),
        form: Default::default(),
    })
}

/// The backend's name in reports.
/// What a delivery run was asked, printed first in its JSON report.
#[derive(Debug, serde::Serialize)]
struct Run {
    recipients: u32,
    configured_rate: u32,
    backend: &'static str,
    /// Above Telegram's free 30 messages a second, the bot pays for the excess.
    paid_broadcast: bool,
}

impl Run {
    fn new(recipients: u32, configured_rate: u32, backend: BenchBackend) -> Run {
        Run {
            recipients,
            configured_rate,
            backend: backend_name(backend),
            paid_broadcast: configured_rate > delivery::FREE_RATE,
        }
    }
}

fn backend_name(backend: BenchBackend) -> &'static str {
    match backend {
        BenchBackend::Sqlite => "sqlite",
        BenchBackend::Postgres => "postgres",
    }
}

/// Rounds to this many decimals, for readable figures.
fn round(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale
}

/// A database of its own for one benchmark run: a temporary SQLite file, or a fresh
/// PostgreSQL database dropped afterwards.
struct BenchDatabase {
    url: String,
    /// Holds the SQLite file; removed on drop.
    _dir: Option<tempfile::TempDir>,
    /// The server URL and the name of the database created on it.
    postgres: Option<(String, String)>,
}

impl BenchDatabase {
    async fn create(backend: BenchBackend) -> anyhow::Result<BenchDatabase> {
        match backend {
            BenchBackend::Sqlite => {
                let dir = tempfile::tempdir().context("creating a temporary folder")?;
                let url = format!("sqlite://{}", dir.path().join("bench.db").display());
                Ok(BenchDatabase {
                    url,
                    _dir: Some(dir),
                    postgres: None,
                })
            }
            BenchBackend::Postgres => {
                let base = std::env::var("DATABASE_URL")
                    .context("--backend postgres needs DATABASE_URL=postgres://…")?;
                anyhow::ensure!(
                    base.starts_with("postgres:") || base.starts_with("postgresql:"),
                    "--backend postgres needs DATABASE_URL=postgres://…, not {:?}",
                    crate::store::redacted_url(&base)
                );
                let name = format!("takwin_bench_{:016x}", rand::random::<u64>());
                let mut conn = sqlx::PgConnection::connect(&base)
                    .await
                    .context("connecting to DATABASE_URL")?;
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .context("creating the benchmark's database")?;
                let _ = conn.close().await;
                let mut url = url::Url::parse(&base).context("DATABASE_URL is not a URL")?;
                url.set_path(&name);
                Ok(BenchDatabase {
                    url: url.to_string(),
                    _dir: None,
                    postgres: Some((base, name)),
                })
            }
        }
    }

    /// Runs `run` on a database of its own, removed whatever happened, so a failed run
    /// leaves nothing behind.
    async fn around<T>(
        backend: BenchBackend,
        run: impl AsyncFnOnce(&str) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let database = BenchDatabase::create(backend).await?;
        let outcome = run(&database.url).await;
        database.remove().await;
        outcome
    }

    /// Drops the PostgreSQL database; the SQLite file goes with its folder.
    async fn remove(self) {
        if let Some((base, name)) = &self.postgres {
            let dropped = async {
                let mut conn = sqlx::PgConnection::connect(base).await?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn)
                    .await?;
                conn.close().await
            };
            if let Err(err) = dropped.await {
                eprintln!("could not drop the benchmark's database {name}: {err}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::roster::parse_roster;

    #[test]
    fn the_synthetic_roster_is_valid() {
        let rows = parse_roster(roster_csv(1001).as_bytes()).unwrap();
        assert_eq!(rows.len(), 1001);
    }
}
