//! Small key-value settings the bot remembers, such as its username from the last `getMe`.

use sqlx::Row;

use super::Db;

/// The key under which the bot's username is remembered.
pub const BOT_USERNAME: &str = "bot_username";

/// Reads a setting.
pub async fn get(db: &Db, key: &str) -> sqlx::Result<Option<String>> {
    let row = sqlx::query("SELECT value FROM settings WHERE key = $1")
        .bind(key)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.get(0)))
}

/// Writes a setting, replacing any earlier value.
pub async fn set(db: &Db, key: &str, value: &str) -> sqlx::Result<()> {
    set_with(&db.pool, key, value).await
}

/// [`set`] within a transaction (or on any connection), beside the writes that go with it.
pub async fn set_with<'e, E>(executor: E, key: &str, value: &str) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(executor)
    .await?;
    Ok(())
}

/// Forgets a setting, within a transaction (or on any connection).
pub async fn remove_with<'e, E>(executor: E, key: &str) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM settings WHERE key = $1")
        .bind(key)
        .execute(executor)
        .await?;
    Ok(())
}
