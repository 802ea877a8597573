//! Funding, per signing body (a commune, or a province's Provincial Council): the council's
//! approval of the programme's financing agreement, and the transfer of its contribution.
//! What presidents declare waits for a finance officer's verification; only what is verified
//! counts as done, and what is declared is not chased meanwhile. Plain rules, no I/O.

mod file;
mod sessions;

pub use file::{
    CONTRIBUTION_COLUMNS, ContributionError, ContributionRow, KnownBodies, parse_contributions,
};
pub use sessions::{
    COMMUNE_SESSIONS, CouncilSession, PROVINCIAL_COUNCIL_SESSIONS, REMINDER_DAY,
    default_reminder_cron, next_ordinary_session, ordinary_months,
};

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::money::Money;
use crate::domain::text::TextRule;

/// Something a body declared, awaiting a finance officer: a payment or an approval, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Declaration {
    /// A declared transfer.
    Payment(i64),
    /// A declared approval of the agreement.
    Approval(i64),
}

/// Where a declaration stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Declared by the body (or its president), awaiting a finance officer.
    Declared,
    /// Confirmed by a finance officer, or recorded by the Region itself.
    Verified,
    /// Refused by a finance officer, with the reason sent back.
    Rejected {
        /// Why.
        reason: String,
    },
}

impl Verification {
    /// The code stored in the database.
    pub fn code(&self) -> &'static str {
        match self {
            Verification::Declared => "declared",
            Verification::Verified => "verified",
            Verification::Rejected { .. } => "rejected",
        }
    }
}

/// The council's vote approving the financing agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    /// The council's session (e.g. "ordinary session of May").
    pub session: Option<String>,
    /// The day of the vote.
    pub approved_on: NaiveDate,
    /// The decision's number, if given.
    pub decision: Option<String>,
    /// Whether it is verified.
    pub verification: Verification,
}

/// A transfer of (part of) the contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// How much.
    pub amount: Money,
    /// The day of the transfer.
    pub paid_on: NaiveDate,
    /// The bank's reference.
    pub reference: String,
    /// Whether it is verified.
    pub verification: Verification,
}

/// The first day a transfer or a council's vote may bear: the master plan for the continuous
/// training of the members of territorial councils runs 2023–2026, and nothing was owed to it
/// before it began.
pub const PROGRAMME_START: NaiveDate = match NaiveDate::from_ymd_opt(2023, 1, 1) {
    Some(day) => day,
    None => panic!("a calendar day"),
};

/// Why the day of a transfer or of a council's vote cannot be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayError {
    /// After today: what is recorded has happened.
    InFuture {
        /// Today, in the programme's time zone.
        today: NaiveDate,
    },
    /// Before the programme began.
    BeforeProgramme {
        /// The first possible day, [`PROGRAMME_START`].
        earliest: NaiveDate,
    },
}

