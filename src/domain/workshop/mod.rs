//! Workshop rules, plain Rust without I/O: the organiser's draft checked one answer at a time,
//! answers with capacity and a waiting list, who gets reminders and nudges, check-in codes and
//! windows, evaluations, and attendance counts for reports.
//!
//! Everything takes instants in UTC and, where people see local time, a [`Zone`]. The types
//! are small and meant to be stored as they are: an invitee is one row (`seat`,
//! `answered_at`, `reason`), counts and means are integers (no floats in stored data), and
//! every refusal has a `code()` that is the stable suffix of the Fluent key that explains it.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::domain::audience::Audience;
use crate::domain::roster::PlaceName;
use crate::domain::schedule::{DEFAULT_REMINDER_OFFSETS, Offset};
use crate::domain::zone::{LocalInstant, Zone};

/// A person of the roster, by the store's id.
pub type PersonId = i64;
/// A workshop, by the store's id.
pub type WorkshopId = i64;

// ---------------------------------------------------------------------------------------------
// 1. The draft
// ---------------------------------------------------------------------------------------------

/// Longest title, in characters: it must fit on one line of a button list.
pub const MAX_TITLE_CHARS: usize = 120;
/// Longest topic, in characters.
pub const MAX_TOPIC_CHARS: usize = 500;
/// Longest venue, in characters.
pub const MAX_VENUE_CHARS: usize = 200;
/// Largest capacity: more than any hall of the region, and catches a typo like `4000`.
pub const MAX_CAPACITY: u32 = 1000;
/// Most reminders per workshop: officials should not be pestered.
pub const MAX_REMINDERS: usize = 6;
/// How far ahead a workshop may be dated, in days: catches `2062` for `2026`.
pub const MAX_DAYS_AHEAD: i64 = 730;
/// Local hour of the default answer deadline, the day before the workshop.
pub const DEFAULT_DEADLINE_TIME: NaiveTime = NaiveTime::from_hms_opt(18, 0, 0).unwrap();

/// A question of the organiser's dialogue, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The workshop's title.
    Title,
    /// What it is about (optional).
    Topic,
    /// The local date.
    Date,
    /// The local start time.
    Time,
    /// Where it takes place.
    Venue,
    /// Who is invited (chosen with buttons).
    Audience,
    /// How many seats.
    Capacity,
    /// When reminders go, before the start.
    Reminders,
    /// Until when invitees may answer.
    Deadline,
}

impl Field {
    /// Every field, in the order the dialogue asks them.
    pub const ALL: [Field; 9] = [
        Field::Title,
        Field::Topic,
        Field::Date,
        Field::Time,
        Field::Venue,
        Field::Audience,
        Field::Capacity,
        Field::Reminders,
        Field::Deadline,
    ];

    /// A stable code for message keys (`workshop-ask-title` …).
    pub fn code(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Topic => "topic",
            Field::Date => "date",
            Field::Time => "time",
            Field::Venue => "venue",
            Field::Audience => "audience",
            Field::Capacity => "capacity",
            Field::Reminders => "reminders",
            Field::Deadline => "deadline",
        }
    }

    /// The field a code names.
    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }

    /// Its position among the questions, from 1.
    pub fn number(self) -> usize {
        Field::ALL
            .iter()
            .position(|&f| f == self)
            .map_or(0, |i| i + 1)
    }

    /// Whether an empty answer (a "Skip" or "Default" button) is accepted.
    pub fn has_default(self) -> bool {
        matches!(self, Field::Topic | Field::Reminders | Field::Deadline)
    }
}

/// Why an organiser's answer was refused; each variant carries what the message shows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// The title is blank.
    #[error("the title is empty")]
    TitleEmpty,
    /// The title is too long.
    #[error("the title has {chars} characters, more than {max}")]
    TitleTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The topic is too long.
    #[error("the topic has {chars} characters, more than {max}")]
    TopicTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// Digits other than 0–9 (e.g. Arabic-Indic ٠١٢) in a date or time.
    #[error("{input:?}: write dates and times with the digits 0-9")]
    NotWesternDigits {
        /// The text as given.
        input: String,
    },
    /// Not a date in an accepted form.
    #[error("{input:?} is not a date; write it like 20/01/2026, 20-01-2026 or 2026-01-20")]
    BadDate {
        /// The text as given.
        input: String,
    },
    /// Well formed, but no such day (31/02/2026, month 13).
    #[error("{input:?} is not a day of the calendar")]
    NoSuchDate {
        /// The text as given.
        input: String,
    },
    /// The day is before today.
    #[error("{date} is in the past")]
    DayInPast {
        /// The day refused.
        date: NaiveDate,
    },
    /// The day is implausibly far ahead.
    #[error("{date} is too far ahead; the latest possible day is {latest}")]
    DateTooFar {
        /// The day refused.
        date: NaiveDate,
        /// The latest day accepted today.
        latest: NaiveDate,
    },
    /// Not a time in an accepted form.
    #[error("{input:?} is not a time; write it like 09:00, 9h, 9h30 or 09.00")]
    BadTime {
        /// The text as given.
        input: String,
    },
    /// Well formed, but no such time of day (25:00, 9h75).
    #[error("{input:?} is not a time of day (hours 0-23, minutes 0-59)")]
    ImpossibleTime {
        /// The text as given.
        input: String,
    },
    /// The clock jumps over this local time that day (a change of legal time).
    #[error("{shown} does not exist: the clock jumps over it that day ({moved_to} instead)")]
    SkippedTime {
        /// The local date and time refused.
        shown: NaiveDateTime,
        /// The local time a calendar would move it to, to suggest.
        moved_to: NaiveDateTime,
    },
    /// The start (local date and time) has already passed.
    #[error("{shown} is in the past")]
    DateInPast {
        /// The local date and time refused.
        shown: NaiveDateTime,
    },
    /// The venue is blank.
    #[error("the venue is empty")]
    VenueEmpty,
    /// The venue is too long.
    #[error("the venue has {chars} characters, more than {max}")]
    VenueTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// Not a whole number of seats.
    #[error("{input:?} is not a number of seats")]
    BadCapacity {
        /// The text as given.
        input: String,
    },
    /// A capacity of 0.
    #[error("a workshop needs at least one seat")]
    CapacityZero,
    /// A capacity above the limit.
    #[error("at most {max} seats")]
    CapacityTooLarge {
        /// The limit.
        max: u32,
    },
    /// One item of the reminder list is not an offset.
    #[error("{input:?} is not a reminder offset; write for example 7d, 1d, 2h")]
    BadReminder {
        /// The item refused.
        input: String,
    },
    /// More reminders than allowed.
    #[error("at most {max} reminders")]
    TooManyReminders {
        /// The limit.
        max: usize,
    },
    /// Not a local date and time in an accepted form.
    #[error("{input:?} is not a date and time; write it like 19/01/2026 18:00")]
    BadDeadline {
        /// The text as given.
        input: String,
    },
    /// The deadline has already passed.
    #[error("the deadline {shown} is in the past")]
    DeadlineInPast {
        /// The local date and time refused.
        shown: NaiveDateTime,
    },
    /// The deadline is not before the start.
    #[error("the deadline {shown} is not before the start, {start}")]
    DeadlineNotBeforeStart {
        /// The local date and time refused.
        shown: NaiveDateTime,
        /// The workshop's local start.
        start: NaiveDateTime,
    },
    /// This field is chosen with buttons, not typed.
    #[error("choose the {} with the buttons", field.code())]
    UseButtons {
        /// The field.
        field: Field,
    },
    /// This answer depends on one not given yet (the time needs the date).
    #[error("answer the {} first", needs.code())]
    AskedTooEarly {
        /// The field to answer first.
        needs: Field,
    },
}

impl DraftError {
    /// The stable suffix of the Fluent key explaining the refusal (`workshop-error-date-in-past`).
    pub fn code(&self) -> &'static str {
        match self {
            DraftError::TitleEmpty => "title-empty",
            DraftError::TitleTooLong { .. } => "title-too-long",
            DraftError::TopicTooLong { .. } => "topic-too-long",
            DraftError::NotWesternDigits { .. } => "western-digits-only",
            DraftError::BadDate { .. } => "bad-date",
            DraftError::NoSuchDate { .. } => "no-such-date",
            DraftError::DayInPast { .. } => "day-in-past",
            DraftError::DateTooFar { .. } => "date-too-far",
            DraftError::BadTime { .. } => "bad-time",
            DraftError::ImpossibleTime { .. } => "impossible-time",
            DraftError::SkippedTime { .. } => "skipped-time",
            DraftError::DateInPast { .. } => "date-in-past",
            DraftError::VenueEmpty => "venue-empty",
            DraftError::VenueTooLong { .. } => "venue-too-long",
            DraftError::BadCapacity { .. } => "bad-capacity",
            DraftError::CapacityZero => "capacity-zero",
            DraftError::CapacityTooLarge { .. } => "capacity-too-large",
            DraftError::BadReminder { .. } => "bad-reminder",
            DraftError::TooManyReminders { .. } => "too-many-reminders",
            DraftError::BadDeadline { .. } => "bad-deadline",
            DraftError::DeadlineInPast { .. } => "deadline-in-past",
            DraftError::DeadlineNotBeforeStart { .. } => "deadline-not-before-start",
            DraftError::UseButtons { .. } => "use-buttons",
            DraftError::AskedTooEarly { .. } => "asked-too-early",
        }
    }
}

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

