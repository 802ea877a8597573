//! A body's funding status in one message — the agreement, the contribution, what is declared
//! — as a president gets it in a reminder and with `/commune`, with the buttons to answer.

use chrono::NaiveDate;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::domain::funding::{AgreementState, BodyFunding};
use crate::domain::roster::Language;
use crate::domain::roster::{Gender, PersonDetails, Role};
use crate::i18n::{Args, strip_bidi};
use crate::state::AppState;
use crate::store::funding::{Declared, Pending};
use crate::views::buttons::Action;
use crate::views::text::{place_label, salutation};

/// Whom a body's funding status is for, and how.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    /// The person reading it: their president answers with the buttons, others get a copy.
    pub person: &'a PersonDetails,
    /// A reminder is a letter: it opens with the salutation and says who writes. `/commune`,
    /// asked for, is not.
    pub letter: bool,
    /// What the letter is about before the status, if more than the status itself (ahead of
    /// a council session, the request to put the agreement on its agenda).
    pub lead: Option<&'a str>,
    /// How to pay, as the organisers wrote it in the reader's language; the general text
    /// when they have not.
    pub instructions: Option<&'a str>,
}

/// The status of `body` (its name as shown to the reader), and, for its president while
/// something is owed, the buttons to answer.
pub fn status(
    state: &AppState,
    l: Language,
    body: &str,
    funding: &BodyFunding,
    reader: Reader<'_>,
) -> (String, Option<InlineKeyboardMarkup>) {
    let (text, keyboard) = status_lines(state, l, body, funding, reader);
    let mut parts = Vec::new();
    if reader.letter {
        parts.push(salutation(&state.i18n, l, reader.person));
    }
    parts.extend(reader.lead.map(str::to_owned));
    parts.push(text);
    if reader.letter {
        parts.push(state.i18n.t(l, "letter-sender"));
    }
    (parts.join("\n\n"), keyboard)
}

fn status_lines(
    state: &AppState,
    l: Language,
    body: &str,
    funding: &BodyFunding,
    reader: Reader<'_>,
) -> (String, Option<InlineKeyboardMarkup>) {
    let president = reader.person.role == Role::President;
    let i18n = &state.i18n;
    let amount = |money: crate::domain::money::Money| i18n.format_amount(l, money.centimes());
    let date = |day: NaiveDate| i18n.format_date(l, day);
    let mut lines = vec![i18n.t_args(l, "funding-status-header", &Args::new().text("body", body))];
    lines.push(match funding.agreement() {
        AgreementState::Pending => i18n.t(l, "funding-agreement-pending"),
        AgreementState::Declared => i18n.t(l, "funding-agreement-declared"),
        AgreementState::Approved => {
            let day = funding
                .approval()
                .map(|a| a.approved_on)
                .unwrap_or_default();
            i18n.t_args(
                l,
                "funding-agreement-approved",
                &Args::new().text("date", date(day)),
            )
        }
    });
    match funding.due {
        None => lines.push(i18n.t(l, "funding-contribution-none")),
        Some((due, due_on)) => {
            let balance = funding.balance();
            let args = Args::new()
                .text("due", amount(due))
                .text("date", date(due_on))
                .text("paid", amount(funding.paid()))
                .text("outstanding", amount(balance))
                .text(
                    "excess",
                    amount(crate::domain::money::Money::ZERO - balance),
                );
            let key = if balance.centimes() < 0 {
                "funding-contribution-overpaid"
            } else {
                "funding-contribution"
            };
            lines.push(i18n.t_args(l, key, &args));
        }
    }
    if funding.declared().is_positive() {
        let args = Args::new().text("declared", amount(funding.declared()));
        lines.push(i18n.t_args(l, "funding-declared", &args));
    }
    let owed = funding.owed();
    if owed.is_nothing() {
        lines.push(i18n.t(l, "funding-nothing-owed"));
        return (lines.join("\n"), None);
    }
    if owed.amount.is_positive() {
        lines.push(match reader.instructions {
            Some(text) => i18n.t_args(
                l,
                "funding-payment-instructions",
                &Args::new().text("instructions", text),
            ),
            None => i18n.t(l, "funding-payment-instructions-default"),
        });
    }
    if !president {
        lines.push(i18n.t(l, "funding-copy"));
        return (lines.join("\n"), None);
    }
    lines.push(i18n.t(l, "funding-answer-prompt"));
    let button = |key: &str, action: Action| {
        InlineKeyboardButton::callback(crate::i18n::strip_bidi(&i18n.t(l, key)), action.encode())
    };
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![
            button("button-funding-approved", Action::DeclareApproval),
            button("button-funding-transfer", Action::DeclareTransfer),
        ],
        vec![
            button("button-funding-remind-week", Action::RemindAfter(7)),
            button("button-funding-remind-fortnight", Action::RemindAfter(14)),
        ],
        vec![button("button-funding-contact", Action::ContactOrganiser)],
    ]);
    (lines.join("\n"), Some(keyboard))
}

