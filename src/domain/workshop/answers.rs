//! Answers, capacity and the waiting list: where each invitee stands, and what an answer or a
//! change of capacity moves.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::draft::Capacity;
use super::{PersonId, bounded};

/// Longest reason given with "I cannot attend", in characters.
pub const MAX_REASON_CHARS: usize = 300;

/// An invitee's answer to an invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// "I will attend".
    Yes,
    /// "I cannot attend", with an optional reason.
    No {
        /// Why, if the invitee said.
        reason: Option<String>,
    },
}

/// Where an invitee stands, as stored: one column of the invitee's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatKind {
    /// Said yes and has a seat.
    Confirmed,
    /// Said yes, past the last seat: on the waiting list.
    Waiting,
    /// Said no.
    Declined,
    /// Has not answered.
    NoAnswer,
}

impl SeatKind {
    /// Every kind.
    pub const ALL: [SeatKind; 4] = [
        SeatKind::Confirmed,
        SeatKind::Waiting,
        SeatKind::Declined,
        SeatKind::NoAnswer,
    ];

    /// The code stored in the database: `confirmed`, `waiting`, `declined`, `no_answer`.
    pub fn code(self) -> &'static str {
        match self {
            SeatKind::Confirmed => "confirmed",
            SeatKind::Waiting => "waiting",
            SeatKind::Declined => "declined",
            SeatKind::NoAnswer => "no_answer",
        }
    }

    /// Reads a stored code.
    pub fn from_code(code: &str) -> Option<SeatKind> {
        SeatKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the invitee said yes (confirmed or waiting).
    pub fn said_yes(self) -> bool {
        matches!(self, SeatKind::Confirmed | SeatKind::Waiting)
    }
}

/// Where an invitee stands, as shown: like [`SeatKind`] with the waiting-list position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Seat {
    /// Has a seat.
    Confirmed,
    /// On the waiting list; 1 is next in line.
    Waiting {
        /// The position, from 1.
        position: u32,
    },
    /// Said no.
    Declined,
    /// Has not answered.
    NoAnswer,
}

/// One invitee of one workshop, as stored.
///
/// `answered_at` is when the current answer was given: repeating the same answer does not
/// change it, so the waiting list is simply the `Waiting` rows ordered by `answered_at`
/// (then by person), and a yes given again after a no goes to the back of the line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitee {
    /// Who.
    pub person: PersonId,
    /// Where they stand.
    pub seat: SeatKind,
    /// When the current answer was given (`None` while not answered).
    pub answered_at: Option<DateTime<Utc>>,
    /// The reason given with a no.
    pub reason: Option<String>,
}

impl Invitee {
    /// A fresh invitation, not answered.
    pub fn invited(person: PersonId) -> Invitee {
        Invitee {
            person,
            seat: SeatKind::NoAnswer,
            answered_at: None,
            reason: None,
        }
    }

    /// The answer the row records.
    pub fn answer(&self) -> Option<Answer> {
        match self.seat {
            SeatKind::Confirmed | SeatKind::Waiting => Some(Answer::Yes),
            SeatKind::Declined => Some(Answer::No {
                reason: self.reason.clone(),
            }),
            SeatKind::NoAnswer => None,
        }
    }

    /// The order of the line: earlier answer first, then lower id for a stable tie.
    fn line_key(&self) -> (Option<DateTime<Utc>>, PersonId) {
        (self.answered_at, self.person)
    }
}

/// What the answer rules need to know of the workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerTerms {
    /// The start.
    pub starts_at: DateTime<Utc>,
    /// Answers are accepted strictly before this instant.
    pub answer_deadline: DateTime<Utc>,
    /// The number of seats.
    pub capacity: Capacity,
    /// Whether the workshop was cancelled.
    pub cancelled: bool,
}

