//! The calendar file (.ics, RFC 5545) that comes with a workshop invitation.
//!
//! Written by hand rather than with the `icalendar` crate, because (checked on 0.17.6 and
//! 0.17.17): its current releases need Rust 1.88 while Takwin promises 1.85; its text escaping
//! leaves a carriage return as is, so a description typed with CRLF gives a broken content
//! line; it writes the alarm trigger as chrono's `-PT3600S`; it puts properties in alphabetical
//! order, which makes a golden test unreadable; and it pulls `uuid`, `iso8601` and `nom` in
//! for a file this small. What is needed here is one event with one alarm, about a hundred
//! lines, all tested below.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, Utc};

/// Names the program that wrote the file, as RFC 5545 requires (a formal public identifier).
const PRODID: &str = "-//Takwin//Workshop invitations//EN";

/// RFC 5545 §3.1: a content line is at most 75 octets, not counting its CRLF.
const MAX_LINE_OCTETS: usize = 75;

/// One workshop as a calendar event; every time is in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable identifier of the workshop, e.g. `workshop-12@takwin`, so updates replace it.
    pub uid: String,
    /// Revision number: bump it when the workshop moves or is cancelled, so calendars update.
    pub sequence: u32,
    /// The workshop's title (any script: Arabic, French…).
    pub title: String,
    /// Free text shown with the event; may hold several lines.
    pub description: String,
    /// The venue, as people should read it.
    pub location: String,
    /// When the workshop starts.
    pub start: DateTime<Utc>,
    /// When the workshop ends.
    pub end: DateTime<Utc>,
    /// How long before the start the calendar should ring, e.g. one hour.
    pub alarm_before: Duration,
    /// True for the cancellation notice (METHOD:CANCEL, STATUS:CANCELLED).
    pub cancelled: bool,
    /// When this version of the file was made (DTSTAMP).
    pub stamp: DateTime<Utc>,
}

/// Renders `event` as an RFC 5545 calendar file: UTF-8, CRLF line ends, folded at 75 octets.
pub fn workshop_ics(event: &CalendarEvent) -> Vec<u8> {
    let mut out = String::with_capacity(1024);
    let mut line = |text: &str| fold_into(&mut out, text);

    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    // REQUEST adds or updates the event (matched by UID, newer SEQUENCE wins); CANCEL with
    // the same UID removes it from the calendar it was added to.
    line(if event.cancelled {
        "METHOD:CANCEL"
    } else {
        "METHOD:REQUEST"
    });
    line("BEGIN:VEVENT");
    line(&format!("UID:{}", escape_text(&event.uid)));
    line(&format!("SEQUENCE:{}", event.sequence));
    line(&format!("DTSTAMP:{}", utc_date_time(event.stamp)));
    // UTC times (`…Z`) need no VTIMEZONE: each phone shows them in its own zone, so Morocco's
    // changes of offset around Ramadan cannot be got wrong here.
    line(&format!("DTSTART:{}", utc_date_time(event.start)));
    line(&format!("DTEND:{}", utc_date_time(event.end)));
    line(&format!("SUMMARY:{}", escape_text(&event.title)));
    line(&format!("DESCRIPTION:{}", escape_text(&event.description)));
    line(&format!("LOCATION:{}", escape_text(&event.location)));
    line(if event.cancelled {
        "STATUS:CANCELLED"
    } else {
        "STATUS:CONFIRMED"
    });
    // No alarm on a cancellation: a calendar that never saw the invitation may import the
    // notice as an event of its own, and it must not ring for a workshop that will not happen.
    if !event.cancelled {
        line("BEGIN:VALARM");
        line("ACTION:DISPLAY");
        line(&format!("TRIGGER:{}", trigger_before(event.alarm_before)));
        line(&format!("DESCRIPTION:{}", escape_text(&event.title)));
        line("END:VALARM");
    }
    line("END:VEVENT");
    line("END:VCALENDAR");
    out.into_bytes()
}

