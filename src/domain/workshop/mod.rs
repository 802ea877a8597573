//! Workshop rules, plain Rust without I/O: the organiser's draft checked one answer at a time,
//! answers with capacity and a waiting list, who gets reminders and nudges, check-in codes and
//! windows, evaluations, and attendance counts for reports.
//!
//! Everything takes instants in UTC and, where people see local time, a
//! [`Zone`](crate::domain::zone::Zone). The types are small and meant to be stored as they
//! are: an invitee is one row (`seat`, `answered_at`, `reason`), counts and means are integers
//! (no floats in stored data), and every refusal has a `code()` that is the stable suffix of
//! the Fluent key that explains it.
//!
//! Each part lives in its own file, its tests beside it; everything public is re-exported
//! here, so callers name `workshop::Capacity`, never the file:
//!
//! - `draft.rs`: the organiser's draft, checked one answer at a time;
//! - `answers.rs`: answers, capacity and the waiting list;
//! - `reminders.rs`: who gets reminders, and when the nudge to answer goes;
//! - `checkin.rs`: check-in codes, windows and the limit on wrong codes;
//! - `evaluation.rs`: scores, comments and their summary;
//! - `form.rs`: evaluation forms (questions, their written form, answers per question);
//! - `attendance.rs`: attendance counts per workshop, province and commune.
//!
//! This file keeps what several parts share: the id types and three small helpers.

mod answers;
mod attendance;
mod checkin;
mod draft;
mod evaluation;
mod form;
mod reminders;

pub use answers::{
    Answer, AnswerCounts, AnswerTerms, CapacityChange, Decision, Invitee, MAX_REASON_CHARS,
    Refusal, Seat, SeatKind, SeatsAround, answer, answer_around, answer_counts, change_capacity,
    confirmed, seat_of, waiting_list,
};
pub use attendance::{
    AttendanceCounting, AttendanceCounts, AttendanceFact, AttendanceReport, CommuneAttendance,
    Presence, ProvinceAttendance, WorkshopAttendance, attendance,
};
pub use checkin::{
    ATTEMPT_WINDOW, CHECKIN_CLOSES_AFTER, CHECKIN_CODE_DIGITS, CHECKIN_MAY_OPEN_BEFORE,
    CHECKIN_OPENS_BEFORE, CheckinCode, CheckinRefusal, CheckinSession, CheckinWindow,
    MAX_WRONG_CODES, OpenRefusal, TooManyAttempts, allowed, check,
};
pub use draft::{
    Capacity, DEFAULT_DEADLINE_TIME, DraftError, Field, MAX_CAPACITY, MAX_DAYS_AHEAD,
    MAX_REMINDERS, MAX_TITLE_CHARS, MAX_TOPIC_CHARS, MAX_VENUE_CHARS, NewWorkshop, WorkshopDraft,
    check_day, default_deadline, local_start, parse_date, parse_deadline, parse_reminders,
    parse_time, parse_title, parse_topic, parse_venue, resolve_local,
};
pub use evaluation::{
    Evaluation, EvaluationError, EvaluationSummary, MAX_COMMENT_CHARS, Score, WorkshopEvaluation,
    parse_comment,
};
pub use form::{
    EvaluationForm, FORM_OPEN_FOR, FormError, FormResults, MAX_OPTION_CHARS, MAX_OPTIONS,
    MAX_QUESTION_CHARS, MAX_QUESTIONS, MIN_OPTIONS, Question, QuestionKind, QuestionResults, Tally,
    check_question, parse_options,
};
pub use reminders::{
    NUDGE_MIN_BEFORE_DEADLINE, NUDGE_MIN_PERIOD, NUDGE_TIME, gets_reminder, nudge_at,
    nudge_recipients, reminder_recipients,
};

pub use crate::domain::ids::{PersonId, WorkshopId};

/// How long a workshop lasts: the programme's workshops are half-days. Calendars end it so
/// long after the start, the evaluation is asked for then, certificates go then and count it,
/// and a training record adds it up.
pub const WORKSHOP_LENGTH: chrono::Duration = chrono::Duration::hours(4);

// Helpers shared by several parts; private here, and so visible to every part.

/// Trims, and refuses a text too long; `None` when blank.
fn bounded(text: &str, max: usize) -> Result<Option<String>, usize> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars > max {
        Err(chars)
    } else if chars == 0 {
        Ok(None)
    } else {
        Ok(Some(text.to_owned()))
    }
}

/// Maps Arabic-Indic and Persian digits to 0–9: people type the code on whatever keyboard
/// they have, and unlike a date, a code is never shown back, so nothing is hidden.
fn western_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        _ => None,
    }
}

/// `numerator / denominator` rounded half up, `None` for a zero denominator.
fn rounded_ratio(numerator: u64, denominator: u64) -> Option<u32> {
    (denominator > 0).then(|| ((2 * numerator + denominator) / (2 * denominator)) as u32)
}

/// Helpers shared by the tests of several parts.
#[cfg(test)]
mod test_support {
    use crate::domain::ids::PersonId;

    use chrono::{DateTime, TimeZone, Utc};

    use super::answers::Invitee;

    /// An instant in UTC, to the minute.
    pub(super) fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    /// Person `n` of a test.
    pub(super) fn p(n: i64) -> PersonId {
        PersonId::new(n)
    }

    /// People by their numbers in a test.
    pub(super) fn ids<const N: usize>(numbers: [i64; N]) -> Vec<PersonId> {
        numbers.into_iter().map(p).collect()
    }

    /// Invitees 1..=n, not answered.
    pub(super) fn invited(n: i64) -> Vec<Invitee> {
        (1..=n).map(p).map(Invitee::invited).collect()
    }
}
