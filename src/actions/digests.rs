//! The weekly digest: planned once (Monday morning, local time, to organisers and
//! Secretaries-General), and turned off or on by each reader for themselves.

use super::Caller;
use crate::domain::audience::Audience;
use crate::domain::ids::PersonId;
use crate::domain::roster::Role;
use crate::domain::schedule::CronSchedule;
use crate::outbox::{Payload, scheduler};
use crate::state::AppState;
use crate::store::{roster, schedules};

/// The schedule's name.
pub const WEEKLY_DIGEST: &str = "weekly-digest";

/// When it goes: Mondays at 08:00 in the programme's zone, before the week's work begins.
pub const WHEN: &str = "0 8 * * 1";

/// Plans the weekly digest unless it is planned already (its time kept as it was set);
/// returns whether it planned it now.
pub async fn plan(state: &AppState) -> anyhow::Result<bool> {
    if schedules::exists(&state.db, WEEKLY_DIGEST).await? {
        return Ok(false);
    }
    let cron = CronSchedule::parse(WHEN)?;
    let readers = Audience {
        also: vec![Audience::roles(&[Role::SecretaryGeneral])],
        ..Audience::organisers()
    };
    // A digest a morning late is still worth reading; one a day late is not.
    let lateness = chrono::Duration::hours(6);
    scheduler::save(
        state,
        WEEKLY_DIGEST,
        &cron,
        &readers,
        &Payload::Digest {},
        lateness,
        None,
    )
    .await?;
    Ok(true)
}

/// Turns a person's own digest on or off; audited. Returns whether it changed.
pub async fn set(
    state: &AppState,
    caller: &Caller,
    person: PersonId,
    on: bool,
) -> anyhow::Result<bool> {
    let now = state.clock.now();
    Ok(roster::set_digest(&state.db, person, on, &caller.label, now).await?)
}
