//! The programme report in a language: its cover, key figures, attendance per province and
//! commune, the workshops held, their evaluations and anonymous comments, and the funding of
//! every signing body, with the charts, as document blocks that `documents` lays out as PDF
//! pages or HTML.

use crate::documents::document::{Block, Column, Document, Table};
use crate::domain::roster::{BodyKind, PlaceName};
use crate::domain::workshop::{AttendanceCounts, EvaluationSummary};
use crate::domain::zone::Zone;
use crate::i18n::Args;
use crate::store::follow_up::ProgrammeReport;

use super::charts::{self, Words};
use super::funding::FundingTally;
use super::text::province_kind;

/// The report as a document in the words' language; dates local in `zone`.
pub fn document(words: Words<'_>, report: &ProgrammeReport, zone: &Zone) -> Document {
    let mut blocks = vec![
        cover(words, report),
        Block::Heading(words.t("report-section-key-figures")),
    ];
    blocks.push(Block::Figures(key_figures(words, report)));
    if report.held.is_empty() {
        blocks.push(Block::Paragraph(words.t("report-nothing-held")));
    } else {
        blocks.extend(attendance(words, report, zone));
        blocks.extend(evaluations(words, report, zone));
    }
    blocks.extend(funding(words, report));
    Document {
        title: words.t("report-title"),
        language: words.language.code().to_owned(),
        direction: words.direction(),
        page_label: words.t_args(
            "report-page",
            &Args::new()
                .figure("page", "{page}")
                .figure("pages", "{pages}"),
        ),
        blocks,
    }
}

fn cover(words: Words<'_>, report: &ProgrammeReport) -> Block {
    let i18n = words.i18n;
    let l = words.language;
    let scope = match &report.province {
        Some(p) => words.t_args(
            "report-cover-province",
            &Args::new()
                .text("province", words.place(p))
                .choice("province_kind", province_kind(p)),
        ),
        None => words.t("report-cover-all-provinces"),
    };
    let day = |d| i18n.format_date(l, d);
    let period = match report.period {
        (None, None) => words.t("report-cover-whole-programme"),
        (Some(from), None) => {
            words.t_args("report-cover-since", &Args::new().text("from", day(from)))
        }
        (None, Some(to)) => words.t_args("report-cover-until", &Args::new().text("to", day(to))),
        (Some(from), Some(to)) => words.t_args(
            "report-cover-period",
            &Args::new().text("from", day(from)).text("to", day(to)),
        ),
    };
    let made = words.t_args(
        "report-cover-made",
        &Args::new().text("today", day(report.made_on)),
    );
    Block::Cover {
        title: words.t("report-title"),
        lines: vec![scope, period, made],
    }
}

fn key_figures(words: Words<'_>, report: &ProgrammeReport) -> Vec<(String, String)> {
    let total = &report.attendance.total;
    let came = (total.present + total.walk_ins) as usize;
    let rating = EvaluationSummary::combined(report.evaluations.iter().map(|e| &e.summary));
    let tally = FundingTally::of(report.funding.iter().map(|r| &r.funding));
    let amount =
        |m: crate::domain::money::Money| words.i18n.format_amount(words.language, m.centimes());
    vec![
        (
            report.held.len().to_string(),
            words.counted("report-figure-held", report.held.len()),
        ),
        (
            total.invited.to_string(),
            words.counted("report-figure-invited", total.invited as usize),
        ),
        (
            came.to_string(),
            words.counted("report-figure-present", came),
        ),
        (
            words.percent(total.rate_per_mille()),
            words.t("report-figure-rate"),
        ),
        (
            words.rating(rating.mean_tenths),
            words.t("report-figure-rating"),
        ),
        (
            tally.approved.to_string(),
            words.t_args(
                "report-figure-approved",
                &Args::new().num("bodies", tally.bodies as i64),
            ),
        ),
        (
            amount(tally.paid),
            words.t_args(
                "report-figure-paid",
                &Args::new().text("due", amount(tally.due)),
            ),
        ),
    ]
}

