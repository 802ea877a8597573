//! The reports organisers follow the programme with: attendance, evaluations and
//! contributions, gathered from the store as plain rows that the command line (and the demo)
//! write as CSV or JSON; and the screens chat shows of the same (`/contributions` and a
//! province's, `/joined`, `/audit`). Asking for one is an organiser's action, so it is
//! checked, and audited, here.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Caller, Refusal};
use crate::domain::ids::WorkshopId;
use crate::domain::roster::{Language, PlaceName};
use crate::domain::workshop::AttendanceReport;
use crate::domain::workshop::WorkshopEvaluation;
use crate::i18n::Args;
use crate::report::ContributionLine;
use crate::state::AppState;
use crate::store::audit::AuditEntry;
use crate::store::follow_up::ProgrammeReport;
use crate::store::funding::BodyRecord;
use crate::store::roster::{JoinedCount, Person};
use crate::store::{self, audit, roster, workshops};

/// Why a report was not given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportRefusal {
    /// Only organisers read the programme's reports.
    NotOrganiser,
    /// No province of the roster has that name; `known` lists them.
    UnknownProvince { asked: String, known: Vec<String> },
    /// The period ends before it begins.
    FromAfterTo { from: NaiveDate, to: NaiveDate },
    /// The charts are for organisers and Secretaries-General.
    NotReader,
}

impl Refusal for ReportRefusal {
    fn key(&self) -> String {
        match self {
            ReportRefusal::NotOrganiser => "organiser-only",
            ReportRefusal::UnknownProvince { .. } => "report-refused-unknown-province",
            ReportRefusal::FromAfterTo { .. } => "report-refused-from-after-to",
            ReportRefusal::NotReader => "report-readers-only",
        }
        .to_owned()
    }

    fn message(&self, i18n: &crate::i18n::I18n, language: Language) -> String {
        let args = match self {
            ReportRefusal::NotOrganiser | ReportRefusal::NotReader => Args::new(),
            ReportRefusal::UnknownProvince { asked, known } => Args::new()
                .text("province", asked)
                .text("known", known.join(", ")),
            ReportRefusal::FromAfterTo { from, to } => Args::new()
                .text("from", i18n.format_date(language, *from))
                .text("to", i18n.format_date(language, *to)),
        };
        i18n.t_args(language, &self.key(), &args)
    }
}

/// Which part of the programme a report covers, as asked: a province, a period (local
/// days, both included), or all of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// A province's Latin name, any case.
    pub province: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// What `/report` draws: the whole programme for an organiser, their province's for a
/// Secretary-General. Audited.
pub async fn charts(
    state: &AppState,
    caller: &Caller,
    person: Option<&Person>,
) -> anyhow::Result<Result<ProgrammeReport, ReportRefusal>> {
    let province = match person {
        _ if caller.organiser => None,
        Some(p) if p.role == crate::domain::roster::Role::SecretaryGeneral => {
            Some(p.province.clone())
        }
        _ => return Ok(Err(ReportRefusal::NotReader)),
    };
    let now = state.clock.now();
    let detail = province
        .as_ref()
        .map(|p| format!("province {}", p.latin))
        .unwrap_or_default();
    let report = store::follow_up::programme(
        &state.db,
        province,
        (None, None),
        now,
        &state.settings.timezone,
    )
    .await?;
    audited(state, caller, "report.charts", &detail).await?;
    Ok(Ok(report))
}

/// The programme report's facts for a scope. An unknown province, or a period that ends
/// before it begins, is refused with the reason. Audited.
pub async fn programme_report(
    state: &AppState,
    caller: &Caller,
    scope: &Scope,
) -> anyhow::Result<Result<ProgrammeReport, ReportRefusal>> {
    if !caller.organiser {
        return Ok(Err(ReportRefusal::NotOrganiser));
    }
    if let (Some(from), Some(to)) = (scope.from, scope.to)
        && from > to
    {
        return Ok(Err(ReportRefusal::FromAfterTo { from, to }));
    }
    let places = roster::places(&state.db).await?;
    let province = match &scope.province {
        None => None,
        Some(asked) => match places
            .iter()
            .find(|p| p.name.latin.eq_ignore_ascii_case(asked.trim()))
        {
            Some(found) => Some(found.name.clone()),
            None => {
                let known = places.iter().map(|p| p.name.latin.clone()).collect();
                let asked = asked.clone();
                return Ok(Err(ReportRefusal::UnknownProvince { asked, known }));
            }
        },
    };
    let now = state.clock.now();
    let report = store::follow_up::programme(
        &state.db,
        province,
        (scope.from, scope.to),
        now,
        &state.settings.timezone,
    )
    .await?;
    let detail = format!(
        "province {:?}, from {:?}, to {:?}",
        scope.province, scope.from, scope.to
    );
    audited(state, caller, "report.programme", &detail).await?;
    Ok(Ok(report))
}

/// Attendance per workshop, province and commune (of one workshop, or one province, if
/// given), with each workshop's title. Audited.
pub async fn attendance_report(
    state: &AppState,
    caller: &Caller,
    workshop: Option<WorkshopId>,
    province: Option<&str>,
) -> anyhow::Result<Result<(AttendanceReport, HashMap<WorkshopId, String>), ReportRefusal>> {
    if !caller.organiser {
        return Ok(Err(ReportRefusal::NotOrganiser));
    }
    let report = workshops::attendance(&state.db, workshop, province, |_| true).await?;
    let mut titles = HashMap::new();
    for w in &report.workshops {
        if let Some(found) = workshops::get(&state.db, w.workshop).await? {
            titles.insert(w.workshop, found.title);
        }
    }
    let detail = format!("workshop {workshop:?}, province {province:?}");
    audited(state, caller, "report.attendance", &detail).await?;
    Ok(Ok((report, titles)))
}