/// Checks the day of a transfer or of a council's vote: not after `today` (the programme's
/// local date), not before [`PROGRAMME_START`].
pub fn check_day(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, DayError> {
    if day > today {
        Err(DayError::InFuture { today })
    } else if day < PROGRAMME_START {
        Err(DayError::BeforeProgramme {
            earliest: PROGRAMME_START,
        })
    } else {
        Ok(day)
    }
}

/// A bank's or the Treasury's reference, as typed: one line, short.
pub const REFERENCE_TEXT: TextRule = TextRule::one_line(60);
/// A council's session written in words: one line, as long as a place's name.
pub const SESSION_TEXT: TextRule = TextRule::one_line(120);
/// A council decision's number: one line, short.
pub const DECISION_TEXT: TextRule = TextRule::one_line(40);

/// What identifies a transfer for a body, whoever typed its reference: the reference without
/// its spaces, its Latin letters in capitals ("vir 2026-17" and "VIR2026-17" are one
/// transfer). Only ASCII letters change case, as both databases' `UPPER` agree on them.
pub fn reference_key(reference: &str) -> String {
    reference
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether a record still stands: neither rejected by a finance officer nor set aside.
pub fn stands(verification: &Verification) -> bool {
    !matches!(verification, Verification::Rejected { .. })
}

/// What a transfer about to be recorded is, next to the body's payments already recorded:
/// one transfer, one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentMatch<'a> {
    /// No payment standing has its reference: a new one.
    New,
    /// The same transfer, every detail alike: already recorded, nothing to add.
    Same(&'a Payment),
    /// Its reference stands for another amount or another day: a conflict, corrected
    /// explicitly or not at all.
    Conflict(&'a Payment),
}

/// Finds, among a body's payments, the one standing under the reference of `new` (compared
/// by [`reference_key`]), and says whether `new` is the same transfer or contradicts it.
/// A rejected declaration does not stand: its reference may be declared again.
pub fn match_payment<'a>(recorded: &'a [Payment], new: &Payment) -> PaymentMatch<'a> {
    let key = reference_key(&new.reference);
    match recorded
        .iter()
        .find(|p| stands(&p.verification) && reference_key(&p.reference) == key)
    {
        None => PaymentMatch::New,
        Some(p) if p.amount == new.amount && p.paid_on == new.paid_on => PaymentMatch::Same(p),
        Some(p) => PaymentMatch::Conflict(p),
    }
}

/// What an approval about to be recorded is, next to the body's approvals already recorded:
/// one approval standing per body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApprovalMatch<'a> {
    /// None stands: a new one.
    New,
    /// The same vote, every detail alike: already recorded, nothing to add.
    Same(&'a Approval),
    /// Another stands: corrected explicitly or not at all.
    Stands(&'a Approval),
}

/// Finds the approval standing for a body (the latest, were there several) and says whether
/// `new` is that vote or another.
pub fn match_approval<'a>(recorded: &'a [Approval], new: &Approval) -> ApprovalMatch<'a> {
    match recorded.iter().rfind(|a| stands(&a.verification)) {
        None => ApprovalMatch::New,
        Some(a)
            if a.approved_on == new.approved_on
                && a.session == new.session
                && a.decision == new.decision =>
        {
            ApprovalMatch::Same(a)
        }
        Some(a) => ApprovalMatch::Stands(a),
    }
}

/// What one body owes the programme and what it has done, as far as the rules need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyFunding {
    /// The contribution due, and by when; `None` until the Region has set it.
    pub due: Option<(Money, NaiveDate)>,
    /// Approvals declared or recorded, oldest first.
    pub approvals: Vec<Approval>,
    /// Payments declared or recorded, oldest first.
    pub payments: Vec<Payment>,
}

/// The agreement's state, as reports and reminders show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementState {
    /// Not approved, nothing declared.
    Pending,
    /// An approval declared, awaiting verification.
    Declared,
    /// Approved (verified).
    Approved,
}

impl AgreementState {
    /// The code used in reports and message keys.
    pub fn code(self) -> &'static str {
        match self {
            AgreementState::Pending => "pending",
            AgreementState::Declared => "declared",
            AgreementState::Approved => "approved",
        }
    }
}

/// What a body still owes, the reminders' content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owed {
    /// The agreement is neither approved nor declared approved.
    pub agreement: bool,
    /// The contribution not yet paid nor declared paid; zero when nothing is owed.
    pub amount: Money,
}

impl Owed {
    /// Whether there is anything to remind the body of.
    pub fn is_nothing(&self) -> bool {
        !self.agreement && !self.amount.is_positive()
    }
}

impl BodyFunding {
    /// The agreement's state: approved once a verified approval exists.
    pub fn agreement(&self) -> AgreementState {
        if self
            .approvals
            .iter()
            .any(|a| a.verification == Verification::Verified)
        {
            AgreementState::Approved
        } else if self
            .approvals
            .iter()
            .any(|a| a.verification == Verification::Declared)
        {
            AgreementState::Declared
        } else {
            AgreementState::Pending
        }
    }

    /// The verified approval, if any: the day and session reports show. A body has one
    /// approval standing; were there several (a database from before migration 0022), the
    /// latest recorded reads, as a correction replaces what it corrects.
    pub fn approval(&self) -> Option<&Approval> {
        self.approvals
            .iter()
            .rfind(|a| a.verification == Verification::Verified)
    }

    /// The contribution due (zero when none is set).
    pub fn due(&self) -> Money {
        self.due.map_or(Money::ZERO, |(amount, _)| amount)
    }

    /// What verified payments add up to.
    pub fn paid(&self) -> Money {
        self.sum(|v| *v == Verification::Verified)
    }

    /// What declared payments awaiting verification add up to.
    pub fn declared(&self) -> Money {
        self.sum(|v| *v == Verification::Declared)
    }