/// What a column holds: text (aligned on its start) or figures (on their end).
#[derive(Clone, Copy)]
enum Kind {
    Text,
    Figures,
}

/// A table's columns from their titles' keys, widths and kinds.
fn columns(words: Words<'_>, spec: &[(&str, f32, Kind)]) -> Vec<Column> {
    spec.iter()
        .map(|&(key, width, kind)| match kind {
            Kind::Text => Column::text(words.t(key), width),
            Kind::Figures => Column::figures(words.t(key), width),
        })
        .collect()
}

/// The count columns of an attendance table, after its place columns.
fn count_columns(words: Words<'_>) -> Vec<Column> {
    [
        "report-column-invited",
        "report-column-yes",
        "report-column-present",
        "report-column-walk-ins",
        "report-column-rate",
    ]
    .iter()
    .map(|key| Column::figures(words.t(key), 1.0))
    .collect()
}

fn count_cells(words: Words<'_>, c: &AttendanceCounts) -> Vec<String> {
    vec![
        c.invited.to_string(),
        c.yes.to_string(),
        c.present.to_string(),
        c.walk_ins.to_string(),
        words.percent(c.rate_per_mille()),
    ]
}

fn attendance(words: Words<'_>, report: &ProgrammeReport, zone: &Zone) -> Vec<Block> {
    let a = &report.attendance;
    let province_label = |p: &PlaceName| words.place(p).to_owned();
    let mut provinces = vec![Column::text(words.t("report-column-province"), 2.5)];
    provinces.extend(count_columns(words));
    let mut communes = columns(
        words,
        &[
            ("report-column-province", 1.8, Kind::Text),
            ("report-column-commune", 2.5, Kind::Text),
        ],
    );
    communes.extend(count_columns(words));
    let subtitle = words.t("chart-provinces-note");
    vec![
        Block::Heading(words.t("report-section-months")),
        Block::Chart(charts::months(words, &report.held, a, zone)),
        Block::Heading(words.t("report-section-provinces")),
        Block::Chart(charts::provinces(words, a, &subtitle)),
        Block::Table(Table {
            columns: provinces,
            rows: a
                .provinces
                .iter()
                .map(|p| {
                    let mut row = vec![province_label(&p.province)];
                    row.extend(count_cells(words, &p.counts));
                    row
                })
                .collect(),
        }),
        Block::Heading(words.t("report-section-communes")),
        Block::Table(Table {
            columns: communes,
            rows: a
                .communes
                .iter()
                .map(|c| {
                    let commune = match &c.commune {
                        Some(name) => words.place(name).to_owned(),
                        None => words.t_args(
                            "report-province-staff",
                            &Args::new().choice("province_kind", province_kind(&c.province)),
                        ),
                    };
                    let mut row = vec![province_label(&c.province), commune];
                    row.extend(count_cells(words, &c.counts));
                    row
                })
                .collect(),
        }),
        Block::Heading(words.t("report-section-workshops")),
        Block::Chart(charts::answers(words, &report.held, a)),
        Block::Table(Table {
            columns: columns(
                words,
                &[
                    ("report-column-date", 1.3, Kind::Text),
                    ("report-column-workshop", 3.0, Kind::Text),
                    ("report-column-venue", 2.0, Kind::Text),
                    ("report-column-invited", 1.0, Kind::Figures),
                    ("report-column-yes", 0.8, Kind::Figures),
                    ("report-column-present", 1.0, Kind::Figures),
                    ("report-column-walk-ins", 1.1, Kind::Figures),
                    ("report-column-rating", 0.9, Kind::Figures),
                ],
            ),
            rows: report
                .held
                .iter()
                .map(|w| {
                    let c = a.of_workshop(w.id);
                    let rating = report
                        .evaluations
                        .iter()
                        .find(|e| e.workshop == w.id)
                        .and_then(|e| e.summary.mean_tenths);
                    vec![
                        words.i18n.format_day(zone.local(w.starts_at).date()),
                        w.title.clone(),
                        w.venue.clone(),
                        c.invited.to_string(),
                        c.yes.to_string(),
                        c.present.to_string(),
                        c.walk_ins.to_string(),
                        words.rating(rating),
                    ]
                })
                .collect(),
        }),
    ]
}

