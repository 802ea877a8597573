//! What the Region's finance service does about funding from the command line: set the
//! contributions due, record a transfer or a council's approval received by post or bank
//! (recorded as verified). Chat declarations and their verification come with the campaigns.

use chrono::NaiveDate;

use super::Caller;
use crate::domain::audience::Audience;
use crate::domain::funding::{
    AnswerKind, Approval, ContributionError, Declaration, ESCALATE_AFTER, Payment, Verification,
    parse_contributions,
};
use crate::domain::money::{Money, MoneyError};
use crate::domain::roster::Role;
use crate::domain::schedule::CronSchedule;
use crate::domain::schedule::Offset;
use crate::domain::workshop::parse_date;
use crate::i18n::Args;
use crate::outbox::render::{
    FUNDING_CAMPAIGN, FUNDING_ESCALATION, FUNDING_SCHEDULES, FUNDING_SESSIONS, FUNDING_SUMMARY,
};
use crate::outbox::{Payload, scheduler};
use crate::state::AppState;
use crate::store::funding::{self, ContributionsReport};
use crate::store::outbox::{self, NewMessage};
use crate::store::roster::{self, Person};
use crate::store::schedules;
use crate::views::text::place_label;

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
    funding::record_payment(&state.db, body, &payment, None, &caller.label, now).await?;
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

/// Why a president's answer to a funding reminder changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerRefusal {
    /// Only the president answers for the commune or council.
    NotPresident,
    /// The person belongs to no commune or council.
    NoBody,
}

impl super::Refusal for AnswerRefusal {
    fn key(&self) -> String {
        match self {
            AnswerRefusal::NotPresident => "funding-presidents-only",
            AnswerRefusal::NoBody => "funding-no-body",
        }
        .to_owned()
    }
}

/// The body a president answers for: their own, never one named by a button.
fn own_body(person: &Person) -> Result<crate::domain::ids::CommuneId, AnswerRefusal> {
    let body = person.body_id.ok_or(AnswerRefusal::NoBody)?;
    if person.role != Role::President {
        return Err(AnswerRefusal::NotPresident);
    }
    Ok(body)
}

/// "Remind me in N days": no reminder to the president's body until then. Audited.
pub async fn remind_after(
    state: &AppState,
    person: &Person,
    days: u8,
) -> anyhow::Result<Result<NaiveDate, AnswerRefusal>> {
    let body = match own_body(person) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    let until = state.settings.timezone.local(now).date() + chrono::Duration::days(i64::from(days));
    let actor = format!(
        "tg:{} {}",
        person.telegram_user_id.unwrap_or_default(),
        person.full_name
    );
    funding::promise(&state.db, body, until, &actor, now).await?;
    funding::answered(&state.db, body, AnswerKind::Promise, Some(person.id), now).await?;
    Ok(Ok(until))
}

/// "Please contact me": every joined organiser is told, in their language, who asks and how
/// to reach them. Returns how many organisers were told.
pub async fn contact_organiser(
    state: &AppState,
    person: &Person,
) -> anyhow::Result<Result<usize, AnswerRefusal>> {
    let body = match own_body(person) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    funding::answered(&state.db, body, AnswerKind::Contact, Some(person.id), now).await?;
    let mut rows = Vec::new();
    for organiser in roster::organisers(&state.db).await? {
        let Some(chat) = organiser.telegram_user_id else {
            continue;
        };
        let l = organiser.language;
        let body =
            crate::views::text::place_label(state, l, &person.province, person.body.as_ref());
        let args = Args::new()
            .text("name", &person.full_name)
            .text("body", body)
            .text("phone", person.phone.as_str());
        let html = state.i18n.t_args(l, "alert-funding-contact", &args);
        rows.push(NewMessage {
            chat_id: chat,
            person_id: Some(organiser.id),
            payload: Payload::html(html).to_json(),
            // One request a day per president reaches each organiser once.
            dedup_key: format!(
                "funding-contact:{}:{}:{chat}",
                person.id,
                state.settings.timezone.local(now).date()
            ),
            not_before: now,
            valid_until: None,
            urgent: true,
            event: None,
        });
    }
    let queued = outbox::enqueue_all(&state.db, &rows, now).await?;
    let detail = format!("person {} asks to be contacted about funding", person.id);
    let actor = format!(
        "tg:{} {}",
        person.telegram_user_id.unwrap_or_default(),
        person.full_name
    );
    crate::store::audit::record(&state.db.pool, now, &actor, "funding.contact", &detail).await?;
    Ok(Ok(queued))
}

