//! Reports for follow-up and evaluation, written as CSV or JSON files.

use std::borrow::Cow;

use serde_json::{Value, json};

use crate::domain::funding::{BodyFunding, FollowUp};
use crate::domain::ids::WorkshopId;
use crate::domain::money::Money;
use crate::domain::roster::PlaceName;
use crate::domain::workshop::{
    AttendanceCounts, AttendanceReport, MAX_QUESTIONS, QuestionResults, Tally, WorkshopEvaluation,
};
use crate::domain::zone::Zone;

/// A text cell of a CSV file, made safe to open in a spreadsheet. Excel, LibreOffice and
/// Google Sheets read a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as
/// a formula, so a roster name or a workshop title like `=HYPERLINK("http://…")` would run in
/// the organiser's spreadsheet (CSV injection). A leading `'` makes them show the cell as
/// text, as OWASP advises. Every CSV writer applies it to the text people typed (names,
/// titles, places), never to the figures Takwin computes: a count or a negative amount must
/// stay a number the spreadsheet can add up.
pub fn spreadsheet_text(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The columns of the attendance CSV.
pub const ATTENDANCE_COLUMNS: [&str; 14] = [
    "level",
    "workshop",
    "province",
    "commune",
    "invited",
    "yes",
    "no",
    "no_answer",
    "waiting",
    "present",
    "absent",
    "walk_ins",
    "attendance_rate_percent",
    "title",
];

/// An attendance rate as people read it: percent with one decimal, from integer per-mille
/// (no floating point anywhere); empty when nobody was invited.
pub fn percent(counts: &AttendanceCounts) -> String {
    counts
        .rate_per_mille()
        .map(|m| format!("{}.{}", m / 10, m % 10))
        .unwrap_or_default()
}

fn count_cells(c: &AttendanceCounts) -> Vec<String> {
    [
        c.invited,
        c.yes,
        c.no,
        c.no_answer,
        c.waiting,
        c.present,
        c.absent,
        c.walk_ins,
    ]
    .iter()
    .map(u32::to_string)
    .chain([percent(c)])
    .collect()
}

/// The report as CSV: one row per workshop, per province, per commune, and the total.
/// `title` names a workshop by id.
pub fn attendance_csv(report: &AttendanceReport, title: impl Fn(WorkshopId) -> String) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let write =
        |out: &mut csv::Writer<Vec<u8>>, head: [String; 4], c: &AttendanceCounts, t: String| {
            let row: Vec<String> = head
                .into_iter()
                .chain(count_cells(c))
                .chain([spreadsheet_text(&t).into_owned()])
                .collect();
            out.write_record(&row).expect("writing to memory");
        };
    out.write_record(ATTENDANCE_COLUMNS)
        .expect("writing to memory");
    for w in &report.workshops {
        let head = [
            "workshop".into(),
            w.workshop.to_string(),
            String::new(),
            String::new(),
        ];
        write(&mut out, head, &w.counts, title(w.workshop));
    }
    for p in &report.provinces {
        let head = [
            "province".into(),
            String::new(),
            spreadsheet_text(&p.province.latin).into_owned(),
            String::new(),
        ];
        write(&mut out, head, &p.counts, String::new());
    }
    for c in &report.communes {
        let commune = c
            .commune
            .as_ref()
            .map(|n| spreadsheet_text(&n.latin).into_owned())
            .unwrap_or_default();
        let head = [
            "commune".into(),
            String::new(),
            spreadsheet_text(&c.province.latin).into_owned(),
            commune,
        ];
        write(&mut out, head, &c.counts, String::new());
    }
    let head = ["total".into(), String::new(), String::new(), String::new()];
    write(&mut out, head, &report.total, String::new());
    String::from_utf8(out.into_inner().expect("flushing to memory")).expect("CSV of UTF-8 text")
}

fn counts_json(c: &AttendanceCounts) -> Value {
    json!({
        "invited": c.invited, "yes": c.yes, "no": c.no, "no_answer": c.no_answer,
        "waiting": c.waiting, "present": c.present, "absent": c.absent, "walk_ins": c.walk_ins,
        "attendance_rate_per_mille": c.rate_per_mille(),
    })
}

fn place_json(name: &PlaceName) -> Value {
    json!({"latin": name.latin, "arabic": name.arabic})
}