/// One line of text: runs of blanks and line breaks become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a title: 1–120 characters on one line.
pub fn parse_title(input: &str) -> Result<String, DraftError> {
    bounded(&one_line(input), MAX_TITLE_CHARS)
        .map_err(|chars| DraftError::TitleTooLong {
            chars,
            max: MAX_TITLE_CHARS,
        })?
        .ok_or(DraftError::TitleEmpty)
}

/// Checks a topic: up to 500 characters; blank means no topic.
pub fn parse_topic(input: &str) -> Result<Option<String>, DraftError> {
    bounded(input, MAX_TOPIC_CHARS).map_err(|chars| DraftError::TopicTooLong {
        chars,
        max: MAX_TOPIC_CHARS,
    })
}

/// Checks a venue: 1–200 characters on one line.
pub fn parse_venue(input: &str) -> Result<String, DraftError> {
    bounded(&one_line(input), MAX_VENUE_CHARS)
        .map_err(|chars| DraftError::VenueTooLong {
            chars,
            max: MAX_VENUE_CHARS,
        })?
        .ok_or(DraftError::VenueEmpty)
}

/// Refuses digits other than 0–9: the programme writes Western digits, and a silent
/// conversion would hide a keyboard in the wrong mode from the organiser.
fn western_digits_only(input: &str) -> Result<(), DraftError> {
    if input.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
        return Err(DraftError::NotWesternDigits {
            input: input.trim().to_owned(),
        });
    }
    Ok(())
}

/// Reads a date: `20/01/2026`, `20-01-2026`, `20.01.2026` (day first) or `2026-01-20`.
///
/// Years have four digits: `20/01/26` is refused rather than guessed.
pub fn parse_date(input: &str) -> Result<NaiveDate, DraftError> {
    western_digits_only(input)?;
    let text: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let bad = || DraftError::BadDate {
        input: input.trim().to_owned(),
    };
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else {
        return Err(bad());
    };
    if [a, b, c]
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    let (year, month, day) = match (a.len(), b.len(), c.len()) {
        (4, 1..=2, 1..=2) => (a, b, c),
        (1..=2, 1..=2, 4) => (c, b, a),
        _ => return Err(bad()),
    };
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    NaiveDate::from_ymd_opt(number(year)? as i32, number(month)?, number(day)?).ok_or(
        DraftError::NoSuchDate {
            input: input.trim().to_owned(),
        },
    )
}

/// Refuses a workshop day before today (local) or more than [`MAX_DAYS_AHEAD`] days ahead.
pub fn check_day(
    date: NaiveDate,
    zone: &Zone,
    now: DateTime<Utc>,
) -> Result<NaiveDate, DraftError> {
    let today = zone.local(now).date();
    let latest = today + Duration::days(MAX_DAYS_AHEAD);
    if date < today {
        Err(DraftError::DayInPast { date })
    } else if date > latest {
        Err(DraftError::DateTooFar { date, latest })
    } else {
        Ok(date)
    }
}

/// Reads a time of day: `09:00`, `9:00`, `09.00`, `9h`, `9h30`, `9 h 30` (`H` too).
pub fn parse_time(input: &str) -> Result<NaiveTime, DraftError> {
    western_digits_only(input)?;
    let text: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let bad = || DraftError::BadTime {
        input: input.trim().to_owned(),
    };
    let (hours, minutes) = if let Some((h, m)) = text.split_once('h') {
        // `9h` alone is on the hour; after `h`, minutes are two digits or nothing.
        (h, if m.is_empty() { "00" } else { m })
    } else if let Some((h, m)) = text.split_once([':', '.']) {
        (h, m)
    } else {
        return Err(bad());
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(hours) && hours.len() <= 2 && digits(minutes) && minutes.len() == 2) {
        return Err(bad());
    }
    let (hours, minutes) = (
        hours.parse::<u32>().map_err(|_| bad())?,
        minutes.parse::<u32>().map_err(|_| bad())?,
    );
    NaiveTime::from_hms_opt(hours, minutes, 0).ok_or(DraftError::ImpossibleTime {
        input: input.trim().to_owned(),
    })
}

/// The instant a local date and time stand for: a repeated time (the clock went back) is the
/// first one, the earlier of the two; a skipped time is refused, since nobody can be in a
/// room at a time the clock never shows and silently moving it would surprise.
pub fn resolve_local(shown: NaiveDateTime, zone: &Zone) -> Result<DateTime<Utc>, DraftError> {
    match zone.resolve(shown) {
        LocalInstant::Single(at) => Ok(at),
        LocalInstant::Repeated { earlier, .. } => Ok(earlier),
        LocalInstant::Skipped { shifted } => Err(DraftError::SkippedTime {
            shown,
            moved_to: zone.local(shifted),
        }),
    }
}

/// Combines a local date and time into the workshop's start, refusing a skipped time and a
/// start that is not in the future.
pub fn local_start(
    date: NaiveDate,
    time: NaiveTime,
    zone: &Zone,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, DraftError> {
    let shown = date.and_time(time);
    let at = resolve_local(shown, zone)?;
    if at <= now {
        return Err(DraftError::DateInPast { shown });
    }
    Ok(at)
}

/// A number of seats, 1 to [`MAX_CAPACITY`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Capacity(u32);

impl Capacity {
    /// A capacity, if it is 1 to [`MAX_CAPACITY`].
    pub fn new(seats: u32) -> Result<Capacity, DraftError> {
        match seats {
            0 => Err(DraftError::CapacityZero),
            n if n > MAX_CAPACITY => Err(DraftError::CapacityTooLarge { max: MAX_CAPACITY }),
            n => Ok(Capacity(n)),
        }
    }

    /// Reads a typed number of seats (`40`).
    pub fn parse(input: &str) -> Result<Capacity, DraftError> {
        western_digits_only(input)?;
        let text = input.trim();
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DraftError::BadCapacity {
                input: text.to_owned(),
            });
        }
        // All digits: a parse failure can only be a number too large for u32.
        match text.parse::<u32>() {
            Ok(n) => Capacity::new(n),
            Err(_) => Err(DraftError::CapacityTooLarge { max: MAX_CAPACITY }),
        }
    }

    /// The number of seats.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Capacity {
    type Error = DraftError;

    fn try_from(seats: u32) -> Result<Self, Self::Error> {
        Capacity::new(seats)
    }
}

impl From<Capacity> for u32 {
    fn from(capacity: Capacity) -> u32 {
        capacity.0
    }
}