/// The default rhythm of funding reminders: Mondays at 10:00, in the programme's time zone.
pub const DEFAULT_CAMPAIGN_CRON: &str = "0 10 * * 1";

/// The default reminder ahead of the councils' ordinary sessions (first week of February,
/// May and October): 10:00 on 20 January, 20 April and 20 September.
pub const DEFAULT_SESSIONS_CRON: &str = "0 10 20 1,4,9 *";

/// How long after a reminder the Secretaries-General's digests and the organisers' summary
/// go, unless told otherwise: a day to answer it.
pub const DEFAULT_ESCALATION_DELAY: &str = "1d";

/// A funding campaign's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    /// The reminders' rhythm (cron, local time).
    pub cron: String,
    /// The reminder ahead of the councils' sessions (cron, local time).
    pub sessions_cron: String,
    /// How many unanswered reminders escalate a body to its province's Secretary-General.
    pub escalate_after: u32,
    /// How long after each reminder the digests and the weekly summary go (`1d`, `12h`).
    pub escalation_delay: String,
}

impl Default for Campaign {
    fn default() -> Campaign {
        Campaign {
            cron: DEFAULT_CAMPAIGN_CRON.to_owned(),
            sessions_cron: DEFAULT_SESSIONS_CRON.to_owned(),
            escalate_after: ESCALATE_AFTER,
            escalation_delay: DEFAULT_ESCALATION_DELAY.to_owned(),
        }
    }
}

/// Starts (or restarts, with another rhythm) the funding campaign with the default session
/// reminders and escalation; see [`start_campaign_with`].
pub async fn start_campaign(
    state: &AppState,
    caller: &Caller,
    cron: &str,
) -> anyhow::Result<Result<Vec<String>, String>> {
    let campaign = Campaign {
        cron: cron.to_owned(),
        ..Campaign::default()
    };
    start_campaign_with(state, caller, &campaign).await
}

/// Starts (or restarts) the funding campaign: reminders to the presidents and finance staff
/// of every body that still owes something, on a cron schedule read in the programme's time
/// zone; one ahead of each council session to the presidents whose agreement is still to
/// approve; `escalation_delay` after each reminder, a digest to each province's
/// Secretary-General of the bodies that left `escalate_after` reminders unanswered, and the
/// week's summary to the organisers. Returns the reminders' next occurrences, local, for the
/// organiser to check. Audited.
pub async fn start_campaign_with(
    state: &AppState,
    caller: &Caller,
    campaign: &Campaign,
) -> anyhow::Result<Result<Vec<String>, String>> {
    if !caller.organiser {
        return Ok(Err("only organisers start a campaign".into()));
    }
    let schedule = match CronSchedule::parse(&campaign.cron) {
        Ok(schedule) => schedule,
        Err(error) => return Ok(Err(format!("--cron: {error}"))),
    };
    let sessions = match CronSchedule::parse(&campaign.sessions_cron) {
        Ok(schedule) => schedule,
        Err(error) => return Ok(Err(format!("--sessions-cron: {error}"))),
    };
    let delay = match Offset::parse(&campaign.escalation_delay) {
        Ok(delay) => delay,
        Err(error) => return Ok(Err(format!("--escalation-delay: {error}"))),
    };
    if campaign.escalate_after == 0 {
        return Ok(Err(
            "--escalate-after: at least 1 reminder without an answer".into(),
        ));
    }
    let lateness = chrono::Duration::hours(6);
    let owing = Audience::owing_bodies();
    let presidents = Audience {
        owing: true,
        ..Audience::roles(&[Role::President])
    };
    let secretaries = Audience::roles(&[Role::SecretaryGeneral]);
    let plans = [
        (
            FUNDING_CAMPAIGN,
            &schedule,
            &owing,
            Payload::Funding {},
            None,
        ),
        (
            FUNDING_SESSIONS,
            &sessions,
            &presidents,
            Payload::FundingSession {},
            None,
        ),
        (
            FUNDING_ESCALATION,
            &schedule,
            &secretaries,
            Payload::FundingEscalation {},
            Some(delay),
        ),
        (
            FUNDING_SUMMARY,
            &schedule,
            &Audience::organisers(),
            Payload::FundingSummary {},
            Some(delay),
        ),
    ];
    for (name, cron, audience, payload, after) in plans {
        scheduler::save_after(state, name, cron, audience, &payload, lateness, after).await?;
    }
    funding::set_escalate_after(&state.db, campaign.escalate_after).await?;
    let now = state.clock.now();
    let detail = format!(
        "every {}; sessions {}; escalation after {} unanswered, {delay} after a reminder",
        schedule.expression(),
        sessions.expression(),
        campaign.escalate_after
    );
    crate::store::audit::record(
        &state.db.pool,
        now,
        &caller.label,
        "funding.campaign",
        &detail,
    )
    .await?;
    // With the day's name: "0 10 * * 1" misread (Sunday? Monday?) shows at once.
    let zone = &state.settings.timezone;
    let next = schedule
        .occurrences_after(zone, now)
        .take(3)
        .map(|at| {
            format!(
                "{} ({} UTC)",
                zone.local(at).format("%A %Y-%m-%d %H:%M"),
                at.format("%H:%M")
            )
        })
        .collect();
    Ok(Ok(next))
}