/// The report as JSON, the same figures as the CSV.
pub fn attendance_json(report: &AttendanceReport, title: impl Fn(WorkshopId) -> String) -> Value {
    json!({
        "workshops": report.workshops.iter().map(|w| json!({
            "workshop": w.workshop, "title": title(w.workshop), "counts": counts_json(&w.counts),
        })).collect::<Vec<_>>(),
        "provinces": report.provinces.iter().map(|p| json!({
            "province": place_json(&p.province), "counts": counts_json(&p.counts),
        })).collect::<Vec<_>>(),
        "communes": report.communes.iter().map(|c| json!({
            "province": place_json(&c.province),
            "commune": c.commune.as_ref().map(place_json),
            "counts": counts_json(&c.counts),
        })).collect::<Vec<_>>(),
        "total": counts_json(&report.total),
    })
}

/// The columns of the evaluation CSV: the workshop's figures (its rating is the first scale
/// question of its form: the default form's one rating), then how many answered the whole
/// form, then each question's results (see [`QUESTION_COLUMNS`]), for up to five.
pub fn evaluation_columns() -> Vec<String> {
    let mut columns: Vec<String> = [
        "workshop",
        "date",
        "present",
        "ratings",
        "response_rate_percent",
        "mean_score",
        "score_1",
        "score_2",
        "score_3",
        "score_4",
        "score_5",
        "title",
        "forms_completed",
    ]
    .map(str::to_owned)
    .to_vec();
    for n in 1..=MAX_QUESTIONS {
        columns.extend(QUESTION_COLUMNS.map(|c| format!("q{n}_{c}")));
    }
    columns
}

/// Each question's columns in the evaluation CSV, after `qN_`: what was asked (`rating` for
/// the default form's), `scale` or `choice`, how many answered, the mean (a scale), and the
/// results: `1=0; 2=1; 3=4; 4=2; 5=3` for a scale, `Oui=5; Non=1` for a choice.
pub const QUESTION_COLUMNS: [&str; 5] = ["question", "kind", "answers", "mean", "results"];

