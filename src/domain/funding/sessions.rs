//! The councils' ordinary sessions, per kind of body: when each kind sits, which session a
//! president may name for the vote approving the agreement, and when a reminder to put it on
//! the agenda goes by default. Plain rules, no I/O.

use chrono::{Datelike, Month, NaiveDate};

use crate::domain::roster::BodyKind;

/// Commune councils sit in ordinary session in the first week of February, May and October
/// (organic law 113.14 on communes, article 33).
pub const COMMUNE_SESSIONS: [Month; 3] = [Month::February, Month::May, Month::October];

/// Provincial and prefectural councils sit in ordinary session in the first week of January,
/// June and September: organic law 112.14 on prefectures and provinces, article 35, as we
/// read it. **Not checked against the Bulletin officiel** when this was written (there was no
/// access to it): if the law says otherwise, correct these months here and the session
/// buttons, the reminders' words and their default days follow. A month no kind used before
/// needs its `council-session-<month>` message in the three languages (a test asks for it).
pub const PROVINCIAL_COUNCIL_SESSIONS: [Month; 3] = [Month::January, Month::June, Month::September];

/// The months of a kind of body's ordinary sessions, in the order of the year. A prefecture's
/// council is the same kind of body as a province's, named differently.
pub fn ordinary_months(kind: BodyKind) -> [Month; 3] {
    match kind {
        BodyKind::Commune => COMMUNE_SESSIONS,
        BodyKind::ProvincialCouncil => PROVINCIAL_COUNCIL_SESSIONS,
    }
}

/// The day of the month before each ordinary session on which presidents are reminded, by
/// default, to put the agreement on the agenda: about twelve days before the session opens.
pub const REMINDER_DAY: u32 = 20;

/// The default reminder ahead of a kind of body's ordinary sessions, as a five-field cron
/// expression read in the programme's time zone: 10:00 on the [`REMINDER_DAY`] of the month
/// before each session — `0 10 20 1,4,9 *` for communes.
pub fn default_reminder_cron(kind: BodyKind) -> String {
    let mut months: Vec<u32> = ordinary_months(kind)
        .iter()
        .map(|month| month.pred().number_from_month())
        .collect();
    months.sort_unstable();
    let months: Vec<String> = months.iter().map(u32::to_string).collect();
    format!("0 10 {REMINDER_DAY} {} *", months.join(","))
}

/// The first day of the ordinary session a reminder sent on `today` is about: the first of a
/// kind of body's sessions whose first week is not over.
pub fn next_ordinary_session(kind: BodyKind, today: NaiveDate) -> NaiveDate {
    (today.year()..=today.year() + 1)
        .flat_map(|year| {
            ordinary_months(kind).map(move |month| {
                NaiveDate::from_ymd_opt(year, month.number_from_month(), 1)
                    .expect("the first of a month")
            })
        })
        .find(|first| *first + chrono::Duration::days(6) >= today)
        .expect("a session within a year")
}

/// The council session at which an agreement was approved, as a president picks it (from
/// their own body's sessions) or the Region names it: an ordinary session, by its month, or
/// an extraordinary one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CouncilSession {
    /// The ordinary session of that month.
    Ordinary(Month),
    /// An extraordinary session.
    Extraordinary,
}

impl CouncilSession {
    /// Every session any kind of body holds, ordinary ones in the order of the year, the
    /// extraordinary one last: what a stored code or a button may name.
    pub fn all() -> Vec<CouncilSession> {
        let mut months: Vec<Month> = [BodyKind::Commune, BodyKind::ProvincialCouncil]
            .into_iter()
            .flat_map(ordinary_months)
            .collect();
        months.sort_by_key(|month| month.number_from_month());
        months.dedup();
        months
            .into_iter()
            .map(CouncilSession::Ordinary)
            .chain([CouncilSession::Extraordinary])
            .collect()
    }

    /// The sessions a president of a body of this kind picks from: its three ordinary ones
    /// in the order of the year, then an extraordinary one.
    pub fn of_body(kind: BodyKind) -> [CouncilSession; 4] {
        let [a, b, c] = ordinary_months(kind).map(CouncilSession::Ordinary);
        [a, b, c, CouncilSession::Extraordinary]
    }

    /// Whether a body of this kind holds this session (any body may hold an extraordinary
    /// one).
    pub fn held_by(self, kind: BodyKind) -> bool {
        match self {
            CouncilSession::Ordinary(month) => ordinary_months(kind).contains(&month),
            CouncilSession::Extraordinary => true,
        }
    }

