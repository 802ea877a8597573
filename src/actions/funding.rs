//! What the Region's finance service does about funding from the command line: set the
//! contributions due, record a transfer or a council's approval received by post or bank
//! (recorded as verified). Chat declarations and their verification come with the campaigns.

use chrono::NaiveDate;

use super::Caller;
use crate::domain::audience::Audience;
use crate::domain::funding::{
    AnswerKind, Approval, ContributionError, DECISION_TEXT, DayError, Declaration, ESCALATE_AFTER,
    Payment, PaymentMatch, REFERENCE_TEXT, SESSION_TEXT, Verification, check_day, match_payment,
    parse_contributions,
};
use crate::domain::ids::CommuneId;
use crate::domain::money::Money;
use crate::domain::roster::Language;
use crate::domain::roster::{BodyKind, Role};
use crate::domain::schedule::CronSchedule;
use crate::domain::schedule::Offset;
use crate::domain::text::{TextError, TextRule, code_point};
use crate::domain::workshop::parse_date;
use crate::i18n::Args;
use crate::i18n::I18n;
use crate::outbox::render::{
    FUNDING_CAMPAIGN, FUNDING_COUNCIL_SESSIONS, FUNDING_ESCALATION, FUNDING_SCHEDULES,
    FUNDING_SESSIONS, FUNDING_SUMMARY,
};
use crate::outbox::{Payload, scheduler};
use crate::state::AppState;
use crate::store::funding::{self, ContributionsReport, Recorded};
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
    /// A reference is needed to find the transfer in the bank's statement.
    NoReference,
    /// A correction that names nothing to correct.
    NothingToCorrect,
    /// No transfer stands under this reference for the body: nothing to correct.
    NoSuchPayment {
        /// The reference as written.
        reference: String,
    },
    /// No approval stands for the body: nothing to correct.
    NoApproval,
    /// Refused as chat refuses it, in the words of [`RecordRefusal`].
    Record(RecordRefusal),
}

impl From<RecordRefusal> for FundingRefusal {
    fn from(refusal: RecordRefusal) -> FundingRefusal {
        FundingRefusal::Record(refusal)
    }
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
            FundingRefusal::NoReference => write!(f, "--reference: the bank's reference is needed"),
            FundingRefusal::NothingToCorrect => write!(
                f,
                "nothing to correct: give what is right (--amount and/or --date for a transfer; \
                 --date, --session and/or --decision for an approval)"
            ),
            FundingRefusal::NoSuchPayment { reference } => write!(
                f,
                "--reference: no transfer is recorded under {reference:?} for this body (spaces \
                 and case do not count); check the reference, or record the transfer with \
                 `takwin contributions pay`"
            ),
            FundingRefusal::NoApproval => write!(
                f,
                "no approval of the agreement is recorded for this body; record it with \
                 `takwin contributions approve`"
            ),
            FundingRefusal::Record(refusal) => write!(f, "{}", super::Refusal::key(refusal)),
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

/// Today in the programme's time zone: no transfer nor vote is dated after it.
fn today(state: &AppState) -> NaiveDate {
    state.settings.timezone.local(state.clock.now()).date()
}

/// The day of a transfer or of a vote, bounded ([`check_day`]).
fn bounded(state: &AppState, day: NaiveDate) -> Result<NaiveDate, RecordRefusal> {
    check_day(day, today(state)).map_err(|error| RecordRefusal::Day { day, error })
}

/// A text given for a field, cleaned by its rule.
fn clean_text(rule: TextRule, field: TextField, input: &str) -> Result<String, RecordRefusal> {
    rule.clean(input)
        .map_err(|error| RecordRefusal::Text { field, error })
}

/// An optional text given for a field, cleaned by its rule: blank is none.
fn clean_optional(
    rule: TextRule,
    field: TextField,
    input: Option<&str>,
) -> Result<Option<String>, RecordRefusal> {
    match input {
        None => Ok(None),
        Some(text) => rule
            .clean_optional(text)
            .map_err(|error| RecordRefusal::Text { field, error }),
    }
}

/// Who records, which says how a record is corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorder {
    /// A president, in chat: the Region's finance service corrects.
    President,
    /// The Region, from the command line: corrected with the command named.
    Region {
        /// The province as written.
        province: String,
        /// The commune as written.
        commune: String,
    },
}

