//! Check-in: the code shown in the room, the window it is accepted in, and the limit on wrong
//! codes.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};

use super::western_digit;

/// Digits in a check-in code.
pub const CHECKIN_CODE_DIGITS: usize = 6;
/// Check-in opens this long before the start by default.
pub const CHECKIN_OPENS_BEFORE: Duration = Duration::minutes(30);
/// Check-in closes this long after the start by default.
pub const CHECKIN_CLOSES_AFTER: Duration = Duration::hours(2);
/// The earliest an organiser may open check-in, before the start: people arrive early on the
/// day, not days early — opened sooner, a code would let someone be "present" at a workshop
/// that has not taken place, and rate it.
pub const CHECKIN_MAY_OPEN_BEFORE: Duration = Duration::hours(3);
/// Most wrong codes one person may send within [`ATTEMPT_WINDOW`].
pub const MAX_WRONG_CODES: usize = 5;
/// The sliding window of the brute-force limit.
pub const ATTEMPT_WINDOW: Duration = Duration::minutes(10);

/// A check-in session code: six digits, shown in the room as `482 913`.
///
/// Digits rather than letters: every phone keyboard, Arabic or French, has them on its first
/// page (a Latin letter on an Arabic keyboard takes a switch of layout), and a number reads
/// aloud the same in Arabic, French and English. A million codes is plenty, since wrong
/// guesses are limited to 5 per person per 10 minutes and a session lasts about 2½ hours.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CheckinCode(String);

impl CheckinCode {
    /// A fresh random code from the thread's cryptographically secure generator.
    pub fn generate() -> CheckinCode {
        CheckinCode::generate_with(&mut rand::rng())
    }

    /// A fresh random code drawn from `rng` (seeded in tests and the demo). Codes someone
    /// would try first (`000000`, `123456`, `987654`) are never drawn.
    pub fn generate_with<R: Rng + ?Sized>(rng: &mut R) -> CheckinCode {
        loop {
            let digits: Vec<u8> = (0..CHECKIN_CODE_DIGITS)
                .map(|_| rng.random_range(0..10u8))
                .collect();
            let same = digits.windows(2).all(|w| w[0] == w[1]);
            let up = digits.windows(2).all(|w| w[1] == w[0] + 1);
            let down = digits.windows(2).all(|w| w[0] == w[1] + 1);
            if !(same || up || down) {
                return CheckinCode(digits.iter().map(|d| char::from(b'0' + d)).collect());
            }
        }
    }

    /// Reads a code as typed or stored: blanks and dashes are ignored, any digit script is
    /// accepted; `None` unless it is exactly six digits.
    pub fn parse(input: &str) -> Option<CheckinCode> {
        let mut code = String::with_capacity(CHECKIN_CODE_DIGITS);
        for c in input.chars() {
            if c.is_whitespace() || matches!(c, '-' | '‐' | '–') {
                continue;
            }
            code.push(western_digit(c)?);
        }
        (code.chars().count() == CHECKIN_CODE_DIGITS).then_some(CheckinCode(code))
    }

    /// The six digits, as stored and carried in a deep link.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code grouped for reading aloud: `482 913`.
    pub fn spaced(&self) -> String {
        format!("{} {}", &self.0[..3], &self.0[3..])
    }

    /// Whether a typed text is this code (blanks, dashes and digit script ignored).
    pub fn matches(&self, typed: &str) -> bool {
        CheckinCode::parse(typed).is_some_and(|code| code == *self)
    }
}

impl std::fmt::Display for CheckinCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// When check-in is open: from `opens` (included) to `closes` (excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinWindow {
    /// The first instant a code is accepted.
    pub opens: DateTime<Utc>,
    /// The first instant it is no longer accepted.
    pub closes: DateTime<Utc>,
}

impl CheckinWindow {
    /// The default window: 30 minutes before the start to 2 hours after.
    pub fn around(starts_at: DateTime<Utc>) -> CheckinWindow {
        CheckinWindow {
            opens: starts_at - CHECKIN_OPENS_BEFORE,
            closes: starts_at + CHECKIN_CLOSES_AFTER,
        }
    }

