//! The organiser's draft, checked one answer at a time: the limits, each field's parser, and
//! [`WorkshopDraft`], which keeps dependent answers consistent when one is edited.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::{EvaluationForm, FormError, MAX_QUESTIONS, Question, QuestionKind};
use crate::domain::audience::Audience;
use crate::domain::schedule::{DEFAULT_REMINDER_OFFSETS, Offset};
use crate::domain::text::{TextError, TextRule, code_point};
use crate::domain::zone::{LocalInstant, Zone};

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
    /// A line break or tab in the title or the venue, which are one line.
    #[error("the {} must be on one line (a line break or tab at character {position})", field.code())]
    LineBreak {
        /// The field.
        field: Field,
        /// Where, counting characters from 1.
        position: usize,
    },
    /// A control character (NUL, escape …) in a title, topic or venue.
    #[error(
        "the {} has a control character ({}) at character {position}, which cannot be stored",
        field.code(),
        code_point(*found)
    )]
    ControlCharacter {
        /// The field.
        field: Field,
        /// The character.
        found: char,
        /// Where, counting characters from 1.
        position: usize,
    },
    /// A bidirectional override, embedding or isolate, which makes text display otherwise
    /// than it is written.
    #[error(
        "the {} has a bidirectional control ({}) at character {position}, which can make text \
         display otherwise than it is written",
        field.code(),
        code_point(*found)
    )]
    BidiControl {
        /// The field.
        field: Field,
        /// The character.
        found: char,
        /// Where, counting characters from 1.
        position: usize,
    },
    /// Only invisible characters (zero-width spaces, marks without a letter …).
    #[error("the {} has no visible character", field.code())]
    Invisible {
        /// The field.
        field: Field,
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
            DraftError::LineBreak { .. } => "line-break",
            DraftError::ControlCharacter { .. } => "control-character",
            DraftError::BidiControl { .. } => "bidi-control",
            DraftError::Invisible { .. } => "invisible",
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

/// A refusal of the text rule in the dialogue's terms: the empty and too-long refusals keep
/// their own variants per field, the others name the field.
fn text_refused(field: Field, error: TextError) -> DraftError {
    match error {
        TextError::Empty if field == Field::Venue => DraftError::VenueEmpty,
        // A blank topic is no topic, never refused: only the title is left.
        TextError::Empty => DraftError::TitleEmpty,
        TextError::TooLong { chars, max } => match field {
            Field::Topic => DraftError::TopicTooLong { chars, max },
            Field::Venue => DraftError::VenueTooLong { chars, max },
            _ => DraftError::TitleTooLong { chars, max },
        },
        TextError::LineBreak { position } => DraftError::LineBreak { field, position },
        TextError::ControlCharacter { found, position } => DraftError::ControlCharacter {
            field,
            found,
            position,
        },
        TextError::BidiControl { found, position } => DraftError::BidiControl {
            field,
            found,
            position,
        },
        TextError::Invisible => DraftError::Invisible { field },
    }
}

/// Checks a title: 1–120 characters on one line (the text rule of `domain::text`).
pub fn parse_title(input: &str) -> Result<String, DraftError> {
    TextRule::one_line(MAX_TITLE_CHARS)
        .clean(input)
        .map_err(|e| text_refused(Field::Title, e))
}

/// Checks a topic: up to 500 characters, on several lines if need be; blank means no topic.
pub fn parse_topic(input: &str) -> Result<Option<String>, DraftError> {
    TextRule::several_lines(MAX_TOPIC_CHARS)
        .clean_optional(input)
        .map_err(|e| text_refused(Field::Topic, e))
}

/// Checks a venue: 1–200 characters on one line.
pub fn parse_venue(input: &str) -> Result<String, DraftError> {
    TextRule::one_line(MAX_VENUE_CHARS)
        .clean(input)
        .map_err(|e| text_refused(Field::Venue, e))
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
    /// The evaluation form: the default one (the 1–5 rating) unless questions are added.
    #[serde(default, skip_serializing_if = "EvaluationForm::is_default")]
    pub form: EvaluationForm,
    /// A question typed for the form, waiting for its kind (a scale, or choices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_question: Option<String>,
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
    /// What attendees are asked afterwards: the default form unless questions were written.
    #[serde(default, skip_serializing_if = "EvaluationForm::is_default")]
    pub form: EvaluationForm,
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

    /// A question typed for the evaluation form: checked, and kept until its kind is chosen.
    pub fn type_question(&mut self, typed: &str) -> Result<(), FormError> {
        let number = self.form.questions.len() + 1;
        if self.form.is_full() {
            return Err(FormError::TooManyQuestions {
                count: number,
                max: MAX_QUESTIONS,
            });
        }
        self.pending_question = Some(super::check_question(number, typed)?);
        Ok(())
    }

    /// The question typed is answered this way: it joins the form. Without a question typed
    /// (a stale button), nothing changes and `false` says so.
    pub fn add_question(&mut self, kind: QuestionKind) -> Result<bool, FormError> {
        let Some(text) = self.pending_question.take() else {
            return Ok(false);
        };
        self.form.push(Question { text, kind })?;
        Ok(true)
    }

    /// The options typed for the question typed, separated by `/` or one a line: checked, and
    /// the question joins the form as a choice. On refusal the question stays pending.
    pub fn add_choice(&mut self, typed: &str) -> Result<bool, FormError> {
        let number = self.form.questions.len() + 1;
        let options = super::parse_options(number, typed)?;
        self.add_question(QuestionKind::Choice { options })
    }

    /// Back to the default form (the 1–5 rating), the questions written dropped.
    pub fn default_form(&mut self) {
        self.form = EvaluationForm::default();
        self.pending_question = None;
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
            form: self.form,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::workshop::test_support::utc;

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

    #[test]
    fn the_evaluation_form_is_written_one_question_at_a_time() {
        let mut draft = WorkshopDraft::new();
        assert!(draft.form.is_default());
        // No question typed: a stale "Scale" button changes nothing.
        assert_eq!(draft.add_question(QuestionKind::Scale), Ok(false));
        assert_eq!(
            draft.type_question(&"q".repeat(201)).unwrap_err().code(),
            "question-too-long"
        );
        assert_eq!(draft.pending_question, None);
        draft
            .type_question(" Le contenu était-il utile ? ")
            .unwrap();
        assert_eq!(draft.add_question(QuestionKind::Scale), Ok(true));
        draft.type_question("Allez-vous l'appliquer ?").unwrap();
        // Options too long for a button are refused; the question waits for better ones.
        let long = "x".repeat(41);
        assert_eq!(
            draft
                .add_choice(&format!("Oui / {long}"))
                .unwrap_err()
                .code(),
            "option-too-long"
        );
        assert!(draft.pending_question.is_some());
        assert_eq!(draft.add_choice("Oui\nNon\nEn partie"), Ok(true));
        assert_eq!(draft.form.questions.len(), 2);
        assert_eq!(
            draft.form.written(),
            "Le contenu était-il utile ? [scale] | Allez-vous l'appliquer ? [Oui/Non/En partie]"
        );
        for _ in 0..3 {
            draft.type_question("Encore ?").unwrap();
            draft.add_question(QuestionKind::Scale).unwrap();
        }
        assert_eq!(
            draft.type_question("Une sixième ?"),
            Err(FormError::TooManyQuestions { count: 6, max: 5 })
        );
        // Kept with the dialogue's state, and carried to the workshop.
        let json = serde_json::to_string(&draft).unwrap();
        assert_eq!(serde_json::from_str::<WorkshopDraft>(&json).unwrap(), draft);
        draft.default_form();
        assert!(draft.form.is_default());
    }

    #[test]
    fn titles_topics_and_venues() {
        assert_eq!(
            parse_title("  Programming   the\u{a0}communal budget ").unwrap(),
            "Programming the communal budget"
        );
        // A title is one line: on a button, a break would hide the rest.
        assert_eq!(
            parse_title("Programming the\ncommunal budget"),
            Err(DraftError::LineBreak {
                field: Field::Title,
                position: 16
            })
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
        assert_eq!(
            parse_venue("Salle\tdu conseil").unwrap_err().code(),
            "line-break"
        );
    }

    #[test]
    fn titles_topics_and_venues_follow_the_text_rule() {
        assert_eq!(
            parse_title("Budget\0"),
            Err(DraftError::ControlCharacter {
                field: Field::Title,
                found: '\0',
                position: 7
            })
        );
        assert_eq!(
            parse_venue("Salle \u{202e}lieu"),
            Err(DraftError::BidiControl {
                field: Field::Venue,
                found: '\u{202e}',
                position: 7
            })
        );
        assert_eq!(
            parse_topic("Budget\n\u{2067}lines"),
            Err(DraftError::BidiControl {
                field: Field::Topic,
                found: '\u{2067}',
                position: 8
            })
        );
        assert_eq!(
            parse_topic("a\u{7}"),
            Err(DraftError::ControlCharacter {
                field: Field::Topic,
                found: '\u{7}',
                position: 2
            })
        );
        for (field, text) in [
            (Field::Title, "\u{200b}\u{200b}"),
            (Field::Venue, "\u{feff} \u{2060}"),
            (Field::Topic, "\u{200d}"),
        ] {
            let refused = match field {
                Field::Title => parse_title(text).map(|_| ()),
                Field::Venue => parse_venue(text).map(|_| ()),
                _ => parse_topic(text).map(|_| ()),
            };
            assert_eq!(refused, Err(DraftError::Invisible { field }), "{text:?}");
        }
        // Tabs and line breaks are kept in a topic, as lines.
        assert_eq!(
            parse_topic("Budget\tlines\r\nand archives")
                .unwrap()
                .as_deref(),
            Some("Budget lines\nand archives")
        );
        // The dialogue refuses them too, and keeps the draft as it was.
        let mut draft = WorkshopDraft::new();
        let now = utc(2026, 1, 5, 10, 0);
        assert_eq!(
            draft
                .answer(Field::Title, "\u{202e}Atelier", &Zone::casablanca(), now)
                .unwrap_err()
                .code(),
            "bidi-control"
        );
        assert_eq!(draft, WorkshopDraft::new());
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
                form: Default::default(),
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
            DraftError::LineBreak {
                field: Field::Title,
                position: 1,
            },
            DraftError::ControlCharacter {
                field: Field::Title,
                found: '\0',
                position: 1,
            },
            DraftError::BidiControl {
                field: Field::Title,
                found: '\u{202e}',
                position: 1,
            },
            DraftError::Invisible {
                field: Field::Title,
            },
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
}