/// A text field of a transfer or an approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// The bank's or the Treasury's reference.
    Reference,
    /// The council's session, written.
    Session,
    /// The council decision's number.
    Decision,
}

impl TextField {
    /// The keyword messages select on.
    pub fn code(self) -> &'static str {
        match self {
            TextField::Reference => "reference",
            TextField::Session => "session",
            TextField::Decision => "decision",
        }
    }
}

/// Why a transfer or an approval was not recorded, alike in chat and on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordRefusal {
    /// A president's answer only: not a president, or of no body.
    Answer(AnswerRefusal),
    /// The day cannot be: after today, or before the programme.
    Day {
        /// The day given.
        day: NaiveDate,
        /// What is wrong with it.
        error: DayError,
    },
    /// A reference, a session or a decision's number that the text rules refuse.
    Text {
        /// Which.
        field: TextField,
        /// Why.
        error: TextError,
    },
    /// The reference stands for the body with another amount or day: one transfer, one
    /// record; a correction changes it.
    ReferenceTaken {
        /// The transfer recorded under it.
        payment: Box<Payment>,
        /// Who tried to record it again.
        by: Recorder,
    },
    /// An approval stands for the body: a correction changes it.
    ApprovalStands {
        /// The approval standing.
        approval: Box<Approval>,
        /// Who tried to record another.
        by: Recorder,
    },
}

/// A value as a shell reads it back whole: bare when it is one plain word, else between
/// single quotes (which HTML leaves alone).
fn shell_word(value: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ',');
    if !value.is_empty() && value.chars().all(plain) {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

/// Whether a record is verified or awaits a finance officer, as messages select on it.
fn standing(verification: &Verification) -> &'static str {
    match verification {
        Verification::Verified => "verified",
        _ => "declared",
    }
}

impl super::Refusal for RecordRefusal {
    fn key(&self) -> String {
        match self {
            RecordRefusal::Answer(refusal) => super::Refusal::key(refusal),
            RecordRefusal::Day {
                error: DayError::InFuture { .. },
                ..
            } => "funding-day-in-future".to_owned(),
            RecordRefusal::Day {
                error: DayError::BeforeProgramme { .. },
                ..
            } => "funding-day-before-programme".to_owned(),
            RecordRefusal::Text { error, .. } => format!("funding-text-{}", error.code()),
            RecordRefusal::ReferenceTaken { .. } => "funding-reference-taken".to_owned(),
            RecordRefusal::ApprovalStands { .. } => "funding-approval-stands".to_owned(),
        }
    }

    fn message(&self, i18n: &I18n, l: Language) -> String {
        let date = |day: NaiveDate| i18n.format_date(l, day);
        let key = self.key();
        let main = |args: Args| i18n.t_args(l, &key, &args);
        let correct = |by: &Recorder, command: String| match by {
            Recorder::President => i18n.t(l, "funding-corrected-by-region"),
            Recorder::Region { .. } => {
                let args = Args::new().text("command", command);
                i18n.t_args(l, "funding-correct-with", &args)
            }
        };
        match self {
            RecordRefusal::Answer(refusal) => super::Refusal::message(refusal, i18n, l),
            RecordRefusal::Day {
                day,
                error: DayError::InFuture { today },
            } => main(
                Args::new()
                    .text("date", date(*day))
                    .text("today", date(*today)),
            ),
            RecordRefusal::Day {
                day,
                error: DayError::BeforeProgramme { earliest },
            } => main(
                Args::new()
                    .text("date", date(*day))
                    .text("earliest", date(*earliest)),
            ),
            RecordRefusal::Text { field, error } => {
                let args = Args::new().choice("field", field.code());
                main(match error {
                    TextError::Empty | TextError::Invisible => args,
                    TextError::TooLong { chars, max } => {
                        args.num("chars", *chars as i64).num("max", *max as i64)
                    }
                    TextError::LineBreak { position } => args.num("position", *position as i64),
                    TextError::ControlCharacter { found, position }
                    | TextError::BidiControl { found, position } => args
                        .text("code", code_point(*found))
                        .num("position", *position as i64),
                })
            }
            RecordRefusal::ReferenceTaken { payment, by } => {
                let args = Args::new()
                    .text("reference", &payment.reference)
                    .text("amount", i18n.format_amount(l, payment.amount.centimes()))
                    .text("date", date(payment.paid_on))
                    .choice("standing", standing(&payment.verification));
                let command = match by {
                    Recorder::Region { province, commune } => format!(
                        "takwin contributions correct-payment --province {} --commune {} \
                         --reference {} --amount … --date …",
                        shell_word(province),
                        shell_word(commune),
                        shell_word(&payment.reference)
                    ),
                    Recorder::President => String::new(),
                };
                format!("{}\n{}", main(args), correct(by, command))
            }
            RecordRefusal::ApprovalStands { approval, by } => {
                let args = Args::new()
                    .text("date", date(approval.approved_on))
                    .choice("standing", standing(&approval.verification));
                let command = match by {
                    Recorder::Region { province, commune } => format!(
                        "takwin contributions correct-approval --province {} --commune {} \
                         --date … [--session …] [--decision …]",
                        shell_word(province),
                        shell_word(commune)
                    ),
                    Recorder::President => String::new(),
                };
                format!("{}\n{}", main(args), correct(by, command))
            }
        }
    }
}