    /// The window when an organiser opens check-in at `now`: at once if that is earlier than
    /// the default opening (people arrive early), closing as by default. Refused more than
    /// [`CHECKIN_MAY_OPEN_BEFORE`] before the start, and once the window has closed.
    pub fn opened_at(
        now: DateTime<Utc>,
        starts_at: DateTime<Utc>,
    ) -> Result<CheckinWindow, OpenRefusal> {
        let default = CheckinWindow::around(starts_at);
        let earliest = starts_at - CHECKIN_MAY_OPEN_BEFORE;
        if now < earliest {
            return Err(OpenRefusal::TooEarly { from: earliest });
        }
        if now >= default.closes {
            return Err(OpenRefusal::Over {
                closed: default.closes,
            });
        }
        Ok(CheckinWindow {
            opens: default.opens.min(now),
            closes: default.closes,
        })
    }

    /// Whether check-in is open at `now`.
    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        self.opens <= now && now < self.closes
    }
}

/// Why check-in cannot be opened now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OpenRefusal {
    /// Too long before the start.
    #[error("check-in can be opened from {from}")]
    TooEarly {
        /// The earliest instant it can be opened.
        from: DateTime<Utc>,
    },
    /// The window has closed: the workshop is over.
    #[error("check-in closed at {closed}")]
    Over {
        /// When it closed.
        closed: DateTime<Utc>,
    },
}

impl OpenRefusal {
    /// The stable suffix of the Fluent key explaining the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            OpenRefusal::TooEarly { .. } => "too-early",
            OpenRefusal::Over { .. } => "over",
        }
    }
}

/// An open check-in: the code shown in the room and its window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckinSession {
    /// The code.
    pub code: CheckinCode,
    /// When it is accepted.
    pub window: CheckinWindow,
}

/// Why a check-in was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CheckinRefusal {
    /// Not this session's code (counts towards the brute-force limit).
    #[error("wrong code")]
    WrongCode,
    /// The right code, before the window opens.
    #[error("check-in is not open yet")]
    NotOpenYet {
        /// When it opens.
        opens: DateTime<Utc>,
    },
    /// The right code, after the window closed.
    #[error("check-in is closed")]
    Closed {
        /// When it closed.
        closed: DateTime<Utc>,
    },
}

impl CheckinRefusal {
    /// The stable suffix of the Fluent key explaining the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            CheckinRefusal::WrongCode => "wrong-code",
            CheckinRefusal::NotOpenYet { .. } => "not-open-yet",
            CheckinRefusal::Closed { .. } => "closed",
        }
    }
}

/// Checks a typed code against a session at `now`.
///
/// The code is checked first: only someone who has the right code learns about the window,
/// and any wrong code counts as a guess, whatever the time.
pub fn check(
    typed: &str,
    session: &CheckinSession,
    now: DateTime<Utc>,
) -> Result<(), CheckinRefusal> {
    if !session.code.matches(typed) {
        return Err(CheckinRefusal::WrongCode);
    }
    if now < session.window.opens {
        return Err(CheckinRefusal::NotOpenYet {
            opens: session.window.opens,
        });
    }
    if now >= session.window.closes {
        return Err(CheckinRefusal::Closed {
            closed: session.window.closes,
        });
    }
    Ok(())
}

/// Too many wrong codes: the next try is accepted from `retry_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many wrong codes; try again later")]
pub struct TooManyAttempts {
    /// When one more try is allowed.
    pub retry_at: DateTime<Utc>,
}

impl TooManyAttempts {
    /// The stable suffix of the Fluent key explaining the refusal.
    pub fn code(&self) -> &'static str {
        "too-many-attempts"
    }
}

