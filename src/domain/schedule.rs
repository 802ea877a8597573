//! Schedule rules, plain Rust without I/O: cron expressions evaluated in the programme's local
//! time, quiet hours, catching up after downtime, and reminder offsets before an event.
//!
//! Everything here takes instants in UTC and a [`Zone`]; the wall clock only matters where
//! people see it. Clock changes are handled deliberately, so that "a daily 02:30" fires once a
//! day even on the days Morocco's clock jumps forward or back.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt;
use std::iter::Peekable;
use std::str::FromStr;

use chrono::{
    DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Timelike,
    Utc,
};

use crate::domain::zone::{LocalInstant, Zone};

/// The example every cron error ends with, so the organiser sees a form that works.
const CRON_EXAMPLE: &str = r#"for example "0 9 * * 1" for Mondays at 09:00"#;

/// A recurring schedule from a cron expression, describing wall-clock times in a zone.
///
/// The usual 5-field form (`minute hour day-of-month month day-of-week`) follows classic
/// (Vixie) cron: day-of-week 0 and 7 are Sunday, 1 is Monday, and when both day fields are
/// restricted a day matching either fires. The `@daily`-style shorthands are taken as the
/// `cron` crate reads them. The 6- and 7-field forms (seconds first, a year last) are refused:
/// the crate reads them Quartz-style, where day-of-week 1 is Sunday, so `0 0 9 * * 1` would
/// fire on Sundays for an organiser who meant Mondays; the refusal shows the five fields.
#[derive(Clone)]
pub struct CronSchedule {
    expression: String,
    /// One rule, or two whose union is the schedule (classic cron's "either day field").
    rules: Vec<cron::Schedule>,
}

/// A cron expression was refused; the message says what is wrong and shows an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CronError {
    /// The expression has seconds first (6 fields) and perhaps a year last (7 fields), as
    /// Quartz writes it.
    WithSeconds {
        /// The expression as given.
        expression: String,
        /// How many fields it has: 6 or 7.
        found: usize,
        /// The same schedule in five fields, or why it cannot be written in five.
        five_fields: Result<String, String>,
    },
    /// The expression has the wrong number of fields.
    FieldCount {
        /// The expression as given.
        expression: String,
        /// How many fields it has.
        found: usize,
    },
    /// One field is not valid.
    Field {
        /// The expression as given.
        expression: String,
        /// Which field, e.g. `minute`.
        field: &'static str,
        /// The field's text.
        text: String,
        /// What is wrong with it (the cron parser's words where it has them).
        detail: String,
        /// What the field takes, e.g. `0 to 59`.
        takes: &'static str,
    },
    /// An `@` shorthand that does not exist.
    Shorthand {
        /// The expression as given.
        expression: String,
    },
    /// The expression is valid but no date ever matches it (e.g. 30 February).
    Never {
        /// The expression as given.
        expression: String,
    },
}

impl fmt::Display for CronError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CronError::WithSeconds {
                expression,
                found,
                five_fields,
            } => {
                let extra = if *found == 7 {
                    "seconds first and a year last"
                } else {
                    "seconds first"
                };
                write!(
                    f,
                    "\"{expression}\" has {found} fields, with {extra}: expected 5 fields \
                     (minute hour day-of-month month day-of-week, where 0 and 7 are Sunday); "
                )?;
                match five_fields {
                    Ok(five) => {
                        write!(f, "the same schedule in 5 fields is \"{five}\"")?;
                        // The surprise this refusal exists for: say why the days changed.
                        let quartz = expression.split(' ').nth(5).unwrap_or_default();
                        let classic = five.split(' ').nth(4).unwrap_or_default();
                        if quartz != classic && quartz.contains(|c: char| c.is_ascii_digit()) {
                            write!(f, ", as day-of-week 1 is Sunday in the form with seconds")?;
                        }
                        Ok(())
                    }
                    Err(why) => {
                        write!(f, "it cannot be written in 5 fields: {why}; {CRON_EXAMPLE}")
                    }
                }
            }
            CronError::FieldCount { expression, found } => write!(
                f,
                "\"{expression}\" is not a cron expression: expected 5 fields (minute hour \
                 day-of-month month day-of-week), found {found}; {CRON_EXAMPLE}"
            ),
            CronError::Field {
                expression,
                field,
                text,
                detail,
                takes,
            } => write!(
                f,
                "\"{expression}\" is not a cron expression: the {field} field \"{text}\" is \
                 wrong: {detail}; the {field} takes {takes}, with lists (1,15), ranges (1-5) and \
                 steps (*/15); {CRON_EXAMPLE}"
            ),
            CronError::Shorthand { expression } => write!(
                f,
                "\"{expression}\" is not a cron expression: the shorthands are @yearly, \
                 @monthly, @weekly, @daily and @hourly; {CRON_EXAMPLE}"
            ),
            CronError::Never { expression } => write!(
                f,
                "\"{expression}\" never fires: no date matches its day and month fields; \
                 {CRON_EXAMPLE}"
            ),
        }
    }
}

impl std::error::Error for CronError {}

/// A field's name and what it takes, for error messages.
struct FieldInfo {
    name: &'static str,
    takes: &'static str,
}

const SECOND: FieldInfo = FieldInfo {
    name: "second",
    takes: "0 to 59",
};
const MINUTE: FieldInfo = FieldInfo {
    name: "minute",
    takes: "0 to 59",
};
const HOUR: FieldInfo = FieldInfo {
    name: "hour",
    takes: "0 to 23",
};
const DAY_OF_MONTH: FieldInfo = FieldInfo {
    name: "day-of-month",
    takes: "1 to 31 or ?",
};
const MONTH: FieldInfo = FieldInfo {
    name: "month",
    takes: "1 to 12 or JAN to DEC",
};
const DAY_OF_WEEK_CLASSIC: FieldInfo = FieldInfo {
    name: "day-of-week",
    takes: "0 to 7 or SUN to SAT (0 and 7 are Sunday)",
};

/// The `cron` crate's day names, indexed by classic day number (0 = Sunday).
const DAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

impl CronSchedule {
    /// Parses a 5-field cron expression or an `@` shorthand; a 6/7-field one with seconds is
    /// refused with its 5-field form.
    pub fn parse(expr: &str) -> Result<CronSchedule, CronError> {
        let fields: Vec<&str> = expr.split_whitespace().collect();
        let expression = fields.join(" ");
        let schedule = match fields.len() {
            1 if expression.starts_with('@') => {
                let expression = expression.to_ascii_lowercase();
                let rule =
                    cron::Schedule::from_str(&expression).map_err(|_| CronError::Shorthand {
                        expression: expression.clone(),
                    })?;
                CronSchedule {
                    expression,
                    rules: vec![rule],
                }
            }
            5 => Self::parse_classic(&expression, &fields)?,
            found @ (6 | 7) => {
                return Err(CronError::WithSeconds {
                    five_fields: five_fields(&expression, &fields),
                    expression,
                    found,
                });
            }
            found => return Err(CronError::FieldCount { expression, found }),
        };
        // Refuse what can never fire (30 February): an organiser would otherwise save a
        // schedule that silently sends nothing.
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a valid date");
        if schedule.wall_clock_after(epoch).next().is_none() {
            return Err(CronError::Never {
                expression: schedule.expression,
            });
        }
        Ok(schedule)
    }