/// Closes the funding campaign: nothing more goes, not even what was already queued (the
/// reminders, the session reminders, the digests and the summary). Returns false if none was
/// running. Audited.
pub async fn close_campaign(state: &AppState, caller: &Caller) -> anyhow::Result<bool> {
    let now = state.clock.now();
    let mut closed = false;
    for name in FUNDING_SCHEDULES {
        closed |= schedules::close(&state.db, name, now).await?;
    }
    if closed {
        crate::store::audit::record(
            &state.db.pool,
            now,
            &caller.label,
            "funding.campaign",
            "closed",
        )
        .await?;
    }
    Ok(closed)
}

/// Tells every joined finance officer, each in their language, of a declaration.
async fn tell_finance_officers(
    state: &AppState,
    dedup: &str,
    message: impl Fn(crate::domain::roster::Language) -> String,
) -> anyhow::Result<()> {
    let now = state.clock.now();
    let mut rows = Vec::new();
    for (officer, chat, language) in funding::finance_officers(&state.db).await? {
        let l = crate::domain::roster::Language::parse(&language)
            .unwrap_or(state.settings.default_language);
        rows.push(NewMessage {
            chat_id: chat,
            person_id: Some(officer),
            payload: Payload::html(message(l)).to_json(),
            dedup_key: format!("{dedup}:{chat}"),
            not_before: now,
            valid_until: None,
            urgent: false,
            event: None,
        });
    }
    outbox::enqueue_all(&state.db, &rows, now).await?;
    Ok(())
}

/// Tells a body's president(s), each in their language, how a declaration was decided.
async fn tell_presidents(
    state: &AppState,
    body: crate::domain::ids::CommuneId,
    dedup: &str,
    message: impl Fn(crate::domain::roster::Language) -> String,
) -> anyhow::Result<()> {
    let now = state.clock.now();
    let chats = roster::chats(&state.db).await?;
    let rows: Vec<NewMessage> = roster::all_people(&state.db)
        .await?
        .into_iter()
        .filter(|p| p.body_id == Some(body) && p.role == Role::President)
        .filter_map(|president| {
            let chat = *chats.get(&president.id)?;
            Some(NewMessage {
                chat_id: chat,
                person_id: Some(president.id),
                payload: Payload::html(message(president.language)).to_json(),
                dedup_key: format!("{dedup}:{chat}"),
                not_before: now,
                valid_until: None,
                urgent: false,
                event: None,
            })
        })
        .collect();
    outbox::enqueue_all(&state.db, &rows, now).await?;
    Ok(())
}

/// How a person is named in the audit log.
fn signed(person: &Person) -> String {
    format!(
        "tg:{} {}",
        person.telegram_user_id.unwrap_or_default(),
        person.full_name
    )
}

/// What a president declares of a transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer {
    /// How much.
    pub amount: Money,
    /// The bank's reference.
    pub reference: String,
    /// The Telegram file of the receipt's photo, if one was sent.
    pub receipt: Option<String>,
}

/// A president declares their body's transfer (with the receipt's photo, if any): recorded
/// as declared (reminders no longer chase that amount), and the Region's finance officers
/// are told. Returns the payment's id.
pub async fn declare_transfer(
    state: &AppState,
    person: &Person,
    transfer: &Transfer,
) -> anyhow::Result<Result<i64, AnswerRefusal>> {
    let body = match own_body(person) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    let payment = Payment {
        amount: transfer.amount,
        paid_on: state.settings.timezone.local(now).date(),
        reference: transfer.reference.clone(),
        verification: Verification::Declared,
    };
    let receipt = transfer.receipt.as_deref();
    let signature = signed(person);
    let id = funding::record_payment(&state.db, body, &payment, receipt, &signature, now).await?;
    funding::answered(&state.db, body, AnswerKind::Transfer, Some(person.id), now).await?;
    tell_finance_officers(state, &format!("declared:p{id}"), |l| {
        let args = Args::new()
            .text(
                "body",
                place_label(state, l, &person.province, person.body.as_ref()),
            )
            .text(
                "amount",
                state.i18n.format_amount(l, transfer.amount.centimes()),
            )
            .text("reference", &transfer.reference);
        state.i18n.t_args(l, "funding-declared-alert", &args)
    })
    .await?;
    Ok(Ok(id))
}