/// A DATE-TIME in UTC form, e.g. `20250314T090000Z` (RFC 5545 §3.3.5, form #2).
fn utc_date_time(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma are escaped, every kind of
/// line break becomes `\n`, and other control characters (not allowed in TEXT) are dropped.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF and a lone CR are one line break each, like LF.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The alarm's TRIGGER, relative to the start: `-PT1H` rings one hour before it.
///
/// A negative `before` means after the start. The grammar of RFC 5545 §3.3.6 is followed
/// strictly: days, then `T` with hours, minutes and seconds, where seconds after hours need the
/// minutes written too (`PT1H0M5S`). Fractions of a second are dropped.
fn trigger_before(before: Duration) -> String {
    let sign = if before < Duration::zero() { "" } else { "-" };
    let total = before.num_seconds().unsigned_abs();
    if total == 0 {
        return "PT0S".to_owned();
    }
    let (days, rest) = (total / 86_400, total % 86_400);
    let (hours, minutes, seconds) = (rest / 3_600, rest % 3_600 / 60, rest % 60);
    let mut out = format!("{sign}P");
    if days > 0 {
        let _ = write!(out, "{days}D");
    }
    if rest > 0 {
        out.push('T');
        if hours > 0 {
            let _ = write!(out, "{hours}H");
        }
        if minutes > 0 || (hours > 0 && seconds > 0) {
            let _ = write!(out, "{minutes}M");
        }
        if seconds > 0 {
            let _ = write!(out, "{seconds}S");
        }
    }
    out
}

/// Appends one content line with its CRLF, folded (RFC 5545 §3.1) so that no physical line
/// exceeds 75 octets. A fold is CRLF plus one space, and that space counts towards the next
/// line's 75; folds fall only between characters, so a UTF-8 sequence is never split.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        // At most 3 steps back: a UTF-8 character is at most 4 octets.
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn sample() -> CalendarEvent {
        CalendarEvent {
            uid: "workshop-12@takwin".into(),
            sequence: 0,
            title: "Budget programming, 2025".into(),
            description: "Bring the commune's budget; lunch provided.\nRoom 2".into(),
            location: "Regional Council, Fès".into(),
            start: at(2025, 3, 14, 9, 0),
            end: at(2025, 3, 14, 12, 30),
            alarm_before: Duration::hours(1),
            cancelled: false,
            stamp: at(2025, 3, 1, 8, 15),
        }
    }

    fn text(event: &CalendarEvent) -> String {
        String::from_utf8(workshop_ics(event)).expect("the file is UTF-8")
    }

    /// Undoes the folding: CRLF followed by one space disappears (RFC 5545 §3.1).
    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn known_event_renders_exactly() {
        let expected = "BEGIN:VCALENDAR\r\n\
            VERSION:2.0\r\n\
            PRODID:-//Takwin//Workshop invitations//EN\r\n\
            METHOD:REQUEST\r\n\
            BEGIN:VEVENT\r\n\
            UID:workshop-12@takwin\r\n\
            SEQUENCE:0\r\n\
            DTSTAMP:20250301T081500Z\r\n\
            DTSTART:20250314T090000Z\r\n\
            DTEND:20250314T123000Z\r\n\
            SUMMARY:Budget programming\\, 2025\r\n\
            DESCRIPTION:Bring the commune's budget\\; lunch provided.\\nRoom 2\r\n\
            LOCATION:Regional Council\\, Fès\r\n\
            STATUS:CONFIRMED\r\n\
            BEGIN:VALARM\r\n\
            ACTION:DISPLAY\r\n\
            TRIGGER:-PT1H\r\n\
            DESCRIPTION:Budget programming\\, 2025\r\n\
            END:VALARM\r\n\
            END:VEVENT\r\n\
            END:VCALENDAR\r\n";
        assert_eq!(text(&sample()), expected);
    }

    #[test]
    fn every_line_ends_with_crlf() {
        let ics = text(&sample());
        assert!(ics.ends_with("\r\n"));
        let body = ics.strip_suffix("\r\n").unwrap();
        for line in body.split("\r\n") {
            assert!(!line.contains(['\r', '\n']), "bare line break in {line:?}");
        }
    }

    #[test]
    fn long_arabic_lines_fold_on_character_boundaries() {
        let title = "ورشة تكوينية حول البرمجة الميزانياتية للجماعات الترابية وتتبع تنفيذ \
                     المشاريع التنموية، لفائدة رؤساء الجماعات ونوابهم والموظفين الماليين";
        let description = "اليوم الأول: التشخيص المالي؛ اليوم الثاني: إعداد برنامج عمل الجماعة\n\
                           Deuxième ligne en français, avec des accents : é è à ç ô — fin.";
        let event = CalendarEvent {
            title: title.into(),
            description: description.into(),
            location: "مقر مجلس جهة فاس مكناس، قاعة الاجتماعات الكبرى، شارع الحسن الثاني".into(),
            ..sample()
        };
        let bytes = workshop_ics(&event);
        let ics = String::from_utf8(bytes.clone()).expect("valid UTF-8 after folding");
        let body = ics.strip_suffix("\r\n").unwrap();
        let mut folded = 0;
        for line in body.split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line}",
                line.len()
            );
            folded += usize::from(line.starts_with(' '));
        }
        assert!(folded >= 6, "the long lines were folded ({folded} folds)");
        // Each physical line is valid UTF-8 on its own: no character was cut in two.
        for line in bytes.split(|&b| b == b'\n') {
            assert!(std::str::from_utf8(line).is_ok());
        }
        let unfolded = unfold(&ics);
        assert!(unfolded.contains(&format!("SUMMARY:{}\r\n", escape_text(title))));
        assert!(unfolded.contains(&format!("DESCRIPTION:{}\r\n", escape_text(description))));
        assert!(unfolded.contains(&format!("DESCRIPTION:{}\r\nEND:VALARM", escape_text(title))));
        // The Arabic comma (U+060C) is not the ASCII comma: it needs no escaping.
        assert!(unfolded.contains(&format!("LOCATION:{}\r\n", event.location)));
    }

    #[test]
    fn folding_is_exact_at_the_limit() {
        let mut out = String::new();
        let exactly = "X".repeat(MAX_LINE_OCTETS);
        fold_into(&mut out, &exactly);
        assert_eq!(out, format!("{exactly}\r\n"));

        out.clear();
        let longer = "Y".repeat(MAX_LINE_OCTETS + 74 + 1);
        fold_into(&mut out, &longer);
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].len(), 75);
        assert_eq!(lines[1].len(), 75);
        assert_eq!(lines[2], " Y");

        // A two-octet letter straddling octet 75 moves whole to the next line.
        out.clear();
        let straddling = format!("{}ب{}", "a".repeat(74), "c".repeat(10));
        fold_into(&mut out, &straddling);
        assert_eq!(out, format!("{}\r\n بcccccccccc\r\n", "a".repeat(74)));
        assert_eq!(unfold(&out), format!("{straddling}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg:h\"i\tj\u{7}k"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng:h\"i\tjk"
        );
        let event = CalendarEvent {
            title: "Finances; budget, \\ audit".into(),
            description: "Line 1\r\nLine 2".into(),
            location: "Salle A, étage 2".into(),
            ..sample()
        };
        let ics = text(&event);
        assert!(ics.contains("SUMMARY:Finances\\; budget\\, \\\\ audit\r\n"));
        assert!(ics.contains("DESCRIPTION:Line 1\\nLine 2\r\n"));
        assert!(ics.contains("LOCATION:Salle A\\, étage 2\r\n"));
    }

    #[test]
    fn cancellation_says_cancel_and_has_no_alarm() {
        let event = CalendarEvent {
            cancelled: true,
            sequence: 2,
            ..sample()
        };
        let ics = text(&event);
        assert!(ics.contains("\r\nMETHOD:CANCEL\r\n"));
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\n"));
        assert!(ics.contains("\r\nUID:workshop-12@takwin\r\n"));
        assert!(ics.contains("\r\nSEQUENCE:2\r\n"));
        assert!(!ics.contains("REQUEST"));
        assert!(!ics.contains("CONFIRMED"));
        assert!(!ics.contains("VALARM"));
    }

    #[test]
    fn invitation_has_a_display_alarm_before_the_start() {
        let ics = text(&sample());
        let alarm_start = ics.find("BEGIN:VALARM\r\n").expect("an alarm");
        let alarm_end = ics.find("END:VALARM\r\n").expect("a closed alarm");
        let alarm = &ics[alarm_start..alarm_end];
        assert!(alarm.contains("ACTION:DISPLAY\r\n"));
        assert!(alarm.contains("TRIGGER:-PT1H\r\n"));
        assert!(alarm.contains("DESCRIPTION:Budget programming\\, 2025\r\n"));
        // The alarm sits inside the event.
        assert!(ics.find("BEGIN:VEVENT").unwrap() < alarm_start);
        assert!(alarm_end < ics.find("END:VEVENT").unwrap());
    }

    #[test]
    fn triggers_follow_the_duration_grammar() {
        assert_eq!(trigger_before(Duration::hours(1)), "-PT1H");
        assert_eq!(trigger_before(Duration::minutes(90)), "-PT1H30M");
        assert_eq!(trigger_before(Duration::minutes(15)), "-PT15M");
        assert_eq!(trigger_before(Duration::days(1)), "-P1D");
        assert_eq!(trigger_before(Duration::days(7)), "-P7D");
        assert_eq!(trigger_before(Duration::hours(26)), "-P1DT2H");
        assert_eq!(trigger_before(Duration::seconds(3_605)), "-PT1H0M5S");
        assert_eq!(trigger_before(Duration::seconds(30)), "-PT30S");
        assert_eq!(trigger_before(Duration::zero()), "PT0S");
        assert_eq!(trigger_before(-Duration::minutes(10)), "PT10M");
    }

    #[test]
    fn sequence_and_times_follow_a_move() {
        let moved = CalendarEvent {
            sequence: 1,
            start: at(2025, 3, 21, 14, 0),
            end: at(2025, 3, 21, 17, 0),
            stamp: at(2025, 3, 10, 10, 0),
            ..sample()
        };
        let ics = text(&moved);
        assert!(ics.contains("\r\nMETHOD:REQUEST\r\n"));
        assert!(ics.contains("\r\nSEQUENCE:1\r\n"));
        assert!(ics.contains("\r\nDTSTART:20250321T140000Z\r\n"));
        assert!(ics.contains("\r\nDTEND:20250321T170000Z\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20250310T100000Z\r\n"));
    }
}