    /// The classic 5-field form: translated to the `cron` crate's 6-field form, with the
    /// day-of-week numbers mapped to names (the crate counts Sunday as 1, classic cron as 0).
    fn parse_classic(expression: &str, fields: &[&str]) -> Result<CronSchedule, CronError> {
        let infos = [
            SECOND,
            MINUTE,
            HOUR,
            DAY_OF_MONTH,
            MONTH,
            DAY_OF_WEEK_CLASSIC,
        ];
        // Report the leftmost wrong field: the four the crate reads as classic cron does come
        // before the day of the week, which is translated here.
        for (index, field) in fields[..4].iter().enumerate() {
            let mut probe = ["0", "*", "*", "*", "*", "*"];
            probe[index + 1] = field;
            if let Err(error) = cron::Schedule::from_str(&probe.join(" ")) {
                return Err(CronError::Field {
                    expression: expression.to_owned(),
                    field: infos[index + 1].name,
                    text: (*field).to_owned(),
                    detail: crate_detail(&error),
                    takes: infos[index + 1].takes,
                });
            }
        }
        let dow = classic_days_of_week(fields[4]).map_err(|detail| CronError::Field {
            expression: expression.to_owned(),
            field: DAY_OF_WEEK_CLASSIC.name,
            text: fields[4].to_owned(),
            detail,
            takes: DAY_OF_WEEK_CLASSIC.takes,
        })?;
        let translated = [
            "0",
            fields[0],
            fields[1],
            fields[2],
            fields[3],
            dow.as_str(),
        ];
        let shown = ["0", fields[0], fields[1], fields[2], fields[3], fields[4]];
        let rule = parse_rule(expression, &translated, &shown, &infos)?;
        // Classic cron fires on a day matching either day field when both are restricted
        // ("0 9 1 * MON" is the 1st and every Monday); the crate wants both, so split in two.
        let unrestricted = |field: &str| field.starts_with('*') || field.starts_with('?');
        let rules = if unrestricted(fields[2]) || unrestricted(fields[4]) {
            vec![rule]
        } else {
            let by_month_day = ["0", fields[0], fields[1], fields[2], fields[3], "*"];
            let by_week_day = ["0", fields[0], fields[1], "*", fields[3], dow.as_str()];
            vec![
                parse_rule(expression, &by_month_day, &shown, &infos)?,
                parse_rule(expression, &by_week_day, &shown, &infos)?,
            ]
        };
        Ok(CronSchedule {
            expression: expression.to_owned(),
            rules,
        })
    }

    /// The expression, with its fields separated by single spaces.
    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The occurrences strictly after `after`, as instants, in increasing order, each once.
    ///
    /// The expression describes wall-clock times in `zone`. A wall-clock time the clock shows
    /// twice (it went back) fires once, the first time; one the clock jumps over fires once, as
    /// far past the jump as it was into it (02:30 in a 02:00→03:00 jump fires at 03:30).
    pub fn occurrences_after(
        &self,
        zone: &Zone,
        after: DateTime<Utc>,
    ) -> impl Iterator<Item = DateTime<Utc>> + use<> {
        // A skipped wall-clock time fires later than the wall clock suggests, so one that
        // reads up to a gap's length before local(after) may still be owed. Such a time reads
        // at least `after + offset before the jump`; start the wall clock there.
        let lowest_recent_offset = (0..=RECENT_OFFSET_SAMPLES)
            .map(|k| zone.offset_seconds(after - Duration::minutes(15 * k)))
            .min()
            .unwrap_or_else(|| zone.offset_seconds(after));
        let start = after.naive_utc() + Duration::seconds(i64::from(lowest_recent_offset));
        // The crate's `after` is exclusive and works in whole seconds; start a second early and
        // let `Occurrences` drop anything not after `after`.
        let start = start.with_nanosecond(0).unwrap_or(start) - Duration::seconds(1);
        Occurrences {
            zone: zone.clone(),
            wall_clock: self.wall_clock_after(start),
            deferred: BinaryHeap::new(),
            pending: None,
            last: after,
        }
    }

    /// The first occurrence strictly after `after`, if the schedule fires again.
    pub fn next_after(&self, zone: &Zone, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.occurrences_after(zone, after).next()
    }

    /// The wall-clock times matching the expression, strictly after `after`, in order.
    fn wall_clock_after(&self, after: NaiveDateTime) -> WallClock {
        // `Utc` stands in for the naive wall clock: it has no gaps or folds.
        WallClock {
            rules: self
                .rules
                .iter()
                .map(|rule| rule.after_owned(after.and_utc()).peekable())
                .collect(),
        }
    }
}

/// The schedule of a 6- or 7-field expression (seconds first, a year last, day-of-week 1 for
/// Sunday as Quartz and the `cron` crate read it) written in five classic fields, or why it
/// cannot be: seconds other than 0, a year, or both day fields restricted (the crate wants
/// both to match, classic cron either) have no 5-field form.
fn five_fields(expression: &str, fields: &[&str]) -> Result<String, String> {
    let unrestricted = |field: &str| field == "*" || field == "?";
    // As classic cron has it: a day field starting with `*` does not make the days "either".
    let open = |field: &str| field.starts_with('*') || field.starts_with('?');
    let seconds = fields[0];
    if seconds.parse::<u32>() != Ok(0) {
        return Err(format!(
            "its seconds field \"{seconds}\" fires at seconds other than 0"
        ));
    }
    if let Some(year) = fields.get(6).filter(|year| !unrestricted(year)) {
        return Err(format!("its year field \"{year}\" limits it to some years"));
    }
    let (day_of_month, day_of_week) = (fields[3], fields[5]);
    if !open(day_of_month) && !open(day_of_week) {
        return Err(format!(
            "it fires on the days that are both \"{day_of_month}\" of the month and \
             \"{day_of_week}\" of the week, and with both day fields 5 fields fire on either"
        ));
    }
    let day_of_week = if unrestricted(day_of_week) {
        "*".to_owned()
    } else {
        classic_from_quartz_days(day_of_week)?
    };
    let day_of_month = if unrestricted(day_of_month) {
        "*"
    } else {
        day_of_month
    };
    let five = [fields[1], fields[2], day_of_month, fields[4], &day_of_week].join(" ");
    let schedule = CronSchedule::parse(&five).map_err(|error| match error {
        CronError::Field {
            field,
            text,
            detail,
            ..
        } => format!("its {field} field \"{text}\" is wrong: {detail}"),
        CronError::Never { .. } => "no date matches its day and month fields".to_owned(),
        other => other.to_string(),
    })?;
    // The translation is checked, not trusted: the crate's reading of the original and the
    // 5-field schedule must give the same times, or no 5-field form is offered.
    let Ok(original) = cron::Schedule::from_str(expression) else {
        return Err("it is not valid in the form with seconds either".to_owned());
    };
    let from = NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a valid date");
    let same = original
        .after(&from.and_utc())
        .map(|at| at.naive_utc())
        .take(400)
        .eq(schedule.wall_clock_after(from).take(400));
    if !same {
        return Err(format!(
            "its day-of-week field \"{}\" has no classic equivalent",
            fields[5]
        ));
    }
    Ok(five)
}

/// A Quartz day-of-week field (1 is Sunday, 7 Saturday) in classic numbers (0 is Sunday):
/// every number of a list, a range or a step's start moves down by one; names and steps stay.
fn classic_from_quartz_days(field: &str) -> Result<String, String> {
    let day = |text: &str| -> Result<String, String> {
        match text.parse::<u32>() {
            Ok(number @ 1..=7) => Ok((number - 1).to_string()),
            _ if text == "*"
                || (!text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic())) =>
            {
                Ok(text.to_owned())
            }
            _ => Err(format!(
                "its day-of-week field \"{field}\" has \"{text}\", which is not a day from 1 \
                 (Sunday) to 7 (Saturday)"
            )),
        }
    };
    let items: Result<Vec<String>, String> = field
        .split(',')
        .map(|item| {
            let (base, step) = match item.split_once('/') {
                Some((base, step)) => (base, Some(step)),
                None => (item, None),
            };
            let base = match base.split_once('-') {
                Some((from, to)) => format!("{}-{}", day(from)?, day(to)?),
                None => day(base)?,
            };
            Ok(match step {
                Some(step) => format!("{base}/{step}"),
                None => base,
            })
        })
        .collect();
    Ok(items?.join(","))
}