fn evaluations(words: Words<'_>, report: &ProgrammeReport, zone: &Zone) -> Vec<Block> {
    let day = |e: &crate::domain::workshop::WorkshopEvaluation| {
        words.i18n.format_day(zone.local(e.starts_at).date())
    };
    let mut blocks = vec![
        Block::Heading(words.t("report-section-evaluations")),
        Block::Chart(charts::ratings(words, &report.evaluations)),
        Block::Table(Table {
            columns: columns(
                words,
                &[
                    ("report-column-date", 1.3, Kind::Text),
                    ("report-column-workshop", 3.5, Kind::Text),
                    ("report-column-present", 1.0, Kind::Figures),
                    ("report-column-ratings", 1.2, Kind::Figures),
                    ("report-column-rating", 1.0, Kind::Figures),
                ],
            ),
            rows: report
                .evaluations
                .iter()
                .map(|e| {
                    vec![
                        day(e),
                        e.title.clone(),
                        e.present.to_string(),
                        e.summary.count.to_string(),
                        words.rating(e.summary.mean_tenths),
                    ]
                })
                .collect(),
        }),
    ];
    // A workshop with its own form: a chart per question, as asked.
    for e in &report.evaluations {
        for q in e.form.questions.iter().filter(|q| q.text.is_some()) {
            blocks.push(Block::Chart(charts::question(words, &e.title, q)));
        }
    }
    blocks.push(Block::Heading(words.t("report-section-comments")));
    let mut any = false;
    for e in report.evaluations.iter().filter(|e| !e.comments.is_empty()) {
        any = true;
        blocks.push(Block::Paragraph(format!("{} — {}", e.title, day(e))));
        for (score, comment) in &e.comments {
            // 0: no rating beside it (a form of choices only, or left unanswered).
            blocks.push(Block::Paragraph(match score {
                0 => format!("• {comment}"),
                _ => format!("• {comment} ({score}/5)"),
            }));
        }
    }
    if !any {
        blocks.push(Block::Paragraph(words.t("report-no-comments")));
    }
    blocks
}

fn funding(words: Words<'_>, report: &ProgrammeReport) -> Vec<Block> {
    let amount =
        |m: crate::domain::money::Money| words.i18n.format_amount(words.language, m.centimes());
    let body_label = |r: &crate::store::funding::BodyRecord| match &r.body {
        (BodyKind::Commune, name) => words.place(name).to_owned(),
        (BodyKind::ProvincialCouncil, _) => words.t_args(
            "body-provincial-council",
            &super::text::place_args(words.language, &r.province, Some(&r.body)),
        ),
    };
    vec![
        Block::Heading(words.t("report-section-funding")),
        Block::Chart(charts::funding(words, &report.funding)),
        Block::Table(Table {
            columns: columns(
                words,
                &[
                    ("report-column-province", 1.6, Kind::Text),
                    ("report-column-body", 2.2, Kind::Text),
                    ("report-column-agreement", 1.4, Kind::Text),
                    ("report-column-due", 1.6, Kind::Figures),
                    ("report-column-paid", 1.6, Kind::Figures),
                    ("report-column-outstanding", 1.6, Kind::Figures),
                ],
            ),
            rows: report
                .funding
                .iter()
                .map(|r| {
                    let f = &r.funding;
                    vec![
                        words.place(&r.province).to_owned(),
                        body_label(r),
                        words.t_args(
                            "report-agreement",
                            &Args::new().choice("standing", f.agreement().code()),
                        ),
                        amount(f.due()),
                        amount(f.paid()),
                        amount(f.balance()),
                    ]
                })
                .collect(),
        }),
    ]
}