/// One province's (or the region's) funding in a line of `/contributions`.
pub struct FundingTally {
    /// Bodies counted.
    pub bodies: usize,
    /// With the agreement approved.
    pub approved: usize,
    /// Paid in full (nothing outstanding, a contribution set).
    pub paid_in_full: usize,
    /// Paid in part.
    pub partly: usize,
    /// Nothing paid yet.
    pub nothing: usize,
    /// Due, paid and outstanding (what is still owed, overpayments not netted).
    pub due: crate::domain::money::Money,
    /// Paid and verified.
    pub paid: crate::domain::money::Money,
    /// Still owed.
    pub outstanding: crate::domain::money::Money,
}

impl FundingTally {
    /// The tally of some bodies' funding.
    pub fn of<'a>(fundings: impl IntoIterator<Item = &'a BodyFunding>) -> FundingTally {
        use crate::domain::money::Money;
        let mut tally = FundingTally {
            bodies: 0,
            approved: 0,
            paid_in_full: 0,
            partly: 0,
            nothing: 0,
            due: Money::ZERO,
            paid: Money::ZERO,
            outstanding: Money::ZERO,
        };
        for f in fundings {
            tally.bodies += 1;
            tally.approved += usize::from(f.agreement() == AgreementState::Approved);
            let (due, paid, balance) = (f.due(), f.paid(), f.balance());
            if due.is_positive() && !balance.is_positive() {
                tally.paid_in_full += 1;
            } else if paid.is_positive() {
                tally.partly += 1;
            } else {
                tally.nothing += 1;
            }
            tally.due = tally.due + due;
            tally.paid = tally.paid + paid;
            if balance.is_positive() {
                tally.outstanding = tally.outstanding + balance;
            }
        }
        tally
    }

    /// The tally in a line, under a name.
    pub fn line(&self, state: &AppState, l: Language, name: &str) -> String {
        let amount = |m: crate::domain::money::Money| state.i18n.format_amount(l, m.centimes());
        let args = Args::new()
            .text("name", name)
            .num("bodies", self.bodies as i64)
            .num("approved", self.approved as i64)
            .num("full", self.paid_in_full as i64)
            .num("partly", self.partly as i64)
            .num("nothing", self.nothing as i64)
            .text("due", amount(self.due))
            .text("paid", amount(self.paid))
            .text("outstanding", amount(self.outstanding));
        state.i18n.t_args(l, "contributions-line", &args)
    }
}

/// `/contributions` and the organisers' weekly summary: per province, then the region.
pub fn overview(
    state: &AppState,
    l: Language,
    records: &[crate::store::funding::BodyRecord],
) -> String {
    let mut provinces: Vec<&crate::domain::roster::PlaceName> = Vec::new();
    for record in records {
        if !provinces.contains(&&record.province) {
            provinces.push(&record.province);
        }
    }
    let mut lines = vec![state.i18n.t(l, "contributions-header")];
    for province in provinces {
        let tally = FundingTally::of(
            records
                .iter()
                .filter(|r| &r.province == province)
                .map(|r| &r.funding),
        );
        lines.push(tally.line(state, l, province.display(l)));
    }
    let region = FundingTally::of(records.iter().map(|r| &r.funding));
    lines.push(region.line(state, l, &state.i18n.t(l, "contributions-region")));
    lines.join("\n\n")
}

