//! What organisers look at to follow the programme: the workshops with their counts, and one
//! workshop's details (a read model of the store's, `store::follow_up`). Looking is an
//! organiser's action, so it is checked and audited here.

use super::{Caller, Refusal};
use crate::domain::ids::WorkshopId;
use crate::domain::workshop::{AnswerCounts, answer_counts};
use crate::state::AppState;
use crate::store::audit;
use crate::store::follow_up::{self, WorkshopDetails};
use crate::store::workshops::{self, Workshop};

/// How far back the list of workshops still shows one, for its attendance and ratings.
pub const RECENT: chrono::Duration = chrono::Duration::days(30);

/// Why an organiser's screen was not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookRefusal {
    /// Only organisers follow workshops.
    NotOrganiser,
    /// There is no such workshop (a stale or forged button).
    NotFound,
}

impl Refusal for LookRefusal {
    fn key(&self) -> String {
        match self {
            LookRefusal::NotOrganiser => "organiser-only",
            LookRefusal::NotFound => "workshop-not-found",
        }
        .to_owned()
    }
}

/// The upcoming and recent workshops, each with where its invitees stand. Audited.
pub async fn workshops(
    state: &AppState,
    caller: &Caller,
) -> anyhow::Result<Result<Vec<(Workshop, AnswerCounts)>, LookRefusal>> {
    if !caller.organiser {
        return Ok(Err(LookRefusal::NotOrganiser));
    }
    let now = state.clock.now();
    let mut listed = Vec::new();
    for w in workshops::upcoming(&state.db, now - RECENT).await? {
        let counts = answer_counts(&workshops::invitees(&state.db, w.id).await?);
        listed.push((w, counts));
    }
    // Organisers read this in /audit: "1 workshop", not "1 workshops".
    let detail = match listed.len() {
        1 => "1 workshop".to_owned(),
        n => format!("{n} workshops"),
    };
    audit::record(&state.db.pool, now, &caller.label, "workshop.list", &detail).await?;
    Ok(Ok(listed))
}

/// One workshop's details, as an organiser follows it (the store's read model). Audited.
pub async fn workshop_details(
    state: &AppState,
    caller: &Caller,
    id: WorkshopId,
) -> anyhow::Result<Result<WorkshopDetails, LookRefusal>> {
    if !caller.organiser {
        return Ok(Err(LookRefusal::NotOrganiser));
    }
    let now = state.clock.now();
    let Some(details) = follow_up::workshop_details(&state.db, id, now).await? else {
        return Ok(Err(LookRefusal::NotFound));
    };
    audit::record(
        &state.db.pool,
        now,
        &caller.label,
        "workshop.view",
        &format!("workshop {id}"),
    )
    .await?;
    Ok(Ok(details))
}