/// How many 15-minute steps back `occurrences_after` looks for a lower offset: 26 hours, more
/// than any clock jump on record (Samoa skipped a whole day in 2011).
const RECENT_OFFSET_SAMPLES: i64 = 26 * 4;

/// Parses one rule in the crate's form; if it fails, finds the field at fault by parsing each
/// field alone, so the message can name it.
fn parse_rule(
    expression: &str,
    crate_fields: &[&str],
    shown_fields: &[&str],
    infos: &[FieldInfo],
) -> Result<cron::Schedule, CronError> {
    let error = match cron::Schedule::from_str(&crate_fields.join(" ")) {
        Ok(rule) => return Ok(rule),
        Err(error) => error,
    };
    for (index, field) in crate_fields.iter().enumerate() {
        let mut probe: Vec<&str> = vec!["*"; crate_fields.len()];
        probe[0] = "0";
        probe[index] = field;
        if let Err(field_error) = cron::Schedule::from_str(&probe.join(" ")) {
            return Err(CronError::Field {
                expression: expression.to_owned(),
                field: infos[index].name,
                text: shown_fields[index].to_owned(),
                detail: crate_detail(&field_error),
                takes: infos[index].takes,
            });
        }
    }
    // Every field is fine alone; report the parser's own words on the whole.
    Err(CronError::Field {
        expression: expression.to_owned(),
        field: "whole",
        text: expression.to_owned(),
        detail: crate_detail(&error),
        takes: "five fields",
    })
}

/// The useful part of the cron crate's message. The crate repeats the expression with a caret
/// on the lines before, ends with "('61' specified.)" (our message already quotes the field),
/// and says "less than 59" where it means "at most 59".
fn crate_detail(error: &cron::error::Error) -> String {
    let text = error.to_string();
    let last = text
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("")
        .trim();
    let sentences: Vec<&str> = last
        .split(". ")
        .filter(|sentence| !sentence.contains("specified"))
        .collect();
    let detail = if sentences.is_empty() {
        last.to_owned()
    } else {
        sentences.join(". ")
    };
    detail
        .trim_end_matches('.')
        .replace(" must be less than ", " must be at most ")
        .replace(" must be greater than or equal to ", " must be at least ")
}

/// Translates a classic day-of-week field (0 and 7 Sunday, names, ranges, steps, lists) to the
/// crate's: a list of day names, or `*`/`?` as given.
fn classic_days_of_week(field: &str) -> Result<String, String> {
    if field == "*" || field == "?" {
        return Ok(field.to_owned());
    }
    let mut days = [false; 7];
    for item in field.split(',') {
        let (base, step) = match item.split_once('/') {
            Some((base, step)) => {
                let step: u32 = step
                    .parse()
                    .ok()
                    .filter(|step| *step > 0)
                    .ok_or_else(|| format!("the step \"{step}\" must be a positive number"))?;
                (base, Some(step))
            }
            None => (item, None),
        };
        let (first, last) = if base == "*" || base == "?" {
            (0, 6)
        } else if let Some((from, to)) = base.split_once('-') {
            let from = classic_day(from)?;
            let mut to = classic_day(to)?;
            // FRI-SUN: Sunday closing a range is day 7, as in "5-7".
            if to == 0 && from > 0 {
                to = 7;
            }
            if from > to {
                return Err(format!(
                    "the range \"{base}\" goes backwards; write it from the earlier day, e.g. \
                     MON-FRI"
                ));
            }
            (from, to)
        } else {
            let day = classic_day(base)?;
            // "N/step" runs from N to the end of the week, as in the other fields.
            (day, if step.is_some() { 6.max(day) } else { day })
        };
        let mut day = first;
        while day <= last {
            days[(day % 7) as usize] = true;
            day += step.unwrap_or(1);
        }
    }
    if days.iter().all(|on| *on) {
        return Ok("*".to_owned());
    }
    let names: Vec<&str> = (0..7)
        .filter(|day| days[*day])
        .map(|day| DAY_NAMES[day])
        .collect();
    Ok(names.join(","))
}

/// One classic day of the week: 0–7 (0 and 7 are Sunday) or a name like `MON` or `Monday`.
fn classic_day(text: &str) -> Result<u32, String> {
    if text.is_empty() {
        return Err("a day is missing".to_owned());
    }
    if let Ok(number) = text.parse::<u32>() {
        return if number <= 7 {
            Ok(number)
        } else {
            Err(format!("{number} is not a day of the week"))
        };
    }
    let lower = text.to_ascii_lowercase();
    let day = match lower.as_str() {
        "sun" | "sunday" => 0,
        "mon" | "monday" => 1,
        "tue" | "tues" | "tuesday" => 2,
        "wed" | "wednesday" => 3,
        "thu" | "thurs" | "thursday" => 4,
        "fri" | "friday" => 5,
        "sat" | "saturday" => 6,
        _ => return Err(format!("\"{text}\" is not a day of the week")),
    };
    Ok(day)
}

impl fmt::Display for CronSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.expression)
    }
}

impl fmt::Debug for CronSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CronSchedule({:?})", self.expression)
    }
}

impl PartialEq for CronSchedule {
    fn eq(&self, other: &Self) -> bool {
        self.expression == other.expression
    }
}

impl Eq for CronSchedule {}

impl FromStr for CronSchedule {
    type Err = CronError;

    fn from_str(expr: &str) -> Result<Self, Self::Err> {
        CronSchedule::parse(expr)
    }
}

/// The union of the rules' wall-clock times, in order, each once.
struct WallClock {
    rules: Vec<Peekable<cron::OwnedScheduleIterator<Utc>>>,
}

impl Iterator for WallClock {
    type Item = NaiveDateTime;

    fn next(&mut self) -> Option<NaiveDateTime> {
        let earliest = self
            .rules
            .iter_mut()
            .filter_map(|rule| rule.peek().copied())
            .min()?;
        for rule in &mut self.rules {
            if rule.peek() == Some(&earliest) {
                rule.next();
            }
        }
        Some(earliest.naive_utc())
    }
}

/// Wall-clock times resolved to instants, in instant order.
///
/// Resolving keeps wall-clock order except for skipped times: 02:30 in a 02:00→03:00 jump
/// fires at 03:30, after the real 03:10. So skipped times wait in `deferred` until the next
/// real time shows they are due; a skipped time that lands on a real one (hourly 02:00 and
/// 03:00) fires once.
struct Occurrences {
    zone: Zone,
    wall_clock: WallClock,
    deferred: BinaryHeap<Reverse<DateTime<Utc>>>,
    /// The next real (not skipped) instant, held back while earlier deferred ones go first.
    pending: Option<DateTime<Utc>>,
    /// The last instant yielded, or `after`: nothing at or before it is yielded.
    last: DateTime<Utc>,
}

impl Iterator for Occurrences {
    type Item = DateTime<Utc>;

