//! Read models of what people follow: one workshop's details for organisers, an official's
//! upcoming workshops with their answers — each gathered from many reads in one place, as
//! plain figures and names that each screen renders in its own words.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::Db;
use super::checkin;
use super::funding::BodyRecord;
use super::roster::{self, Person};
use super::workshops::{self, Workshop};
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::roster::{BodyKind, PlaceName};
use crate::domain::workshop::{
    AnswerCounts, AttendanceCounts, AttendanceReport, EvaluationSummary, Score, SeatKind,
    WorkshopEvaluation, answer_counts, confirmed, waiting_list,
};
use crate::domain::zone::Zone;

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
        let counts = workshops::attendance(db, Some(id), None, |_| true).await?;
        let scores = workshops::scores(db, id).await?;
        let mut latest_comments = workshops::comments(db, id).await?;
        latest_comments.reverse();
        latest_comments.truncate(SHOWN_COMMENTS);
        Some(Outcome {
            attendance: counts.total,
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

/// Everything the programme report shows, read once: the workshops held in a period, their
/// attendance (per workshop, province and commune), their evaluations, and the funding of
/// the signing bodies — of one province, or of all.
#[derive(Debug, Clone)]
pub struct ProgrammeReport {
    /// The province covered; `None` for all.
    pub province: Option<PlaceName>,
    /// The first and last local days covered, when bounded.
    pub period: (Option<NaiveDate>, Option<NaiveDate>),
    /// The workshops held (started, not cancelled) in the period, by start; in a province's
    /// report, those its people were invited to.
    pub held: Vec<Workshop>,
    pub attendance: AttendanceReport,
    /// The evaluations of the workshops held, in the same order.
    pub evaluations: Vec<WorkshopEvaluation>,
    pub funding: Vec<BodyRecord>,
    /// The local day the report was made.
    pub made_on: NaiveDate,
}

/// The programme report's facts for a province (or all) and a period of local days.
pub async fn programme(
    db: &Db,
    province: Option<PlaceName>,
    period: (Option<NaiveDate>, Option<NaiveDate>),
    now: DateTime<Utc>,
    zone: &Zone,
) -> anyhow::Result<ProgrammeReport> {
    let in_period = |w: &Workshop| {
        let day = zone.local(w.starts_at).date();
        period.0.is_none_or(|from| day >= from) && period.1.is_none_or(|to| day <= to)
    };
    let started: Vec<Workshop> = workshops::started(db, now, None)
        .await?
        .into_iter()
        .filter(|w| w.cancelled_at.is_none() && in_period(w))
        .collect();
    let latin = province.as_ref().map(|p| p.latin.as_str());
    let ids: std::collections::HashSet<WorkshopId> = started.iter().map(|w| w.id).collect();
    let attendance = workshops::attendance(db, None, latin, |id| ids.contains(&id)).await?;
    let held: Vec<Workshop> = started
        .into_iter()
        .filter(|w| latin.is_none() || attendance.workshops.iter().any(|a| a.workshop == w.id))
        .collect();
    let mut evaluations = Vec::with_capacity(held.len());
    for w in &held {
        evaluations.push(workshops::evaluation_of(db, w).await?);
    }
    Ok(ProgrammeReport {
        funding: super::funding::records(db, latin).await?,
        province,
        period,
        held,
        attendance,
        evaluations,
        made_on: zone.local(now).date(),
    })
}

/// How far back a weekly digest looks, and how far ahead.
pub const DIGEST_PAST: chrono::Duration = chrono::Duration::days(7);
pub const DIGEST_AHEAD: chrono::Duration = chrono::Duration::days(14);

/// A body no reminder can reach: neither its president nor its finance staff joined
/// Telegram, so its funding never escalates by itself; someone has to call.
#[derive(Debug, Clone)]
pub struct Unreachable {
    /// Its province.
    pub province: PlaceName,
    /// The commune or council.
    pub body: (BodyKind, PlaceName),
    /// Whom to call: the president, else a finance staff member, with their phone.
    pub contact: Option<Person>,
}

/// What a weekly digest tells, of the whole Region or of one province: the workshops held
/// in the last week and those of the next two, their answers and attendance, the funding
/// verified in the week, and the bodies no reminder reaches.
#[derive(Debug, Clone)]
pub struct Week {
    pub held: Vec<Workshop>,
    pub coming: Vec<Workshop>,
    /// The attendance and answers of those workshops (of the province's people only, in a
    /// province's digest).
    pub attendance: AttendanceReport,
    pub movements: Vec<super::funding::Movement>,
    pub unreachable: Vec<Unreachable>,
}

impl Week {
    /// Nothing happened and nothing is coming: no digest is sent.
    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
            && self.coming.is_empty()
            && self.movements.is_empty()
            && self.unreachable.is_empty()
    }
}

/// The week around `now` of one province (its Latin name) or the whole Region.
pub async fn week(db: &Db, province: Option<&str>, now: DateTime<Utc>) -> anyhow::Result<Week> {
    let since = now - DIGEST_PAST;
    let until = now + DIGEST_AHEAD;
    let window = workshops::between(db, since, until).await?;
    let ids: std::collections::HashSet<WorkshopId> = window.iter().map(|w| w.id).collect();
    let attendance = workshops::attendance(db, None, province, |id| ids.contains(&id)).await?;
    // In a province's digest, the workshops its people are invited to.
    let (held, coming): (Vec<Workshop>, Vec<Workshop>) = window
        .into_iter()
        .filter(|w| province.is_none() || attendance.workshops.iter().any(|a| a.workshop == w.id))
        .partition(|w| w.starts_at < now);
    let unreachable = match province {
        Some(latin) => unreachable_bodies(db, latin).await?,
        None => Vec::new(),
    };
    Ok(Week {
        held,
        coming,
        attendance,
        movements: super::funding::verified_since(db, province, since).await?,
        unreachable,
    })
}

/// The province's signing bodies whose president and finance staff never joined Telegram,
/// each with whom to call.
async fn unreachable_bodies(db: &Db, province: &str) -> anyhow::Result<Vec<Unreachable>> {
    use crate::domain::roster::Role;
    let people = roster::all_people(db).await?;
    let mut out = Vec::new();
    for record in super::funding::records(db, Some(province)).await? {
        let answerable: Vec<&Person> = people
            .iter()
            .filter(|p| {
                p.body_id == Some(record.id)
                    && matches!(p.role, Role::President | Role::FinanceStaff)
            })
            .collect();
        if answerable.iter().any(|p| p.telegram_user_id.is_some()) {
            continue;
        }
        let contact = answerable
            .iter()
            .find(|p| p.role == Role::President)
            .or(answerable.first())
            .map(|p| (*p).clone());
        out.push(Unreachable {
            province: record.province,
            body: record.body,
            contact,
        });
    }
    Ok(out)
}