/// The ratings and comments of every workshop held (or of one). Audited.
pub async fn evaluation_report(
    state: &AppState,
    caller: &Caller,
    workshop: Option<WorkshopId>,
) -> anyhow::Result<Result<Vec<WorkshopEvaluation>, ReportRefusal>> {
    if !caller.organiser {
        return Ok(Err(ReportRefusal::NotOrganiser));
    }
    let now = state.clock.now();
    let mut rows = Vec::new();
    for w in workshops::started(&state.db, now, workshop).await? {
        rows.push(workshops::evaluation_of(&state.db, &w).await?);
    }
    audited(
        state,
        caller,
        "report.evaluations",
        &format!("workshop {workshop:?}"),
    )
    .await?;
    Ok(Ok(rows))
}

/// The contributions report's lines: every body (or a province's), then the totals.
/// Audited.
pub async fn contributions_report(
    state: &AppState,
    caller: &Caller,
    province: Option<&str>,
) -> anyhow::Result<Result<Vec<ContributionLine>, ReportRefusal>> {
    if !caller.organiser {
        return Ok(Err(ReportRefusal::NotOrganiser));
    }
    let now = state.clock.now();
    let zone = &state.settings.timezone;
    let follow_ups =
        store::funding::follow_ups(&state.db, &crate::outbox::render::funding_reminders()).await?;
    let records: Vec<_> = store::funding::records(&state.db, province)
        .await?
        .into_iter()
        .map(|r| {
            let follow = follow_ups.get(&r.id).copied().unwrap_or_default();
            (r.province.latin, r.body.1.latin, r.funding, follow)
        })
        .collect();
    let lines = crate::report::contribution_lines(&records, zone.local(now).date(), zone);
    let detail = province
        .map(|p| format!("province {p}"))
        .unwrap_or_default();
    audited(state, caller, "report.contributions", &detail).await?;
    Ok(Ok(lines))
}

/// What `/contributions` shows: every body's funding, and the provinces to open one of.
#[derive(Debug, Clone)]
pub struct ContributionsOverview {
    /// Every signing body with its funding record.
    pub records: Vec<BodyRecord>,
    /// The provinces, by id, for their buttons.
    pub provinces: Vec<(i64, PlaceName)>,
}

/// The region's contributions at a glance, for organisers and finance officers. Audited
/// (`funding.view`).
pub async fn contributions_overview(
    state: &AppState,
    caller: &Caller,
) -> anyhow::Result<Result<ContributionsOverview, ReportRefusal>> {
    if !follows_funding(caller) {
        return Ok(Err(ReportRefusal::NotOrganiser));
    }
    let records = store::funding::records(&state.db, None).await?;
    let provinces = roster::places(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    audited(state, caller, "funding.view", "").await?;
    Ok(Ok(ContributionsOverview { records, provinces }))
}

/// One province's bodies and their funding, for organisers and finance officers; `None` for
/// a province that is not in the roster (a stale button). Audited (`funding.view`).
pub async fn province_contributions(
    state: &AppState,
    caller: &Caller,
    province: i64,
) -> anyhow::Result<Result<Option<(PlaceName, Vec<BodyRecord>)>, ReportRefusal>> {
    if !follows_funding(caller) {
        return Ok(Err(ReportRefusal::NotOrganiser));
    }
    let Some(place) = roster::places(&state.db)
        .await?
        .into_iter()
        .find(|p| p.id == province)
    else {
        return Ok(Ok(None));
    };
    let records = store::funding::records(&state.db, Some(&place.name.latin)).await?;
    let detail = format!("province {}", place.name.latin);
    audited(state, caller, "funding.view", &detail).await?;
    Ok(Ok(Some((place.name, records))))
}

/// Organisers and the Region's finance officers follow the contributions.
fn follows_funding(caller: &Caller) -> bool {
    caller.organiser || caller.finance_officer
}

/// What `/joined` shows: who has joined per body, and who blocked the bot.
#[derive(Debug, Clone)]
pub struct Joined {
    /// Joined and total people per body.
    pub counts: Vec<JoinedCount>,
    /// The people who blocked the bot, whom organisers must reach another way.
    pub unreachable: Vec<Person>,
}

/// Who has joined, per body, and who cannot be reached. Audited (`roster.view_joined`).
pub async fn joined(
    state: &AppState,
    caller: &Caller,
) -> anyhow::Result<Result<Joined, ReportRefusal>> {
    if !caller.organiser {
        return Ok(Err(ReportRefusal::NotOrganiser));
    }
    let counts = roster::joined_counts(&state.db).await?;
    let unreachable = roster::unreachable(&state.db).await?;
    audited(state, caller, "roster.view_joined", "").await?;
    Ok(Ok(Joined {
        counts,
        unreachable,
    }))
}

/// The latest entries of the audit log, newest first. Reading it is not itself an entry, so
/// that what an organiser reads is what others did.
pub async fn audit_log(
    state: &AppState,
    caller: &Caller,
    limit: i64,
) -> anyhow::Result<Result<Vec<AuditEntry>, ReportRefusal>> {
    if !caller.organiser {
        return Ok(Err(ReportRefusal::NotOrganiser));
    }
    Ok(Ok(audit::latest(&state.db, limit).await?))
}

async fn audited(
    state: &AppState,
    caller: &Caller,
    what: &str,
    detail: &str,
) -> anyhow::Result<()> {
    audit::record(
        &state.db.pool,
        state.clock.now(),
        &caller.label,
        what,
        detail,
    )
    .await?;
    Ok(())
}
