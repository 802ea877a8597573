//! An audience resolved against the roster as it is now. The domain says who belongs to it
//! (`Audience::includes`); this is the one place that asks the database, for workshops,
//! recurring schedules and the dialogue's head-counts alike.

use super::Db;
use super::roster::{self, Person};
use crate::domain::audience::Audience;

/// The people of the roster an audience reaches, each once.
pub async fn members(db: &Db, audience: &Audience) -> sqlx::Result<Vec<Person>> {
    Ok(roster::all_people(db)
        .await?
        .into_iter()
        .filter(|p| audience.includes(p.role, &p.province, p.body.as_ref()))
        .collect())
}

/// How many people an audience reaches.
pub async fn head_count(db: &Db, audience: &Audience) -> sqlx::Result<usize> {
    Ok(members(db, audience).await?.len())
}