/// A body gone silent, as the Secretary-General's digest lists it.
pub struct Silent<'a> {
    /// The body's name as shown to the reader.
    pub name: String,
    /// Its funding.
    pub funding: &'a BodyFunding,
    /// Reminders sent since its last answer.
    pub unanswered: u32,
    /// Its president, if the roster has one.
    pub president: Option<&'a PersonDetails>,
}

/// The digest a province's Secretary-General gets: the bodies of `province` that left
/// `after` reminders or more unanswered, each with what it owes and whom to call.
pub fn escalation(
    state: &AppState,
    l: Language,
    reader: &PersonDetails,
    province: &str,
    after: u32,
    silent: &[Silent<'_>],
) -> String {
    let i18n = &state.i18n;
    let header = Args::new()
        .text("province", province)
        .num("bodies", silent.len() as i64)
        .num("n", i64::from(after));
    let mut lines = vec![
        salutation(i18n, l, reader),
        i18n.t_args(l, "funding-escalation-header", &header),
    ];
    for body in silent {
        let owed = body.funding.owed();
        let args = Args::new()
            .text("body", &body.name)
            .num("count", i64::from(body.unanswered));
        let mut line = i18n.t_args(l, "funding-escalation-line", &args);
        if owed.amount.is_positive() {
            let args =
                Args::new().text("outstanding", i18n.format_amount(l, owed.amount.centimes()));
            line.push(' ');
            line.push_str(&i18n.t_args(l, "funding-escalation-outstanding", &args));
        }
        if owed.agreement {
            line.push(' ');
            line.push_str(&i18n.t(l, "funding-escalation-agreement"));
        }
        if let Some(president) = body.president {
            let args = Args::new()
                .text("name", &president.full_name)
                .text("phone", president.phone.as_str())
                .choice("gender", Gender::keyword(president.gender));
            line.push('\n');
            line.push_str(&i18n.t_args(l, "funding-escalation-president", &args));
        }
        lines.push(line);
    }
    lines.push(i18n.t(l, "funding-escalation-footer"));
    lines.push(i18n.t(l, "letter-sender"));
    lines.join("\n\n")
}

/// The organisers' weekly summary: the whole programme, and how many bodies went silent.
pub fn summary(
    state: &AppState,
    l: Language,
    records: &[crate::store::funding::BodyRecord],
    silent: usize,
    after: u32,
) -> String {
    let mut text = state.i18n.t(l, "funding-summary-header");
    text.push_str("\n\n");
    text.push_str(&overview(state, l, records));
    text.push_str("\n\n");
    let args = Args::new()
        .num("bodies", silent as i64)
        .num("n", i64::from(after));
    let key = if silent == 0 {
        "funding-summary-none-silent"
    } else {
        "funding-summary-silent"
    };
    text.push_str(&state.i18n.t_args(l, key, &args));
    text
}

/// A button per province under `/contributions`, to tap down to its bodies.
pub fn provinces_keyboard(
    l: Language,
    provinces: &[(i64, crate::domain::roster::PlaceName)],
) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(provinces.chunks(2).map(|row| {
        row.iter()
            .map(|(id, name)| {
                InlineKeyboardButton::callback(
                    format!("🔎 {}", name.display(l)),
                    Action::ProvinceFunding(*id).encode(),
                )
            })
            .collect::<Vec<_>>()
    }))
}

/// One province's bodies, each with its agreement, what it paid of what is due and its
/// balance (negative when overpaid), under the province's tally.
pub fn province(
    state: &AppState,
    l: Language,
    province: &crate::domain::roster::PlaceName,
    records: &[crate::store::funding::BodyRecord],
) -> String {
    let i18n = &state.i18n;
    let amount = |m: crate::domain::money::Money| i18n.format_amount(l, m.centimes());
    let name = crate::views::text::province_label(&state.i18n, l, province);
    let tally = FundingTally::of(records.iter().map(|r| &r.funding)).line(state, l, &name);
    let mut lines = Vec::new();
    for record in records {
        let f = &record.funding;
        let args = Args::new()
            .text(
                "body",
                crate::views::text::place_label(state, l, &record.province, Some(&record.body)),
            )
            .choice("agreement", f.agreement().code())
            .text("due", amount(f.due()))
            .text("paid", amount(f.paid()))
            .text("outstanding", amount(f.balance()));
        lines.push(i18n.t_args(l, "contributions-body-line", &args));
    }
    format!("{tally}\n\n{}", lines.join("\n"))
}