/// Why an answer was refused; nothing changes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The workshop was cancelled.
    #[error("the workshop was cancelled")]
    Cancelled,
    /// The person is not among the invitees (another person's button, a forged payload).
    #[error("this invitation is not yours")]
    NotInvited,
    /// The workshop has started.
    #[error("the workshop has already started")]
    Started {
        /// The start.
        starts_at: DateTime<Utc>,
    },
    /// The answer deadline has passed.
    #[error("answers closed at the deadline")]
    DeadlinePassed {
        /// The deadline.
        deadline: DateTime<Utc>,
    },
    /// The reason given with a no is too long.
    #[error("the reason is longer than {max} characters")]
    ReasonTooLong {
        /// The limit.
        max: usize,
    },
}

impl Refusal {
    /// The stable suffix of the Fluent key explaining the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Cancelled => "cancelled",
            Refusal::NotInvited => "not-invited",
            Refusal::Started { .. } => "started",
            Refusal::DeadlinePassed { .. } => "deadline-passed",
            Refusal::ReasonTooLong { .. } => "reason-too-long",
        }
    }
}

/// The outcome of an accepted answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Who answered.
    pub person: PersonId,
    /// Where they stood before.
    pub before: Seat,
    /// Where they stand now (tell them).
    pub seat: Seat,
    /// Others moved from the waiting list to a seat, in line order (tell each of them).
    pub promoted: Vec<PersonId>,
    /// Every row to write back, the answerer's and the promoted ones'; empty when the answer
    /// repeats the current one.
    pub changes: Vec<Invitee>,
}

impl Decision {
    /// Whether anything is to be stored.
    pub fn changed(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// The invitees with a seat, in the order they got it.
pub fn confirmed(invitees: &[Invitee]) -> Vec<PersonId> {
    in_line(invitees, SeatKind::Confirmed)
}

/// The waiting list, first in line first.
pub fn waiting_list(invitees: &[Invitee]) -> Vec<PersonId> {
    in_line(invitees, SeatKind::Waiting)
}

fn in_line(invitees: &[Invitee], kind: SeatKind) -> Vec<PersonId> {
    let mut rows: Vec<&Invitee> = invitees.iter().filter(|i| i.seat == kind).collect();
    rows.sort_by_key(|i| i.line_key());
    rows.into_iter().map(|i| i.person).collect()
}

/// Where `person` stands, with their waiting-list position; `None` if not invited.
pub fn seat_of(invitees: &[Invitee], person: PersonId) -> Option<Seat> {
    let row = invitees.iter().find(|i| i.person == person)?;
    Some(match row.seat {
        SeatKind::Confirmed => Seat::Confirmed,
        SeatKind::Declined => Seat::Declined,
        SeatKind::NoAnswer => Seat::NoAnswer,
        SeatKind::Waiting => {
            let ahead = invitees
                .iter()
                .filter(|i| i.seat == SeatKind::Waiting && i.line_key() < row.line_key())
                .count();
            Seat::Waiting {
                position: ahead as u32 + 1,
            }
        }
    })
}

/// Promotes the first in line while seats are free; returns who was promoted.
fn fill_seats(rows: &mut [Invitee], capacity: Capacity) -> Vec<PersonId> {
    let taken = rows
        .iter()
        .filter(|i| i.seat == SeatKind::Confirmed)
        .count();
    let free = (capacity.get() as usize).saturating_sub(taken);
    let promoted: Vec<PersonId> = waiting_list(rows).into_iter().take(free).collect();
    for row in rows.iter_mut() {
        if promoted.contains(&row.person) {
            row.seat = SeatKind::Confirmed;
        }
    }
    promoted
}

/// The rows of `after` that differ from `before` (same order, same people).
fn changed_rows(before: &[Invitee], after: &[Invitee]) -> Vec<Invitee> {
    before
        .iter()
        .zip(after)
        .filter(|(b, a)| b != a)
        .map(|(_, a)| a.clone())
        .collect()
}

/// What deciding one person's answer needs to know of a workshop's invitees, and no more:
/// their own row, how many others hold a seat or wait, how many of those waiting are ahead of
/// them, and the first in line. The store reads this under the workshop's lock rather than
/// every invitee, so an answer costs the same whether 30 or 30,000 are invited.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SeatsAround {
    /// The person's own invitation; `None` if they are not invited.
    pub own: Option<Invitee>,
    /// Seats held by others.
    pub others_confirmed: u32,
    /// Others on the waiting list.
    pub others_waiting: u32,
    /// Of the others waiting, those ahead of the person in line while the person waits (by
    /// their current answer); 0 otherwise, where the rules do not read it.
    pub others_ahead: u32,
    /// The latest answer among the others waiting: a yes given now goes after it.
    pub line_last_answered_at: Option<DateTime<Utc>>,
    /// The first others in line, first first: at least [`SeatsAround::line_head_wanted`] of
    /// them, or all who wait if fewer do.
    pub line_head: Vec<Invitee>,
}

impl SeatsAround {
    /// How much of the line an answer can reach: a seat freed or free goes to the first in
    /// line, and no more seats can be free than the capacity leaves beside others' seats.
    pub fn line_head_wanted(capacity: Capacity, others_confirmed: u32) -> u32 {
        capacity.get().saturating_sub(others_confirmed)
    }