    fn next(&mut self) -> Option<DateTime<Utc>> {
        loop {
            let candidate = if let Some(real) = self.pending {
                match self.deferred.peek() {
                    Some(Reverse(skipped)) if *skipped <= real => {
                        let skipped = *skipped;
                        self.deferred.pop();
                        if skipped == real {
                            continue;
                        }
                        skipped
                    }
                    _ => {
                        self.pending = None;
                        real
                    }
                }
            } else {
                match self.wall_clock.next() {
                    Some(local) => {
                        match self.zone.resolve(local) {
                            LocalInstant::Single(at) => self.pending = Some(at),
                            LocalInstant::Repeated { earlier, .. } => self.pending = Some(earlier),
                            LocalInstant::Skipped { shifted } => {
                                self.deferred.push(Reverse(shifted))
                            }
                        }
                        continue;
                    }
                    None => self.deferred.pop()?.0,
                }
            };
            // Times before `after` (read from a little earlier) and repeats end here.
            if candidate > self.last {
                self.last = candidate;
                return Some(candidate);
            }
        }
    }
}

/// One line per occurrence for `takwin schedule next`: local time with its offset, a tab, UTC.
pub fn describe_next(
    schedule: &CronSchedule,
    zone: &Zone,
    from: DateTime<Utc>,
    count: usize,
) -> Vec<String> {
    schedule
        .occurrences_after(zone, from)
        .take(count)
        .map(|at| {
            let local = FixedOffset::east_opt(zone.offset_seconds(at))
                .map(|offset| at.with_timezone(&offset))
                .expect("a zone offset is within a day");
            format!(
                "{}\t{}",
                local.to_rfc3339_opts(SecondsFormat::Secs, false),
                at.to_rfc3339_opts(SecondsFormat::Secs, true)
            )
        })
        .collect()
}

/// A daily window of local time in which non-urgent messages are held back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    /// When the window opens (inclusive), local time.
    pub start: NaiveTime,
    /// When it closes (exclusive), local time; before `start` means it spans midnight.
    pub end: NaiveTime,
}

impl Default for QuietHours {
    fn default() -> Self {
        QuietHours {
            start: NaiveTime::from_hms_opt(21, 0, 0).expect("a valid time"),
            end: NaiveTime::from_hms_opt(8, 0, 0).expect("a valid time"),
        }
    }
}

/// A quiet-hours window was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a quiet-hours window: expected HH:MM-HH:MM in local time, for example \
     \"21:00-08:00\" (the same time twice means no quiet hours)"
)]
pub struct QuietHoursError(pub String);

impl QuietHours {
    /// Parses `HH:MM-HH:MM`, e.g. `21:00-08:00`; equal times mean no quiet hours.
    pub fn parse(text: &str) -> Result<QuietHours, QuietHoursError> {
        let refuse = || QuietHoursError(text.to_owned());
        let (start, end) = text.trim().split_once('-').ok_or_else(refuse)?;
        let time = |part: &str| NaiveTime::parse_from_str(part.trim(), "%H:%M").ok();
        Ok(QuietHours {
            start: time(start).ok_or_else(refuse)?,
            end: time(end).ok_or_else(refuse)?,
        })
    }

    /// Whether a local time of day is inside the window.
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.start <= self.end {
            // Within one day; start == end makes this empty.
            self.start <= time && time < self.end
        } else {
            time >= self.start || time < self.end
        }
    }

    /// If `at` falls in quiet hours (local time in `zone`), the instant they end; else `None`.
    pub fn holds(&self, zone: &Zone, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = zone.local(at);
        if !self.contains(local.time()) {
            return None;
        }
        // The next local `end` that happens after `at`: today's if it is still ahead, else
        // tomorrow's. Resolved through the zone, the first instant after `at` counts (a
        // repeated `end` already passed once may still be ahead the second time).
        (0..=2)
            .map(|days| local.date() + Duration::days(days))
            .flat_map(|date| match zone.resolve(date.and_time(self.end)) {
                LocalInstant::Single(instant) => [Some(instant), None],
                LocalInstant::Repeated { earlier, later } => [Some(earlier), Some(later)],
                LocalInstant::Skipped { shifted } => [Some(shifted), None],
            })
            .flatten()
            .find(|instant| *instant > at)
    }
}

impl fmt::Display for QuietHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

impl FromStr for QuietHours {
    type Err = QuietHoursError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        QuietHours::parse(text)
    }
}

/// What to do with an occurrence missed while the scheduler was down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatchUp {
    /// Still worth sending.
    Send,
    /// Not worth sending any more.
    Skip(SkipReason),
}

/// Why a missed occurrence is skipped; its Display is the logged reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The event the message is about has started.
    EventStarted,
    /// The occurrence is later than allowed.
    TooLate {
        /// How late it would be sent.
        late_by: Duration,
        /// The most lateness allowed.
        allowed: Duration,
    },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::EventStarted => f.write_str("the event it announces has already started"),
            SkipReason::TooLate { late_by, allowed } => write!(
                f,
                "missed by {}, more than the {} allowed",
                human_duration(*late_by),
                human_duration(*allowed)
            ),
        }
    }
}

/// Decides whether an occurrence due at `occurrence`, seen at `now`, is still sent.
///
/// `valid_until` is when the message stops making sense (a workshop's start, for a reminder
/// before it); at or after it, the occurrence is skipped. Otherwise it is sent unless it is
/// more than `max_lateness` late. An occurrence not yet due counts as not late.
pub fn catch_up(
    occurrence: DateTime<Utc>,
    now: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
    max_lateness: Duration,
) -> CatchUp {
    if valid_until.is_some_and(|until| now >= until) {
        return CatchUp::Skip(SkipReason::EventStarted);
    }
    let late_by = now - occurrence;
    if late_by > max_lateness {
        return CatchUp::Skip(SkipReason::TooLate {
            late_by,
            allowed: max_lateness,
        });
    }
    CatchUp::Send
}

/// A duration for people: `3 h 12 min`, `1 d 2 h`, `45 s`; under a second, in milliseconds.
fn human_duration(duration: Duration) -> String {
    let seconds = duration.num_seconds();
    if seconds <= 0 {
        return format!("{} ms", duration.num_milliseconds().max(0));
    }
    let parts = [
        (seconds / 86_400, "d"),
        (seconds % 86_400 / 3_600, "h"),
        (seconds % 3_600 / 60, "min"),
        (seconds % 60, "s"),
    ];
    parts
        .iter()
        .filter(|(amount, _)| *amount > 0)
        .map(|(amount, unit)| format!("{amount} {unit}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How long before an event a reminder goes: a positive whole number of minutes, at most a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Offset {
    minutes: u32,
}

/// The longest offset: a year, which also catches typos like `700d`.
const MAX_OFFSET_MINUTES: u32 = 365 * 24 * 60;

/// The reminders before a workshop unless organisers say otherwise: 7 days, 1 day, 2 hours.
pub const DEFAULT_REMINDER_OFFSETS: &[Offset] = &[
    Offset::from_minutes(7 * 24 * 60).unwrap(),
    Offset::from_minutes(24 * 60).unwrap(),
    Offset::from_minutes(2 * 60).unwrap(),
];

/// A reminder offset was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{input}\" is not a reminder offset: {reason}; write days, hours and minutes before the \
     event, for example 7d, 2h, 90m or 1d12h"
)]
pub struct OffsetError {
    /// The text as given.
    pub input: String,
    /// What is wrong with it.
    pub reason: String,
}

impl Offset {
    /// An offset of this many minutes, if it is positive and at most a year.
    pub const fn from_minutes(minutes: u32) -> Option<Offset> {
        if minutes == 0 || minutes > MAX_OFFSET_MINUTES {
            None
        } else {
            Some(Offset { minutes })
        }
    }

