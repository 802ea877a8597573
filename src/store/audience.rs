//! An audience resolved against the roster as it is now. The domain says who belongs to it
//! (`Audience::includes`); this is the one place that asks the database, for workshops,
//! recurring schedules and the dialogue's head-counts alike.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::Row;

use super::Db;
use super::roster::{self, Person};
use crate::domain::audience::{Audience, Invitation, Member};
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
    // What the audience asks about, looked up once: the bodies owing something, the
    // organisers, each workshop's invitations.
    let parts = audience.every_part();
    let owing: HashSet<CommuneId> = match today {
        Some(today) if parts.iter().any(|p| p.owing) => super::funding::owing(db, today)
            .await?
            .into_iter()
            .collect(),
        // Without a day nobody can be said to owe: nobody is reached.
        _ => HashSet::new(),
    };
    let organisers: HashSet<PersonId> = if parts.iter().any(|p| p.organisers) {
        roster::organisers(db).await?.iter().map(|p| p.id).collect()
    } else {
        HashSet::new()
    };
    let mut invitations: HashMap<i64, HashMap<PersonId, Invitation>> = HashMap::new();
    for workshop in parts.iter().flat_map(|p| &p.workshops) {
        if let std::collections::hash_map::Entry::Vacant(entry) =
            invitations.entry(workshop.workshop_id)
        {
            entry.insert(workshop_invitations(db, workshop.workshop_id).await?);
        }
    }
    // The domain says who is in (`Audience::reaches`); each person is checked once, so is
    // taken once however many parts they are in.
    Ok(people
        .into_iter()
        .filter(|person| {
            let invitation = |workshop_id: i64| {
                invitations
                    .get(&workshop_id)
                    .and_then(|of_workshop| of_workshop.get(&person.id))
                    .copied()
            };
            audience.reaches(&Member {
                role: person.role,
                province: &person.province,
                body: person.body.as_ref(),
                owes: person.body_id.is_some_and(|b| owing.contains(&b)),
                organiser: organisers.contains(&person.id),
                invitation: &invitation,
            })
        })
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