    /// The same, taken from every invitee (the rules' tests, and callers that hold them
    /// all).
    pub fn of(invitees: &[Invitee], person: PersonId) -> SeatsAround {
        let own = invitees.iter().find(|i| i.person == person).cloned();
        let others = || invitees.iter().filter(|i| i.person != person);
        let count = |kind| others().filter(|i| i.seat == kind).count() as u32;
        let line: Vec<&Invitee> = {
            let mut line: Vec<&Invitee> =
                others().filter(|i| i.seat == SeatKind::Waiting).collect();
            line.sort_by_key(|i| i.line_key());
            line
        };
        let others_ahead = own
            .as_ref()
            .filter(|own| own.seat == SeatKind::Waiting)
            .map_or(0, |own| {
                line.iter()
                    .filter(|i| i.line_key() < own.line_key())
                    .count() as u32
            });
        SeatsAround {
            line_last_answered_at: line.iter().filter_map(|i| i.answered_at).max(),
            own,
            others_confirmed: count(SeatKind::Confirmed),
            others_waiting: count(SeatKind::Waiting),
            others_ahead,
            line_head: line.into_iter().cloned().collect(),
        }
    }
}

/// Applies `person`'s answer to the invitees of a workshop, given all of them (see
/// [`answer_around`], which decides it).
pub fn answer(
    invitees: &[Invitee],
    terms: &AnswerTerms,
    person: PersonId,
    answer: Answer,
    now: DateTime<Utc>,
) -> Result<Decision, Refusal> {
    answer_around(
        &SeatsAround::of(invitees, person),
        terms,
        person,
        answer,
        now,
    )
}

/// Applies `person`'s answer to a workshop's seats.
///
/// A yes takes a free seat, or goes to the back of the waiting list; a no (or changing a yes
/// to a no) frees a seat, which goes to the first in line. Repeating one's answer changes
/// nothing (and keeps one's place in line); changing it is allowed until the deadline. The
/// store applies `changes` in one transaction with the workshop locked.
pub fn answer_around(
    seats: &SeatsAround,
    terms: &AnswerTerms,
    person: PersonId,
    answer: Answer,
    now: DateTime<Utc>,
) -> Result<Decision, Refusal> {
    if terms.cancelled {
        return Err(Refusal::Cancelled);
    }
    let before_row = seats
        .own
        .as_ref()
        .filter(|own| own.person == person)
        .ok_or(Refusal::NotInvited)?;
    if now >= terms.starts_at {
        return Err(Refusal::Started {
            starts_at: terms.starts_at,
        });
    }
    if now >= terms.answer_deadline {
        return Err(Refusal::DeadlinePassed {
            deadline: terms.answer_deadline,
        });
    }
    let answer = match answer {
        Answer::No { reason } => Answer::No {
            reason: match reason {
                Some(text) => {
                    bounded(&text, MAX_REASON_CHARS).map_err(|_| Refusal::ReasonTooLong {
                        max: MAX_REASON_CHARS,
                    })?
                }
                None => None,
            },
        },
        yes => yes,
    };
    let before = shown(before_row.seat, seats.others_ahead);
    let mut own = before_row.clone();
    // Others ahead of the person in line, while they wait.
    let mut ahead = seats.others_ahead;
    match (own.seat, answer) {
        // The same yes again: keep the place.
        (SeatKind::Confirmed | SeatKind::Waiting, Answer::Yes) => {}
        // The same no, perhaps now with a reason: only the reason changes.
        (SeatKind::Declined, Answer::No { reason }) => own.reason = reason,
        (_, Answer::Yes) => {
            // At the back of the line; filling the seats below gives a free seat at once.
            // The back is after the last in line even when they answered in the same
            // millisecond (answers decided together, a clock that stands still in a test):
            // the line goes by the instant of the answer, and a tie would put whoever has
            // the lower id ahead, making the place just told to the other wrong.
            let back = seats.line_last_answered_at.map_or(now, |last| {
                now.max(last + chrono::Duration::milliseconds(1))
            });
            own.seat = SeatKind::Waiting;
            own.answered_at = Some(back);
            own.reason = None;
            ahead = seats.others_waiting;
        }
        (_, Answer::No { reason }) => {
            own.seat = SeatKind::Declined;
            own.answered_at = Some(now);
            own.reason = reason;
        }
    }
    // The free seats go to the first in line, the person among them at their place.
    let taken = seats.others_confirmed + u32::from(own.seat == SeatKind::Confirmed);
    let mut free = terms.capacity.get().saturating_sub(taken);
    let mut line = seats.line_head.iter();
    let mut promoted = Vec::new();
    while free > 0 {
        if own.seat == SeatKind::Waiting && ahead == 0 {
            own.seat = SeatKind::Confirmed;
        } else if let Some(next) = line.next() {
            promoted.push(next);
            ahead = ahead.saturating_sub(1);
        } else {
            break;
        }
        free -= 1;
    }
    let mut changes: Vec<Invitee> = promoted
        .iter()
        .map(|row| Invitee {
            seat: SeatKind::Confirmed,
            ..(*row).clone()
        })
        .collect();
    let seat = shown(own.seat, ahead);
    if own != *before_row {
        changes.push(own);
    }
    Ok(Decision {
        person,
        before,
        seat,
        promoted: promoted.iter().map(|row| row.person).collect(),
        changes,
    })
}

/// A stored seat as shown, with `ahead` others before it in line while it waits.
fn shown(seat: SeatKind, ahead: u32) -> Seat {
    match seat {
        SeatKind::Confirmed => Seat::Confirmed,
        SeatKind::Declined => Seat::Declined,
        SeatKind::NoAnswer => Seat::NoAnswer,
        SeatKind::Waiting => Seat::Waiting {
            position: ahead + 1,
        },
    }
}

/// The outcome of an organiser's change of capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityChange {
    /// Moved from the waiting list to a seat, in line order (tell each of them).
    pub promoted: Vec<PersonId>,
    /// The rows to write back.
    pub changes: Vec<Invitee>,
    /// How many confirmed invitees exceed the new capacity (shown to the organiser).
    pub over_capacity: u32,
}

