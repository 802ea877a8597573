//! Certificates of attendance and training records: an official's own record and their
//! certificates again (`/my_training`), the record of every official for organisers
//! (`takwin report training`), and a certificate's code checked (`takwin certificate
//! verify`). Reading other people's records is an organiser's action, checked and audited
//! here; a refusal writes nothing.

use chrono::{DateTime, Utc};

use super::reports::ReportRefusal;
use super::{Caller, Refusal};
use crate::domain::certificate::{CertificateCode, training_hours};
use crate::domain::ids::{PersonId, WorkshopId};
use crate::domain::roster::Language;
use crate::domain::workshop::WORKSHOP_LENGTH;
use crate::i18n::Args;
use crate::outbox::certificates::{self, Made};
use crate::report::TrainingLine;
use crate::state::AppState;
use crate::store::certificates::Attended;
use crate::store::roster::{self, Person};
use crate::store::{self, audit, workshops};

/// Why a certificate was not given or not confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertificateRefusal {
    /// Only organisers check whose certificate a code is.
    NotOrganiser,
    /// The person is not recorded present at that workshop, or it is not over yet, or it
    /// was cancelled (a stale or forged button).
    NotAttended,
    /// No certificate has this code (or what was typed is not a code at all).
    UnknownCode {
        /// As typed.
        typed: String,
    },
}

impl Refusal for CertificateRefusal {
    fn key(&self) -> String {
        match self {
            CertificateRefusal::NotOrganiser => "organiser-only",
            CertificateRefusal::NotAttended => "certificate-refused-not-attended",
            CertificateRefusal::UnknownCode { .. } => "certificate-refused-unknown-code",
        }
        .to_owned()
    }

    fn message(&self, i18n: &crate::i18n::I18n, language: Language) -> String {
        let args = match self {
            CertificateRefusal::UnknownCode { typed } => {
                Args::new().text("certificate", typed.trim())
            }
            _ => Args::new(),
        };
        i18n.t_args(language, &self.key(), &args)
    }
}

/// The latest start of a workshop that is over by now: only those count.
fn over_by(now: DateTime<Utc>) -> DateTime<Utc> {
    now - WORKSHOP_LENGTH
}

/// A person's own record: the workshops they were recorded present at and that are over,
/// oldest first, with the code of each certificate issued. Their own data: not audited.
pub async fn record(state: &AppState, person: PersonId) -> anyhow::Result<Vec<Attended>> {
    let started_by = over_by(state.clock.now());
    Ok(store::certificates::attended(&state.db, Some(person), started_by).await?)
}

/// A person's certificate of a workshop they attended, made again in their language (issued
/// now if it never was; the same code if it was).
pub async fn certificate(
    state: &AppState,
    person: &Person,
    workshop: WorkshopId,
) -> anyhow::Result<Result<Made, CertificateRefusal>> {
    let attended = record(state, person.id).await?;
    if !attended.iter().any(|a| a.workshop == workshop) {
        return Ok(Err(CertificateRefusal::NotAttended));
    }
    let Some(found) = workshops::get(&state.db, workshop).await? else {
        return Ok(Err(CertificateRefusal::NotAttended));
    };
    Ok(Ok(certificates::make(state, person, &found).await?))
}

/// Every official's training record (of one province, by its Latin name, any case): the
/// workshops attended, the hours and the certificates' codes. An unknown province is refused
/// with the known ones. Audited.
pub async fn training_report(
    state: &AppState,
    caller: &Caller,
    province: Option<&str>,
) -> anyhow::Result<Result<Vec<TrainingLine>, ReportRefusal>> {
    if !caller.organiser {
        return Ok(Err(ReportRefusal::NotOrganiser));
    }
    let places = roster::places(&state.db).await?;
    let province = match province {
        None => None,
        Some(asked) => match places
            .iter()
            .find(|p| p.name.latin.eq_ignore_ascii_case(asked.trim()))
        {
            Some(found) => Some(found.name.latin.clone()),
            None => {
                let known = places.iter().map(|p| p.name.latin.clone()).collect();
                let asked = asked.to_owned();
                return Ok(Err(ReportRefusal::UnknownProvince { asked, known }));
            }
        },
    };
    let now = state.clock.now();
    let attended = store::certificates::attended(&state.db, None, over_by(now)).await?;
    let lines = roster::all_people(&state.db)
        .await?
        .into_iter()
        .filter(|p| {
            province
                .as_ref()
                .is_none_or(|name| *name == p.province.latin)
        })
        .map(|p| {
            let mine: Vec<&Attended> = attended.iter().filter(|a| a.person == p.id).collect();
            TrainingLine {
                province: p.province.latin.clone(),
                body: p
                    .body
                    .as_ref()
                    .map(|(_, name)| name.latin.clone())
                    .unwrap_or_default(),
                name: p.full_name.clone(),
                role: p.role.code().to_owned(),
                workshops: mine.len(),
                hours: training_hours(mine.len()),
                codes: mine
                    .iter()
                    .filter_map(|a| Some(a.code.as_ref()?.as_str().to_owned()))
                    .collect(),
            }
        })
        .collect();
    let detail = format!("province {province:?}");
    audit::record(
        &state.db.pool,
        now,
        &caller.label,
        "report.training",
        &detail,
    )
    .await?;
    Ok(Ok(lines))
}

/// Whose certificate a code is, as the command line prints it.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The code, as printed.
    pub code: CertificateCode,
    /// The person it certifies.
    pub person: Person,
    /// The workshop attended.
    pub workshop: workshops::Workshop,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// Whether the person is still recorded present (an organiser may have unticked them
    /// since it was issued).
    pub still_present: bool,
}

/// Checks a certificate's code: whose it is, for which workshop. A code no certificate has
/// is refused, and nothing is written; a code found is audited (it reads personal data).
pub async fn verify(
    state: &AppState,
    caller: &Caller,
    typed: &str,
) -> anyhow::Result<Result<Verified, CertificateRefusal>> {
    if !caller.organiser {
        return Ok(Err(CertificateRefusal::NotOrganiser));
    }
    let unknown = || CertificateRefusal::UnknownCode {
        typed: typed.to_owned(),
    };
    let Some(code) = CertificateCode::parse(typed) else {
        return Ok(Err(unknown()));
    };
    let Some(issued) = store::certificates::find(&state.db, &code).await? else {
        return Ok(Err(unknown()));
    };
    let (Some(person), Some(workshop)) = (
        roster::by_id(&state.db, issued.person).await?,
        workshops::get(&state.db, issued.workshop).await?,
    ) else {
        return Ok(Err(unknown()));
    };
    let still_present = workshops::was_present(&state.db, workshop.id, person.id).await?;
    let detail = format!("{code}: workshop {}, person {}", workshop.id, person.id);
    audit::record(
        &state.db.pool,
        state.clock.now(),
        &caller.label,
        "certificate.verify",
        &detail,
    )
    .await?;
    Ok(Ok(Verified {
        code,
        person,
        workshop,
        issued_at: issued.issued_at,
        still_present,
    }))
}
