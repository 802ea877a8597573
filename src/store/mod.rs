//! Storage: one copy of each query, run through sqlx's `Any` driver on SQLite or PostgreSQL.
//!
//! Queries use `$1` placeholders, which both backends accept; values are primitives (integer
//! UTC milliseconds, integer centimes, text). The few real differences between the backends
//! live in the per-backend migrations and in [`Backend`].

pub mod audience;
pub mod audit;
pub mod checkin;
pub mod dialogues;
mod ids;
pub mod leases;
pub mod outbox;
pub mod roster;
pub mod schedules;
pub mod settings;
pub mod workshops;

use std::str::FromStr;

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions};

/// Rows per multi-row `INSERT`. Measured with `takwin bench workshop`: 50 rows queue 3,000
/// invitees' 21,000 outbox rows in 0.3 s on both backends, against 1.0 s (SQLite) and 3.1 s
/// (PostgreSQL) one row at a time; larger statements get slower again on SQLite, whose
/// binding of `$N` parameters grows with their number.
pub(crate) const ROWS_PER_INSERT: usize = 50;

/// `($1, $2, $3), ($4, $5, $6), …` for `rows` rows of `columns` parameters: one statement
/// instead of one per row, which is what makes queueing a large audience quick (one round
/// trip per few hundred rows on PostgreSQL).
pub(crate) fn values_placeholders(rows: usize, columns: usize) -> String {
    let mut sql = String::with_capacity(rows * columns * 5);
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..columns {
            if column > 0 {
                sql.push_str(", ");
            }
            sql.push('$');
            sql.push_str(&(row * columns + column + 1).to_string());
        }
        sql.push(')');
    }
    sql
}

/// Begins a transaction that reads before it writes, taking SQLite's write lock at once: a
/// transaction that starts by reading cannot become a writer if another connection (the
/// running bot's sender) wrote meanwhile, and fails instead. On PostgreSQL the statement
/// touches no row and changes nothing.
pub(crate) async fn begin_writing(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("UPDATE settings SET value = value WHERE key = ''")
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// Which database server is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A local SQLite file: the default, no server needed.
    Sqlite,
    /// A PostgreSQL server: the deployment for several replicas.
    Postgres,
}

impl Backend {
    /// The backend a database URL names.
    pub fn of_url(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Backend::Postgres)
        } else {
            anyhow::bail!("DATABASE_URL must start with sqlite: or postgres:, not {url:?}")
        }
    }
}

/// A pool of connections and the backend it talks to.
#[derive(Debug, Clone)]
pub struct Db {
    /// The connection pool.
    pub pool: AnyPool,
    /// The backend behind the pool.
    pub backend: Backend,
}

impl Db {
    /// Connects, creating a SQLite file on first use, and applies the migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url)?;
        let url = match backend {
            // `mode=rwc` creates the file on first run.
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)
            .with_context(|| "DATABASE_URL is not a valid database URL".to_string())?
            .disable_statement_logging();
        let max = match backend {
            // One writer at a time is SQLite's rule; a few readers are fine under WAL.
            Backend::Sqlite => 4,
            Backend::Postgres => 10,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers go on while the writer writes; foreign keys and a
                        // busy timeout are per connection in SQLite.
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout = 10000")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .context("cannot connect to the database")?;
        let db = Db { pool, backend };
        db.migrate().await?;
        Ok(db)
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await,
            Backend::Postgres => sqlx::migrate!("migrations/postgres").run(&self.pool).await,
        }
        .context("cannot apply the database migrations")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_every_parameter_once() {
        assert_eq!(values_placeholders(1, 2), "($1, $2)");
        assert_eq!(values_placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