    fn sum(&self, which: impl Fn(&Verification) -> bool) -> Money {
        self.payments
            .iter()
            .filter(|p| which(&p.verification))
            .map(|p| p.amount)
            .sum()
    }

    /// Due less paid: negative when overpaid, which reports show rather than hide.
    pub fn balance(&self) -> Money {
        self.due() - self.paid()
    }

    /// What is still owed, not counting what is declared and awaiting verification (the
    /// president is not chased for a transfer they say they made; a rejection brings it
    /// back).
    pub fn owed(&self) -> Owed {
        let unaccounted = self.balance() - self.declared();
        Owed {
            agreement: self.agreement() == AgreementState::Pending,
            amount: if unaccounted.is_positive() {
                unaccounted
            } else {
                Money::ZERO
            },
        }
    }

    /// Days since the due date while a balance remains; zero before it or once paid.
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        match self.due {
            Some((_, due_on)) if self.balance().is_positive() && today > due_on => {
                (today - due_on).num_days()
            }
            _ => 0,
        }
    }
}

/// Whether a body is reminded now: something is owed, and no promise ("remind me after")
/// runs until after today.
pub fn gets_reminder(
    funding: &BodyFunding,
    promised_until: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    !funding.owed().is_nothing() && promised_until.is_none_or(|until| today > until)
}

/// Whether a body's silence goes to the province's Secretary-General: `reminders` sent since
/// its last answer reached `after` (and it still owes something).
pub fn escalates(funding: &BodyFunding, reminders_since_answer: u32, after: u32) -> bool {
    after > 0 && reminders_since_answer >= after && !funding.owed().is_nothing()
}

/// The default number of unanswered reminders before escalation.
pub const ESCALATE_AFTER: u32 = 3;

/// How a body answered the funding reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    /// Its president declared a transfer.
    Transfer,
    /// Its president declared the council's approval.
    Approval,
    /// Its president asked to be reminded after a day ("remind me in a week").
    Promise,
    /// Its president asked to be contacted by the organisers.
    Contact,
}

impl AnswerKind {
    /// Every kind.
    pub const ALL: [AnswerKind; 4] = [
        AnswerKind::Transfer,
        AnswerKind::Approval,
        AnswerKind::Promise,
        AnswerKind::Contact,
    ];

    /// The stored code, also the report's.
    pub fn code(self) -> &'static str {
        match self {
            AnswerKind::Transfer => "transfer",
            AnswerKind::Approval => "approval",
            AnswerKind::Promise => "promise",
            AnswerKind::Contact => "contact",
        }
    }

    /// The kind of a stored code.
    pub fn of_code(code: &str) -> Option<AnswerKind> {
        AnswerKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// How a body was chased and answered: the reminders it was sent, and its last answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowUp {
    /// Reminders sent to the body (one per occurrence, however many of its people got it).
    pub reminders: u32,
    /// Of those, the ones sent after its last answer.
    pub since_answer: u32,
    /// Its last answer: when, and what.
    pub last_answer: Option<(DateTime<Utc>, AnswerKind)>,
}

impl FollowUp {
    /// The follow-up of a body from the reminders delivered to its people — each as the
    /// occurrence it belongs to and when it was sent — and its answers.
    pub fn of(
        reminders: &[(DateTime<Utc>, DateTime<Utc>)],
        answers: &[(DateTime<Utc>, AnswerKind)],
    ) -> FollowUp {
        let last_answer = answers.iter().copied().max_by_key(|(at, _)| *at);
        let count = |after: Option<DateTime<Utc>>| {
            let mut occurrences: Vec<DateTime<Utc>> = reminders
                .iter()
                .filter(|(_, sent)| after.is_none_or(|a| *sent > a))
                .map(|(occurrence, _)| *occurrence)
                .collect();
            occurrences.sort();
            occurrences.dedup();
            u32::try_from(occurrences.len()).unwrap_or(u32::MAX)
        };
        FollowUp {
            reminders: count(None),
            since_answer: count(last_answer.map(|(at, _)| at)),
            last_answer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, d).unwrap()
    }

    fn payment(dirhams: i64, verification: Verification) -> Payment {
        Payment {
            amount: Money::from_dirhams(dirhams),
            paid_on: day(1),
            reference: "VIR-1".into(),
            verification,
        }
    }