    /// The offset in minutes.
    pub const fn total_minutes(self) -> u32 {
        self.minutes
    }

    /// The offset as a duration.
    pub fn duration(self) -> Duration {
        Duration::minutes(i64::from(self.minutes))
    }

    /// The instant this long before `event`, as people count it: whole days on the local
    /// calendar (a reminder "1 day before" a 10:00 workshop comes at 10:00 the day before,
    /// even across a clock change), the rest in elapsed time ("2 hours before" is 2 hours).
    pub fn before(self, zone: &Zone, event: DateTime<Utc>) -> DateTime<Utc> {
        let days = i64::from(self.minutes / (24 * 60));
        let rest = Duration::minutes(i64::from(self.minutes % (24 * 60)));
        let by_calendar = if days == 0 {
            event
        } else {
            zone.resolve(zone.local(event) - Duration::days(days))
                .earliest()
        };
        by_calendar - rest
    }

    /// The instant this long after `start` (a deadline, a reminder sent), counted as
    /// [`Offset::before`] counts backwards: whole days on the local calendar ("2 days after"
    /// a Monday 10:00 reminder is Wednesday 10:00, across a clock change too), the rest in
    /// elapsed time. Not a negative "before": a local time skipped by a clock change resolves
    /// to the later instant, so the escalation never comes before its time.
    pub fn after(self, zone: &Zone, start: DateTime<Utc>) -> DateTime<Utc> {
        let days = i64::from(self.minutes / (24 * 60));
        let rest = Duration::minutes(i64::from(self.minutes % (24 * 60)));
        let by_calendar = if days == 0 {
            start
        } else {
            zone.resolve(zone.local(start) + Duration::days(days))
                .latest()
        };
        by_calendar + rest
    }

    /// Parses `7d`, `2h`, `90m`, `1d12h` (days, hours, minutes, in that order, each at most once).
    pub fn parse(text: &str) -> Result<Offset, OffsetError> {
        let refuse = |reason: &str| OffsetError {
            input: text.to_owned(),
            reason: reason.to_owned(),
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(refuse("it is empty"));
        }
        if trimmed.starts_with('-') {
            return Err(refuse("it must be positive, a time before the event"));
        }
        let mut total: u64 = 0;
        // The rank of the last unit seen, so units come in order d, h, m and each once.
        let mut last_rank: Option<u8> = None;
        let mut rest = trimmed;
        while !rest.is_empty() {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 {
                return Err(refuse("expected a number followed by d, h or m"));
            }
            let amount: u64 = rest[..digits]
                .parse()
                .map_err(|_| refuse("the number is too large"))?;
            rest = &rest[digits..];
            let unit = rest.chars().next();
            // Units as organisers write them: d/j (day, jour, يوم), h/س (hour, heure, ساعة),
            // m/د (minute, دقيقة).
            let (rank, minutes_per_unit) = match unit.map(|c| c.to_ascii_lowercase()) {
                Some('d' | 'j' | 'ي') => (0, 24 * 60),
                Some('h' | 'س') => (1, 60),
                Some('m' | 'د') => (2, 1),
                Some(_) | None => return Err(refuse("each number needs a unit: d, h or m")),
            };
            if last_rank.is_some_and(|last| last >= rank) {
                return Err(refuse("units go in the order d, h, m, each once"));
            }
            last_rank = Some(rank);
            rest = rest[unit.map_or(0, char::len_utf8)..].trim_start();
            total = amount
                .checked_mul(minutes_per_unit)
                .and_then(|minutes| total.checked_add(minutes))
                .ok_or_else(|| refuse("it is more than a year"))?;
        }
        if total == 0 {
            return Err(refuse("it must be more than zero"));
        }
        u32::try_from(total)
            .ok()
            .and_then(Offset::from_minutes)
            .ok_or_else(|| refuse("it is more than a year"))
    }
}