/// Reads a comma-separated list of reminder offsets (`7d, 1d, 2h`); blank means the default
/// 7 days, 1 day, 2 hours. Duplicates are dropped and the result runs from the earliest
/// reminder to the last (largest offset first).
pub fn parse_reminders(input: &str) -> Result<Vec<Offset>, DraftError> {
    if input.trim().is_empty() {
        return Ok(DEFAULT_REMINDER_OFFSETS.to_vec());
    }
    let mut offsets = input
        .split([',', ';', '،'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            Offset::parse(item).map_err(|_| DraftError::BadReminder {
                input: item.to_owned(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    offsets.sort_unstable_by(|a, b| b.cmp(a));
    offsets.dedup();
    if offsets.len() > MAX_REMINDERS {
        return Err(DraftError::TooManyReminders { max: MAX_REMINDERS });
    }
    Ok(offsets)
}

/// The default answer deadline: 18:00 local the day before the workshop; when that has
/// already passed (a workshop announced at the last minute), answers stay open until the
/// start.
pub fn default_deadline(
    starts_at: DateTime<Utc>,
    zone: &Zone,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let day_before = zone.local(starts_at).date() - Duration::days(1);
    // 18:00 is never skipped in practice; `earliest` still gives an instant if it were.
    let candidate = zone
        .resolve(day_before.and_time(DEFAULT_DEADLINE_TIME))
        .earliest();
    if candidate > now && candidate < starts_at {
        candidate
    } else {
        starts_at
    }
}

/// Reads an explicit answer deadline, a local date and time (`19/01/2026 18:00`, or a date
/// alone meaning 18:00 that day); it must be after now and before the start.
pub fn parse_deadline(
    input: &str,
    starts_at: DateTime<Utc>,
    zone: &Zone,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, DraftError> {
    let mut words = input.split_whitespace();
    let Some(date) = words.next() else {
        return Err(DraftError::BadDeadline {
            input: input.trim().to_owned(),
        });
    };
    let date = parse_date(date)?;
    let rest: String = words.collect();
    let time = if rest.is_empty() {
        DEFAULT_DEADLINE_TIME
    } else {
        parse_time(&rest)?
    };
    let shown = date.and_time(time);
    let at = resolve_local(shown, zone)?;
    if at <= now {
        return Err(DraftError::DeadlineInPast { shown });
    }
    if at >= starts_at {
        return Err(DraftError::DeadlineNotBeforeStart {
            shown,
            start: zone.local(starts_at),
        });
    }
    Ok(at)
}

/// Offsets stored as their compact text (`["7d","1d","2h"]`), since `Offset` has no serde.
mod offsets_as_text {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::domain::schedule::Offset;

    pub fn serialize<S: Serializer>(offsets: &[Offset], s: S) -> Result<S::Ok, S::Error> {
        let texts: Vec<String> = offsets.iter().map(Offset::to_string).collect();
        texts.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Offset>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|t| Offset::parse(t).map_err(serde::de::Error::custom))
            .collect()
    }

    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            offsets: &Option<Vec<Offset>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match offsets {
                Some(offsets) => s.serialize_some(&Wrapper(offsets)),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Vec<Offset>>, D::Error> {
            Option::<Vec<String>>::deserialize(d)?
                .map(|texts| {
                    texts
                        .iter()
                        .map(|t| Offset::parse(t).map_err(serde::de::Error::custom))
                        .collect()
                })
                .transpose()
        }

        struct Wrapper<'a>(&'a [Offset]);

        impl Serialize for Wrapper<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                super::serialize(self.0, s)
            }
        }
    }
}

/// An answer that may be skipped: not asked yet is an absent key, skipped is `null`, so that
/// JSON keeps the difference `Option<Option<_>>` makes.
mod skipped_as_null {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(
        value: &Option<Option<String>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        // Only called for `Some`, absent keys being skipped.
        value.as_ref().and_then(Option::as_ref).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

/// A workshop being created, one answer at a time; serialisable to keep the dialogue's state.
///
/// The dialogue asks [`WorkshopDraft::missing`], feeds the reply to [`WorkshopDraft::answer`]
/// (repeating the question with the error's reason when refused), and ends with
/// [`WorkshopDraft::finish`]. Editing a field is answering it again; answers that depend on it
/// are kept, recomputed or cleared (and so asked again), never left inconsistent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopDraft {
    /// The title.
    pub title: Option<String>,
    /// The topic: `Some(None)` once the organiser skipped it (JSON: absent, or `null`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "skipped_as_null"
    )]
    pub topic: Option<Option<String>>,
    /// The local date.
    pub date: Option<NaiveDate>,
    /// The local start time.
    pub time: Option<NaiveTime>,
    /// The start, set with the time from the date and time.
    pub starts_at: Option<DateTime<Utc>>,
    /// The venue.
    pub venue: Option<String>,
    /// The audience, chosen with buttons.
    pub audience: Option<Audience>,
    /// The number of seats.
    pub capacity: Option<Capacity>,
    /// The reminder offsets, largest first.
    #[serde(default, with = "offsets_as_text::option")]
    pub reminders: Option<Vec<Offset>>,
    /// The answer deadline.
    pub deadline: Option<DateTime<Utc>>,
    /// Whether the deadline is the default one, recomputed when the start moves.
    #[serde(default)]
    pub deadline_is_default: bool,
}

/// A complete, checked workshop, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWorkshop {
    /// The title.
    pub title: String,
    /// The topic, if any.
    pub topic: Option<String>,
    /// The start.
    pub starts_at: DateTime<Utc>,
    /// The venue.
    pub venue: String,
    /// Who is invited.
    pub audience: Audience,
    /// The number of seats.
    pub capacity: Capacity,
    /// The reminder offsets, largest first.
    #[serde(with = "offsets_as_text")]
    pub reminders: Vec<Offset>,
    /// Until when invitees may answer (at most the start).
    pub answer_deadline: DateTime<Utc>,
}

impl WorkshopDraft {
    /// An empty draft.
    pub fn new() -> WorkshopDraft {
        WorkshopDraft::default()
    }

    /// The next question to ask, or `None` when the draft is complete.
    pub fn missing(&self) -> Option<Field> {
        Field::ALL.into_iter().find(|field| match field {
            Field::Title => self.title.is_none(),
            Field::Topic => self.topic.is_none(),
            Field::Date => self.date.is_none(),
            Field::Time => self.time.is_none() || self.starts_at.is_none(),
            Field::Venue => self.venue.is_none(),
            Field::Audience => self.audience.is_none(),
            Field::Capacity => self.capacity.is_none(),
            Field::Reminders => self.reminders.is_none(),
            Field::Deadline => self.deadline.is_none(),
        })
    }

    /// Checks a typed answer to `field` and records it; blank takes the default where there
    /// is one ([`Field::has_default`]). On refusal the draft is unchanged.
    pub fn answer(
        &mut self,
        field: Field,
        input: &str,
        zone: &Zone,
        now: DateTime<Utc>,
    ) -> Result<(), DraftError> {
        match field {
            Field::Title => self.title = Some(parse_title(input)?),
            Field::Topic => self.topic = Some(parse_topic(input)?),
            Field::Date => {
                let date = check_day(parse_date(input)?, zone, now)?;
                // With a time already given (an edit), the new day must make a valid start.
                if let Some(time) = self.time {
                    let start = local_start(date, time, zone, now)?;
                    self.start_moved(start, zone, now);
                }
                self.date = Some(date);
            }
            Field::Time => {
                let time = parse_time(input)?;
                let date = self
                    .date
                    .ok_or(DraftError::AskedTooEarly { needs: Field::Date })?;
                let start = local_start(date, time, zone, now)?;
                self.time = Some(time);
                self.start_moved(start, zone, now);
            }
            Field::Venue => self.venue = Some(parse_venue(input)?),
            Field::Audience => return Err(DraftError::UseButtons { field }),
            Field::Capacity => self.capacity = Some(Capacity::parse(input)?),
            Field::Reminders => self.reminders = Some(parse_reminders(input)?),
            Field::Deadline => {
                let start = self
                    .starts_at
                    .ok_or(DraftError::AskedTooEarly { needs: Field::Time })?;
                if input.trim().is_empty() {
                    self.deadline = Some(default_deadline(start, zone, now));
                    self.deadline_is_default = true;
                } else {
                    self.deadline = Some(parse_deadline(input, start, zone, now)?);
                    self.deadline_is_default = false;
                }
            }
        }
        Ok(())
    }

    /// Records the audience chosen with buttons.
    pub fn set_audience(&mut self, audience: Audience) {
        self.audience = Some(audience);
    }

    /// The start changed: a default deadline follows it; a chosen one that no longer fits is
    /// cleared, so that the dialogue asks it again.
    fn start_moved(&mut self, start: DateTime<Utc>, zone: &Zone, now: DateTime<Utc>) {
        self.starts_at = Some(start);
        match self.deadline {
            Some(_) if self.deadline_is_default => {
                self.deadline = Some(default_deadline(start, zone, now));
            }
            Some(deadline) if deadline >= start || deadline <= now => self.deadline = None,
            _ => {}
        }
    }

    /// Time has passed since the answers were given (a summary left open overnight): a start
    /// now past clears the time, a default deadline is recomputed, a chosen one now past is
    /// cleared; [`WorkshopDraft::missing`] then asks again what no longer holds.
    pub fn recheck(&mut self, zone: &Zone, now: DateTime<Utc>) {
        if let Some(start) = self.starts_at
            && start <= now
        {
            self.time = None;
            self.starts_at = None;
            return;
        }
        if let (Some(start), Some(deadline)) = (self.starts_at, self.deadline) {
            if self.deadline_is_default {
                self.deadline = Some(default_deadline(start, zone, now));
            } else if deadline <= now {
                self.deadline = None;
            }
        }
    }