/// What recording a transfer or an approval came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recording<T> {
    /// Recorded now.
    Recorded(T),
    /// Recorded already, every detail alike: nothing was added.
    Already(T),
}

/// The body a command names, and who records for it: the Region, corrected with the
/// command named.
async fn region_body(
    state: &AppState,
    caller: &Caller,
    province: &str,
    commune: &str,
) -> anyhow::Result<Result<(CommuneId, Recorder), FundingRefusal>> {
    if !caller.organiser {
        return Ok(Err(FundingRefusal::NotOrganiser));
    }
    let by = Recorder::Region {
        province: province.to_owned(),
        commune: commune.to_owned(),
    };
    Ok(find_body(state, province, commune)
        .await?
        .map(|body| (body, by)))
}

/// Who records, as the store and the audit log know them: the body's answer when its
/// president declares, and the signature.
struct Signed {
    answer: Option<funding::Answer>,
    label: String,
}

/// Records a transfer for a body, whoever records it (the Region verified, a president
/// declared): the day bounded, the reference cleaned, then recorded once — the same transfer
/// twice is [`Recording::Already`], its reference standing for another amount or day is
/// refused with how to correct it. Returns the new record's id too, when there is one.
async fn record_transfer(
    state: &AppState,
    body: CommuneId,
    payment: Payment,
    receipt: Option<&str>,
    signed: &Signed,
    by: Recorder,
) -> anyhow::Result<Result<(Recording<Payment>, Option<i64>), RecordRefusal>> {
    let paid_on = match bounded(state, payment.paid_on) {
        Ok(day) => day,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let reference = match clean_text(REFERENCE_TEXT, TextField::Reference, &payment.reference) {
        Ok(reference) => reference,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let payment = Payment {
        paid_on,
        reference,
        ..payment
    };
    let now = state.clock.now();
    let transfer = funding::Transfer {
        payment: &payment,
        receipt,
    };
    let recorded = funding::record(
        &state.db,
        body,
        &transfer,
        signed.answer,
        &signed.label,
        now,
    )
    .await?;
    Ok(match recorded {
        Recorded::New(id) => Ok((Recording::Recorded(payment), Some(id))),
        Recorded::Same(payment) => Ok((Recording::Already(payment), None)),
        Recorded::Conflict(payment) => Err(RecordRefusal::ReferenceTaken {
            payment: Box::new(payment),
            by,
        }),
    })
}

/// Records a council's approval for a body, whoever records it: the day bounded, the
/// session and decision cleaned, then recorded once — the same approval twice is
/// [`Recording::Already`], another while one stands is refused with how to correct it.
/// Returns the new record's id too, when there is one.
async fn record_vote(
    state: &AppState,
    body: CommuneId,
    approval: Approval,
    signed: &Signed,
    by: Recorder,
) -> anyhow::Result<Result<(Recording<Approval>, Option<i64>), RecordRefusal>> {
    let approved_on = match bounded(state, approval.approved_on) {
        Ok(day) => day,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let session = clean_optional(
        SESSION_TEXT,
        TextField::Session,
        approval.session.as_deref(),
    );
    let decision = clean_optional(
        DECISION_TEXT,
        TextField::Decision,
        approval.decision.as_deref(),
    );
    let (session, decision) = match (session, decision) {
        (Ok(session), Ok(decision)) => (session, decision),
        (Err(refusal), _) | (_, Err(refusal)) => return Ok(Err(refusal)),
    };
    let approval = Approval {
        approved_on,
        session,
        decision,
        ..approval
    };
    let now = state.clock.now();
    let recorded = funding::record(
        &state.db,
        body,
        &approval,
        signed.answer,
        &signed.label,
        now,
    )
    .await?;
    Ok(match recorded {
        Recorded::New(id) => Ok((Recording::Recorded(approval), Some(id))),
        Recorded::Same(approval) => Ok((Recording::Already(approval), None)),
        Recorded::Conflict(approval) => Err(RecordRefusal::ApprovalStands {
            approval: Box::new(approval),
            by,
        }),
    })
}

/// Records a transfer received by the Region (a bank statement): verified at once. The same
/// transfer twice is recorded once ([`Recording::Already`]); its reference standing for
/// another amount or day is refused, with the correction to make. Audited.
pub async fn record_payment(
    state: &AppState,
    caller: &Caller,
    province: &str,
    commune: &str,
    amount: Money,
    paid_on: NaiveDate,
    reference: &str,
) -> anyhow::Result<Result<Recording<Payment>, FundingRefusal>> {
    let (body, by) = match region_body(state, caller, province, commune).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if reference.trim().is_empty() {
        return Ok(Err(FundingRefusal::NoReference));
    }
    let payment = Payment {
        amount,
        paid_on,
        reference: reference.to_owned(),
        verification: Verification::Verified,
    };
    let signed = Signed {
        answer: None,
        label: caller.label.clone(),
    };
    let recorded = record_transfer(state, body, payment, None, &signed, by).await?;
    Ok(recorded.map(|(recording, _)| recording).map_err(Into::into))
}

/// Records a council's approval of the agreement received by the Region: verified at once.
/// A body has one approval standing: the same one twice is recorded once; another while one
/// stands is refused, with the correction to make. Audited.
pub async fn record_approval(
    state: &AppState,
    caller: &Caller,
    province: &str,
    commune: &str,
    approved_on: NaiveDate,
    session: Option<&str>,
    decision: Option<&str>,
) -> anyhow::Result<Result<Recording<Approval>, FundingRefusal>> {
    let (body, by) = match region_body(state, caller, province, commune).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let approval = Approval {
        session: session.map(str::to_owned),
        approved_on,
        decision: decision.map(str::to_owned),
        verification: Verification::Verified,
    };
    let signed = Signed {
        answer: None,
        label: caller.label.clone(),
    };
    let recorded = record_vote(state, body, approval, &signed, by).await?;
    Ok(recorded.map(|(recording, _)| recording).map_err(Into::into))
}

/// Corrects a transfer recorded for a body, found by its reference (spaces and case do not
/// count): its amount, its day, or both. The only way to change a transfer once recorded;
/// its state stays (a declaration still awaits a finance officer). Returns it before and
/// after. Audited with both.
pub async fn correct_payment(
    state: &AppState,
    caller: &Caller,
    province: &str,
    commune: &str,
    reference: &str,
    amount: Option<Money>,
    paid_on: Option<NaiveDate>,
) -> anyhow::Result<Result<(Payment, Payment), FundingRefusal>> {
    let (body, _) = match region_body(state, caller, province, commune).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if amount.is_none() && paid_on.is_none() {
        return Ok(Err(FundingRefusal::NothingToCorrect));
    }
    let paid_on = match paid_on.map(|day| bounded(state, day)).transpose() {
        Ok(day) => day,
        Err(refusal) => return Ok(Err(refusal.into())),
    };
    let correction = funding::PaymentCorrection {
        reference,
        amount,
        paid_on,
    };
    let now = state.clock.now();
    let corrected = funding::correct(&state.db, body, &correction, &caller.label, now).await?;
    Ok(corrected.ok_or_else(|| FundingRefusal::NoSuchPayment {
        reference: reference.to_owned(),
    }))
}

/// Corrects the approval standing for a body: its day, session or decision's number. The
/// only way to replace an approval once recorded; its state stays. Returns it before and
/// after. Audited with both.
pub async fn correct_approval(
    state: &AppState,
    caller: &Caller,
    province: &str,
    commune: &str,
    approved_on: Option<NaiveDate>,
    session: Option<&str>,
    decision: Option<&str>,
) -> anyhow::Result<Result<(Approval, Approval), FundingRefusal>> {
    let (body, _) = match region_body(state, caller, province, commune).await? {
        Ok(found) => found,
        Err(refusal) => return Ok(Err(refusal)),
    };
    if approved_on.is_none() && session.is_none() && decision.is_none() {
        return Ok(Err(FundingRefusal::NothingToCorrect));
    }
    let approved_on = match approved_on.map(|day| bounded(state, day)).transpose() {
        Ok(day) => day,
        Err(refusal) => return Ok(Err(refusal.into())),
    };
    let session = clean_optional(SESSION_TEXT, TextField::Session, session);
    let decision = clean_optional(DECISION_TEXT, TextField::Decision, decision);
    let (session, decision) = match (session, decision) {
        (Ok(session), Ok(decision)) => (session, decision),
        (Err(refusal), _) | (_, Err(refusal)) => return Ok(Err(refusal.into())),
    };
    let correction = funding::ApprovalCorrection {
        approved_on,
        session,
        decision,
    };
    let now = state.clock.now();
    let corrected = funding::correct(&state.db, body, &correction, &caller.label, now).await?;
    Ok(corrected.ok_or(FundingRefusal::NoApproval))
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
        let title = crate::views::text::person_title(&state.i18n, l, person);
        let args = Args::new()
            .text("name", &person.full_name)
            .raw("person_title", title)
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

/// The default reminder ahead of the commune councils' ordinary sessions (first week of
/// February, May and October): 10:00 on 20 January, 20 April and 20 September
/// (`domain::funding::default_reminder_cron`, which a test holds it to).
pub const DEFAULT_SESSIONS_CRON: &str = "0 10 20 1,4,9 *";

/// The default reminder ahead of the provincial and prefectural councils' ordinary sessions
/// (`domain::funding::PROVINCIAL_COUNCIL_SESSIONS`: first week of January, June and
/// September): 10:00 on 20 December, 20 May and 20 August.
pub const DEFAULT_COUNCIL_SESSIONS_CRON: &str = "0 10 20 5,8,12 *";

/// How long after a reminder the Secretaries-General's digests and the organisers' summary
/// go, unless told otherwise: a day to answer it.
pub const DEFAULT_ESCALATION_DELAY: &str = "1d";

/// A funding campaign's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    /// The reminders' rhythm (cron, local time).
    pub cron: String,
    /// The reminder ahead of the commune councils' sessions (cron, local time).
    pub sessions_cron: String,
    /// The reminder ahead of the provincial and prefectural councils' sessions (cron, local
    /// time).
    pub council_sessions_cron: String,
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
            council_sessions_cron: DEFAULT_COUNCIL_SESSIONS_CRON.to_owned(),
            escalate_after: ESCALATE_AFTER,
            escalation_delay: DEFAULT_ESCALATION_DELAY.to_owned(),
        }
    }
}

/// Why a funding campaign was not started; told in the command line's words, naming the
/// option to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CampaignRefusal {
    /// Only organisers (and the command line) start a campaign.
    NotOrganiser,
    /// A rhythm that is not a cron expression: the option, and why.
    BadCron {
        /// `--cron`, `--sessions-cron` or `--council-sessions-cron`.
        option: &'static str,
        /// What is wrong with it.
        error: String,
    },
    /// A delay that does not read.
    BadDelay(String),
    /// Escalation after no reminder at all.
    NoReminderBeforeEscalation,
}

