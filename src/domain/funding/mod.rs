//! Funding, per signing body (a commune, or a province's Provincial Council): the council's
//! approval of the programme's financing agreement, and the transfer of its contribution.
//! What presidents declare waits for a finance officer's verification; only what is verified
//! counts as done, and what is declared is not chased meanwhile. Plain rules, no I/O.

mod file;

pub use file::{
    CONTRIBUTION_COLUMNS, ContributionError, ContributionRow, KnownBodies, parse_contributions,
};

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::money::Money;

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

/// The council session at which an agreement was approved, as a president picks it: one of
/// the three ordinary sessions (first week of February, May, October) or an extraordinary one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CouncilSession {
    /// The ordinary session of February.
    February,
    /// The ordinary session of May.
    May,
    /// The ordinary session of October.
    October,
    /// An extraordinary session.
    Extraordinary,
}

impl CouncilSession {
    /// Every session, in the order of the year (the extraordinary one last).
    pub const ALL: [CouncilSession; 4] = [
        CouncilSession::February,
        CouncilSession::May,
        CouncilSession::October,
        CouncilSession::Extraordinary,
    ];

    /// The code in buttons, in the database (`approvals.session`) and in message keys.
    pub fn code(self) -> &'static str {
        match self {
            CouncilSession::February => "february",
            CouncilSession::May => "may",
            CouncilSession::October => "october",
            CouncilSession::Extraordinary => "extraordinary",
        }
    }

    /// The session of a code; `None` for anything else (a session the Region wrote in words).
    pub fn of_code(code: &str) -> Option<CouncilSession> {
        CouncilSession::ALL.into_iter().find(|s| s.code() == code)
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

    /// The verified approval, if any: the day and session reports show.
    pub fn approval(&self) -> Option<&Approval> {
        self.approvals
            .iter()
            .find(|a| a.verification == Verification::Verified)
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
}