    /// The finished workshop, or the first field still to ask (or to ask again: a deadline
    /// that is not before the start).
    pub fn finish(self) -> Result<NewWorkshop, Field> {
        if let Some(field) = self.missing() {
            return Err(field);
        }
        let (Some(title), Some(topic), Some(starts_at), Some(venue), Some(audience)) = (
            self.title,
            self.topic,
            self.starts_at,
            self.venue,
            self.audience,
        ) else {
            unreachable!("missing() found every field")
        };
        let (Some(capacity), Some(reminders), Some(answer_deadline)) =
            (self.capacity, self.reminders, self.deadline)
        else {
            unreachable!("missing() found every field")
        };
        // A default deadline may equal the start (last-minute workshops); never later.
        if answer_deadline > starts_at {
            return Err(Field::Deadline);
        }
        Ok(NewWorkshop {
            title,
            topic,
            starts_at,
            venue,
            audience,
            capacity,
            reminders,
            answer_deadline,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Answers, capacity and the waiting list
// ---------------------------------------------------------------------------------------------

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

/// Applies `person`'s answer to the invitees of a workshop.
///
/// A yes takes a free seat, or goes to the back of the waiting list; a no (or changing a yes
/// to a no) frees a seat, which goes to the first in line. Repeating one's answer changes
/// nothing (and keeps one's place in line); changing it is allowed until the deadline. The
/// store applies `changes` in one transaction with the workshop's invitee rows locked.
pub fn answer(
    invitees: &[Invitee],
    terms: &AnswerTerms,
    person: PersonId,
    answer: Answer,
    now: DateTime<Utc>,
) -> Result<Decision, Refusal> {
    if terms.cancelled {
        return Err(Refusal::Cancelled);
    }
    let index = invitees
        .iter()
        .position(|i| i.person == person)
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
    let before = seat_of(invitees, person).expect("the person is invited");
    let mut rows = invitees.to_vec();
    let row = &mut rows[index];
    match (row.seat, answer) {
        // The same yes again: keep the place.
        (SeatKind::Confirmed | SeatKind::Waiting, Answer::Yes) => {}
        // The same no, perhaps now with a reason: only the reason changes.
        (SeatKind::Declined, Answer::No { reason }) => row.reason = reason,
        (_, Answer::Yes) => {
            // At the back of the line; filling the seats below gives a free seat at once.
            row.seat = SeatKind::Waiting;
            row.answered_at = Some(now);
            row.reason = None;
        }
        (_, Answer::No { reason }) => {
            row.seat = SeatKind::Declined;
            row.answered_at = Some(now);
            row.reason = reason;
        }
    }
    let mut promoted = fill_seats(&mut rows, terms.capacity);
    promoted.retain(|p| *p != person);
    let seat = seat_of(&rows, person).expect("the person is invited");
    Ok(Decision {
        person,
        before,
        seat,
        promoted,
        changes: changed_rows(invitees, &rows),
    })
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

// ---------------------------------------------------------------------------------------------
// 3. Reminders and nudges
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// 4. Check-in
// ---------------------------------------------------------------------------------------------

/// Digits in a check-in code.
pub const CHECKIN_CODE_DIGITS: usize = 6;
/// Check-in opens this long before the start by default.
pub const CHECKIN_OPENS_BEFORE: Duration = Duration::minutes(30);
/// Check-in closes this long after the start by default.
pub const CHECKIN_CLOSES_AFTER: Duration = Duration::hours(2);
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
    /// the default opening (people arrive early), closing as by default.
    pub fn opened_at(now: DateTime<Utc>, starts_at: DateTime<Utc>) -> CheckinWindow {
        let default = CheckinWindow::around(starts_at);
        CheckinWindow {
            opens: default.opens.min(now),
            closes: default.closes,
        }
    }

    /// Whether check-in is open at `now`.
    pub fn contains(&self, now: DateTime<Utc>) -> bool {
        self.opens <= now && now < self.closes
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

// ---------------------------------------------------------------------------------------------
// 5. Evaluation
// ---------------------------------------------------------------------------------------------

/// Longest evaluation comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// A rating of a workshop, 1 (poor) to 5 (excellent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

/// Why an evaluation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvaluationError {
    /// Not a whole number from 1 to 5.
    #[error("{input:?} is not a score from 1 to 5")]
    BadScore {
        /// The text or number as given.
        input: String,
    },
    /// The comment is too long.
    #[error("the comment has {chars} characters, more than {max}")]
    CommentTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
}

impl EvaluationError {
    /// The stable suffix of the Fluent key explaining the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            EvaluationError::BadScore { .. } => "bad-score",
            EvaluationError::CommentTooLong { .. } => "comment-too-long",
        }
    }
}

impl Score {
    /// A score, if it is 1 to 5.
    pub fn new(value: u8) -> Result<Score, EvaluationError> {
        if (1..=5).contains(&value) {
            Ok(Score(value))
        } else {
            Err(EvaluationError::BadScore {
                input: value.to_string(),
            })
        }
    }

    /// Reads a score from a button payload or typed text (`4`).
    pub fn parse(input: &str) -> Result<Score, EvaluationError> {
        let bad = || EvaluationError::BadScore {
            input: input.trim().to_owned(),
        };
        let mut chars = input.trim().chars();
        match (chars.next().and_then(western_digit), chars.next()) {
            (Some(d), None) => Score::new(d as u8 - b'0').map_err(|_| bad()),
            _ => Err(bad()),
        }
    }

    /// The value, 1 to 5.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Score {
    type Error = EvaluationError;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Score::new(value)
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score.0
    }
}

/// Checks an evaluation comment: up to 1000 characters; blank means none.
pub fn parse_comment(input: &str) -> Result<Option<String>, EvaluationError> {
    bounded(input, MAX_COMMENT_CHARS).map_err(|chars| EvaluationError::CommentTooLong {
        chars,
        max: MAX_COMMENT_CHARS,
    })
}

/// One attendee's evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The score.
    pub score: Score,
    /// The comment, if any.
    pub comment: Option<String>,
}

/// The scores of a workshop summed up, in integers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationSummary {
    /// How many scores.
    pub count: u32,
    /// The mean in tenths, rounded half up (`43` is 4.3); `None` without scores.
    pub mean_tenths: Option<u32>,
    /// How many gave 1, 2, 3, 4, 5 (index 0 is score 1).
    pub distribution: [u32; 5],
}

impl EvaluationSummary {
    /// Sums up scores.
    pub fn from_scores(scores: impl IntoIterator<Item = Score>) -> EvaluationSummary {
        let mut summary = EvaluationSummary::default();
        let mut sum: u64 = 0;
        for score in scores {
            summary.count += 1;
            summary.distribution[usize::from(score.get() - 1)] += 1;
            sum += u64::from(score.get());
        }
        summary.mean_tenths = rounded_ratio(sum * 10, u64::from(summary.count));
        summary
    }
}

impl From<&[Score]> for EvaluationSummary {
    fn from(scores: &[Score]) -> EvaluationSummary {
        EvaluationSummary::from_scores(scores.iter().copied())
    }
}

/// `numerator / denominator` rounded half up, `None` for a zero denominator.
fn rounded_ratio(numerator: u64, denominator: u64) -> Option<u32> {
    (denominator > 0).then(|| ((2 * numerator + denominator) / (2 * denominator)) as u32)
}

// ---------------------------------------------------------------------------------------------
// 6. Attendance
// ---------------------------------------------------------------------------------------------

/// Whether a person came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Invited and came.
    Present,
    /// Invited and did not come (or has not checked in yet).
    Absent,
    /// Came without being invited.
    WalkIn,
}

/// One person's facts for one workshop, as the store reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceFact {
    /// The workshop.
    pub workshop: WorkshopId,
    /// The person's province.
    pub province: PlaceName,
    /// The person's commune or council; `None` for the province's own staff.
    pub commune: Option<PlaceName>,
    /// Where they stood when answering (ignored for walk-ins).
    pub seat: SeatKind,
    /// Whether they came.
    pub presence: Presence,
}

/// Attendance counts of a group of facts.
///
/// `invited = yes + no + no_answer`, `waiting` is part of `yes`, `invited = present + absent`,
/// and walk-ins are counted apart: they are neither invited nor in the rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceCounts {
    /// Invited.
    pub invited: u32,
    /// Said yes (confirmed or waiting).
    pub yes: u32,
    /// Said no.
    pub no: u32,
    /// Did not answer.
    pub no_answer: u32,
    /// Still on the waiting list (part of `yes`).
    pub waiting: u32,
    /// Invited and came.
    pub present: u32,
    /// Invited and did not come.
    pub absent: u32,
    /// Came without an invitation.
    pub walk_ins: u32,
}

impl AttendanceCounts {
    /// Adds one fact.
    pub fn add(&mut self, seat: SeatKind, presence: Presence) {
        if presence == Presence::WalkIn {
            self.walk_ins += 1;
            return;
        }
        self.invited += 1;
        match seat {
            SeatKind::Confirmed => self.yes += 1,
            SeatKind::Waiting => {
                self.yes += 1;
                self.waiting += 1;
            }
            SeatKind::Declined => self.no += 1,
            SeatKind::NoAnswer => self.no_answer += 1,
        }
        match presence {
            Presence::Present => self.present += 1,
            _ => self.absent += 1,
        }
    }

    /// Present per invited in per-mille, rounded half up; the same integer is the percentage
    /// in tenths (`625` is 62.5 %). `None` when nobody was invited.
    pub fn rate_per_mille(&self) -> Option<u32> {
        rounded_ratio(u64::from(self.present) * 1000, u64::from(self.invited))
    }
}

/// Attendance of one workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopAttendance {
    /// The workshop.
    pub workshop: WorkshopId,
    /// Its counts.
    pub counts: AttendanceCounts,
}

/// Attendance of one province, over the workshops of the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvinceAttendance {
    /// The province.
    pub province: PlaceName,
    /// Its counts.
    pub counts: AttendanceCounts,
}

/// Attendance of one commune (or the province's own staff), over the workshops of the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneAttendance {
    /// The province.
    pub province: PlaceName,
    /// The commune or council; `None` for the province's own staff.
    pub commune: Option<PlaceName>,
    /// Its counts.
    pub counts: AttendanceCounts,
}

/// Attendance per workshop, province and commune, in a deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttendanceReport {
    /// Per workshop, by id.
    pub workshops: Vec<WorkshopAttendance>,
    /// Per province, by name.
    pub provinces: Vec<ProvinceAttendance>,
    /// Per commune, by province then commune name; the province's own staff last in it.
    pub communes: Vec<CommuneAttendance>,
    /// Everything together.
    pub total: AttendanceCounts,
}

/// The sort key of a place name: case-insensitive Latin name, then exact names for ties.
fn place_key(name: &PlaceName) -> (String, String, String) {
    (
        name.latin.to_lowercase(),
        name.latin.clone(),
        name.arabic.clone().unwrap_or_default(),
    )
}