/// Applies a new capacity: more seats promote the first in line.
///
/// Fewer seats never take a seat back: a seat promised to an elected official is kept, the
/// organiser is shown how many people are over the new capacity, and nobody is promoted
/// until enough seats are freed.
pub fn change_capacity(invitees: &[Invitee], capacity: Capacity) -> CapacityChange {
    let mut rows = invitees.to_vec();
    let promoted = fill_seats(&mut rows, capacity);
    let confirmed = rows
        .iter()
        .filter(|i| i.seat == SeatKind::Confirmed)
        .count() as u32;
    CapacityChange {
        promoted,
        changes: changed_rows(invitees, &rows),
        over_capacity: confirmed.saturating_sub(capacity.get()),
    }
}

/// The live counts of a workshop's answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerCounts {
    /// Everyone invited.
    pub invited: u32,
    /// Confirmed seats.
    pub confirmed: u32,
    /// On the waiting list.
    pub waiting: u32,
    /// Said no.
    pub declined: u32,
    /// Not answered.
    pub no_answer: u32,
}

/// Counts the invitees by where they stand.
pub fn answer_counts(invitees: &[Invitee]) -> AnswerCounts {
    let mut counts = AnswerCounts::default();
    for invitee in invitees {
        counts.invited += 1;
        *match invitee.seat {
            SeatKind::Confirmed => &mut counts.confirmed,
            SeatKind::Waiting => &mut counts.waiting,
            SeatKind::Declined => &mut counts.declined,
            SeatKind::NoAnswer => &mut counts.no_answer,
        } += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::Duration;

    use super::*;
    use crate::domain::workshop::test_support::{ids, invited, p, utc};

    fn terms(capacity: u32) -> AnswerTerms {
        AnswerTerms {
            starts_at: utc(2026, 1, 20, 8, 0),
            answer_deadline: utc(2026, 1, 19, 17, 0),
            capacity: Capacity::new(capacity).unwrap(),
            cancelled: false,
        }
    }

    /// Applies a decision's changes as the store would.
    fn store(rows: &mut [Invitee], changes: &[Invitee]) {
        for change in changes {
            let row = rows.iter_mut().find(|r| r.person == change.person).unwrap();
            *row = change.clone();
        }
    }

    fn no(reason: Option<&str>) -> Answer {
        Answer::No {
            reason: reason.map(str::to_owned),
        }
    }

    #[test]
    fn yes_fills_seats_then_the_waiting_list_and_a_no_promotes_the_first_in_line() {
        let terms = terms(2);
        let mut rows = invited(5);
        let mut at = utc(2026, 1, 6, 9, 0);
        let mut say = |rows: &mut Vec<Invitee>, person, answer_| {
            at += Duration::minutes(1);
            let decision = answer(rows, &terms, person, answer_, at).unwrap();
            store(rows, &decision.changes);
            decision
        };
        assert_eq!(say(&mut rows, p(1), Answer::Yes).seat, Seat::Confirmed);
        assert_eq!(say(&mut rows, p(2), Answer::Yes).seat, Seat::Confirmed);
        let third = say(&mut rows, p(3), Answer::Yes);
        assert_eq!(third.before, Seat::NoAnswer);
        assert_eq!(third.seat, Seat::Waiting { position: 1 });
        assert_eq!(
            say(&mut rows, p(4), Answer::Yes).seat,
            Seat::Waiting { position: 2 }
        );
        assert_eq!(confirmed(&rows), ids([1, 2]));
        assert_eq!(waiting_list(&rows), ids([3, 4]));

        // Person 1 cannot come after all: 3 gets the seat, 4 moves up.
        let freed = say(&mut rows, p(1), no(Some("  council session  ")));
        assert_eq!(freed.before, Seat::Confirmed);
        assert_eq!(freed.seat, Seat::Declined);
        assert_eq!(freed.promoted, ids([3]));
        assert_eq!(freed.changes.len(), 2);
        assert_eq!(rows[0].reason.as_deref(), Some("council session"));
        assert_eq!(rows[0].answer(), Some(no(Some("council session"))));
        assert_eq!(seat_of(&rows, p(3)), Some(Seat::Confirmed));
        assert_eq!(seat_of(&rows, p(4)), Some(Seat::Waiting { position: 1 }));

        // Repeating a yes keeps one's place and changes nothing.
        let again = say(&mut rows, p(4), Answer::Yes);
        assert!(!again.changed());
        assert_eq!(again.seat, Seat::Waiting { position: 1 });

        // Person 1 changes their mind again: back of the line.
        assert_eq!(
            say(&mut rows, p(1), Answer::Yes).seat,
            Seat::Waiting { position: 2 }
        );
        assert_eq!(waiting_list(&rows), ids([4, 1]));
        // A waiting person who declines frees no seat; the line moves up.
        let gone = say(&mut rows, p(4), no(None));
        assert!(gone.promoted.is_empty());
        assert_eq!(seat_of(&rows, p(1)), Some(Seat::Waiting { position: 1 }));
        // A confirmed person who declines promotes the next in line.
        assert_eq!(say(&mut rows, p(2), no(None)).promoted, ids([1]));
        assert_eq!(confirmed(&rows), ids([3, 1]));
        assert_eq!(
            answer_counts(&rows),
            AnswerCounts {
                invited: 5,
                confirmed: 2,
                waiting: 0,
                declined: 2,
                no_answer: 1
            }
        );
        // A declined person adding a reason only changes the reason.
        let before = rows[1].clone();
        let reason = say(&mut rows, p(2), no(Some("ill")));
        assert_eq!(reason.changes.len(), 1);
        assert_eq!(rows[1].answered_at, before.answered_at);
        assert_eq!(rows[1].reason.as_deref(), Some("ill"));
        // A no without a reason first, from someone who had not answered.
        assert_eq!(say(&mut rows, p(5), no(None)).before, Seat::NoAnswer);
    }

    #[test]
    fn a_yes_while_others_wait_for_a_free_seat_goes_behind_them() {
        // An inconsistent start (a seat free while someone waits) is repaired in line order.
        let mut rows = invited(3);
        rows[0].seat = SeatKind::Waiting;
        rows[0].answered_at = Some(utc(2026, 1, 6, 9, 0));
        let decision = answer(&rows, &terms(1), p(2), Answer::Yes, utc(2026, 1, 6, 10, 0)).unwrap();
        assert_eq!(decision.promoted, ids([1]));
        assert_eq!(decision.seat, Seat::Waiting { position: 1 });
    }

    #[test]
    fn stale_and_forged_answers_are_refused() {
        let rows = invited(2);
        let now = utc(2026, 1, 6, 9, 0);
        let cancelled = AnswerTerms {
            cancelled: true,
            ..terms(2)
        };
        assert_eq!(
            answer(&rows, &cancelled, p(1), Answer::Yes, now),
            Err(Refusal::Cancelled)
        );
        assert_eq!(
            answer(&rows, &terms(2), p(9), Answer::Yes, now),
            Err(Refusal::NotInvited)
        );
        let deadline = terms(2).answer_deadline;
        assert!(
            answer(
                &rows,
                &terms(2),
                p(1),
                Answer::Yes,
                deadline - Duration::seconds(1)
            )
            .is_ok()
        );
        assert_eq!(
            answer(&rows, &terms(2), p(1), Answer::Yes, deadline),
            Err(Refusal::DeadlinePassed { deadline })
        );
        let start = terms(2).starts_at;
        assert_eq!(
            answer(&rows, &terms(2), p(1), no(None), start),
            Err(Refusal::Started { starts_at: start })
        );
        let long = "r".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(
            answer(&rows, &terms(2), p(1), no(Some(&long)), now),
            Err(Refusal::ReasonTooLong { max: 300 })
        );
        let codes: HashSet<&str> = [
            Refusal::Cancelled,
            Refusal::NotInvited,
            Refusal::Started { starts_at: start },
            Refusal::DeadlinePassed { deadline },
            Refusal::ReasonTooLong { max: 1 },
        ]
        .iter()
        .map(Refusal::code)
        .collect();
        assert_eq!(codes.len(), 5);
    }

    #[test]
    fn capacity_changes_promote_but_never_take_a_seat_back() {
        let terms = terms(2);
        let mut rows = invited(5);
        for (i, person) in (1..=5).map(p).enumerate() {
            let at = utc(2026, 1, 6, 9, i as u32);
            let d = answer(&rows, &terms, person, Answer::Yes, at).unwrap();
            store(&mut rows, &d.changes);
        }
        assert_eq!(waiting_list(&rows), ids([3, 4, 5]));
        let raised = change_capacity(&rows, Capacity::new(4).unwrap());
        assert_eq!(raised.promoted, ids([3, 4]));
        assert_eq!(raised.over_capacity, 0);
        store(&mut rows, &raised.changes);
        assert_eq!(seat_of(&rows, p(5)), Some(Seat::Waiting { position: 1 }));
        let lowered = change_capacity(&rows, Capacity::new(1).unwrap());
        assert!(lowered.promoted.is_empty());
        assert!(lowered.changes.is_empty());
        assert_eq!(lowered.over_capacity, 3);
        // Over capacity, a freed seat promotes nobody until the count is under it.
        let low = AnswerTerms {
            capacity: Capacity::new(3).unwrap(),
            ..terms
        };
        let d = answer(&rows, &low, p(1), no(None), utc(2026, 1, 7, 9, 0)).unwrap();
        assert!(d.promoted.is_empty());
        store(&mut rows, &d.changes);
        let d = answer(&rows, &low, p(2), no(None), utc(2026, 1, 7, 9, 1)).unwrap();
        assert_eq!(d.promoted, ids([5]));
    }

    /// The store reads only the first of the line (`line_head_wanted`), not all who wait: in
    /// long random runs of answers and capacity changes, the decision on that is the one on
    /// the whole line, and where it says the person stands is where the stored rows put them.
    #[test]
    fn deciding_on_the_head_of_the_line_is_deciding_on_all_of_it() {
        use rand::rngs::StdRng;
        use rand::{Rng, SeedableRng};

        let mut rng = StdRng::seed_from_u64(22);
        for _ in 0..200 {
            let mut terms = terms(rng.random_range(1..5));
            let mut rows = invited(rng.random_range(1..12));
            let mut at = utc(2026, 1, 6, 9, 0);
            for _ in 0..40 {
                if rng.random_bool(0.05) {
                    // Fewer seats leave people over capacity; more promote.
                    terms.capacity = Capacity::new(rng.random_range(1..5)).unwrap();
                    let change = change_capacity(&rows, terms.capacity);
                    store(&mut rows, &change.changes);
                    continue;
                }
                // Now and then two answers in the same instant: the line's tie goes by person.
                if rng.random_bool(0.8) {
                    at += Duration::minutes(1);
                }
                let person = p(rng.random_range(1..=rows.len() as i64));
                let said = if rng.random_bool(0.6) {
                    Answer::Yes
                } else {
                    no(None)
                };
                let mut seats = SeatsAround::of(&rows, person);
                let whole = answer_around(&seats, &terms, person, said.clone(), at).unwrap();
                let wanted = SeatsAround::line_head_wanted(terms.capacity, seats.others_confirmed);
                seats.line_head.truncate(wanted as usize);
                let head = answer_around(&seats, &terms, person, said, at).unwrap();
                let sorted = |d: &Decision| {
                    let mut changes = d.changes.clone();
                    changes.sort_by_key(|i| i.person);
                    (d.before, d.seat, d.promoted.clone(), changes)
                };
                assert_eq!(sorted(&head), sorted(&whole));
                store(&mut rows, &head.changes);
                assert_eq!(seat_of(&rows, person), Some(head.seat));
                let counts = answer_counts(&rows);
                assert!(
                    counts.waiting == 0 || counts.confirmed >= terms.capacity.get(),
                    "a seat free while someone waits: {rows:?}"
                );
            }
        }
    }

    #[test]
    fn seat_kinds_round_trip_their_codes() {
        for kind in SeatKind::ALL {
            assert_eq!(SeatKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(SeatKind::from_code("maybe"), None);
        assert_eq!(
            serde_json::to_string(&SeatKind::NoAnswer).unwrap(),
            "\"no_answer\""
        );
    }
}
