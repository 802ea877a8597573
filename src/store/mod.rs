//! Storage: one copy of each query, run through sqlx's `Any` driver on SQLite or PostgreSQL.
//!
//! Queries use `$1` placeholders, which both backends accept; values are primitives (integer
//! UTC milliseconds, integer centimes, text). The few real differences between the backends
//! live in the per-backend migrations and in [`Backend`].

pub mod audience;
pub mod audit;
pub mod broadcasts;
pub mod certificates;
pub mod checkin;
pub mod dialogues;
pub mod follow_up;
pub mod funding;
mod ids;
pub mod inbox;
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

/// A PostgreSQL connection idle this long is checked (pinged) before it is used again: under
/// load connections go round within milliseconds and are not checked; after the server
/// restarted (which takes longer than this), every connection it dropped is found dead and
/// replaced before a statement fails on it.
const CHECK_IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// Rows per multi-row `INSERT`. Measured with `takwin bench workshop`: 50 rows queue 3,000
/// invitees' 21,000 outbox rows in 0.3 s on both backends, against 1.0 s (SQLite) and 3.1 s
/// (PostgreSQL) one row at a time; larger statements get slower again on SQLite, whose
/// binding of `$N` parameters grows with their number.
pub(crate) const ROWS_PER_INSERT: usize = 50;

/// `($1, $2, $3), ($4, $5, $6), …` for `rows` rows of `columns` parameters: one statement
/// instead of one per row, which is what makes queueing a large audience quick (one round
/// trip per few hundred rows on PostgreSQL).
pub(crate) fn values_placeholders(rows: usize, columns: usize) -> String {
    values_placeholders_from(1, rows, columns)
}

/// `1, 2, 3`: integers for an `IN (…)` list. Only for this process's own integers (ids read
/// from the database): written into the statement as numbers, since binding a parameter each
/// costs SQLite more the more there are.
pub(crate) fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// [`values_placeholders`] numbered from `$first` (the statement binds others before them).
pub(crate) fn values_placeholders_from(first: usize, rows: usize, columns: usize) -> String {
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
            sql.push_str(&(first + row * columns + column).to_string());
        }
        sql.push(')');
    }
    sql
}

/// Begins a transaction that may write. On SQLite it takes the writing connection
/// ([`Db::writer`]) and the write lock at once (`BEGIN IMMEDIATE`): a deferred transaction that
/// starts by reading holds a snapshot, and if another connection (the sender, the poller's
/// lease, another handler) commits before it writes, SQLite refuses the upgrade at once with
/// `SQLITE_BUSY_SNAPSHOT`, which no busy timeout retries, and the handler fails. On
/// PostgreSQL it is a plain `BEGIN` (read committed), where that cannot happen.
pub(crate) async fn begin_writing(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
    match db.backend {
        Backend::Sqlite => db.writer.begin_with("BEGIN IMMEDIATE").await,
        Backend::Postgres => db.pool.begin().await,
    }
}

