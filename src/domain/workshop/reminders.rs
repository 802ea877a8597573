//! Reminders and nudges: who gets the reminders before a workshop, and when the one nudge to
//! answer goes.

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::PersonId;
use super::answers::{Invitee, SeatKind};
use crate::domain::zone::Zone;

/// Local time of the nudge on the days before the deadline.
pub const NUDGE_TIME: NaiveTime = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
/// A nudge comes at least this long before the deadline, so there is time to answer.
pub const NUDGE_MIN_BEFORE_DEADLINE: Duration = Duration::hours(1);
/// Answer periods shorter than this get no nudge: the invitation itself is fresh.
pub const NUDGE_MIN_PERIOD: Duration = Duration::hours(2);

/// Whether an invitee standing at `seat` gets the reminders before the workshop: those who
/// said yes (waiting ones too: a seat may free up) and those who have not answered, never
/// those who declined.
pub fn gets_reminder(seat: SeatKind) -> bool {
    seat != SeatKind::Declined
}

/// The invitees who get a reminder, by person id.
pub fn reminder_recipients(invitees: &[Invitee]) -> Vec<PersonId> {
    invitees
        .iter()
        .filter(|i| gets_reminder(i.seat))
        .map(|i| i.person)
        .collect()
}

/// The invitees who get the nudge: those who have not answered.
pub fn nudge_recipients(invitees: &[Invitee]) -> Vec<PersonId> {
    invitees
        .iter()
        .filter(|i| i.seat == SeatKind::NoAnswer)
        .map(|i| i.person)
        .collect()
}

/// When the one nudge to answer goes, for invitations sent at `invited_at`.
///
/// 10:00 local the day before the deadline, or on the deadline day, whichever is the first in
/// the second half of the answer period and at least an hour before the deadline: people
/// first get time to answer by themselves, and the nudge comes at a civil hour. When neither
/// fits (a short period), halfway through the period. `None` when the period is under two
/// hours: there is nothing to nudge about. Quiet hours still apply at delivery.
pub fn nudge_at(
    invited_at: DateTime<Utc>,
    deadline: DateTime<Utc>,
    zone: &Zone,
) -> Option<DateTime<Utc>> {
    let period = deadline - invited_at;
    if period < NUDGE_MIN_PERIOD {
        return None;
    }
    let halfway = invited_at + period / 2;
    let deadline_day = zone.local(deadline).date();
    [deadline_day - Duration::days(1), deadline_day]
        .into_iter()
        .map(|day| zone.resolve(day.and_time(NUDGE_TIME)).earliest())
        .find(|at| *at >= halfway && *at <= deadline - NUDGE_MIN_BEFORE_DEADLINE)
        .or(Some(halfway))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workshop::test_support::{ids, invited, utc};

    #[test]
    fn reminders_skip_those_who_declined_and_nudges_go_to_the_silent() {
        let mut rows = invited(4);
        rows[0].seat = SeatKind::Confirmed;
        rows[1].seat = SeatKind::Waiting;
        rows[2].seat = SeatKind::Declined;
        assert_eq!(reminder_recipients(&rows), ids([1, 2, 4]));
        assert_eq!(nudge_recipients(&rows), ids([4]));
        assert!(!gets_reminder(SeatKind::Declined));
    }

    #[test]
    fn the_nudge_comes_at_a_civil_hour_late_in_the_answer_period() {
        let zone = Zone::casablanca();
        let deadline = utc(2026, 1, 19, 17, 0); // 18:00 local
        // Two weeks to answer: 10:00 local the day before the deadline.
        assert_eq!(
            nudge_at(utc(2026, 1, 5, 10, 0), deadline, &zone),
            Some(utc(2026, 1, 18, 9, 0))
        );
        // Invited at 12:00 local the day before: 10:00 local on the deadline day.
        assert_eq!(
            nudge_at(utc(2026, 1, 18, 11, 0), deadline, &zone),
            Some(utc(2026, 1, 19, 9, 0))
        );
        // Invited the same morning: halfway.
        assert_eq!(
            nudge_at(utc(2026, 1, 19, 6, 0), deadline, &zone),
            Some(utc(2026, 1, 19, 11, 30))
        );
        // Under two hours to answer: no nudge.
        assert_eq!(nudge_at(utc(2026, 1, 19, 15, 30), deadline, &zone), None);
        // The day before a deadline on 23 March 2026 is the day the clock moved to UTC+1:
        // 10:00 local is 09:00Z.
        assert_eq!(
            nudge_at(utc(2026, 3, 10, 9, 0), utc(2026, 3, 23, 17, 0), &zone),
            Some(utc(2026, 3, 22, 9, 0))
        );
    }
}