impl std::fmt::Display for CampaignRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CampaignRefusal::NotOrganiser => write!(f, "only organisers start a campaign"),
            CampaignRefusal::BadCron { option, error } => write!(f, "{option}: {error}"),
            CampaignRefusal::BadDelay(error) => write!(f, "--escalation-delay: {error}"),
            CampaignRefusal::NoReminderBeforeEscalation => {
                write!(f, "--escalate-after: at least 1 reminder without an answer")
            }
        }
    }
}

/// Starts (or restarts, with another rhythm) the funding campaign with the default session
/// reminders and escalation; see [`start_campaign_with`].
pub async fn start_campaign(
    state: &AppState,
    caller: &Caller,
    cron: &str,
) -> anyhow::Result<Result<Vec<String>, CampaignRefusal>> {
    let campaign = Campaign {
        cron: cron.to_owned(),
        ..Campaign::default()
    };
    start_campaign_with(state, caller, &campaign).await
}

/// Starts (or restarts) the funding campaign: reminders to the presidents and finance staff
/// of every body that still owes something, on a cron schedule read in the programme's time
/// zone; one ahead of each ordinary session of their council to the presidents whose
/// agreement is still to approve (communes and provincial or prefectural councils each on
/// their own schedule, as they sit in different months); `escalation_delay` after each reminder, a digest to each province's
/// Secretary-General of the bodies that left `escalate_after` reminders unanswered, and the
/// week's summary to the organisers. Returns the reminders' next occurrences, local, for the
/// organiser to check. Audited.
pub async fn start_campaign_with(
    state: &AppState,
    caller: &Caller,
    campaign: &Campaign,
) -> anyhow::Result<Result<Vec<String>, CampaignRefusal>> {
    if !caller.organiser {
        return Ok(Err(CampaignRefusal::NotOrganiser));
    }
    let cron = |option: &'static str, expression: &str| {
        CronSchedule::parse(expression).map_err(|error| CampaignRefusal::BadCron {
            option,
            error: error.to_string(),
        })
    };
    let schedule = match cron("--cron", &campaign.cron) {
        Ok(schedule) => schedule,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let sessions = match cron("--sessions-cron", &campaign.sessions_cron) {
        Ok(schedule) => schedule,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let council_sessions = match cron("--council-sessions-cron", &campaign.council_sessions_cron) {
        Ok(schedule) => schedule,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let delay = match Offset::parse(&campaign.escalation_delay) {
        Ok(delay) => delay,
        Err(error) => return Ok(Err(CampaignRefusal::BadDelay(error.to_string()))),
    };
    if campaign.escalate_after == 0 {
        return Ok(Err(CampaignRefusal::NoReminderBeforeEscalation));
    }
    let lateness = chrono::Duration::hours(6);
    let owing = Audience::owing_bodies();
    // Each kind of council is reminded ahead of its own sessions.
    let presidents = Audience {
        owing: true,
        ..Audience::roles(&[Role::President])
    };
    let commune_presidents = presidents.clone().of_body_kind(BodyKind::Commune);
    let council_presidents = presidents.of_body_kind(BodyKind::ProvincialCouncil);
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
            &commune_presidents,
            Payload::FundingSession {},
            None,
        ),
        (
            FUNDING_COUNCIL_SESSIONS,
            &council_sessions,
            &council_presidents,
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
        scheduler::save(state, name, cron, audience, &payload, lateness, after).await?;
    }
    funding::set_escalate_after(&state.db, campaign.escalate_after).await?;
    let now = state.clock.now();
    let detail = format!(
        "every {}; sessions {} (communes), {} (councils); escalation after {} unanswered, \
         {delay} after a reminder",
        schedule.expression(),
        sessions.expression(),
        council_sessions.expression(),
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

/// The body a president declares for, and what it has recorded already.
async fn declaring_body(
    state: &AppState,
    person: &Person,
) -> anyhow::Result<Result<crate::store::funding::BodyRecord, RecordRefusal>> {
    let body = match own_body(person) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(RecordRefusal::Answer(refusal))),
    };
    let record = funding::records(&state.db, None)
        .await?
        .into_iter()
        .find(|r| r.id == body);
    Ok(record.ok_or(RecordRefusal::Answer(AnswerRefusal::NoBody)))
}

/// The transfer a president declares, as it would be recorded: dated today.
fn declared_payment(state: &AppState, transfer: &Transfer) -> Payment {
    Payment {
        amount: transfer.amount,
        paid_on: today(state),
        reference: transfer.reference.clone(),
        verification: Verification::Declared,
    }
}

/// Cleans the reference a president types for a transfer and checks it against what their
/// body recorded, before anything more is asked: the same transfer already recorded comes
/// back ([`Recording::Already`], nothing to declare), its reference standing for another
/// amount or day is refused with the reason. Records nothing.
pub async fn check_transfer(
    state: &AppState,
    person: &Person,
    amount: Money,
    typed: &str,
) -> anyhow::Result<Result<Recording<Transfer>, RecordRefusal>> {
    let reference = match clean_text(REFERENCE_TEXT, TextField::Reference, typed) {
        Ok(reference) => reference,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let record = match declaring_body(state, person).await? {
        Ok(record) => record,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let transfer = Transfer {
        amount,
        reference,
        receipt: None,
    };
    let payment = declared_payment(state, &transfer);
    Ok(match match_payment(&record.funding.payments, &payment) {
        PaymentMatch::New => Ok(Recording::Recorded(transfer)),
        PaymentMatch::Same(_) => Ok(Recording::Already(transfer)),
        PaymentMatch::Conflict(payment) => Err(RecordRefusal::ReferenceTaken {
            payment: Box::new(payment.clone()),
            by: Recorder::President,
        }),
    })
}

/// A president declares their body's transfer (with the receipt's photo, if any): recorded
/// as declared (reminders no longer chase that amount), with the body's answer in the same
/// transaction, and the Region's finance officers are told. The same transfer declared
/// twice is recorded once ([`Recording::Already`]: nothing added, nobody told again); its
/// reference standing for another amount or day is refused.
pub async fn declare_transfer(
    state: &AppState,
    person: &Person,
    transfer: &Transfer,
) -> anyhow::Result<Result<Recording<()>, RecordRefusal>> {
    let body = match own_body(person) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(RecordRefusal::Answer(refusal))),
    };
    let payment = declared_payment(state, transfer);
    let signed = declared_by(person, AnswerKind::Transfer);
    let receipt = transfer.receipt.as_deref();
    let by = Recorder::President;
    let id = match record_transfer(state, body, payment, receipt, &signed, by).await? {
        Ok((_, Some(id))) => id,
        Ok((_, None)) => return Ok(Ok(Recording::Already(()))),
        Err(refusal) => return Ok(Err(refusal)),
    };
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
    Ok(Ok(Recording::Recorded(())))
}

/// A president declaring for their body: their answer to the reminders, and their signature.
fn declared_by(person: &Person, kind: AnswerKind) -> Signed {
    Signed {
        answer: Some(funding::Answer {
            kind,
            person: person.id,
        }),
        label: signed(person),
    }
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

/// Whether a president may declare their council's approval: refused, with the approval
/// standing and how to correct it, while one stands (declared or verified).
pub async fn may_declare_approval(
    state: &AppState,
    person: &Person,
) -> anyhow::Result<Result<(), RecordRefusal>> {
    let record = match declaring_body(state, person).await? {
        Ok(record) => record,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let standing = record
        .funding
        .approvals
        .iter()
        .rfind(|a| crate::domain::funding::stands(&a.verification));
    Ok(match standing {
        None => Ok(()),
        Some(approval) => Err(RecordRefusal::ApprovalStands {
            approval: Box::new(approval.clone()),
            by: Recorder::President,
        }),
    })
}

/// Reads the day of a council's vote as a president types it: `None` when it is not a day
/// of the calendar; refused when it is after today or before the programme.
pub fn vote_day(state: &AppState, typed: &str) -> Option<Result<NaiveDate, RecordRefusal>> {
    let day = parse_date(typed).ok()?;
    Some(check_day(day, today(state)).map_err(|error| RecordRefusal::Day { day, error }))
}

/// Cleans a council's session or decision's number as a president types it.
pub fn vote_text(field: TextField, typed: &str) -> Result<String, RecordRefusal> {
    let rule = match field {
        TextField::Decision => DECISION_TEXT,
        TextField::Session => SESSION_TEXT,
        TextField::Reference => REFERENCE_TEXT,
    };
    clean_text(rule, field, typed)
}

/// A president declares that their council approved the agreement (the day, the session,
/// the decision's number): recorded as declared (the agreement is no longer chased), with
/// the body's answer in the same transaction, and the finance officers are told. One
/// approval stands per body: the same vote twice is recorded once, another while one stands
/// is refused.
pub async fn declare_approval(
    state: &AppState,
    person: &Person,
    vote: &CouncilVote,
) -> anyhow::Result<Result<Recording<()>, RecordRefusal>> {
    let body = match own_body(person) {
        Ok(body) => body,
        Err(refusal) => return Ok(Err(RecordRefusal::Answer(refusal))),
    };
    let approval = Approval {
        session: vote.session.clone(),
        approved_on: vote.approved_on,
        decision: vote.decision.clone(),
        verification: Verification::Declared,
    };
    let signed = declared_by(person, AnswerKind::Approval);
    let by = Recorder::President;
    let id = match record_vote(state, body, approval, &signed, by).await? {
        Ok((_, Some(id))) => id,
        Ok((_, None)) => return Ok(Ok(Recording::Already(()))),
        Err(refusal) => return Ok(Err(refusal)),
    };
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
    Ok(Ok(Recording::Recorded(())))
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
            let Some((body, payment)) =
                funding::verify::<Payment>(who, id, reason, label, now).await?
            else {
                return Ok(Err(VerifyRefusal::AlreadyDecided));
            };
            tell_presidents(state, body, &format!("verified:p{id}"), |l| {
                let args = Args::new()
                    .text(
                        "amount",
                        state.i18n.format_amount(l, payment.amount.centimes()),
                    )
                    .text("reference", &payment.reference)
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
            let Some((body, approval)) =
                funding::verify::<Approval>(who, id, reason, label, now).await?
            else {
                return Ok(Err(VerifyRefusal::AlreadyDecided));
            };
            tell_presidents(state, body, &format!("verified:a{id}"), |l| {
                let args = Args::new()
                    .text("date", state.i18n.format_date(l, approval.approved_on))
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

/// Longest payment instructions, in characters: a few lines under a reminder, not a manual.
pub const MAX_INSTRUCTIONS_CHARS: usize = 1_000;

/// Why payment instructions were not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstructionsRefusal {
    /// Only organisers set them.
    NotOrganiser,
    /// The text is empty, too long, or holds characters a message cannot.
    Text(TextError),
}

impl super::Refusal for InstructionsRefusal {
    fn key(&self) -> String {
        match self {
            InstructionsRefusal::NotOrganiser => "organiser-only",
            InstructionsRefusal::Text(_) => "payment-instructions-refused",
        }
        .to_owned()
    }

    fn message(&self, i18n: &I18n, language: Language) -> String {
        match self {
            InstructionsRefusal::NotOrganiser => i18n.t(language, &self.key()),
            InstructionsRefusal::Text(error) => {
                let args = Args::new().text("problem", error);
                i18n.t_args(language, &self.key(), &args)
            }
        }
    }
}

/// Sets how bodies pay their contribution, for readers of `language` (`None`: back to the
/// general text), shown in every funding reminder and in `/commune`. Audited.
pub async fn set_payment_instructions(
    state: &AppState,
    caller: &Caller,
    language: Language,
    text: Option<&str>,
) -> anyhow::Result<Result<(), InstructionsRefusal>> {
    if !caller.organiser {
        return Ok(Err(InstructionsRefusal::NotOrganiser));
    }
    let text = match text
        .map(|t| TextRule::several_lines(MAX_INSTRUCTIONS_CHARS).clean(t))
        .transpose()
    {
        Ok(text) => text,
        Err(error) => return Ok(Err(InstructionsRefusal::Text(error))),
    };
    let now = state.clock.now();
    funding::set_payment_instructions(&state.db, language, text.as_deref(), &caller.label, now)
        .await?;
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::funding::default_reminder_cron;

    #[test]
    fn each_kind_of_council_is_reminded_ahead_of_its_own_sessions_by_default() {
        assert_eq!(
            DEFAULT_SESSIONS_CRON,
            default_reminder_cron(BodyKind::Commune)
        );
        assert_eq!(
            DEFAULT_COUNCIL_SESSIONS_CRON,
            default_reminder_cron(BodyKind::ProvincialCouncil)
        );
    }
}