/// Counts attendance per workshop, province and commune.
///
/// Places are grouped by their exact names, as the store gives them from the roster. For the
/// per-commune breakdown of one workshop, pass that workshop's facts only.
pub fn attendance(facts: &[AttendanceFact]) -> AttendanceReport {
    type PlaceKey = (String, String, String);
    let mut workshops: BTreeMap<WorkshopId, AttendanceCounts> = BTreeMap::new();
    let mut provinces: BTreeMap<PlaceKey, (PlaceName, AttendanceCounts)> = BTreeMap::new();
    // `None` sorts before `Some`; the flag puts the province's own staff after its communes.
    type CommuneKey = (PlaceKey, bool, PlaceKey);
    let mut communes: BTreeMap<CommuneKey, CommuneAttendance> = BTreeMap::new();
    let mut total = AttendanceCounts::default();
    for fact in facts {
        total.add(fact.seat, fact.presence);
        workshops
            .entry(fact.workshop)
            .or_default()
            .add(fact.seat, fact.presence);
        let province_key = place_key(&fact.province);
        provinces
            .entry(province_key.clone())
            .or_insert_with(|| (fact.province.clone(), AttendanceCounts::default()))
            .1
            .add(fact.seat, fact.presence);
        let commune_key = (
            province_key,
            fact.commune.is_none(),
            fact.commune.as_ref().map(place_key).unwrap_or_default(),
        );
        communes
            .entry(commune_key)
            .or_insert_with(|| CommuneAttendance {
                province: fact.province.clone(),
                commune: fact.commune.clone(),
                counts: AttendanceCounts::default(),
            })
            .counts
            .add(fact.seat, fact.presence);
    }
    AttendanceReport {
        workshops: workshops
            .into_iter()
            .map(|(workshop, counts)| WorkshopAttendance { workshop, counts })
            .collect(),
        provinces: provinces
            .into_values()
            .map(|(province, counts)| ProvinceAttendance { province, counts })
            .collect(),
        communes: communes.into_values().collect(),
        total,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use chrono::TimeZone;
    use rand::SeedableRng;

    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        day(y, m, d).and_time(hm(h, min))
    }

    fn offsets(texts: &[&str]) -> Vec<Offset> {
        texts.iter().map(|t| Offset::parse(t).unwrap()).collect()
    }

    // ---- 1. The draft ----

    #[test]
    fn titles_topics_and_venues() {
        assert_eq!(
            parse_title("  Programming   the\ncommunal budget ").unwrap(),
            "Programming the communal budget"
        );
        assert_eq!(parse_title(" \n "), Err(DraftError::TitleEmpty));
        assert_eq!(
            parse_title(&"a".repeat(121)),
            Err(DraftError::TitleTooLong {
                chars: 121,
                max: 120
            })
        );
        // Characters, not bytes: 120 Arabic letters fit.
        assert!(parse_title(&"ب".repeat(120)).is_ok());
        assert_eq!(parse_topic("  ").unwrap(), None);
        assert_eq!(
            parse_topic(" Budget\nlines ").unwrap().as_deref(),
            Some("Budget\nlines")
        );
        assert_eq!(
            parse_topic(&"x".repeat(501)).unwrap_err().code(),
            "topic-too-long"
        );
        assert_eq!(
            parse_venue("Province seat, El Hajeb").unwrap(),
            "Province seat, El Hajeb"
        );
        assert_eq!(parse_venue(""), Err(DraftError::VenueEmpty));
        assert_eq!(
            parse_venue(&"v".repeat(201)).unwrap_err().code(),
            "venue-too-long"
        );
    }

    #[test]
    fn dates_in_the_accepted_forms() {
        for text in [
            "20/01/2026",
            "20-01-2026",
            "2026-01-20",
            "20.01.2026",
            "20/1/2026",
            " 20 / 01 / 2026 ",
        ] {
            assert_eq!(parse_date(text), Ok(day(2026, 1, 20)), "{text}");
        }
        for text in [
            "",
            "tomorrow",
            "20/01/26",
            "20/01",
            "2026-01-20-1",
            "20/01/2026x",
            "1/2/3",
        ] {
            assert_eq!(parse_date(text).unwrap_err().code(), "bad-date", "{text}");
        }
        assert_eq!(
            parse_date("31/02/2026"),
            Err(DraftError::NoSuchDate {
                input: "31/02/2026".into()
            })
        );
        assert_eq!(parse_date("2026-13-01").unwrap_err().code(), "no-such-date");
        assert_eq!(
            parse_date("٢٠/٠١/٢٠٢٦"),
            Err(DraftError::NotWesternDigits {
                input: "٢٠/٠١/٢٠٢٦".into()
            })
        );
    }

    #[test]
    fn workshop_days_are_today_or_later_and_not_absurdly_far() {
        let zone = Zone::casablanca();
        // 23:30Z on 19 January is 00:30 local on the 20th: "today" is local.
        let now = utc(2026, 1, 19, 23, 30);
        assert_eq!(
            check_day(day(2026, 1, 20), &zone, now),
            Ok(day(2026, 1, 20))
        );
        assert_eq!(
            check_day(day(2026, 1, 19), &zone, now),
            Err(DraftError::DayInPast {
                date: day(2026, 1, 19)
            })
        );
        assert_eq!(
            check_day(day(2062, 1, 20), &zone, now),
            Err(DraftError::DateTooFar {
                date: day(2062, 1, 20),
                latest: day(2028, 1, 20)
            })
        );
    }

    #[test]
    fn times_in_the_accepted_forms() {
        for (text, h, m) in [
            ("09:00", 9, 0),
            ("9:00", 9, 0),
            ("9h", 9, 0),
            ("9h30", 9, 30),
            ("9H30", 9, 30),
            ("09h00", 9, 0),
            ("9 h 30", 9, 30),
            ("09.00", 9, 0),
            ("14.30", 14, 30),
            ("0:00", 0, 0),
            ("23:59", 23, 59),
        ] {
            assert_eq!(parse_time(text), Ok(hm(h, m)), "{text}");
        }
        for text in [
            "", "9", "nine", "9:5", "9h5", "9:000", "123:00", "9h30h", "9:30pm", "h30",
        ] {
            assert_eq!(parse_time(text).unwrap_err().code(), "bad-time", "{text}");
        }
        for text in ["25:00", "24:00", "9h75", "09.60"] {
            assert_eq!(
                parse_time(text),
                Err(DraftError::ImpossibleTime { input: text.into() }),
                "{text}"
            );
        }
        assert_eq!(
            parse_time("٩:٠٠").unwrap_err().code(),
            "western-digits-only"
        );
    }

    #[test]
    fn the_start_is_a_real_future_instant() {
        let zone = Zone::casablanca();
        let now = utc(2026, 1, 5, 10, 0);
        // January 2026 is UTC+1.
        assert_eq!(
            local_start(day(2026, 1, 20), hm(9, 0), &zone, now),
            Ok(utc(2026, 1, 20, 8, 0))
        );
        // 22 March 2026 the clock jumps from 02:00 to 03:00: 02:30 does not exist.
        assert_eq!(
            local_start(day(2026, 3, 22), hm(2, 30), &zone, now),
            Err(DraftError::SkippedTime {
                shown: local(2026, 3, 22, 2, 30),
                moved_to: local(2026, 3, 22, 3, 30)
            })
        );
        // 20 September 2026 the clock goes back from 02:00 to 01:00: the first 01:30 counts.
        assert_eq!(
            local_start(day(2026, 9, 20), hm(1, 30), &zone, now),
            Ok(utc(2026, 9, 20, 0, 30))
        );
        // 10:00 local today is 09:00Z, before now (10:00Z).
        assert_eq!(
            local_start(day(2026, 1, 5), hm(10, 0), &zone, now),
            Err(DraftError::DateInPast {
                shown: local(2026, 1, 5, 10, 0)
            })
        );
        assert!(local_start(day(2026, 1, 5), hm(11, 1), &zone, now).is_ok());
    }

    #[test]
    fn capacities() {
        assert_eq!(Capacity::parse(" 40 ").unwrap().get(), 40);
        assert_eq!(Capacity::parse("1000").unwrap().get(), 1000);
        assert_eq!(Capacity::parse("0"), Err(DraftError::CapacityZero));
        assert_eq!(
            Capacity::parse("1001"),
            Err(DraftError::CapacityTooLarge { max: 1000 })
        );
        assert_eq!(
            Capacity::parse("99999999999999"),
            Err(DraftError::CapacityTooLarge { max: 1000 })
        );
        for text in ["forty", "-3", "", "4 0", "40.5"] {
            assert_eq!(
                Capacity::parse(text).unwrap_err().code(),
                "bad-capacity",
                "{text}"
            );
        }
        assert_eq!(
            Capacity::parse("٤٠").unwrap_err().code(),
            "western-digits-only"
        );
        assert_eq!(
            serde_json::to_string(&Capacity::new(40).unwrap()).unwrap(),
            "40"
        );
        assert!(serde_json::from_str::<Capacity>("0").is_err());
    }

    #[test]
    fn reminder_lists() {
        assert_eq!(parse_reminders(" ").unwrap(), DEFAULT_REMINDER_OFFSETS);
        // As French and Arabic organisers write them.
        assert_eq!(
            parse_reminders("7j, 1j, 2h").unwrap(),
            DEFAULT_REMINDER_OFFSETS
        );
        assert_eq!(
            parse_reminders("7ي، 1ي، 2س").unwrap(),
            DEFAULT_REMINDER_OFFSETS
        );
        assert_eq!(
            parse_reminders("2h, 7d,1d, 2h").unwrap(),
            offsets(&["7d", "1d", "2h"])
        );
        assert_eq!(
            parse_reminders("3d، 90m").unwrap(),
            offsets(&["3d", "1h30m"])
        );
        assert_eq!(
            parse_reminders("7d, soon"),
            Err(DraftError::BadReminder {
                input: "soon".into()
            })
        );
        assert_eq!(
            parse_reminders("7d,6d,5d,4d,3d,2d,1d"),
            Err(DraftError::TooManyReminders { max: 6 })
        );
    }

    #[test]
    fn deadlines_default_and_chosen() {
        let zone = Zone::casablanca();
        let now = utc(2026, 1, 5, 10, 0);
        let start = utc(2026, 1, 20, 8, 0); // 09:00 local
        // 18:00 local the day before = 17:00Z.
        assert_eq!(default_deadline(start, &zone, now), utc(2026, 1, 19, 17, 0));
        // Announced at the last minute: open until the start.
        assert_eq!(
            default_deadline(start, &zone, utc(2026, 1, 19, 20, 0)),
            start
        );
        assert_eq!(
            parse_deadline("19/01/2026 18:00", start, &zone, now),
            Ok(utc(2026, 1, 19, 17, 0))
        );
        assert_eq!(
            parse_deadline("2026-01-18  12h", start, &zone, now),
            Ok(utc(2026, 1, 18, 11, 0))
        );
        // A date alone means 18:00 that day.
        assert_eq!(
            parse_deadline("19-01-2026", start, &zone, now),
            Ok(utc(2026, 1, 19, 17, 0))
        );
        assert_eq!(
            parse_deadline("20/01/2026 09:00", start, &zone, now),
            Err(DraftError::DeadlineNotBeforeStart {
                shown: local(2026, 1, 20, 9, 0),
                start: local(2026, 1, 20, 9, 0)
            })
        );
        assert_eq!(
            parse_deadline("01/01/2026 10:00", start, &zone, now),
            Err(DraftError::DeadlineInPast {
                shown: local(2026, 1, 1, 10, 0)
            })
        );
        assert_eq!(
            parse_deadline("  ", start, &zone, now).unwrap_err().code(),
            "bad-deadline"
        );
        assert_eq!(
            parse_deadline("19/01/2026 25:00", start, &zone, now)
                .unwrap_err()
                .code(),
            "impossible-time"
        );
        assert_eq!(
            parse_deadline("soon", start, &zone, now)
                .unwrap_err()
                .code(),
            "bad-date"
        );
    }

    #[test]
    fn the_dialogue_asks_each_question_in_turn_and_finishes() {
        let zone = Zone::casablanca();
        let now = utc(2026, 1, 5, 10, 0);
        let mut draft = WorkshopDraft::new();
        assert_eq!(draft.clone().finish(), Err(Field::Title));
        let mut asked = Vec::new();
        let answers = [
            (Field::Title, "Programming the communal budget"),
            (Field::Topic, ""),
            (Field::Date, "20/01/2026"),
            (Field::Time, "9h"),
            (Field::Venue, "Province seat, El Hajeb"),
            (Field::Audience, ""),
            (Field::Capacity, "40"),
            (Field::Reminders, ""),
            (Field::Deadline, ""),
        ];
        for (field, text) in answers {
            assert_eq!(draft.missing(), Some(field));
            asked.push(field);
            if field == Field::Audience {
                assert_eq!(
                    draft.answer(field, "presidents", &zone, now),
                    Err(DraftError::UseButtons { field })
                );
                draft.set_audience(Audience::everyone());
            } else {
                draft.answer(field, text, &zone, now).unwrap();
            }
        }
        assert_eq!(asked, Field::ALL);
        assert_eq!(draft.missing(), None);
        // The state survives a round trip through JSON (the dialogue's storage).
        let json = serde_json::to_string(&draft).unwrap();
        assert!(json.contains(r#""reminders":["7d","1d","2h"]"#), "{json}");
        assert_eq!(serde_json::from_str::<WorkshopDraft>(&json).unwrap(), draft);
        // Not asked, skipped and answered stay apart.
        let fresh = WorkshopDraft::new();
        let fresh_json = serde_json::to_string(&fresh).unwrap();
        assert!(!fresh_json.contains("topic"), "{fresh_json}");
        assert_eq!(
            serde_json::from_str::<WorkshopDraft>(&fresh_json).unwrap(),
            fresh
        );
        assert!(json.contains(r#""topic":null"#), "{json}");
        let mut with_topic = draft.clone();
        with_topic.topic = Some(Some("Budget lines".into()));
        let topic_json = serde_json::to_string(&with_topic).unwrap();
        assert_eq!(
            serde_json::from_str::<WorkshopDraft>(&topic_json).unwrap(),
            with_topic
        );
        let workshop = draft.finish().unwrap();
        assert_eq!(
            workshop,
            NewWorkshop {
                title: "Programming the communal budget".into(),
                topic: None,
                starts_at: utc(2026, 1, 20, 8, 0),
                venue: "Province seat, El Hajeb".into(),
                audience: Audience::everyone(),
                capacity: Capacity::new(40).unwrap(),
                reminders: DEFAULT_REMINDER_OFFSETS.to_vec(),
                answer_deadline: utc(2026, 1, 19, 17, 0),
            }
        );
        let json = serde_json::to_string(&workshop).unwrap();
        assert_eq!(
            serde_json::from_str::<NewWorkshop>(&json).unwrap(),
            workshop
        );
    }

    #[test]
    fn refused_answers_leave_the_draft_unchanged() {
        let zone = Zone::casablanca();
        let now = utc(2026, 1, 5, 10, 0);
        let mut draft = WorkshopDraft::new();
        assert_eq!(
            draft.answer(Field::Time, "09:00", &zone, now),
            Err(DraftError::AskedTooEarly { needs: Field::Date })
        );
        assert_eq!(
            draft.answer(Field::Deadline, "", &zone, now),
            Err(DraftError::AskedTooEarly { needs: Field::Time })
        );
        draft.answer(Field::Date, "05/01/2026", &zone, now).unwrap();
        let before = draft.clone();
        for (field, text, code) in [
            (Field::Title, "", "title-empty"),
            (Field::Date, "04/01/2026", "day-in-past"),
            (Field::Date, "31/02/2026", "no-such-date"),
            (Field::Time, "08:00", "date-in-past"),
            (Field::Time, "25:00", "impossible-time"),
            (Field::Capacity, "0", "capacity-zero"),
            (Field::Venue, " ", "venue-empty"),
        ] {
            assert_eq!(
                draft.answer(field, text, &zone, now).unwrap_err().code(),
                code
            );
            assert_eq!(draft, before, "{field:?} {text}");
        }
        // A day with a skipped hour, then the skipped time itself.
        draft.answer(Field::Date, "22/03/2026", &zone, now).unwrap();
        let error = draft.answer(Field::Time, "02:30", &zone, now).unwrap_err();
        assert_eq!(error.code(), "skipped-time");
        assert_eq!(draft.time, None);
    }

    #[test]
    fn a_draft_left_open_is_rechecked_against_the_clock() {
        let zone = Zone::casablanca();
        let now = utc(2026, 1, 5, 10, 0);
        let mut draft = WorkshopDraft::new();
        draft.answer(Field::Date, "07/01/2026", &zone, now).unwrap();
        draft.answer(Field::Time, "09:00", &zone, now).unwrap();
        draft.answer(Field::Deadline, "", &zone, now).unwrap();
        assert_eq!(draft.deadline, Some(utc(2026, 1, 6, 17, 0)));
        // The next evening the default deadline has passed: answers stay open to the start.
        let later = utc(2026, 1, 6, 20, 0);
        let mut kept = draft.clone();
        kept.recheck(&zone, later);
        assert_eq!(kept.deadline, Some(utc(2026, 1, 7, 8, 0)));
        assert_eq!(kept.starts_at, draft.starts_at);
        // A chosen deadline now past is asked again.
        let mut chosen = draft.clone();
        chosen
            .answer(Field::Deadline, "06/01/2026 12:00", &zone, now)
            .unwrap();
        chosen.recheck(&zone, later);
        assert_eq!(chosen.deadline, None);
        // A start now past asks the time again.
        let mut past = draft.clone();
        past.recheck(&zone, utc(2026, 1, 7, 9, 0));
        assert_eq!((past.time, past.starts_at), (None, None));
        assert_eq!(past.missing(), Some(Field::Title));
        let unchanged = draft.clone();
        draft.recheck(&zone, now);
        assert_eq!(draft, unchanged);
    }

    #[test]
    fn editing_the_date_moves_or_clears_what_depends_on_it() {
        let zone = Zone::casablanca();
        let now = utc(2026, 1, 5, 10, 0);
        let mut draft = WorkshopDraft::new();
        draft.answer(Field::Date, "20/01/2026", &zone, now).unwrap();
        draft.answer(Field::Time, "09:00", &zone, now).unwrap();
        draft.answer(Field::Deadline, "", &zone, now).unwrap();
        assert_eq!(draft.deadline, Some(utc(2026, 1, 19, 17, 0)));
        // A default deadline follows the start.
        draft.answer(Field::Date, "27/01/2026", &zone, now).unwrap();
        assert_eq!(draft.starts_at, Some(utc(2026, 1, 27, 8, 0)));
        assert_eq!(draft.deadline, Some(utc(2026, 1, 26, 17, 0)));
        // A chosen deadline that still fits stays; one that no longer fits is asked again.
        draft
            .answer(Field::Deadline, "15/01/2026 12:00", &zone, now)
            .unwrap();
        draft.answer(Field::Date, "16/01/2026", &zone, now).unwrap();
        assert_eq!(draft.deadline, Some(utc(2026, 1, 15, 11, 0)));
        draft.answer(Field::Date, "15/01/2026", &zone, now).unwrap();
        assert_eq!(draft.deadline, None);
        draft.answer(Field::Time, "08:30", &zone, now).unwrap();
        assert_eq!(draft.starts_at, Some(utc(2026, 1, 15, 7, 30)));
        // Editing the date to a day where the chosen time is skipped is refused, and the
        // draft keeps its day and start.
        draft.answer(Field::Time, "02:30", &zone, now).unwrap();
        let before = draft.clone();
        assert_eq!(
            draft
                .answer(Field::Date, "22/03/2026", &zone, now)
                .map_err(|e| e.code()),
            Err("skipped-time")
        );
        assert_eq!(draft, before);
        draft.answer(Field::Date, "23/03/2026", &zone, now).unwrap();
        draft.answer(Field::Time, "09:00", &zone, now).unwrap();
        // A finished draft whose deadline was forced past the start asks it again.
        let mut forced = draft.clone();
        forced.title = Some("t".into());
        forced.topic = Some(None);
        forced.venue = Some("v".into());
        forced.audience = Some(Audience::everyone());
        forced.capacity = Some(Capacity::new(1).unwrap());
        forced.reminders = Some(vec![]);
        forced.deadline = Some(utc(2026, 4, 1, 0, 0));
        assert_eq!(forced.finish(), Err(Field::Deadline));
    }

    #[test]
    fn error_codes_are_distinct_kebab_case() {
        let t = local(2026, 1, 1, 0, 0);
        let errors = [
            DraftError::TitleEmpty,
            DraftError::TitleTooLong { chars: 1, max: 1 },
            DraftError::TopicTooLong { chars: 1, max: 1 },
            DraftError::NotWesternDigits { input: "".into() },
            DraftError::BadDate { input: "".into() },
            DraftError::NoSuchDate { input: "".into() },
            DraftError::DayInPast { date: t.date() },
            DraftError::DateTooFar {
                date: t.date(),
                latest: t.date(),
            },
            DraftError::BadTime { input: "".into() },
            DraftError::ImpossibleTime { input: "".into() },
            DraftError::SkippedTime {
                shown: t,
                moved_to: t,
            },
            DraftError::DateInPast { shown: t },
            DraftError::VenueEmpty,
            DraftError::VenueTooLong { chars: 1, max: 1 },
            DraftError::BadCapacity { input: "".into() },
            DraftError::CapacityZero,
            DraftError::CapacityTooLarge { max: 1 },
            DraftError::BadReminder { input: "".into() },
            DraftError::TooManyReminders { max: 1 },
            DraftError::BadDeadline { input: "".into() },
            DraftError::DeadlineInPast { shown: t },
            DraftError::DeadlineNotBeforeStart { shown: t, start: t },
            DraftError::UseButtons {
                field: Field::Audience,
            },
            DraftError::AskedTooEarly { needs: Field::Date },
        ];
        let codes: HashSet<&str> = errors.iter().map(DraftError::code).collect();
        assert_eq!(codes.len(), errors.len());
        assert!(
            codes
                .iter()
                .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        );
        assert_eq!(
            DraftError::DateInPast { shown: t }.to_string(),
            "2026-01-01 00:00:00 is in the past"
        );
    }

    // ---- 2. Answers ----

    fn terms(capacity: u32) -> AnswerTerms {
        AnswerTerms {
            starts_at: utc(2026, 1, 20, 8, 0),
            answer_deadline: utc(2026, 1, 19, 17, 0),
            capacity: Capacity::new(capacity).unwrap(),
            cancelled: false,
        }
    }

    /// Invitees 1..=n, not answered.
    fn invited(n: i64) -> Vec<Invitee> {
        (1..=n).map(Invitee::invited).collect()
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
        assert_eq!(say(&mut rows, 1, Answer::Yes).seat, Seat::Confirmed);
        assert_eq!(say(&mut rows, 2, Answer::Yes).seat, Seat::Confirmed);
        let third = say(&mut rows, 3, Answer::Yes);
        assert_eq!(third.before, Seat::NoAnswer);
        assert_eq!(third.seat, Seat::Waiting { position: 1 });
        assert_eq!(
            say(&mut rows, 4, Answer::Yes).seat,
            Seat::Waiting { position: 2 }
        );
        assert_eq!(confirmed(&rows), [1, 2]);
        assert_eq!(waiting_list(&rows), [3, 4]);

        // Person 1 cannot come after all: 3 gets the seat, 4 moves up.
        let freed = say(&mut rows, 1, no(Some("  council session  ")));
        assert_eq!(freed.before, Seat::Confirmed);
        assert_eq!(freed.seat, Seat::Declined);
        assert_eq!(freed.promoted, [3]);
        assert_eq!(freed.changes.len(), 2);
        assert_eq!(rows[0].reason.as_deref(), Some("council session"));
        assert_eq!(rows[0].answer(), Some(no(Some("council session"))));
        assert_eq!(seat_of(&rows, 3), Some(Seat::Confirmed));
        assert_eq!(seat_of(&rows, 4), Some(Seat::Waiting { position: 1 }));

        // Repeating a yes keeps one's place and changes nothing.
        let again = say(&mut rows, 4, Answer::Yes);
        assert!(!again.changed());
        assert_eq!(again.seat, Seat::Waiting { position: 1 });

        // Person 1 changes their mind again: back of the line.
        assert_eq!(
            say(&mut rows, 1, Answer::Yes).seat,
            Seat::Waiting { position: 2 }
        );
        assert_eq!(waiting_list(&rows), [4, 1]);
        // A waiting person who declines frees no seat; the line moves up.
        let gone = say(&mut rows, 4, no(None));
        assert!(gone.promoted.is_empty());
        assert_eq!(seat_of(&rows, 1), Some(Seat::Waiting { position: 1 }));
        // A confirmed person who declines promotes the next in line.
        assert_eq!(say(&mut rows, 2, no(None)).promoted, [1]);
        assert_eq!(confirmed(&rows), [3, 1]);
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
        let reason = say(&mut rows, 2, no(Some("ill")));
        assert_eq!(reason.changes.len(), 1);
        assert_eq!(rows[1].answered_at, before.answered_at);
        assert_eq!(rows[1].reason.as_deref(), Some("ill"));
        // A no without a reason first, from someone who had not answered.
        assert_eq!(say(&mut rows, 5, no(None)).before, Seat::NoAnswer);
    }

    #[test]
    fn a_yes_while_others_wait_for_a_free_seat_goes_behind_them() {
        // An inconsistent start (a seat free while someone waits) is repaired in line order.
        let mut rows = invited(3);
        rows[0].seat = SeatKind::Waiting;
        rows[0].answered_at = Some(utc(2026, 1, 6, 9, 0));
        let decision = answer(&rows, &terms(1), 2, Answer::Yes, utc(2026, 1, 6, 10, 0)).unwrap();
        assert_eq!(decision.promoted, [1]);
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
            answer(&rows, &cancelled, 1, Answer::Yes, now),
            Err(Refusal::Cancelled)
        );
        assert_eq!(
            answer(&rows, &terms(2), 9, Answer::Yes, now),
            Err(Refusal::NotInvited)
        );
        let deadline = terms(2).answer_deadline;
        assert!(
            answer(
                &rows,
                &terms(2),
                1,
                Answer::Yes,
                deadline - Duration::seconds(1)
            )
            .is_ok()
        );
        assert_eq!(
            answer(&rows, &terms(2), 1, Answer::Yes, deadline),
            Err(Refusal::DeadlinePassed { deadline })
        );
        let start = terms(2).starts_at;
        assert_eq!(
            answer(&rows, &terms(2), 1, no(None), start),
            Err(Refusal::Started { starts_at: start })
        );
        let long = "r".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(
            answer(&rows, &terms(2), 1, no(Some(&long)), now),
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
        for (i, person) in (1..=5).enumerate() {
            let at = utc(2026, 1, 6, 9, i as u32);
            let d = answer(&rows, &terms, person, Answer::Yes, at).unwrap();
            store(&mut rows, &d.changes);
        }
        assert_eq!(waiting_list(&rows), [3, 4, 5]);
        let raised = change_capacity(&rows, Capacity::new(4).unwrap());
        assert_eq!(raised.promoted, [3, 4]);
        assert_eq!(raised.over_capacity, 0);
        store(&mut rows, &raised.changes);
        assert_eq!(seat_of(&rows, 5), Some(Seat::Waiting { position: 1 }));
        let lowered = change_capacity(&rows, Capacity::new(1).unwrap());
        assert!(lowered.promoted.is_empty());
        assert!(lowered.changes.is_empty());
        assert_eq!(lowered.over_capacity, 3);
        // Over capacity, a freed seat promotes nobody until the count is under it.
        let low = AnswerTerms {
            capacity: Capacity::new(3).unwrap(),
            ..terms
        };
        let d = answer(&rows, &low, 1, no(None), utc(2026, 1, 7, 9, 0)).unwrap();
        assert!(d.promoted.is_empty());
        store(&mut rows, &d.changes);
        let d = answer(&rows, &low, 2, no(None), utc(2026, 1, 7, 9, 1)).unwrap();
        assert_eq!(d.promoted, [5]);
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

    // ---- 3. Reminders and nudges ----

    #[test]
    fn reminders_skip_those_who_declined_and_nudges_go_to_the_silent() {
        let mut rows = invited(4);
        rows[0].seat = SeatKind::Confirmed;
        rows[1].seat = SeatKind::Waiting;
        rows[2].seat = SeatKind::Declined;
        assert_eq!(reminder_recipients(&rows), [1, 2, 4]);
        assert_eq!(nudge_recipients(&rows), [4]);
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

    // ---- 4. Check-in ----

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
        let early = CheckinWindow::opened_at(utc(2026, 1, 20, 7, 0), start);
        assert_eq!(early.opens, utc(2026, 1, 20, 7, 0));
        assert!(early.contains(utc(2026, 1, 20, 7, 10)));
        assert_eq!(
            CheckinWindow::opened_at(utc(2026, 1, 20, 7, 45), start),
            session.window
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

    // ---- 5. Evaluation ----

    fn scores(values: &[u8]) -> Vec<Score> {
        values.iter().map(|v| Score::new(*v).unwrap()).collect()
    }

    #[test]
    fn scores_and_comments() {
        assert!(Score::new(0).is_err());
        assert!(Score::new(6).is_err());
        assert_eq!(Score::parse(" 4 ").unwrap().get(), 4);
        assert_eq!(Score::parse("٥").unwrap().get(), 5);
        for text in ["0", "6", "10", "", "a", "4.5"] {
            assert_eq!(
                Score::parse(text).unwrap_err().code(),
                "bad-score",
                "{text}"
            );
        }
        assert!(serde_json::from_str::<Score>("7").is_err());
        assert_eq!(parse_comment("  "), Ok(None));
        assert_eq!(
            parse_comment(" Useful ").unwrap().as_deref(),
            Some("Useful")
        );
        assert_eq!(
            parse_comment(&"ت".repeat(1001)),
            Err(EvaluationError::CommentTooLong {
                chars: 1001,
                max: 1000
            })
        );
    }

    #[test]
    fn evaluation_summary_in_integer_tenths() {
        let summary = EvaluationSummary::from(&scores(&[5, 4, 4, 3, 5, 5])[..]);
        // 26 / 6 = 4.33…
        assert_eq!(
            summary,
            EvaluationSummary {
                count: 6,
                mean_tenths: Some(43),
                distribution: [0, 0, 1, 2, 3]
            }
        );
        // 17 / 4 = 4.25, rounded half up.
        assert_eq!(
            EvaluationSummary::from_scores(scores(&[4, 4, 4, 5])).mean_tenths,
            Some(43)
        );
        // 5 / 3 = 1.66…
        assert_eq!(
            EvaluationSummary::from_scores(scores(&[1, 2, 2])).mean_tenths,
            Some(17)
        );
        assert_eq!(
            EvaluationSummary::from_scores(scores(&[1])).mean_tenths,
            Some(10)
        );
        assert_eq!(
            EvaluationSummary::from_scores([]),
            EvaluationSummary {
                count: 0,
                mean_tenths: None,
                distribution: [0; 5]
            }
        );
    }

    // ---- 6. Attendance ----

    #[test]
    fn attendance_matches_a_hand_count() {
        let hajeb = PlaceName::new("El Hajeb", Some("الحاجب"));
        let ifrane = PlaceName::new("Ifrane", Some("إفران"));
        let agourai = Some(PlaceName::new("Agourai", Some("أكوراي")));
        let yaazem = Some(PlaceName::new("Ait Yaazem", Some("آيت يعزم")));
        let hajeb_commune = Some(PlaceName::new("El Hajeb", Some("الحاجب")));
        let fact = |workshop, province: &PlaceName, commune: &Option<PlaceName>, seat, presence| {
            AttendanceFact {
                workshop,
                province: province.clone(),
                commune: commune.clone(),
                seat,
                presence,
            }
        };
        use Presence::*;
        use SeatKind::*;
        // Deliberately out of order: the report's order must not depend on the input's.
        let facts = vec![
            fact(2, &hajeb, &hajeb_commune, Confirmed, Absent), // p10
            fact(1, &ifrane, &Some(ifrane.clone()), Confirmed, Present), // p9
            fact(1, &hajeb, &agourai, Confirmed, Present),      // p1
            fact(1, &hajeb, &agourai, Confirmed, Absent),       // p2
            fact(1, &hajeb, &None, NoAnswer, Present),          // p8, province staff
            fact(1, &hajeb, &agourai, Declined, Absent),        // p3
            fact(1, &hajeb, &agourai, NoAnswer, WalkIn),        // p4, not invited
            fact(1, &hajeb, &yaazem, NoAnswer, Absent),         // p5
            fact(1, &hajeb, &yaazem, Waiting, Present),         // p6, came from the list
            fact(1, &hajeb, &yaazem, Declined, Present),        // p7, came after all
            fact(2, &hajeb, &agourai, Confirmed, Present),      // p1
            fact(2, &hajeb, &agourai, Waiting, Absent),         // p2
        ];
        let counts =
            |invited, yes, no, no_answer, waiting, present, absent, walk_ins| AttendanceCounts {
                invited,
                yes,
                no,
                no_answer,
                waiting,
                present,
                absent,
                walk_ins,
            };
        let report = attendance(&facts);

        // Workshop 1: invited p1 p2 p3 p5 p6 p7 p8 p9; yes p1 p2 p6 p9; no p3 p7; silent p5
        // p8; waiting p6; present p1 p6 p7 p8 p9; absent p2 p3 p5; walk-in p4. 5/8 = 62.5 %.
        // Workshop 2: invited p1 p2 p10, all yes, p2 waiting; present p1. 1/3 = 33.3 %.
        assert_eq!(
            report.workshops,
            [
                WorkshopAttendance {
                    workshop: 1,
                    counts: counts(8, 4, 2, 2, 1, 5, 3, 1)
                },
                WorkshopAttendance {
                    workshop: 2,
                    counts: counts(3, 3, 0, 0, 1, 1, 2, 0)
                },
            ]
        );
        assert_eq!(report.workshops[0].counts.rate_per_mille(), Some(625));
        assert_eq!(report.workshops[1].counts.rate_per_mille(), Some(333));

        // El Hajeb: 7 invited to workshop 1 and 3 to workshop 2; 5 of the 10 came.
        let provinces: Vec<_> = report
            .provinces
            .iter()
            .map(|p| {
                (
                    p.province.latin.as_str(),
                    p.counts,
                    p.counts.rate_per_mille(),
                )
            })
            .collect();
        assert_eq!(
            provinces,
            [
                ("El Hajeb", counts(10, 6, 2, 2, 2, 5, 5, 1), Some(500)),
                ("Ifrane", counts(1, 1, 0, 0, 0, 1, 0, 0), Some(1000)),
            ]
        );

        // Per commune, by province then name, the province's staff last in its province.
        let communes: Vec<_> = report
            .communes
            .iter()
            .map(|c| {
                (
                    c.province.latin.as_str(),
                    c.commune.as_ref().map(|n| n.latin.as_str()),
                    c.counts,
                    c.counts.rate_per_mille(),
                )
            })
            .collect();
        assert_eq!(
            communes,
            [
                // p1 p2 p3 (w1), p1 p2 (w2): 2 of 5 came; p4 walked in.
                (
                    "El Hajeb",
                    Some("Agourai"),
                    counts(5, 4, 1, 0, 1, 2, 3, 1),
                    Some(400)
                ),
                // p5 p6 p7: 2 of 3 came, 66.7 %.
                (
                    "El Hajeb",
                    Some("Ait Yaazem"),
                    counts(3, 1, 1, 1, 1, 2, 1, 0),
                    Some(667)
                ),
                (
                    "El Hajeb",
                    Some("El Hajeb"),
                    counts(1, 1, 0, 0, 0, 0, 1, 0),
                    Some(0)
                ),
                ("El Hajeb", None, counts(1, 0, 0, 1, 0, 1, 0, 0), Some(1000)),
                (
                    "Ifrane",
                    Some("Ifrane"),
                    counts(1, 1, 0, 0, 0, 1, 0, 0),
                    Some(1000)
                ),
            ]
        );
        // 6 of 11 came: 54.5 %.
        assert_eq!(report.total, counts(11, 7, 2, 2, 2, 6, 5, 1));
        assert_eq!(report.total.rate_per_mille(), Some(545));
        // The identities the export relies on, on every line.
        for c in report.communes.iter().map(|c| c.counts) {
            assert_eq!(c.invited, c.yes + c.no + c.no_answer);
            assert_eq!(c.invited, c.present + c.absent);
            assert!(c.waiting <= c.yes);
        }
    }

    #[test]
    fn attendance_of_nothing_and_of_walk_ins_only() {
        assert_eq!(attendance(&[]), AttendanceReport::default());
        let report = attendance(&[AttendanceFact {
            workshop: 7,
            province: PlaceName::new("Ifrane", None),
            commune: None,
            seat: SeatKind::NoAnswer,
            presence: Presence::WalkIn,
        }]);
        assert_eq!(report.total.walk_ins, 1);
        assert_eq!(report.total.invited, 0);
        assert_eq!(report.total.rate_per_mille(), None);
    }
}
