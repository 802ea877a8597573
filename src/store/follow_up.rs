//! Read models of what people follow: one workshop's details for organisers, an official's
//! upcoming workshops with their answers — each gathered from many reads in one place, as
//! plain figures and names that each screen renders in its own words.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::Db;
use super::checkin;
use super::roster::{self, Person};
use super::workshops::{self, Workshop};
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::roster::{BodyKind, PlaceName};
use crate::domain::workshop::{
    AnswerCounts, AttendanceCounts, EvaluationSummary, Score, SeatKind, answer_counts, attendance,
    confirmed, waiting_list,
};

/// How many comments a workshop's details carry, the latest first.
pub const SHOWN_COMMENTS: usize = 5;

/// Where a person belongs: their province, and their commune or council if they have one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The province or prefecture.
    pub province: PlaceName,
    /// The commune or council; `None` for the province's own staff.
    pub body: Option<(BodyKind, PlaceName)>,
}

impl Place {
    fn of(person: &Person) -> Place {
        Place {
            province: person.province.clone(),
            body: person.body.clone(),
        }
    }
}

/// A person named in a list of the details, with their place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Their name.
    pub name: String,
    /// Where they belong.
    pub place: Place,
}

/// One commune's (or the province staff's) figures for a workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceFigures {
    /// Where.
    pub place: Place,
    /// Said yes (confirmed or waiting).
    pub yes: u32,
    /// Said no.
    pub no: u32,
    /// Not answered.
    pub pending: u32,
    /// Came (walk-ins included), once the workshop has started.
    pub present: u32,
}

/// How a workshop went, once it has started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Present, absent and walk-ins.
    pub attendance: AttendanceCounts,
    /// The ratings.
    pub evaluation: EvaluationSummary,
    /// The latest comments with their score, the latest first, [`SHOWN_COMMENTS`] at most.
    pub latest_comments: Vec<(u8, String)>,
}

/// One workshop's details, as an organiser follows it.
#[derive(Debug, Clone)]
pub struct WorkshopDetails {
    /// The workshop.
    pub workshop: Workshop,
    /// Where its invitees stand.
    pub counts: AnswerCounts,
    /// The figures per commune, in no particular order (the reader sorts by the names it shows).
    pub places: Vec<PlaceFigures>,
    /// Who has a seat.
    pub coming: Vec<Named>,
    /// The waiting list, in the order it moves up.
    pub waiting: Vec<Named>,
    /// Who has not answered, while answers are still open (empty after the deadline).
    pub pending: Vec<Named>,
    /// How it went, once it has started.
    pub outcome: Option<Outcome>,
    /// Whether it may still be moved, resized or cancelled.
    pub changeable: bool,
}

/// One workshop's details at `now`: counts per commune, who is coming, the waiting list, who
/// has not answered, and how it went once it has started; `None` if there is no such workshop.
pub async fn workshop_details(
    db: &Db,
    id: WorkshopId,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<WorkshopDetails>> {
    let Some(workshop) = workshops::get(db, id).await? else {
        return Ok(None);
    };
    let invitees = workshops::invitees(db, id).await?;
    let people: HashMap<PersonId, Person> = roster::all_people(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut places: Vec<PlaceFigures> = Vec::new();
    let mut figures_of = |place: Place| -> usize {
        match places.iter().position(|f| f.place == place) {
            Some(i) => i,
            None => {
                places.push(PlaceFigures {
                    place,
                    yes: 0,
                    no: 0,
                    pending: 0,
                    present: 0,
                });
                places.len() - 1
            }
        }
    };
    let mut indices = Vec::new();
    for invitee in &invitees {
        let Some(person) = people.get(&invitee.person) else {
            continue;
        };
        indices.push((figures_of(Place::of(person)), invitee.seat));
    }
    let held = workshop.starts_at <= now;
    let mut came = Vec::new();
    if held {
        // Who came, walk-ins included, counted where they belong.
        for (person_id, present) in checkin::marked(db, id).await? {
            if let (true, Some(person)) = (present, people.get(&person_id)) {
                came.push(figures_of(Place::of(person)));
            }
        }
    }
    for (index, seat) in indices {
        let figures = &mut places[index];
        match seat {
            SeatKind::Confirmed | SeatKind::Waiting => figures.yes += 1,
            SeatKind::Declined => figures.no += 1,
            SeatKind::NoAnswer => figures.pending += 1,
        }
    }
    for index in came {
        places[index].present += 1;
    }
    let named = |id: &PersonId| {
        people.get(id).map(|p| Named {
            name: p.full_name.clone(),
            place: Place::of(p),
        })
    };
    let pending = if workshop.answer_deadline > now {
        invitees
            .iter()
            .filter(|i| i.seat == SeatKind::NoAnswer)
            .filter_map(|i| named(&i.person))
            .collect()
    } else {
        Vec::new()
    };
    let outcome = if held {
        let facts = workshops::attendance_facts(db, Some(id), None).await?;
        let scores = workshops::scores(db, id).await?;
        let mut latest_comments = workshops::comments(db, id).await?;
        latest_comments.reverse();
        latest_comments.truncate(SHOWN_COMMENTS);
        Some(Outcome {
            attendance: attendance(&facts).total,
            evaluation: EvaluationSummary::from_scores(
                scores.iter().filter_map(|(_, s)| Score::new(*s).ok()),
            ),
            latest_comments,
        })
    } else {
        None
    };
    let details = WorkshopDetails {
        counts: answer_counts(&invitees),
        places,
        coming: confirmed(&invitees).iter().filter_map(named).collect(),
        waiting: waiting_list(&invitees).iter().filter_map(named).collect(),
        pending,
        outcome,
        changeable: workshop.cancelled_at.is_none() && workshop.starts_at > now,
        workshop,
    };
    Ok(Some(details))
}

/// A person's upcoming workshops, soonest first, each with where they stand (no answer yet
/// when nothing is recorded).
pub async fn upcoming_for(
    db: &Db,
    person: PersonId,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<(Workshop, SeatKind)>> {
    let mut upcoming = Vec::new();
    for id in workshops::upcoming_for(db, person, now).await? {
        let Some(workshop) = workshops::get(db, id).await? else {
            continue;
        };
        let seat = workshops::seat_of(db, id, person)
            .await?
            .unwrap_or(SeatKind::NoAnswer);
        upcoming.push((workshop, seat));
    }
    Ok(upcoming)
}