    fn approval(verification: Verification) -> Approval {
        Approval {
            session: Some("session de février".into()),
            approved_on: day(2),
            decision: None,
            verification,
        }
    }

    #[test]
    fn partial_payments_keep_a_balance_and_overpayment_shows() {
        let mut body = BodyFunding {
            due: Some((Money::from_dirhams(10_000), day(31))),
            ..BodyFunding::default()
        };
        assert_eq!(body.owed().amount, Money::from_dirhams(10_000));
        assert!(body.owed().agreement);
        body.payments.push(payment(4_000, Verification::Verified));
        assert_eq!(body.balance(), Money::from_dirhams(6_000));
        body.payments.push(payment(7_000, Verification::Verified));
        assert_eq!(
            body.balance(),
            Money::from_dirhams(-1_000),
            "overpaid, not hidden"
        );
        assert_eq!(body.owed().amount, Money::ZERO);
        assert_eq!(
            body.days_overdue(NaiveDate::from_ymd_opt(2027, 4, 10).unwrap()),
            0
        );
    }

    #[test]
    fn declarations_pause_the_chase_until_verified_and_rejections_resume_it() {
        let mut body = BodyFunding {
            due: Some((Money::from_dirhams(10_000), day(15))),
            ..BodyFunding::default()
        };
        body.approvals.push(approval(Verification::Declared));
        body.payments.push(payment(10_000, Verification::Declared));
        assert_eq!(body.agreement(), AgreementState::Declared);
        assert!(body.owed().is_nothing(), "all declared: not chased");
        assert!(!gets_reminder(&body, None, day(20)));
        assert_eq!(body.paid(), Money::ZERO, "but nothing counts as paid yet");
        assert_eq!(body.days_overdue(day(20)), 5);
        // The finance officer rejects the transfer: it is owed again.
        body.payments[0].verification = Verification::Rejected {
            reason: "reference not found".into(),
        };
        assert_eq!(body.owed().amount, Money::from_dirhams(10_000));
        assert!(gets_reminder(&body, None, day(20)));
        // Confirms the approval: the agreement is done.
        body.approvals[0].verification = Verification::Verified;
        assert_eq!(body.agreement(), AgreementState::Approved);
        assert!(!body.owed().agreement);
    }

