//! An audience resolved against the roster as it is now. The domain says who belongs to it
//! (`Audience::includes`); this is the one place that asks the database, for workshops,
//! recurring schedules and the dialogue's head-counts alike.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::Db;
use super::roster::{self, Person};
use crate::domain::audience::Audience;
use crate::domain::ids::{CommuneId, PersonId};

/// The people of the roster an audience reaches, each once.
pub async fn members(db: &Db, audience: &Audience) -> sqlx::Result<Vec<Person>> {
    members_on(db, audience, None).await
}

/// [`members`], with the local day for an audience of bodies owing something.
pub async fn members_on(
    db: &Db,
    audience: &Audience,
    today: Option<NaiveDate>,
) -> sqlx::Result<Vec<Person>> {
    let owing: Option<HashSet<CommuneId>> = match (audience.owing, today) {
        (true, Some(today)) => Some(
            super::funding::owing(db, today)
                .await?
                .into_iter()
                .collect(),
        ),
        // Without a day nobody can be said to owe: nobody is reached.
        (true, None) => Some(HashSet::new()),
        (false, _) => None,
    };
    let organisers: Option<HashSet<PersonId>> = if audience.organisers {
        Some(roster::organisers(db).await?.iter().map(|p| p.id).collect())
    } else {
        None
    };
    Ok(roster::all_people(db)
        .await?
        .into_iter()
        .filter(|p| audience.includes(p.role, &p.province, p.body.as_ref()))
        .filter(|p| organisers.as_ref().is_none_or(|o| o.contains(&p.id)))
        .filter(|p| match &owing {
            Some(bodies) => p.body_id.is_some_and(|b| bodies.contains(&b)),
            None => true,
        })
        .collect())
}

/// How many people an audience reaches.
pub async fn head_count(db: &Db, audience: &Audience) -> sqlx::Result<usize> {
    Ok(members(db, audience).await?.len())
}