/// The council sessions to tap when declaring an approval: the body's own ordinary sessions
/// (a commune's are not a provincial council's), then an extraordinary one, two by two.
pub fn sessions_keyboard(
    state: &AppState,
    l: Language,
    kind: crate::domain::roster::BodyKind,
) -> InlineKeyboardMarkup {
    use crate::domain::funding::CouncilSession;
    let button = |session: CouncilSession| {
        InlineKeyboardButton::callback(
            session_label(state, l, session.code()),
            Action::ApprovalSession(session).encode(),
        )
    };
    InlineKeyboardMarkup::new(
        CouncilSession::of_body(kind)
            .chunks(2)
            .map(|pair| pair.iter().copied().map(button).collect::<Vec<_>>())
            .collect::<Vec<_>>(),
    )
}

/// What heads a reminder ahead of a council's ordinary session: the month its own session
/// opens (its kind's, after `today`), and the request to put the agreement on the agenda.
pub fn session_reminder(
    state: &AppState,
    l: Language,
    kind: crate::domain::roster::BodyKind,
    today: NaiveDate,
) -> String {
    use chrono::Datelike as _;
    let session = crate::domain::funding::next_ordinary_session(kind, today);
    let month = state.i18n.format_month(l, session.year(), session.month());
    let args = Args::new().text("month", month);
    state.i18n.t_args(l, "funding-session-reminder", &args)
}

/// A session as stored, in plain text (an argument to escape): a session picked by a button
/// in the reader's words, one the Region wrote as written.
pub fn session_label(state: &AppState, l: Language, session: &str) -> String {
    match crate::domain::funding::CouncilSession::of_code(session) {
        Some(known) => {
            let key = format!("council-session-{}", known.code());
            crate::i18n::strip_bidi(&state.i18n.t(l, &key))
        }
        None => session.to_owned(),
    }
}

/// A declaration as a finance officer reads it in `/declarations`: its text (the caption of
/// the receipt's photo, when one was sent) and the Confirm / Reject buttons.
pub fn declaration(
    state: &AppState,
    l: Language,
    pending: &Pending,
) -> (String, InlineKeyboardMarkup) {
    let (province, body) = &pending.place;
    let body = place_label(state, l, province, Some(body));
    let text = match &pending.declared {
        Declared::Payment { payment, .. } => {
            let args = Args::new()
                .text("body", body)
                .text(
                    "amount",
                    state.i18n.format_amount(l, payment.amount.centimes()),
                )
                .text("reference", &payment.reference)
                .text("date", state.i18n.format_date(l, payment.paid_on));
            state.i18n.t_args(l, "declaration-line", &args)
        }
        Declared::Approval(approval) => {
            let args = Args::new()
                .text("body", body)
                .text("date", state.i18n.format_date(l, approval.approved_on));
            let mut text = state.i18n.t_args(l, "declaration-approval-line", &args);
            if let Some(session) = &approval.session {
                let args = Args::new().text("session", session_label(state, l, session));
                text.push('\n');
                text.push_str(&state.i18n.t_args(l, "declaration-approval-session", &args));
            }
            if let Some(decision) = &approval.decision {
                let args = Args::new().text("decision", decision);
                text.push('\n');
                text.push_str(&state.i18n.t_args(l, "declaration-approval-decision", &args));
            }
            text
        }
    };
    let button = |key: &str, accept: bool| {
        InlineKeyboardButton::callback(
            strip_bidi(&state.i18n.t(l, key)),
            Action::Verify {
                declaration: pending.declaration,
                accept,
            }
            .encode(),
        )
    };
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        button("button-declaration-confirm", true),
        button("button-declaration-reject", false),
    ]]);
    (text, keyboard)
}