    #[test]
    fn reminders_are_counted_per_occurrence_and_since_the_last_answer() {
        use chrono::TimeZone;
        let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2027, 3, d, h, 0, 0).unwrap();
        // Three Mondays' reminders, each to the president and in copy to the finance staff.
        let sent = [
            (at(1, 10), at(1, 10)),
            (at(1, 10), at(1, 11)),
            (at(8, 10), at(8, 10)),
            (at(8, 10), at(8, 10)),
            (at(15, 10), at(15, 10)),
        ];
        let silent = FollowUp::of(&sent, &[]);
        assert_eq!((silent.reminders, silent.since_answer), (3, 3));
        assert_eq!(silent.last_answer, None);
        // A promise made on the 9th: only the reminder of the 15th is unanswered.
        let answers = [
            (at(2, 9), AnswerKind::Contact),
            (at(9, 9), AnswerKind::Promise),
        ];
        let answered = FollowUp::of(&sent, &answers);
        assert_eq!((answered.reminders, answered.since_answer), (3, 1));
        assert_eq!(answered.last_answer, Some((at(9, 9), AnswerKind::Promise)));
        for kind in AnswerKind::ALL {
            assert_eq!(AnswerKind::of_code(kind.code()), Some(kind));
        }
    }

    #[test]
    fn nothing_owed_is_never_reminded_and_a_promise_pauses_until_its_day() {
        let settled = BodyFunding {
            due: Some((Money::from_dirhams(5_000), day(15))),
            approvals: vec![approval(Verification::Verified)],
            payments: vec![payment(5_000, Verification::Verified)],
        };
        assert!(!gets_reminder(&settled, None, day(20)));
        assert!(!escalates(&settled, 10, ESCALATE_AFTER));
        let owing = BodyFunding {
            due: Some((Money::from_dirhams(5_000), day(15))),
            ..BodyFunding::default()
        };
        assert!(!gets_reminder(&owing, Some(day(25)), day(20)), "promised");
        assert!(!gets_reminder(&owing, Some(day(25)), day(25)));
        assert!(
            gets_reminder(&owing, Some(day(25)), day(26)),
            "the promise ran out"
        );
        assert!(!escalates(&owing, 2, ESCALATE_AFTER));
        assert!(escalates(&owing, 3, ESCALATE_AFTER));
        // No contribution set yet: only the agreement is owed.
        let agreement_only = BodyFunding::default();
        assert_eq!(
            agreement_only.owed(),
            Owed {
                agreement: true,
                amount: Money::ZERO
            }
        );
    }

    #[test]
    fn a_day_is_neither_after_today_nor_before_the_programme() {
        let today = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        assert_eq!(
            check_day(today, today),
            Ok(today),
            "today is a day past enough"
        );
        assert_eq!(check_day(PROGRAMME_START, today), Ok(PROGRAMME_START));
        let tomorrow = NaiveDate::from_ymd_opt(2026, 1, 11).unwrap();
        assert_eq!(
            check_day(tomorrow, today),
            Err(DayError::InFuture { today })
        );
        let long_ago = NaiveDate::from_ymd_opt(1925, 3, 15).unwrap();
        assert_eq!(
            check_day(long_ago, today),
            Err(DayError::BeforeProgramme {
                earliest: PROGRAMME_START
            })
        );
        let eve = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
        assert!(check_day(eve, today).is_err());
    }

    #[test]
    fn a_reference_is_compared_without_spaces_or_case() {
        assert_eq!(reference_key(" vir 2026-17 "), "VIR2026-17");
        assert_eq!(reference_key("Vir 2026-17"), reference_key("VIR2026-17"));
        assert_eq!(
            reference_key("vir\u{a0}7"),
            "VIR7",
            "a non-breaking space is a space"
        );
        // Only Latin letters change case, as both databases agree.
        assert_eq!(reference_key("é-1"), "é-1");
        assert_eq!(reference_key("تحويل 12"), "تحويل12");
    }

    #[test]
    fn one_transfer_is_one_record_and_a_rejection_frees_its_reference() {
        let recorded = vec![Payment {
            reference: "VIR-1".into(),
            ..payment(4_000, Verification::Verified)
        }];
        let again = Payment {
            reference: "vir-1 ".into(),
            ..payment(4_000, Verification::Verified)
        };
        assert_eq!(
            match_payment(&recorded, &again),
            PaymentMatch::Same(&recorded[0])
        );
        let other_amount = Payment {
            amount: Money::from_dirhams(5_000),
            ..again.clone()
        };
        assert_eq!(
            match_payment(&recorded, &other_amount),
            PaymentMatch::Conflict(&recorded[0])
        );
        let other_day = Payment {
            paid_on: day(2),
            ..again.clone()
        };
        assert_eq!(
            match_payment(&recorded, &other_day),
            PaymentMatch::Conflict(&recorded[0])
        );
        let other_reference = Payment {
            reference: "VIR-2".into(),
            ..again.clone()
        };
        assert_eq!(
            match_payment(&recorded, &other_reference),
            PaymentMatch::New
        );
        // Rejected by a finance officer: the same reference may be declared again.
        let rejected = vec![Payment {
            verification: Verification::Rejected {
                reason: "not on the statement".into(),
            },
            ..recorded[0].clone()
        }];
        assert_eq!(match_payment(&rejected, &other_amount), PaymentMatch::New);
    }

    #[test]
    fn one_approval_stands_per_body_and_the_latest_reads() {
        let first = approval(Verification::Verified);
        assert_eq!(match_approval(&[], &first), ApprovalMatch::New);
        let recorded = vec![first.clone()];
        assert_eq!(
            match_approval(&recorded, &first),
            ApprovalMatch::Same(&recorded[0])
        );
        let another = Approval {
            approved_on: day(5),
            ..first.clone()
        };
        assert_eq!(
            match_approval(&recorded, &another),
            ApprovalMatch::Stands(&recorded[0])
        );
        let rejected = vec![approval(Verification::Rejected {
            reason: "no such decision".into(),
        })];
        assert_eq!(match_approval(&rejected, &another), ApprovalMatch::New);
        // Two verified (a database from before one approval per body): the latest reads.
        let body = BodyFunding {
            approvals: vec![
                Approval {
                    approved_on: NaiveDate::from_ymd_opt(1925, 2, 2).unwrap(),
                    ..first.clone()
                },
                another.clone(),
            ],
            ..BodyFunding::default()
        };
        assert_eq!(body.approval().map(|a| a.approved_on), Some(day(5)));
    }
}