/// Whether a person may try a code now, given the instants of their wrong codes (any order;
/// older ones are ignored): at most [`MAX_WRONG_CODES`] in any [`ATTEMPT_WINDOW`].
pub fn allowed(
    wrong_attempts: &[DateTime<Utc>],
    now: DateTime<Utc>,
) -> Result<(), TooManyAttempts> {
    let mut recent: Vec<DateTime<Utc>> = wrong_attempts
        .iter()
        .copied()
        .filter(|at| *at > now - ATTEMPT_WINDOW && *at <= now)
        .collect();
    if recent.len() < MAX_WRONG_CODES {
        return Ok(());
    }
    // Newest first: once the MAX-th newest leaves the window, fewer than MAX remain.
    recent.sort_unstable_by(|a, b| b.cmp(a));
    Err(TooManyAttempts {
        retry_at: recent[MAX_WRONG_CODES - 1] + ATTEMPT_WINDOW,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use rand::SeedableRng;

    use super::*;
    use crate::domain::workshop::test_support::utc;

    #[test]
    fn checkin_codes_are_six_digits_not_the_obvious_ones() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(42);
        let codes: Vec<CheckinCode> = (0..2000)
            .map(|_| CheckinCode::generate_with(&mut rng))
            .collect();
        for code in &codes {
            assert_eq!(code.as_str().len(), 6);
            assert!(code.as_str().bytes().all(|b| b.is_ascii_digit()));
            assert!(!["000000", "111111", "123456", "654321", "987654"].contains(&code.as_str()));
            assert_eq!(CheckinCode::parse(code.as_str()).as_ref(), Some(code));
        }
        let distinct: HashSet<&CheckinCode> = codes.iter().collect();
        assert!(distinct.len() > 1990);
        assert_eq!(CheckinCode::generate().as_str().len(), 6);
    }

    #[test]
    fn typed_codes_ignore_blanks_dashes_and_digit_script() {
        let code = CheckinCode::parse("482913").unwrap();
        assert_eq!(code.spaced(), "482 913");
        assert_eq!(code.to_string(), "482913");
        for typed in ["482913", " 482 913 ", "482-913", "٤٨٢٩١٣", "۴۸۲ ۹۱۳"] {
            assert!(code.matches(typed), "{typed}");
        }
        for typed in ["48291", "4829134", "482914", "abc913", ""] {
            assert!(!code.matches(typed), "{typed}");
        }
    }

    #[test]
    fn checkin_window_and_refusals() {
        let start = utc(2026, 1, 20, 8, 0);
        let session = CheckinSession {
            code: CheckinCode::parse("482913").unwrap(),
            window: CheckinWindow::around(start),
        };
        let opens = utc(2026, 1, 20, 7, 30);
        let closes = utc(2026, 1, 20, 10, 0);
        assert_eq!(session.window, CheckinWindow { opens, closes });
        assert_eq!(
            check("482913", &session, opens - Duration::seconds(1)),
            Err(CheckinRefusal::NotOpenYet { opens })
        );
        assert_eq!(check("482 913", &session, opens), Ok(()));
        assert_eq!(
            check("482913", &session, closes - Duration::seconds(1)),
            Ok(())
        );
        assert_eq!(
            check("482913", &session, closes),
            Err(CheckinRefusal::Closed { closed: closes })
        );
        // A wrong code is wrong whatever the time: nothing about the window leaks.
        assert_eq!(
            check("111111", &session, opens),
            Err(CheckinRefusal::WrongCode)
        );
        assert_eq!(
            check("111111", &session, closes),
            Err(CheckinRefusal::WrongCode)
        );
        // Opened early by an organiser: open at once.
        let early = CheckinWindow::opened_at(utc(2026, 1, 20, 7, 0), start).unwrap();
        assert_eq!(early.opens, utc(2026, 1, 20, 7, 0));
        assert!(early.contains(utc(2026, 1, 20, 7, 10)));
        assert_eq!(
            CheckinWindow::opened_at(utc(2026, 1, 20, 7, 45), start),
            Ok(session.window)
        );
        // Not days before, nor after it is over.
        assert_eq!(
            CheckinWindow::opened_at(utc(2026, 1, 13, 8, 0), start),
            Err(OpenRefusal::TooEarly {
                from: utc(2026, 1, 20, 5, 0)
            })
        );
        assert!(CheckinWindow::opened_at(utc(2026, 1, 20, 5, 0), start).is_ok());
        assert_eq!(
            CheckinWindow::opened_at(closes, start),
            Err(OpenRefusal::Over { closed: closes })
        );
    }

    #[test]
    fn wrong_codes_are_limited_to_five_per_ten_minutes() {
        let now = utc(2026, 1, 20, 8, 0);
        let ago = |m: i64| now - Duration::minutes(m);
        assert_eq!(allowed(&[], now), Ok(()));
        assert_eq!(allowed(&[ago(1), ago(2), ago(3), ago(4)], now), Ok(()));
        // Five within ten minutes: wait until the oldest of them leaves the window.
        let five = [ago(2), ago(8), ago(1), ago(4), ago(3)];
        assert_eq!(
            allowed(&five, now),
            Err(TooManyAttempts {
                retry_at: ago(8) + ATTEMPT_WINDOW
            })
        );
        assert!(allowed(&five, ago(8) + ATTEMPT_WINDOW).is_ok());
        // Six: the fifth newest counts, not the oldest.
        let six = [ago(1), ago(2), ago(3), ago(4), ago(5), ago(9)];
        assert_eq!(
            allowed(&six, now).unwrap_err().retry_at,
            ago(5) + ATTEMPT_WINDOW
        );
        // Attempts ten minutes old or more no longer count.
        assert_eq!(
            allowed(&[ago(10), ago(11), ago(12), ago(1), ago(2)], now),
            Ok(())
        );
    }
}