/// One question's cells in the evaluation CSV.
fn question_cells(q: &QuestionResults) -> [String; 5] {
    let text = q.text.as_deref().unwrap_or("rating");
    let (kind, mean, results) = match &q.tally {
        Tally::Scale(summary) => (
            "scale",
            tenths(summary.mean_tenths),
            (1..)
                .zip(summary.distribution)
                .map(|(score, n)| format!("{score}={n}"))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Tally::Choice { options } => (
            "choice",
            String::new(),
            options
                .iter()
                .map(|(option, n)| format!("{option}={n}"))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    };
    [
        spreadsheet_text(text).into_owned(),
        kind.to_owned(),
        q.answers.to_string(),
        mean,
        spreadsheet_text(&results).into_owned(),
    ]
}

/// One question's results in the evaluation JSON: a scale's distribution and mean, a
/// choice's count per option.
fn question_json(q: &QuestionResults) -> Value {
    match &q.tally {
        Tally::Scale(summary) => json!({
            "question": q.number,
            "text": q.text,
            "kind": "scale",
            "answers": q.answers,
            "mean_score": tenths(summary.mean_tenths),
            "distribution": summary.distribution,
        }),
        Tally::Choice { options } => json!({
            "question": q.number,
            "text": q.text,
            "kind": "choice",
            "answers": q.answers,
            "options": options.iter().map(|(option, count)| json!({
                "option": option,
                "count": count,
            })).collect::<Vec<_>>(),
        }),
    }
}

/// Tenths as people read them (`43` is `4.3`); empty for none.
fn tenths(value: Option<u32>) -> String {
    value
        .map(|t| format!("{}.{}", t / 10, t % 10))
        .unwrap_or_default()
}

/// Ratings per present person, in percent with one decimal, from integer per-mille.
fn response_rate(e: &WorkshopEvaluation) -> String {
    let present = u64::from(e.present);
    let per_mille =
        (present > 0).then(|| (2 * 1000 * u64::from(e.summary.count) + present) / (2 * present));
    tenths(per_mille.map(|m| m as u32))
}

/// The evaluation report as CSV, one row per workshop, dates local in `zone`. Comments are in
/// the JSON form, where a line break in one cannot break a spreadsheet.
pub fn evaluations_csv(rows: &[WorkshopEvaluation], zone: &Zone) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(evaluation_columns())
        .expect("writing to memory");
    for e in rows {
        let s = &e.summary;
        let mut record = vec![
            e.workshop.to_string(),
            zone.local(e.starts_at).format("%Y-%m-%d %H:%M").to_string(),
            e.present.to_string(),
            s.count.to_string(),
            response_rate(e),
            tenths(s.mean_tenths),
        ];
        record.extend(s.distribution.iter().map(u32::to_string));
        record.push(spreadsheet_text(&e.title).into_owned());
        record.push(e.form.completed.to_string());
        for n in 0..MAX_QUESTIONS {
            match e.form.questions.get(n) {
                Some(q) => record.extend(question_cells(q)),
                None => record.extend(QUESTION_COLUMNS.map(|_| String::new())),
            }
        }
        out.write_record(&record).expect("writing to memory");
    }
    String::from_utf8(out.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text")
}

/// The evaluation report as JSON, with the comments.
pub fn evaluations_json(rows: &[WorkshopEvaluation], zone: &Zone) -> Value {
    let workshops: Vec<Value> = rows
        .iter()
        .map(|e| {
            json!({
                "workshop": e.workshop,
                "title": e.title,
                "starts_at": e.starts_at.to_rfc3339(),
                "local_start": zone.local(e.starts_at).format("%Y-%m-%d %H:%M").to_string(),
                "present": e.present,
                "ratings": e.summary.count,
                "response_rate_percent": response_rate(e),
                "mean_score": tenths(e.summary.mean_tenths),
                "distribution": e.summary.distribution,
                "forms_completed": e.form.completed,
                "questions": e.form.questions.iter().map(question_json).collect::<Vec<_>>(),
                "comments": e.comments.iter().map(|(score, comment)| json!({
                    "score": (*score > 0).then_some(*score),
                    "comment": comment,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "workshops": workshops })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_quoted() {
        for formula in [
            r#"=HYPERLINK("http://x")"#,
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(spreadsheet_text(formula), format!("'{formula}"));
        }
        for text in ["Agourai", "أكوراي", "Budget = dépenses", " =1", "", "1-2"] {
            assert!(
                matches!(spreadsheet_text(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }
}

/// One line of the contributions report: a body, a province's total or the region's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionLine {
    /// The province (empty for the region's total).
    pub province: String,
    /// The body (empty for a total).
    pub body: String,
    /// The agreement's state (`pending`, `declared`, `approved`), or for a total how many
    /// bodies have it approved.
    pub agreement: String,
    /// The day the agreement was approved (verified), if it was.
    pub approved_on: Option<chrono::NaiveDate>,
    /// The contribution due.
    pub due: Money,
    /// Paid and verified.
    pub paid: Money,
    /// Declared and awaiting verification.
    pub declared: Money,
    /// Due less paid: negative when overpaid.
    pub outstanding: Money,
    /// Days past the due date with a balance left (the most, for a total).
    pub days_overdue: i64,
    /// Funding reminders sent to the body (the sum, for a total).
    pub reminders_sent: u32,
    /// The body's last answer to them: the local day and what it was (the latest, for a
    /// total).
    pub last_answer: Option<(chrono::NaiveDate, &'static str)>,
}

/// The report's lines from (province, body, funding, follow-up) in order: every body, then
/// each province's total, then the region's; the totals add up to the centime what is
/// stored, since every amount is integer centimes. Answers are dated in `zone`.
pub fn contribution_lines(
    records: &[(String, String, BodyFunding, FollowUp)],
    today: chrono::NaiveDate,
    zone: &Zone,
) -> Vec<ContributionLine> {
    let line_of =
        |province: String, body: String, f: &BodyFunding, follow: &FollowUp| ContributionLine {
            province,
            body,
            agreement: f.agreement().code().to_owned(),
            approved_on: f.approval().map(|a| a.approved_on),
            due: f.due(),
            paid: f.paid(),
            declared: f.declared(),
            outstanding: f.balance(),
            days_overdue: f.days_overdue(today),
            reminders_sent: follow.reminders,
            last_answer: follow
                .last_answer
                .map(|(at, kind)| (zone.local(at).date(), kind.code())),
        };
    let total = |province: String, lines: &[ContributionLine]| ContributionLine {
        province,
        body: String::new(),
        agreement: format!(
            "{} approved",
            lines.iter().filter(|l| l.agreement == "approved").count()
        ),
        approved_on: None,
        due: lines.iter().map(|l| l.due).sum(),
        paid: lines.iter().map(|l| l.paid).sum(),
        declared: lines.iter().map(|l| l.declared).sum(),
        outstanding: lines.iter().map(|l| l.outstanding).sum(),
        days_overdue: lines.iter().map(|l| l.days_overdue).max().unwrap_or(0),
        reminders_sent: lines.iter().map(|l| l.reminders_sent).sum(),
        last_answer: lines.iter().filter_map(|l| l.last_answer).max(),
    };
    let bodies: Vec<ContributionLine> = records
        .iter()
        .map(|(province, body, funding, follow)| {
            line_of(province.clone(), body.clone(), funding, follow)
        })
        .collect();
    let mut provinces: Vec<String> = bodies.iter().map(|l| l.province.clone()).collect();
    provinces.dedup();
    let mut lines = bodies.clone();
    for province in provinces {
        let own: Vec<ContributionLine> = bodies
            .iter()
            .filter(|l| l.province == province)
            .cloned()
            .collect();
        lines.push(total(province, &own));
    }
    lines.push(total(String::new(), &bodies));
    lines
}

/// The contributions report as CSV: amounts in dirhams with a decimal point (`12500.00`).
pub fn contributions_csv(lines: &[ContributionLine]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record([
        "province",
        "body",
        "agreement",
        "approved_on",
        "due",
        "paid",
        "declared",
        "outstanding",
        "days_overdue",
        "reminders_sent",
        "last_answer",
        "last_answer_kind",
    ]);
    for l in lines {
        let _ = out.write_record([
            spreadsheet_text(&l.province).as_ref(),
            spreadsheet_text(&l.body).as_ref(),
            &l.agreement,
            &l.approved_on.map(|d| d.to_string()).unwrap_or_default(),
            &l.due.to_string(),
            &l.paid.to_string(),
            &l.declared.to_string(),
            &l.outstanding.to_string(),
            &l.days_overdue.to_string(),
            &l.reminders_sent.to_string(),
            &l.last_answer
                .map(|(d, _)| d.to_string())
                .unwrap_or_default(),
            l.last_answer.map_or("", |(_, kind)| kind),
        ]);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The contributions report as JSON: amounts in integer centimes, exact.
pub fn contributions_json(lines: &[ContributionLine]) -> Value {
    let line = |l: &ContributionLine| {
        json!({
            "province": l.province, "body": l.body, "agreement": l.agreement,
            "approved_on": l.approved_on.map(|d| d.to_string()),
            "due_centimes": l.due.centimes(), "paid_centimes": l.paid.centimes(),
            "declared_centimes": l.declared.centimes(),
            "outstanding_centimes": l.outstanding.centimes(),
            "days_overdue": l.days_overdue,
            "reminders_sent": l.reminders_sent,
            "last_answer": l.last_answer.map(|(d, kind)| json!({"on": d.to_string(), "kind": kind})),
        })
    };
    let (bodies, totals): (Vec<&ContributionLine>, Vec<&ContributionLine>) =
        lines.iter().partition(|l| !l.body.is_empty());
    let (region, provinces): (Vec<&ContributionLine>, Vec<&ContributionLine>) =
        totals.into_iter().partition(|l| l.province.is_empty());
    json!({
        "bodies": bodies.into_iter().map(line).collect::<Vec<_>>(),
        "provinces": provinces.into_iter().map(line).collect::<Vec<_>>(),
        "region": region.first().map(|l| line(l)),
    })
}

/// One official's training record: the workshops attended (and over), the hours they make,
/// and the codes of the certificates issued for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingLine {
    /// The province's Latin name.
    pub province: String,
    /// The commune's or council's Latin name; empty for the province's own staff.
    pub body: String,
    /// The official's full name.
    pub name: String,
    /// Their role's code (`president`, `councillor` …).
    pub role: String,
    /// Workshops attended.
    pub workshops: usize,
    /// Hours of training they make.
    pub hours: i64,
    /// The codes of the certificates issued, oldest workshop first.
    pub codes: Vec<String>,
}

/// The training report as CSV: one row per official, the certificates' codes separated by
/// spaces in one cell.
pub fn training_csv(lines: &[TrainingLine]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record([
        "province",
        "body",
        "name",
        "role",
        "workshops",
        "hours",
        "certificates",
    ]);
    for l in lines {
        let _ = out.write_record([
            spreadsheet_text(&l.province).as_ref(),
            spreadsheet_text(&l.body).as_ref(),
            spreadsheet_text(&l.name).as_ref(),
            &l.role,
            &l.workshops.to_string(),
            &l.hours.to_string(),
            &l.codes.join(" "),
        ]);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The training report as JSON: `{"officials": [...]}`.
pub fn training_json(lines: &[TrainingLine]) -> Value {
    let line = |l: &TrainingLine| {
        json!({
            "province": l.province, "body": l.body, "name": l.name, "role": l.role,
            "workshops": l.workshops, "hours": l.hours, "certificates": l.codes,
        })
    };
    json!({ "officials": lines.iter().map(line).collect::<Vec<_>>() })
}