/// What a president declares of their council's vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CouncilVote {
    /// The day of the vote.
    pub approved_on: NaiveDate,
    /// The session (a `CouncilSession` code, or as typed).
    pub session: Option<String>,
    /// The decision's number, if it has one.
    pub decision: Option<String>,
}

/// A president declares that their council approved the agreement (the day, the session,
/// the decision's number): recorded as declared (the agreement is no longer chased), and the
/// finance officers are told.
pub async fn declare_approval(
    state: &AppState,
    person: &Person,
    vote: &CouncilVote,
) -> anyhow::Result<Result<i64, AnswerRefusal>> {
    let body = match own_body(person) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let now = state.clock.now();
    let approval = Approval {
        session: vote.session.clone(),
        approved_on: vote.approved_on,
        decision: vote.decision.clone(),
        verification: Verification::Declared,
    };
    let id = funding::record_approval(&state.db, body, &approval, &signed(person), now).await?;
    funding::answered(&state.db, body, AnswerKind::Approval, Some(person.id), now).await?;
    tell_finance_officers(state, &format!("declared:a{id}"), |l| {
        let args = Args::new()
            .text(
                "body",
                place_label(state, l, &person.province, person.body.as_ref()),
            )
            .text("date", state.i18n.format_date(l, vote.approved_on));
        state.i18n.t_args(l, "funding-approval-alert", &args)
    })
    .await?;
    Ok(Ok(id))
}

/// Why a verification changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyRefusal {
    /// Only the Region's finance officers verify.
    NotFinanceOfficer,
    /// Confirmed or rejected already (by another officer, or a second press).
    AlreadyDecided,
}

impl super::Refusal for VerifyRefusal {
    fn key(&self) -> String {
        match self {
            VerifyRefusal::NotFinanceOfficer => "finance-only",
            VerifyRefusal::AlreadyDecided => "declaration-already",
        }
        .to_owned()
    }
}

/// A finance officer confirms a declaration (`reason: None`) or rejects it with the reason,
/// which goes back to the body's president; what is rejected is chased again. Audited.
pub async fn verify(
    state: &AppState,
    caller: &Caller,
    declaration: Declaration,
    reason: Option<&str>,
) -> anyhow::Result<Result<(), VerifyRefusal>> {
    if !caller.finance_officer {
        return Ok(Err(VerifyRefusal::NotFinanceOfficer));
    }
    let now = state.clock.now();
    let (label, who) = (&caller.label, &state.db);
    match declaration {
        Declaration::Payment(id) => {
            let Some((body, amount, reference)) =
                funding::verify_payment(who, id, reason, label, now).await?
            else {
                return Ok(Err(VerifyRefusal::AlreadyDecided));
            };
            tell_presidents(state, body, &format!("verified:p{id}"), |l| {
                let args = Args::new()
                    .text("amount", state.i18n.format_amount(l, amount.centimes()))
                    .text("reference", &reference)
                    .text("reason", reason.unwrap_or_default());
                let key = match reason {
                    None => "funding-payment-confirmed",
                    Some(_) => "funding-payment-rejected",
                };
                state.i18n.t_args(l, key, &args)
            })
            .await?;
        }
        Declaration::Approval(id) => {
            let Some((body, approved_on)) =
                funding::verify_approval(who, id, reason, label, now).await?
            else {
                return Ok(Err(VerifyRefusal::AlreadyDecided));
            };
            tell_presidents(state, body, &format!("verified:a{id}"), |l| {
                let args = Args::new()
                    .text("date", state.i18n.format_date(l, approved_on))
                    .text("reason", reason.unwrap_or_default());
                let key = match reason {
                    None => "funding-approval-confirmed",
                    Some(_) => "funding-approval-rejected",
                };
                state.i18n.t_args(l, key, &args)
            })
            .await?;
        }
    }
    Ok(Ok(()))
}