impl fmt::Display for Offset {
    /// The compact form, largest units first: `7d`, `2h`, `1h30m`, `1d12h`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.minutes / (24 * 60);
        let hours = self.minutes % (24 * 60) / 60;
        let minutes = self.minutes % 60;
        for (amount, unit) in [(days, 'd'), (hours, 'h'), (minutes, 'm')] {
            if amount > 0 {
                write!(f, "{amount}{unit}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for Offset {
    type Err = OffsetError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Offset::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, TimeZone, Weekday};

    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn cron(expr: &str) -> CronSchedule {
        CronSchedule::parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"))
    }

    fn between(
        schedule: &CronSchedule,
        zone: &Zone,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Vec<DateTime<Utc>> {
        schedule
            .occurrences_after(zone, from)
            .take_while(|at| *at < until)
            .collect()
    }

    fn assert_strictly_increasing(instants: &[DateTime<Utc>]) {
        for pair in instants.windows(2) {
            assert!(pair[0] < pair[1], "not increasing: {instants:?}");
        }
    }

    #[test]
    fn daily_nine_follows_the_local_clock_through_2026() {
        let zone = Zone::casablanca();
        let daily = cron("0 9 * * *");
        let on = |y, m, d| daily.next_after(&zone, utc(y, m, d, 0, 0)).unwrap();
        // January: UTC+1.
        assert_eq!(on(2026, 1, 20), utc(2026, 1, 20, 8, 0));
        // The day Ramadan time starts (03:00 → 02:00 that morning), and during it: UTC+0.
        assert_eq!(on(2026, 2, 15), utc(2026, 2, 15, 9, 0));
        assert_eq!(on(2026, 3, 1), utc(2026, 3, 1, 9, 0));
        // The day it ends (02:00 → 03:00), and April: UTC+1.
        assert_eq!(on(2026, 3, 22), utc(2026, 3, 22, 8, 0));
        assert_eq!(on(2026, 4, 10), utc(2026, 4, 10, 8, 0));
        // Permanent UTC+0 from 20 September 2026.
        assert_eq!(on(2026, 9, 19), utc(2026, 9, 19, 8, 0));
        assert_eq!(on(2026, 9, 20), utc(2026, 9, 20, 9, 0));
        assert_eq!(on(2026, 12, 1), utc(2026, 12, 1, 9, 0));
        // One a day, every day, across both changes of the spring.
        let all = between(
            &daily,
            &zone,
            utc(2026, 2, 10, 0, 0),
            utc(2026, 3, 27, 0, 0),
        );
        assert_eq!(all.len(), 45);
        assert_strictly_increasing(&all);
        for at in &all {
            assert_eq!(
                zone.local(*at).time(),
                NaiveTime::from_hms_opt(9, 0, 0).unwrap()
            );
        }
    }

    #[test]
    fn daily_half_past_two_fires_once_a_day_across_clock_changes() {
        let zone = Zone::casablanca();
        let daily = cron("30 2 * * *");

        // 22 March 2026: 02:00 jumps to 03:00, so 02:30 never shows; it fires at 03:30 local.
        let spring = between(
            &daily,
            &zone,
            utc(2026, 3, 21, 0, 0),
            utc(2026, 3, 24, 0, 0),
        );
        assert_eq!(
            spring,
            vec![
                utc(2026, 3, 21, 2, 30),
                utc(2026, 3, 22, 2, 30),
                utc(2026, 3, 23, 1, 30),
            ]
        );
        assert_eq!(
            zone.local(spring[1]),
            NaiveDate::from_ymd_opt(2026, 3, 22)
                .unwrap()
                .and_hms_opt(3, 30, 0)
                .unwrap()
        );

        // 15 February 2026: 03:00 goes back to 02:00, so 02:30 shows twice; it fires the first
        // time only.
        let ramadan = between(
            &daily,
            &zone,
            utc(2026, 2, 14, 0, 0),
            utc(2026, 2, 17, 0, 0),
        );
        assert_eq!(
            ramadan,
            vec![
                utc(2026, 2, 14, 1, 30),
                utc(2026, 2, 15, 1, 30),
                utc(2026, 2, 16, 2, 30),
            ]
        );

        // 20 September 2026: 02:00 goes back to 01:00; 02:30 shows once, after the change.
        let autumn = between(
            &daily,
            &zone,
            utc(2026, 9, 19, 0, 0),
            utc(2026, 9, 22, 0, 0),
        );
        assert_eq!(
            autumn,
            vec![
                utc(2026, 9, 19, 1, 30),
                utc(2026, 9, 20, 2, 30),
                utc(2026, 9, 21, 2, 30),
            ]
        );

        // A daily 01:30 on that day, which does show twice, fires the first time only.
        let repeated = between(
            &cron("30 1 * * *"),
            &zone,
            utc(2026, 9, 19, 12, 0),
            utc(2026, 9, 21, 0, 0),
        );
        assert_eq!(repeated, vec![utc(2026, 9, 20, 0, 30)]);
    }

    #[test]
    fn hourly_across_clock_changes_is_strictly_increasing_and_distinct() {
        let zone = Zone::casablanca();
        let hourly = cron("0 * * * *");

        // 20 September: local 00:00 (UTC+1), 01:00 the first time, then UTC+0 from 02:00.
        let autumn = between(
            &hourly,
            &zone,
            utc(2026, 9, 19, 22, 0),
            utc(2026, 9, 20, 4, 0),
        );
        assert_strictly_increasing(&autumn);
        assert_eq!(
            autumn,
            vec![
                utc(2026, 9, 19, 23, 0),
                utc(2026, 9, 20, 0, 0),
                utc(2026, 9, 20, 2, 0),
                utc(2026, 9, 20, 3, 0),
            ]
        );
        let one_oclock = autumn
            .iter()
            .filter(|at| zone.local(**at).time() == NaiveTime::from_hms_opt(1, 0, 0).unwrap())
            .count();
        assert_eq!(one_oclock, 1);

        // 22 March: the skipped 02:00 lands on 03:00, which fires once.
        let spring = between(
            &hourly,
            &zone,
            utc(2026, 3, 21, 23, 30),
            utc(2026, 3, 22, 4, 0),
        );
        assert_eq!(
            spring,
            vec![
                utc(2026, 3, 22, 0, 0),
                utc(2026, 3, 22, 1, 0),
                utc(2026, 3, 22, 2, 0),
                utc(2026, 3, 22, 3, 0),
            ]
        );
    }

    #[test]
    fn a_skipped_time_waits_for_the_real_times_before_it() {
        // Lord Howe Island moves 30 minutes: on 4 October 2026, 02:00 jumps to 02:30. Every
        // 20 minutes, 02:00 and 02:20 are skipped (to 02:30 and 02:50) while 02:40 is real, so
        // wall-clock order and instant order differ.
        let zone = Zone::named("Australia/Lord_Howe").unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 10, 4).unwrap();
        let at = |h, m| zone.resolve(day.and_hms_opt(h, m, 0).unwrap());
        assert!(matches!(at(2, 0), LocalInstant::Skipped { .. }));
        let fired = between(
            &cron("*/20 1-3 * * *"),
            &zone,
            at(1, 30).earliest(),
            at(3, 30).earliest(),
        );
        assert_strictly_increasing(&fired);
        let local: Vec<String> = fired
            .iter()
            .map(|at| zone.local(*at).format("%H:%M").to_string())
            .collect();
        assert_eq!(
            local,
            ["01:40", "02:30", "02:40", "02:50", "03:00", "03:20"]
        );
    }

    #[test]
    fn nothing_at_or_before_after_is_yielded() {
        let zone = Zone::casablanca();
        let daily = cron("0 9 * * *");
        // Exactly at an occurrence: the next one is the following day.
        assert_eq!(
            daily.next_after(&zone, utc(2026, 1, 20, 8, 0)),
            Some(utc(2026, 1, 21, 8, 0))
        );
        // Inside the jump of 22 March (02:10Z = 03:10 local), a skipped 02:30 is still ahead.
        assert_eq!(
            cron("30 2 * * *").next_after(&zone, utc(2026, 3, 22, 2, 10)),
            Some(utc(2026, 3, 22, 2, 30))
        );
        // In the second pass of the repeated hour, a 01:30 already fired is not fired again.
        assert_eq!(
            cron("30 1 * * *").next_after(&zone, utc(2026, 9, 20, 1, 10)),
            Some(utc(2026, 9, 21, 1, 30))
        );
        // Sub-second `after`.
        let just_after = utc(2026, 1, 20, 8, 0) + Duration::milliseconds(1);
        assert_eq!(
            daily.next_after(&zone, just_after),
            Some(utc(2026, 1, 21, 8, 0))
        );
    }

    #[test]
    fn mondays_at_nine() {
        let zone = Zone::casablanca();
        // Wednesday 21 January 2026.
        let from = utc(2026, 1, 21, 12, 0);
        for expr in ["0 9 * * 1", "0 9 * * MON", "0 9 * * mon", "0 9 * * Monday"] {
            let fired: Vec<_> = cron(expr).occurrences_after(&zone, from).take(3).collect();
            assert_eq!(
                fired,
                vec![
                    utc(2026, 1, 26, 8, 0),
                    utc(2026, 2, 2, 8, 0),
                    utc(2026, 2, 9, 8, 0)
                ],
                "{expr}"
            );
        }
        let weekday = |expr: &str| {
            cron(expr)
                .occurrences_after(&zone, from)
                .take(7)
                .map(|at| zone.local(at).weekday())
                .collect::<Vec<_>>()
        };
        assert!(weekday("0 9 * * 0").iter().all(|d| *d == Weekday::Sun));
        assert!(weekday("0 9 * * 7").iter().all(|d| *d == Weekday::Sun));
        assert!(
            weekday("0 9 * * 1-5")
                .iter()
                .all(|d| !matches!(d, Weekday::Sat | Weekday::Sun))
        );
        assert_eq!(
            weekday("0 9 * * FRI-SUN")[..3],
            [Weekday::Fri, Weekday::Sat, Weekday::Sun]
        );
        assert_eq!(
            weekday("0 9 * * 1-5/2")[..3],
            [Weekday::Fri, Weekday::Mon, Weekday::Wed]
        );
    }

    #[test]
    fn both_day_fields_restricted_means_either_as_in_classic_cron() {
        let zone = Zone::casablanca();
        // The 1st of the month and every Monday, from Wednesday 28 January 2026.
        let fired: Vec<_> = cron("0 9 1 * MON")
            .occurrences_after(&zone, utc(2026, 1, 28, 0, 0))
            .take(3)
            .map(|at| zone.local(at).date())
            .collect();
        let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(fired, [date(2, 1), date(2, 2), date(2, 9)]);
    }

    #[test]
    fn shorthands_are_accepted() {
        let zone = Zone::casablanca();
        let from = utc(2026, 1, 20, 0, 0);
        assert_eq!(
            cron("@daily").next_after(&zone, from),
            Some(utc(2026, 1, 20, 23, 0))
        );
        assert_eq!(cron("  0   9 * *  1 ").expression(), "0 9 * * 1");
        assert_eq!(cron("0 9 * * 1").to_string(), "0 9 * * 1");
        assert_eq!(
            "0 9 * * 1".parse::<CronSchedule>().unwrap(),
            cron("0 9 * * 1")
        );
    }

    #[test]
    fn malformed_expressions_are_refused_clearly() {
        let error = |expr: &str| CronSchedule::parse(expr).unwrap_err().to_string();
        assert_eq!(
            error("0 9 * *"),
            "\"0 9 * *\" is not a cron expression: expected 5 fields (minute hour day-of-month \
             month day-of-week), found 4; for example \"0 9 * * 1\" for Mondays at 09:00"
        );
        assert!(error("").contains("found 0"));
        assert!(error("0 0 0 9 * * * 2026").contains("found 8"));

        let minute = error("61 * * * *");
        assert!(
            minute.contains("the minute field \"61\" is wrong"),
            "{minute}"
        );
        assert!(
            minute.contains("wrong: Minutes must be at most 59; the minute takes 0 to 59"),
            "{minute}"
        );
        assert!(minute.contains("0 to 59"), "{minute}");
        assert!(
            minute.contains("\"0 9 * * 1\" for Mondays at 09:00"),
            "{minute}"
        );

        let letters = error("a b c d e");
        assert!(letters.contains("the minute field \"a\""), "{letters}");
        let hour = error("0 nine * * *");
        assert!(hour.contains("the hour field \"nine\""), "{hour}");
        let month = error("0 9 * Foo *");
        assert!(month.contains("the month field \"Foo\""), "{month}");
        assert!(month.contains("not a valid month name"), "{month}");
        let day = error("0 9 * * 8");
        assert!(day.contains("the day-of-week field \"8\""), "{day}");
        assert!(day.contains("0 and 7 are Sunday"), "{day}");
        assert!(error("0 9 * * FUNDAY").contains("\"FUNDAY\" is not a day of the week"));
        assert!(error("0 9 * * FRI-MON").contains("goes backwards"));
        assert!(error("*/0 * * * *").contains("the minute field"));
        assert!(error("@fortnightly").contains("the shorthands are"));
        assert!(error("0 9 30 2 *").contains("never fires"));
    }

    #[test]
    fn six_and_seven_fields_are_refused_with_their_five_field_form() {
        let error = |expr: &str| CronSchedule::parse(expr).unwrap_err();
        let five = |expr: &str| match error(expr) {
            CronError::WithSeconds { five_fields, .. } => five_fields,
            other => panic!("{expr}: {other:?}"),
        };
        // Quartz's 1 is Sunday: what "0 0 9 * * 1" meant is Sunday at 09:00, not Monday.
        assert_eq!(
            error("0 0 9 * * 1").to_string(),
            "\"0 0 9 * * 1\" has 6 fields, with seconds first: expected 5 fields (minute hour \
             day-of-month month day-of-week, where 0 and 7 are Sunday); the same schedule in 5 \
             fields is \"0 9 * * 0\", as day-of-week 1 is Sunday in the form with seconds"
        );
        assert!(
            error("0 0 9 * * *")
                .to_string()
                .ends_with("in 5 fields is \"0 9 * * *\"")
        );
        for (six, classic) in [
            ("0 0 9 * * *", "0 9 * * *"),
            ("0 0 9 ? * 2-6", "0 9 * * 1-5"),
            ("00 30 8 * * 1,7", "30 8 * * 0,6"),
            ("0 0 9 ? * MON-FRI", "0 9 * * MON-FRI"),
            ("0 */15 8-17 1 * ?", "*/15 8-17 1 * *"),
            ("0 0 9 * * 2/3", "0 9 * * 1/3"),
            ("0 0 9 * * */2", "0 9 * * */2"),
            ("0 0 9 * JAN,JUL 7", "0 9 * JAN,JUL 6"),
            ("0 0 9 * * * *", "0 9 * * *"),
            ("0 0 9 ? * 4 *", "0 9 * * 3"),
        ] {
            assert_eq!(five(six), Ok(classic.to_owned()), "{six}");
        }
        for (expr, why) in [
            ("30 0 9 * * *", "seconds field \"30\""),
            ("* 0 9 * * *", "seconds field \"*\""),
            ("0 0 9 * * * 2027", "year field \"2027\""),
            (
                "0 0 9 1 * 2",
                "both \"1\" of the month and \"2\" of the week",
            ),
            (
                "0 0 9 * * 0",
                "\"0\", which is not a day from 1 (Sunday) to 7",
            ),
            ("0 0 9 * * 6#3", "\"6#3\""),
            ("0 0 25 * * *", "hour field \"25\" is wrong"),
            ("0 0 9 30 2 ?", "no date matches"),
            ("0 0 9 * * 7-1", "not valid in the form with seconds either"),
            ("0 0 9 ? * 4 ?", "not valid in the form with seconds either"),
        ] {
            let message = error(expr).to_string();
            assert!(message.contains(why), "{expr}: {message}");
            assert!(
                message.contains("expected 5 fields") && message.contains("cannot be written"),
                "{message}"
            );
        }
        assert!(
            error("30 0 9 * * * 2027")
                .to_string()
                .contains("7 fields, with seconds first and a year last")
        );
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn quiet_hours_across_midnight_and_at_the_edges() {
        let zone = Zone::casablanca();
        let quiet = QuietHours::default();
        assert_eq!(quiet, QuietHours::parse("21:00-08:00").unwrap());
        assert_eq!(quiet.to_string(), "21:00-08:00");
        // January 2026 is UTC+1: local 20:59 is 19:59Z.
        assert_eq!(quiet.holds(&zone, utc(2026, 1, 20, 19, 59)), None);
        // Local 21:00 and 07:59 are quiet, released at the next local 08:00 (07:00Z).
        assert_eq!(
            quiet.holds(&zone, utc(2026, 1, 20, 20, 0)),
            Some(utc(2026, 1, 21, 7, 0))
        );
        assert_eq!(
            quiet.holds(&zone, utc(2026, 1, 21, 6, 59)),
            Some(utc(2026, 1, 21, 7, 0))
        );
        assert_eq!(
            quiet.holds(&zone, utc(2026, 1, 20, 23, 30)),
            Some(utc(2026, 1, 21, 7, 0))
        );
        assert_eq!(quiet.holds(&zone, utc(2026, 1, 21, 7, 0)), None);
        // Ending on the night Ramadan time ends (UTC+0 → UTC+1): 08:00 local is 07:00Z.
        assert_eq!(
            quiet.holds(&zone, utc(2026, 3, 21, 22, 0)),
            Some(utc(2026, 3, 22, 7, 0))
        );
        // After 20 September 2026 (UTC+0): 08:00 local is 08:00Z.
        assert_eq!(
            quiet.holds(&zone, utc(2026, 10, 1, 21, 0)),
            Some(utc(2026, 10, 2, 8, 0))
        );
    }

    #[test]
    fn quiet_hours_within_a_day_none_and_refusals() {
        let zone = Zone::named("UTC").unwrap();
        let lunch = QuietHours::parse("12:00 - 14:00").unwrap();
        assert!(!lunch.contains(hm(11, 59)));
        assert!(lunch.contains(hm(12, 0)));
        assert!(!lunch.contains(hm(14, 0)));
        assert_eq!(
            lunch.holds(&zone, utc(2026, 5, 1, 13, 0)),
            Some(utc(2026, 5, 1, 14, 0))
        );
        let none = QuietHours::parse("08:00-08:00").unwrap();
        assert!((0..24).all(|h| !none.contains(hm(h, 0))));
        assert_eq!(none.holds(&zone, utc(2026, 5, 1, 3, 0)), None);
        for bad in ["", "21:00", "21-08", "25:00-08:00", "21:00-8:61", "soon"] {
            let error = QuietHours::parse(bad).unwrap_err().to_string();
            assert!(
                error.contains("for example \"21:00-08:00\""),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn quiet_hours_ending_in_a_repeated_hour_release_after_the_instant() {
        // Quiet until 01:30 on 20 September 2026, when 01:00–02:00 shows twice. At the second
        // 01:10 (01:10Z) the first 01:30 has passed; the release is the second one (01:30Z).
        let zone = Zone::casablanca();
        let quiet = QuietHours::parse("21:00-01:30").unwrap();
        assert_eq!(
            quiet.holds(&zone, utc(2026, 9, 20, 0, 10)),
            Some(utc(2026, 9, 20, 0, 30))
        );
        assert_eq!(
            quiet.holds(&zone, utc(2026, 9, 20, 1, 10)),
            Some(utc(2026, 9, 20, 1, 30))
        );
    }

    #[test]
    fn catch_up_sends_what_still_makes_sense() {
        let due = utc(2026, 4, 6, 9, 0);
        let workshop = utc(2026, 4, 7, 9, 0);
        let two_hours = Duration::hours(2);
        // On time, or a little late before the workshop: send.
        assert_eq!(catch_up(due, due, Some(workshop), two_hours), CatchUp::Send);
        assert_eq!(
            catch_up(due, due + Duration::minutes(90), Some(workshop), two_hours),
            CatchUp::Send
        );
        assert_eq!(
            catch_up(due, due + two_hours, None, two_hours),
            CatchUp::Send
        );
        // Too late.
        let late = catch_up(
            due,
            due + Duration::minutes(3 * 60 + 12),
            Some(workshop),
            two_hours,
        );
        assert_eq!(
            late,
            CatchUp::Skip(SkipReason::TooLate {
                late_by: Duration::minutes(192),
                allowed: two_hours
            })
        );
        let CatchUp::Skip(reason) = late else {
            unreachable!()
        };
        assert_eq!(
            reason.to_string(),
            "missed by 3 h 12 min, more than the 2 h allowed"
        );
        // The workshop has started, however generous the lateness.
        let started = catch_up(due, workshop, Some(workshop), Duration::days(7));
        assert_eq!(started, CatchUp::Skip(SkipReason::EventStarted));
        assert_eq!(
            SkipReason::EventStarted.to_string(),
            "the event it announces has already started"
        );
        assert_eq!(
            human_duration(Duration::seconds(86_400 + 7_200 + 5)),
            "1 d 2 h 5 s"
        );
        assert_eq!(human_duration(Duration::milliseconds(300)), "300 ms");
    }

    #[test]
    fn offsets_parse_display_and_refuse() {
        for text in ["7d", "1d", "2h", "90m", "1d12h", "1d2h3m", "45m"] {
            let offset = Offset::parse(text).unwrap();
            assert_eq!(
                Offset::parse(&offset.to_string()).unwrap(),
                offset,
                "{text}"
            );
        }
        // Display is the canonical compact form, largest units first.
        for text in ["7d", "1d", "2h", "1d12h", "1d2h3m", "45m", "1h30m"] {
            assert_eq!(Offset::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Offset::parse("90m").unwrap().to_string(), "1h30m");
        assert_eq!(
            Offset::parse("36h").unwrap(),
            Offset::parse("1d12h").unwrap()
        );
        assert_eq!(Offset::parse(" 1d 12h ").unwrap().total_minutes(), 36 * 60);
        // French and Arabic unit letters: jour; يوم, ساعة, دقيقة.
        assert_eq!(Offset::parse("7j").unwrap().to_string(), "7d");
        assert_eq!(Offset::parse("1ي 3س").unwrap().to_string(), "1d3h");
        assert_eq!(Offset::parse("45د").unwrap().to_string(), "45m");
        assert!(Offset::parse("٧ي").is_err(), "Western digits only");
        let event = utc(2026, 4, 7, 9, 0);
        let zone = Zone::casablanca();
        assert_eq!(
            Offset::parse("1d12h").unwrap().before(&zone, event),
            utc(2026, 4, 5, 21, 0)
        );
        // A workshop at 10:00 local on 23 March 2026, the day after the clock went from UTC+0
        // to UTC+1: "7 days before" is 10:00 local on 16 March (UTC+0), "1 day before" 10:00
        // local on 22 March (UTC+1 since 02:00), "2 hours before" 08:00 local.
        let workshop = utc(2026, 3, 23, 9, 0);
        let at = |text: &str| Offset::parse(text).unwrap().before(&zone, workshop);
        assert_eq!(at("7d"), utc(2026, 3, 16, 10, 0));
        assert_eq!(at("1d"), utc(2026, 3, 22, 9, 0));
        assert_eq!(at("2h"), utc(2026, 3, 23, 7, 0));
        // Counted forward, not as a negative "before": 2 days after a reminder at 10:00 local
        // on Saturday 21 March (UTC+0) is 10:00 local on Monday 23 March (UTC+1), 47 hours
        // later; 12 hours after it is 12 elapsed hours.
        let reminder = utc(2026, 3, 21, 10, 0);
        let after = |text: &str| Offset::parse(text).unwrap().after(&zone, reminder);
        assert_eq!(after("2d"), utc(2026, 3, 23, 9, 0));
        assert_eq!(after("12h"), utc(2026, 3, 21, 22, 0));
        assert_eq!(after("1d2h"), utc(2026, 3, 22, 11, 0));
        assert_eq!(
            DEFAULT_REMINDER_OFFSETS
                .iter()
                .map(|o| o.to_string())
                .collect::<Vec<_>>(),
            ["7d", "1d", "2h"]
        );
        for (bad, reason) in [
            ("0h", "more than zero"),
            ("0d0h0m", "more than zero"),
            ("-1d", "positive"),
            ("abc", "a number followed by"),
            ("", "empty"),
            ("12", "needs a unit"),
            ("1.5h", "needs a unit"),
            ("2h1d", "order"),
            ("1h1h", "order"),
            ("400d", "more than a year"),
            ("99999999999999999999d", "too large"),
        ] {
            let error = Offset::parse(bad).unwrap_err().to_string();
            assert!(error.contains(reason), "{bad}: {error}");
            assert!(
                error.contains("for example 7d, 2h, 90m or 1d12h"),
                "{error}"
            );
        }
    }

    #[test]
    fn describe_next_prints_local_and_utc() {
        let zone = Zone::casablanca();
        let lines = describe_next(&cron("0 9 * * 1"), &zone, utc(2026, 1, 15, 0, 0), 3);
        assert_eq!(
            lines,
            [
                "2026-01-19T09:00:00+01:00\t2026-01-19T08:00:00Z",
                "2026-01-26T09:00:00+01:00\t2026-01-26T08:00:00Z",
                "2026-02-02T09:00:00+01:00\t2026-02-02T08:00:00Z",
            ]
        );
        // Across Ramadan time and permanent UTC+0.
        let lines = describe_next(&cron("0 9 * * *"), &zone, utc(2026, 2, 14, 12, 0), 2);
        assert_eq!(
            lines,
            [
                "2026-02-15T09:00:00+00:00\t2026-02-15T09:00:00Z",
                "2026-02-16T09:00:00+00:00\t2026-02-16T09:00:00Z",
            ]
        );
        let lines = describe_next(&cron("30 2 * * *"), &zone, utc(2026, 3, 21, 12, 0), 1);
        assert_eq!(lines, ["2026-03-22T03:30:00+01:00\t2026-03-22T02:30:00Z"]);
        assert!(describe_next(&cron("0 9 * * *"), &zone, utc(2026, 1, 1, 0, 0), 0).is_empty());
    }
}