    /// The code in buttons, in the database (`approvals.session`) and in message keys
    /// (`council-session-<code>`): the month's English name in small letters, or
    /// `extraordinary`. The codes stored before sessions depended on the body (`february`,
    /// `may`, `october`, `extraordinary`) read as they did.
    pub fn code(self) -> &'static str {
        match self {
            CouncilSession::Ordinary(month) => match month {
                Month::January => "january",
                Month::February => "february",
                Month::March => "march",
                Month::April => "april",
                Month::May => "may",
                Month::June => "june",
                Month::July => "july",
                Month::August => "august",
                Month::September => "september",
                Month::October => "october",
                Month::November => "november",
                Month::December => "december",
            },
            CouncilSession::Extraordinary => "extraordinary",
        }
    }

    /// The session of a code; `None` for anything else (a session the Region wrote in words,
    /// or a month in which no council sits).
    pub fn of_code(code: &str) -> Option<CouncilSession> {
        CouncilSession::all().into_iter().find(|s| s.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn communes_and_councils_sit_in_their_own_months() {
        use CouncilSession::{Extraordinary, Ordinary};
        assert_eq!(
            CouncilSession::of_body(BodyKind::Commune),
            [
                Ordinary(Month::February),
                Ordinary(Month::May),
                Ordinary(Month::October),
                Extraordinary
            ]
        );
        assert_eq!(
            CouncilSession::of_body(BodyKind::ProvincialCouncil),
            [
                Ordinary(Month::January),
                Ordinary(Month::June),
                Ordinary(Month::September),
                Extraordinary
            ]
        );
        assert!(Ordinary(Month::May).held_by(BodyKind::Commune));
        assert!(!Ordinary(Month::May).held_by(BodyKind::ProvincialCouncil));
        assert!(!Ordinary(Month::June).held_by(BodyKind::Commune));
        assert!(Extraordinary.held_by(BodyKind::Commune));
        assert!(Extraordinary.held_by(BodyKind::ProvincialCouncil));
    }

    #[test]
    fn codes_read_back_and_old_ones_still_read() {
        let all = CouncilSession::all();
        assert_eq!(
            all.iter().map(|s| s.code()).collect::<Vec<_>>(),
            [
                "january",
                "february",
                "may",
                "june",
                "september",
                "october",
                "extraordinary"
            ]
        );
        for session in all {
            assert_eq!(CouncilSession::of_code(session.code()), Some(session));
        }
        // What was stored before sessions depended on the body.
        for old in ["february", "may", "october", "extraordinary"] {
            assert_eq!(CouncilSession::of_code(old).map(|s| s.code()), Some(old));
        }
        assert_eq!(
            CouncilSession::of_code("march"),
            None,
            "no council sits then"
        );
        assert_eq!(CouncilSession::of_code("session de mai"), None);
    }

    #[test]
    fn each_kind_is_reminded_the_month_before_its_sessions() {
        assert_eq!(default_reminder_cron(BodyKind::Commune), "0 10 20 1,4,9 *");
        assert_eq!(
            default_reminder_cron(BodyKind::ProvincialCouncil),
            "0 10 20 5,8,12 *"
        );
    }

    #[test]
    fn the_next_session_is_the_first_whose_first_week_is_not_over() {
        let commune = |d| next_ordinary_session(BodyKind::Commune, d);
        let council = |d| next_ordinary_session(BodyKind::ProvincialCouncil, d);
        // The default reminder days.
        assert_eq!(commune(day(2027, 1, 20)), day(2027, 2, 1));
        assert_eq!(commune(day(2027, 4, 20)), day(2027, 5, 1));
        assert_eq!(commune(day(2027, 9, 20)), day(2027, 10, 1));
        assert_eq!(council(day(2026, 12, 20)), day(2027, 1, 1));
        assert_eq!(council(day(2027, 5, 20)), day(2027, 6, 1));
        assert_eq!(council(day(2027, 8, 20)), day(2027, 9, 1));
        // During the first week, that session; after it, the next.
        assert_eq!(commune(day(2027, 2, 7)), day(2027, 2, 1));
        assert_eq!(commune(day(2027, 2, 8)), day(2027, 5, 1));
        assert_eq!(commune(day(2027, 10, 8)), day(2028, 2, 1));
        assert_eq!(council(day(2027, 9, 30)), day(2028, 1, 1));
    }
}
