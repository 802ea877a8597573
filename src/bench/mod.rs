//! Benchmarks: `takwin bench delivery` (the delivery engine against Telegram's limits) and
//! `takwin bench workshop` (creating a workshop for a large audience and queueing its
//! messages). Each prints one JSON object on standard output; notes go to standard error.

mod delivery;
mod workshop;

use anyhow::Context as _;
use sqlx::Connection as _;

pub use delivery::delivery;
pub use workshop::workshop;

use crate::cli::BenchBackend;

/// The backend's name in reports.
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
