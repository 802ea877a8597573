//! An audience resolved against the roster as it is now. The domain says who belongs to it
//! (`Audience::includes`); this is the one place that asks the database, for workshops,
//! recurring schedules and the dialogue's head-counts alike.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::Row;

use super::Db;
use super::roster::{self, Person};
use crate::domain::audience::{Audience, Invitation};
use crate::domain::ids::{CommuneId, PersonId};
use crate::domain::workshop::SeatKind;

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
    let people = roster::all_people(db).await?;
    let mut chosen = vec![false; people.len()];
    let mut owing: Option<HashSet<CommuneId>> = None;
    let mut organisers: Option<HashSet<PersonId>> = None;
    let mut invitations: HashMap<i64, HashMap<PersonId, Invitation>> = HashMap::new();
    // A person is in the audience when they are in one of its parts: each is checked in turn,
    // and each person taken once.
    for part in audience.parts() {
        if part.owing && owing.is_none() {
            owing = Some(match today {
                Some(today) => super::funding::owing(db, today)
                    .await?
                    .into_iter()
                    .collect(),
                // Without a day nobody can be said to owe: nobody is reached.
                None => HashSet::new(),
            });
        }
        if part.organisers && organisers.is_none() {
            organisers = Some(roster::organisers(db).await?.iter().map(|p| p.id).collect());
        }
        for workshop in &part.workshops {
            if let std::collections::hash_map::Entry::Vacant(entry) =
                invitations.entry(workshop.workshop_id)
            {
                entry.insert(workshop_invitations(db, workshop.workshop_id).await?);
            }
        }
        for (person, chosen) in people.iter().zip(chosen.iter_mut()) {
            if *chosen || !part.includes(person.role, &person.province, person.body.as_ref()) {
                continue;
            }
            let owes = !part.owing
                || owing
                    .as_ref()
                    .is_some_and(|bodies| person.body_id.is_some_and(|b| bodies.contains(&b)));
            let invited = part.workshops.iter().all(|w| {
                w.includes(
                    invitations
                        .get(&w.workshop_id)
                        .and_then(|of_workshop| of_workshop.get(&person.id)),
                )
            });
            let organiser = !part.organisers
                || organisers
                    .as_ref()
                    .is_some_and(|organisers| organisers.contains(&person.id));
            *chosen = owes && invited && organiser;
        }
    }
    Ok(people
        .into_iter()
        .zip(chosen)
        .filter_map(|(person, chosen)| chosen.then_some(person))
        .collect())
}

/// Everyone's invitation to a workshop, as audiences ask about it.
async fn workshop_invitations(
    db: &Db,
    workshop_id: i64,
) -> sqlx::Result<HashMap<PersonId, Invitation>> {
    let rows =
        sqlx::query("SELECT person_id, seat, presence FROM invitations WHERE workshop_id = $1")
            .bind(workshop_id)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let seat = SeatKind::from_code(&r.get::<String, _>(1)).unwrap_or(SeatKind::NoAnswer);
            let presence: Option<String> = r.get(2);
            let invitation = Invitation {
                answer: match seat {
                    SeatKind::Confirmed | SeatKind::Waiting => Some(true),
                    SeatKind::Declined => Some(false),
                    SeatKind::NoAnswer => None,
                },
                present: matches!(presence.as_deref(), Some("present" | "walk_in")),
                walk_in: presence.as_deref() == Some("walk_in"),
            };
            (r.get(0), invitation)
        })
        .collect())
}

/// How many people an audience reaches.
pub async fn head_count(db: &Db, audience: &Audience) -> sqlx::Result<usize> {
    Ok(members(db, audience).await?.len())
}
