//! What the administrator does with the roster: import it, grant and withdraw appointments
//! (organisers, finance officers).

use std::io::Read;

use super::Caller;
use crate::domain::ids::PersonId;
use crate::domain::roster::{
    Appointment, Phone, Plan, RosterErrors, RosterRow, SyncOptions, SyncProblem, parse_roster, plan,
};
use crate::outbox::Payload;
use crate::outbox::workshops::{notify_promoted, send_invitations};
use crate::state::AppState;
use crate::store::outbox::NewMessage;
use crate::store::roster::{self, ImportReport, Person};
use crate::store::workshops;

/// The largest roster file read: a whole country's roster (30,000 people) is about 3 MB, so
/// anything much larger is a wrong file, refused before it is read into memory.
pub const MAX_ROSTER_BYTES: u64 = 20 * 1024 * 1024;

/// Why a roster action changed nothing. Only the command line manages the roster so far, so
/// these are told in its words, not from the Fluent files.
#[derive(Debug, Clone)]
pub enum RosterRefusal {
    /// Only organisers (and the command line) manage the roster.
    NotOrganiser,
    /// The file is larger than [`MAX_ROSTER_BYTES`].
    TooLarge,
    /// The file has bad lines: each is named, nothing was changed.
    BadLines(RosterErrors),
    /// The file conflicts with the stored roster (a second president, a phone replacement
    /// that does not fit): each is named, nothing was changed.
    Conflicts(Vec<SyncProblem>),
    /// Not a phone number.
    BadPhone(String),
    /// Nobody in the roster has that phone number.
    UnknownPhone(Phone),
}

/// How a roster file is imported.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Say what would change; write nothing.
    pub dry_run: bool,
    /// People on the roster but absent from the file leave it.
    pub prune: bool,
    /// Changed phone numbers, old and new, as typed.
    pub new_phones: Vec<(String, String)>,
}

/// A roster file read and stored (or, on a dry run, compared): what changed.
#[derive(Debug, Clone)]
pub struct Imported {
    /// How many rows the file had.
    pub rows: usize,
    /// Every change, decided before anything was written.
    pub plan: Plan,
    /// The counts of the plan.
    pub report: ImportReport,
    /// Invitations added to upcoming workshops whose audience now includes more people.
    pub newly_invited: usize,
    /// People moved up from waiting lists into seats given up by people who left.
    pub promoted: usize,
}

/// Imports a roster file: all or nothing as to its content — any bad line, or any conflict
/// with the stored roster, refuses the whole file before anything is written. The changes
/// are then written in short transactions, so the running bot is never held up; a stop
/// half-way is finished by importing the same file again. With `dry_run` nothing is written.
/// Audited.
pub async fn import(
    state: &AppState,
    caller: &Caller,
    input: impl Read,
    options: &ImportOptions,
    progress: impl FnMut(usize, usize),
) -> anyhow::Result<Result<Imported, RosterRefusal>> {
    if !caller.organiser {
        return Ok(Err(RosterRefusal::NotOrganiser));
    }
    let mut bytes = Vec::new();
    input.take(MAX_ROSTER_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_ROSTER_BYTES {
        return Ok(Err(RosterRefusal::TooLarge));
    }
    let rows: Vec<RosterRow> = match parse_roster(bytes.as_slice()) {
        Ok(rows) => rows,
        Err(errors) => return Ok(Err(RosterRefusal::BadLines(errors))),
    };
    let mut new_phones = Vec::new();
    for (old, new) in &options.new_phones {
        let parse = |p: &str| Phone::parse(p).map_err(|_| RosterRefusal::BadPhone(p.to_owned()));
        match (parse(old), parse(new)) {
            (Ok(old), Ok(new)) => new_phones.push((old, new)),
            (Err(refusal), _) | (_, Err(refusal)) => return Ok(Err(refusal)),
        }
    }
    let sync = SyncOptions {
        prune: options.prune,
        new_phones,
    };
    let (stored, places) = roster::snapshot(&state.db).await?;
    let plan = match plan(&stored, &places, &rows, &sync) {
        Ok(plan) => plan,
        Err(problems) => return Ok(Err(RosterRefusal::Conflicts(problems))),
    };
    let report = ImportReport::of(&plan);
    let mut imported = Imported {
        rows: rows.len(),
        plan,
        report,
        newly_invited: 0,
        promoted: 0,
    };
    if options.dry_run {
        return Ok(Ok(imported));
    }
    let now = state.clock.now();
    let applied = roster::apply(&state.db, &imported.plan, &caller.label, now, progress).await?;
    // Seats given up by people who left go to the waiting lists, who are told.
    for workshop in applied.freed {
        let promoted = workshops::fill_freed_seats(&state.db, workshop).await?;
        if !promoted.is_empty() {
            imported.promoted += promoted.len();
            notify_promoted(state, workshop, &promoted).await?;
        }
    }
    // People new to the roster (or now in a workshop's audience) are invited to the
    // upcoming workshops meant for them, and get the invitation if they have joined.
    for workshop in workshops::upcoming(&state.db, now).await? {
        let added = workshops::invite_newcomers(&state.db, &workshop, now).await?;
        if !added.is_empty() {
            imported.newly_invited += added.len();
            send_invitations(state, workshop.id).await?;
        }
    }
    Ok(Ok(imported))
}

/// An appointment granted or withdrawn: the person, and whether anything changed.
#[derive(Debug, Clone)]
pub struct AppointmentChange {
    /// The person.
    pub person: Person,
    /// False when they already held it (or already did not).
    pub changed: bool,
}

/// Grants (`held`) or withdraws an appointment — organiser, or the Region's finance officer
/// who verifies what bodies declare — from the person of the roster with this phone number.
/// Audited when it changes; a person who has joined is then told, in their language, and
/// asked to send /help, which lists their commands as they are now and announces their
/// chat's command menu again.
pub async fn set_appointment(
    state: &AppState,
    caller: &Caller,
    phone: &Phone,
    appointment: Appointment,
    held: bool,
) -> anyhow::Result<Result<AppointmentChange, RosterRefusal>> {
    if !caller.organiser {
        return Ok(Err(RosterRefusal::NotOrganiser));
    }
    let Some(person) = roster::by_phone(&state.db, phone).await? else {
        return Ok(Err(RosterRefusal::UnknownPhone(phone.clone())));
    };
    let now = state.clock.now();
    let changed =
        roster::set_appointment(&state.db, person.id, appointment, held, &caller.label, now)
            .await?;
    if changed && let Some(chat) = person.telegram_user_id {
        let what = if held { "appointed" } else { "withdrawn" };
        let key = format!("help-{what}-{}", appointment.code());
        let html = state.i18n.t(person.language, &key);
        let dedup = format!("{key}:{}:{}", person.id, now.timestamp_millis());
        let told = NewMessage::to(
            chat,
            Some(person.id),
            Payload::html(html).to_json(),
            dedup,
            now,
        );
        crate::store::outbox::enqueue(&state.db, &told, now).await?;
    }
    Ok(Ok(AppointmentChange { person, changed }))
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