/// A database URL fit for an error or a log line: the password replaced by `***`, in the
/// user part (`postgres://user:***@host/db`) and in a `password=` parameter, which sqlx also
/// reads. Errors quote the URL so the operator sees which one was wrong; the password would
/// otherwise end up in terminals, CI logs and bug reports. A URL too broken to parse (a
/// missing `:`, `postgresql//u:pw@`) still shows, with everything between the first `:`
/// of its user part and the last `@` hidden.
pub fn redacted_url(url: &str) -> String {
    const HIDDEN: &str = "***";
    let secret = |key: &str| key.to_ascii_lowercase().contains("password");
    // Without a host (`u:pw@db` reads as scheme `u`), the url crate sees no user part at all.
    if let Some(mut parsed) = url::Url::parse(url).ok().filter(url::Url::has_host) {
        if parsed.password().is_some() {
            // Only a URL that cannot have a password refuses one, and this one has one.
            let _ = parsed.set_password(Some(HIDDEN));
        }
        if parsed.query_pairs().any(|(key, _)| secret(&key)) {
            let pairs: Vec<(String, String)> = parsed
                .query_pairs()
                .map(|(key, value)| {
                    let value = if secret(&key) {
                        HIDDEN.into()
                    } else {
                        value.into()
                    };
                    (key.into_owned(), value)
                })
                .collect();
            parsed.query_pairs_mut().clear().extend_pairs(pairs);
        }
        return parsed.to_string();
    }
    // Not a URL: hide by position. The user part runs from after `//` (or the start) to the
    // last `@`, and a password follows its first `:`.
    let mut shown = url.to_owned();
    let authority = url.find("//").map_or(0, |i| i + 2);
    if let Some(at) = url.rfind('@').filter(|at| *at >= authority) {
        if let Some(colon) = url[authority..at].find(':') {
            shown.replace_range(authority + colon + 1..at, HIDDEN);
        }
    }
    // A `password=` parameter, up to the next `&`, wherever it is.
    let mut from = 0;
    while let Some(found) = shown[from..].to_ascii_lowercase().find("password=") {
        let start = from + found + "password=".len();
        let end = shown[start..].find('&').map_or(shown.len(), |i| start + i);
        shown.replace_range(start..end, HIDDEN);
        from = start + HIDDEN.len();
    }
    shown
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
            anyhow::bail!(
                "DATABASE_URL must start with sqlite: or postgres:, not {:?}",
                redacted_url(url)
            )
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
    /// Where writes that come often go ([`Db::writer`]).
    writer: AnyPool,
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
            .with_context(|| {
                format!(
                    "DATABASE_URL {:?} is not a valid database URL",
                    redacted_url(&url)
                )
            })?
            .disable_statement_logging();
        let max = match backend {
            // One writer at a time is SQLite's rule; a few readers are fine under WAL.
            Backend::Sqlite => 4,
            Backend::Postgres => 10,
        };
        let pool = Self::pool(backend, max, options.clone()).await?;
        let writer = match backend {
            Backend::Sqlite => Self::pool(backend, 1, options).await?,
            Backend::Postgres => pool.clone(),
        };
        let db = Db {
            pool,
            backend,
            writer,
        };
        db.migrate().await?;
        Ok(db)
    }

    /// The pool that writes which come often take: on SQLite one connection, on PostgreSQL
    /// the pool itself. SQLite lets one connection write at a time, and one that finds the
    /// file locked sleeps in its busy handler (1 ms, then 2, 5, 10 … up to 100) before trying
    /// again, so that under a storm of button presses the lock sat free while writers slept.
    /// Waiting for the one writing connection instead is a queue served in turn, woken the
    /// moment the previous write ends.
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    async fn pool(
        backend: Backend,
        max: u32,
        options: AnyConnectOptions,
    ) -> anyhow::Result<AnyPool> {
        AnyPoolOptions::new()
            .max_connections(max)
            // sqlx pings a connection each time it is taken from the pool, by default: on
            // PostgreSQL a round trip to the server before every statement, on SQLite a trip to
            // the connection's thread (without them, and without re-validating stored phone
            // numbers, `takwin bench presses` went from 1,900 to 2,850–3,050 presses/s on
            // SQLite, 985 to 1,509 on PostgreSQL). A connection in use a moment ago is alive; one idle a while (the server may have restarted) is still
            // checked before it is used (`CHECK_IDLE_AFTER`). SQLite's file has no server to lose.
            .test_before_acquire(false)
            .before_acquire(move |conn, meta| {
                Box::pin(async move {
                    if backend == Backend::Postgres && meta.idle_for >= CHECK_IDLE_AFTER {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
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
                        // In WAL mode, NORMAL syncs the log at checkpoints rather than at every
                        // commit: a crash of the process loses nothing committed, and the file
                        // cannot be corrupted; only a power cut can lose the last commits.
                        // FULL made every press of a button wait for the disk several times.
                        sqlx::query("PRAGMA synchronous = NORMAL")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .context("cannot connect to the database")
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite").run(&self.pool).await,
            Backend::Postgres => sqlx::migrate!("migrations/postgres").run(&self.pool).await,
        }
        .context("cannot apply the database migrations")
    }

    /// Whether the database answers and every migration this binary knows has been applied
    /// (a replica of an older release, or a database restored from an old backup, is not).
    pub async fn is_ready(&self) -> bool {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("migrations/postgres"),
        };
        let known = migrator
            .iter()
            .filter(|m| m.migration_type.is_up_migration())
            .count();
        let applied =
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await;
        matches!(applied, Ok(n) if usize::try_from(n).is_ok_and(|n| n >= known))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_database_urls_are_hidden() {
        for (url, shown) in [
            (
                "postgres://u:s3cret@127.0.0.1:1/x",
                "postgres://u:***@127.0.0.1:1/x",
            ),
            ("postgres://u@db/x", "postgres://u@db/x"),
            ("sqlite://takwin.db", "sqlite://takwin.db"),
            (
                "postgres://db/x?user=u&password=s3cret&sslmode=require",
                "postgres://db/x?user=u&password=***&sslmode=require",
            ),
            ("postgresql//u:s3cret@", "postgresql//u:***@"),
            (
                "postgres://u:s3cret@host:port/x",
                "postgres://u:***@host:port/x",
            ),
            ("u:s3cret@host", "u:***@host"),
            (
                "pg:?PassWord=s3cret&x=1 password=s3cret",
                "pg:?PassWord=***&x=1 password=***",
            ),
        ] {
            assert_eq!(redacted_url(url), shown, "{url}");
        }
        let refused = Backend::of_url("postgresql//u:s3cret@").unwrap_err();
        assert!(!format!("{refused:#}").contains("s3cret"), "{refused:#}");
    }

    #[test]
    fn placeholders_number_every_parameter_once() {
        assert_eq!(values_placeholders(1, 2), "($1, $2)");
        assert_eq!(values_placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
