//! What the administrator does with the roster: import it, appoint and remove organisers.

use std::io::Read;

use super::Caller;
use crate::domain::ids::PersonId;
use crate::domain::roster::{Phone, RosterErrors, RosterRow, parse_roster};
use crate::outbox::workshops::send_invitations;
use crate::state::AppState;
use crate::store::roster::{self, ImportReport, Person};
use crate::store::workshops;

/// Why a roster action changed nothing. Only the command line manages the roster so far, so
/// these are told in its words, not from the Fluent files.
#[derive(Debug, Clone)]
pub enum RosterRefusal {
    /// Only organisers (and the command line) manage the roster.
    NotOrganiser,
    /// The file has bad lines: each is named, nothing was changed.
    BadLines(RosterErrors),
    /// Not a phone number.
    BadPhone(String),
    /// Nobody in the roster has that phone number.
    UnknownPhone(Phone),
}

/// A roster file read and stored (or, on a dry run, compared): what changed.
#[derive(Debug, Clone)]
pub struct Imported {
    /// How many rows the file had.
    pub rows: usize,
    /// What was (or would be) added and updated.
    pub report: ImportReport,
    /// Invitations added to upcoming workshops whose audience now includes more people.
    pub newly_invited: usize,
}

/// Imports a roster file, all or nothing: any bad line refuses the whole file. With `dry_run`
/// nothing is written and the report says what would change. Audited.
pub async fn import(
    state: &AppState,
    caller: &Caller,
    input: impl Read,
    dry_run: bool,
) -> anyhow::Result<Result<Imported, RosterRefusal>> {
    if !caller.organiser {
        return Ok(Err(RosterRefusal::NotOrganiser));
    }
    let rows: Vec<RosterRow> = match parse_roster(input) {
        Ok(rows) => rows,
        Err(errors) => return Ok(Err(RosterRefusal::BadLines(errors))),
    };
    let now = state.clock.now();
    let report = roster::import(&state.db, &rows, now, &caller.label, dry_run).await?;
    let mut newly_invited = 0;
    if !dry_run {
        // People new to the roster (or now in a workshop's audience) are invited to the
        // upcoming workshops meant for them, and get the invitation if they have joined.
        for workshop in workshops::upcoming(&state.db, now).await? {
            let added = workshops::invite_newcomers(&state.db, &workshop, now).await?;
            if !added.is_empty() {
                newly_invited += added.len();
                send_invitations(state, workshop.id).await?;
            }
        }
    }
    Ok(Ok(Imported {
        rows: rows.len(),
        report,
        newly_invited,
    }))
}

/// The person an organiser names by phone number.
async fn by_phone(state: &AppState, phone: &str) -> anyhow::Result<Result<Person, RosterRefusal>> {
    let phone = match Phone::parse(phone) {
        Ok(phone) => phone,
        Err(_) => return Ok(Err(RosterRefusal::BadPhone(phone.to_owned()))),
    };
    Ok(match roster::by_phone(&state.db, &phone).await? {
        Some(person) => Ok(person),
        None => Err(RosterRefusal::UnknownPhone(phone)),
    })
}

/// An appointment or a removal: the person, and whether anything changed.
#[derive(Debug, Clone)]
pub struct OrganiserChange {
    /// The person.
    pub person: Person,
    /// False when they already were (or already were not) an organiser.
    pub changed: bool,
}

/// Appoints a person of the roster, named by phone, as an organiser. Audited.
pub async fn appoint_organiser(
    state: &AppState,
    caller: &Caller,
    phone: &str,
) -> anyhow::Result<Result<OrganiserChange, RosterRefusal>> {
    if !caller.organiser {
        return Ok(Err(RosterRefusal::NotOrganiser));
    }
    let person = match by_phone(state, phone).await? {
        Ok(person) => person,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    let changed = roster::add_organiser(&state.db, person.id, now, &caller.label).await?;
    Ok(Ok(OrganiserChange { person, changed }))
}

/// Removes an organiser's rights from a person named by phone. Audited.
pub async fn remove_organiser(
    state: &AppState,
    caller: &Caller,
    phone: &str,
) -> anyhow::Result<Result<OrganiserChange, RosterRefusal>> {
    if !caller.organiser {
        return Ok(Err(RosterRefusal::NotOrganiser));
    }
    let person = match by_phone(state, phone).await? {
        Ok(person) => person,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    let changed = roster::remove_organiser(&state.db, person.id, now, &caller.label).await?;
    Ok(Ok(OrganiserChange { person, changed }))
}

/// A person who had blocked the bot wrote to us again: they are reachable, and the
/// invitations to upcoming workshops that were held back go now. Returns how many.
pub async fn back_in_reach(state: &AppState, person: &Person) -> anyhow::Result<usize> {
    if !roster::clear_unreachable(&state.db, person.id).await? {
        return Ok(0);
    }
    let now = state.clock.now();
    let mut queued = 0;
    for workshop in workshops::upcoming_for(&state.db, person.id, now).await? {
        queued += send_invitations(state, workshop).await?;
    }
    tracing::info!(
        person = person.id.get(),
        queued,
        "a person who had blocked the bot is back"
    );
    Ok(queued)
}

/// A person blocked the bot: nothing is queued for them until they write to us again.
pub async fn out_of_reach(state: &AppState, person: PersonId) -> anyhow::Result<()> {
    crate::store::outbox::mark_unreachable(&state.db, person, state.clock.now()).await?;
    tracing::info!(person = person.get(), "a person blocked the bot");
    Ok(())
}
