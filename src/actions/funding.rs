//! What the Region's finance service does about funding from the command line: set the
//! contributions due, record a transfer or a council's approval received by post or bank
//! (recorded as verified). Chat declarations and their verification come with the campaigns.

use chrono::NaiveDate;

use super::Caller;
use crate::domain::funding::{
    Approval, ContributionError, Payment, Verification, parse_contributions,
};
use crate::domain::money::{Money, MoneyError};
use crate::domain::workshop::parse_date;
use crate::state::AppState;
use crate::store::funding::{self, ContributionsReport};

/// Why a funding action changed nothing; told in the command line's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FundingRefusal {
    /// Only organisers (and the command line) record funding.
    NotOrganiser,
    /// The contributions file has bad lines: each is named, nothing was changed.
    BadLines(Vec<ContributionError>),
    /// No such body in the roster.
    UnknownBody {
        /// The province as written.
        province: String,
        /// The commune as written.
        commune: String,
    },
    /// The amount does not read.
    BadAmount(MoneyError),
    /// The date does not read.
    BadDate(String),
    /// A reference is needed to find the transfer in the bank's statement.
    NoReference,
}

impl std::fmt::Display for FundingRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FundingRefusal::NotOrganiser => write!(f, "only organisers record funding"),
            FundingRefusal::BadLines(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
            FundingRefusal::UnknownBody { province, commune } => write!(
                f,
                "{commune:?} of {province:?} is not a commune or council of the roster \
                 (write \"Provincial Council\" for the province's council)"
            ),
            FundingRefusal::BadAmount(error) => write!(f, "--amount: {error}"),
            FundingRefusal::BadDate(input) => {
                write!(
                    f,
                    "--date: {input:?} is not a date (31/03/2027 or 2027-03-31)"
                )
            }
            FundingRefusal::NoReference => write!(f, "--reference: the bank's reference is needed"),
        }
    }
}

/// Sets the contributions due from a file: all lines or none; the same file twice changes
/// nothing. Audited.
pub async fn import_contributions(
    state: &AppState,
    caller: &Caller,
    data: &[u8],
    dry_run: bool,
) -> anyhow::Result<Result<(usize, ContributionsReport), FundingRefusal>> {
    if !caller.organiser {
        return Ok(Err(FundingRefusal::NotOrganiser));
    }
    let known = funding::known_bodies(&state.db).await?;
    let rows = match parse_contributions(data, &known) {
        Ok(rows) => rows,
        Err(errors) => return Ok(Err(FundingRefusal::BadLines(errors))),
    };
    let now = state.clock.now();
    let report =
        funding::import_contributions(&state.db, &rows, &caller.label, now, dry_run).await?;
    Ok(Ok((rows.len(), report)))
}

/// The body a province and commune name, as the roster has them (any case, either script;
/// "Provincial Council" for the province's council).
async fn find_body(
    state: &AppState,
    province: &str,
    commune: &str,
) -> anyhow::Result<Result<crate::domain::ids::CommuneId, FundingRefusal>> {
    let unknown = || FundingRefusal::UnknownBody {
        province: province.to_owned(),
        commune: commune.to_owned(),
    };
    let known = funding::known_bodies(&state.db).await?;
    let (Some(written_province), Some((kind, written_body))) = (
        crate::domain::roster::PlaceName::parse(province),
        crate::domain::roster::parse_body(commune),
    ) else {
        return Ok(Err(unknown()));
    };
    let found = known.provinces.iter().find_map(|(p, bodies)| {
        if !p.same_place(&written_province) {
            return None;
        }
        bodies
            .iter()
            .find(|(k, b)| *k == kind && b.same_place(&written_body))
            .map(|(_, b)| (p.latin.clone(), b.latin.clone()))
    });
    let Some((province, body)) = found else {
        return Ok(Err(unknown()));
    };
    Ok(funding::body_id(&state.db, &province, &body)
        .await?
        .ok_or_else(unknown))
}

fn date(input: &str) -> Result<NaiveDate, FundingRefusal> {
    parse_date(input).map_err(|_| FundingRefusal::BadDate(input.to_owned()))
}

/// Records a transfer received by the Region (a bank statement): verified at once. Audited.
pub async fn record_payment(
    state: &AppState,
    caller: &Caller,
    province: &str,
    commune: &str,
    amount: &str,
    paid_on: &str,
    reference: &str,
) -> anyhow::Result<Result<Money, FundingRefusal>> {
    if !caller.organiser {
        return Ok(Err(FundingRefusal::NotOrganiser));
    }
    let body = match find_body(state, province, commune).await? {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let amount = match Money::parse(amount) {
        Ok(amount) => amount,
        Err(error) => return Ok(Err(FundingRefusal::BadAmount(error))),
    };
    let paid_on = match date(paid_on) {
        Ok(day) => day,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let reference = reference.trim();
    if reference.is_empty() {
        return Ok(Err(FundingRefusal::NoReference));
    }
    let payment = Payment {
        amount,
        paid_on,
        reference: reference.to_owned(),
        verification: Verification::Verified,
    };
    let now = state.clock.now();
    funding::record_payment(&state.db, body, &payment, &caller.label, now).await?;
    Ok(Ok(amount))
}

/// Records a council's approval of the agreement received by the Region: verified at once.
/// Audited.
pub async fn record_approval(
    state: &AppState,
    caller: &Caller,
    province: &str,
    commune: &str,
    approved_on: &str,
    session: Option<&str>,
    decision: Option<&str>,
) -> anyhow::Result<Result<NaiveDate, FundingRefusal>> {
    if !caller.organiser {
        return Ok(Err(FundingRefusal::NotOrganiser));
    }
    let body = match find_body(state, province, commune).await? {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let approved_on = match date(approved_on) {
        Ok(day) => day,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let clean = |text: Option<&str>| {
        text.map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let approval = Approval {
        session: clean(session),
        approved_on,
        decision: clean(decision),
        verification: Verification::Verified,
    };
    let now = state.clock.now();
    funding::record_approval(&state.db, body, &approval, &caller.label, now).await?;
    Ok(Ok(approved_on))
}
