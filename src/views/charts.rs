//! The charts of the programme, with their words in the reader's language: what the
//! programme report, the weekly digests and `/report` show. Each takes the facts as the
//! actions read them and leaves the drawing to `documents::chart`.

use std::collections::BTreeMap;

use chrono::Datelike as _;

use crate::documents::chart::{Chart, Row, Scale, Series, colours};
use crate::documents::svg::Direction;
use crate::domain::roster::{Language, PlaceName};
use crate::domain::workshop::{AttendanceReport, QuestionResults, Tally, WorkshopEvaluation};
use crate::domain::zone::Zone;
use crate::i18n::{Args, I18n};
use crate::store::funding::BodyRecord;
use crate::store::workshops::Workshop;

use super::funding::FundingTally;

/// How many workshops a chart of workshops shows: the latest, so that it stays readable on
/// a phone however long the programme runs (the report's tables list them all).
pub const LATEST: usize = 12;

/// The colours of the five scores, from 1 (red) to 5 (blue): a diverging scale the
/// colour-blind can read, its middle grey.
pub const SCORE_COLOURS: [&str; 5] = ["#b2182b", "#ef8a62", "#8c8c8c", "#67a9cf", "#2166ac"];

/// The words of one language, for the charts and the report.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub i18n: &'a I18n,
    pub language: Language,
}

impl Words<'_> {
    /// A message as plain text (no HTML escaping: a drawing escapes for itself).
    pub fn t(&self, key: &str) -> String {
        self.i18n.plain(self.language, key, &Args::new())
    }

    pub fn t_args(&self, key: &str, args: &Args) -> String {
        self.i18n.plain(self.language, key, args)
    }

    /// A count with its noun, `{ $count }` of the message.
    pub fn counted(&self, key: &str, count: usize) -> String {
        self.t_args(key, &Args::new().num("count", count as i64))
    }

    /// A rate given in per-mille, as a percentage with one decimal (`62,5 %` in French,
    /// with its narrow no-break space; `62,5%` in Arabic, `62.5%` in English); a dash for
    /// none.
    pub fn percent(&self, per_mille: Option<u32>) -> String {
        let Some(m) = per_mille else {
            return "—".to_owned();
        };
        let rate = self.i18n.format_tenths(self.language, i64::from(m));
        match self.language {
            Language::Fr => format!("{rate}\u{202f}%"),
            _ => format!("{rate}%"),
        }
    }

    /// A mean rating given in tenths, `4,3/5`; a dash for none.
    pub fn rating(&self, tenths: Option<u32>) -> String {
        tenths.map_or_else(
            || "—".to_owned(),
            |t| format!("{}/5", self.i18n.format_tenths(self.language, i64::from(t))),
        )
    }

    /// A place in the reader's script.
    pub fn place<'p>(&self, place: &'p PlaceName) -> &'p str {
        place.display(self.language)
    }

    pub fn direction(&self) -> Direction {
        Direction::of_language(self.language.code())
    }

    /// A chart in this language: its title's key, the line under it, how its bars are
    /// measured, and each series' key and colour.
    fn chart(
        &self,
        title: &str,
        subtitle: String,
        scale: Scale,
        series: &[(&str, &'static str)],
        rows: Vec<Row>,
    ) -> Chart {
        Chart {
            title: self.t(title),
            subtitle,
            direction: self.direction(),
            scale,
            series: series
                .iter()
                .map(|&(key, colour)| Series {
                    label: self.t(key),
                    colour,
                })
                .collect(),
            rows,
        }
    }
}

/// Attendance per province: present and absent of those invited, the rate after each bar.
pub fn provinces(words: Words<'_>, attendance: &AttendanceReport, subtitle: &str) -> Chart {
    let rows = attendance
        .provinces
        .iter()
        .map(|p| Row {
            label: words.place(&p.province).to_owned(),
            values: vec![p.counts.present.into(), p.counts.absent.into()],
            figure: words.percent(p.counts.rate_per_mille()),
        })
        .collect();
    words.chart(
        "chart-provinces",
        subtitle.to_owned(),
        Scale::Share,
        &[
            ("chart-series-present", colours::PRESENT),
            ("chart-series-absent", colours::NONE),
        ],
        rows,
    )
}

/// The answers to the invitations of the latest workshops: yes, no, none, with the yes of
/// those invited after each bar.
pub fn answers(words: Words<'_>, workshops: &[Workshop], attendance: &AttendanceReport) -> Chart {
    let latest = latest(workshops);
    let rows = latest
        .iter()
        .map(|w| {
            let c = attendance.of_workshop(w.id);
            Row {
                label: w.title.clone(),
                values: vec![c.yes.into(), c.no.into(), c.no_answer.into()],
                figure: format!("{}/{}", c.yes, c.invited),
            }
        })
        .collect();
    words.chart(
        "chart-answers",
        words.counted("chart-answers-note", latest.len()),
        Scale::Share,
        &[
            ("chart-series-yes", colours::YES),
            ("chart-series-no", colours::NO),
            ("chart-series-no-answer", colours::NONE),
        ],
        rows,
    )
}

/// The ratings of the latest workshops rated: how many gave each score, the mean after.
pub fn ratings(words: Words<'_>, evaluations: &[WorkshopEvaluation]) -> Chart {
    let mut rated: Vec<&WorkshopEvaluation> =
        evaluations.iter().filter(|e| e.summary.count > 0).collect();
    rated.sort_by_key(|e| e.starts_at);
    let rated = &rated[rated.len().saturating_sub(LATEST)..];
    let rows = rated
        .iter()
        .map(|e| Row {
            label: e.title.clone(),
            values: e.summary.distribution.iter().map(|&n| n.into()).collect(),
            figure: words.rating(e.summary.mean_tenths),
        })
        .collect();
    let mut chart = words.chart(
        "chart-ratings",
        words.counted("chart-ratings-note", rated.len()),
        Scale::Share,
        &[],
        rows,
    );
    chart.series = (1..=5)
        .map(|score| Series {
            label: words.t_args("chart-series-score", &Args::new().num("score", score)),
            colour: SCORE_COLOURS[(score - 1) as usize],
        })
        .collect();
    chart
}

/// One question of a workshop's form: how many gave each answer (each score of a scale,
/// each option of a choice), under the question as asked.
pub fn question(words: Words<'_>, workshop: &str, q: &QuestionResults) -> Chart {
    let row = |label: String, n: u32| Row {
        label,
        values: vec![n.into()],
        figure: n.to_string(),
    };
    let rows = match &q.tally {
        Tally::Scale(summary) => (1..=5)
            .zip(summary.distribution)
            .map(|(score, n)| {
                let label = words.t_args("chart-series-score", &Args::new().num("score", score));
                row(label, n)
            })
            .collect(),
        Tally::Choice { options } => options
            .iter()
            .map(|(option, n)| row(option.clone(), *n))
            .collect(),
    };
    let subtitle = words.t_args(
        "chart-question-note",
        &Args::new()
            .text("title", workshop)
            .num("count", q.answers.into()),
    );
    let mut chart = words.chart(
        "chart-ratings",
        subtitle,
        Scale::Count(None),
        &[("chart-series-answers", colours::PRESENT)],
        rows,
    );
    if let Some(text) = &q.text {
        chart.title = text.clone();
    }
    chart
}

/// Funding per province: the bodies paid in full, in part, not at all, and the agreements
/// approved after each bar.
pub fn funding(words: Words<'_>, records: &[BodyRecord]) -> Chart {
    let mut provinces: Vec<(&PlaceName, Vec<&BodyRecord>)> = Vec::new();
    for record in records {
        match provinces.iter_mut().find(|(p, _)| **p == record.province) {
            Some((_, bodies)) => bodies.push(record),
            None => provinces.push((&record.province, vec![record])),
        }
    }
    let rows = provinces
        .iter()
        .map(|(province, bodies)| {
            let tally = FundingTally::of(bodies.iter().map(|b| &b.funding));
            Row {
                label: words.place(province).to_owned(),
                values: vec![
                    tally.paid_in_full as u64,
                    tally.partly as u64,
                    tally.nothing as u64,
                ],
                figure: format!("{}/{}", tally.approved, tally.bodies),
            }
        })
        .collect();
    words.chart(
        "chart-funding",
        words.t("chart-funding-note"),
        Scale::Share,
        &[
            ("chart-series-full", colours::YES),
            ("chart-series-partly", colours::PARTLY),
            ("chart-series-nothing", colours::NONE),
        ],
        rows,
    )
}

/// Participants month by month (the invited who came and the walk-ins), with how many
/// workshops each month held.
pub fn months(
    words: Words<'_>,
    held: &[Workshop],
    attendance: &AttendanceReport,
    zone: &Zone,
) -> Chart {
    let mut months: BTreeMap<(i32, u32), (u64, usize)> = BTreeMap::new();
    for w in held {
        let day = zone.local(w.starts_at).date();
        let counts = attendance.of_workshop(w.id);
        let month = months.entry((day.year(), day.month())).or_default();
        month.0 += u64::from(counts.present + counts.walk_ins);
        month.1 += 1;
    }
    let rows = months
        .iter()
        .map(|(&(year, month), &(came, workshops))| Row {
            label: words.i18n.format_month(words.language, year, month),
            values: vec![came],
            figure: words.counted("chart-figure-held", workshops),
        })
        .collect();
    words.chart(
        "chart-months",
        words.t("chart-months-note"),
        Scale::Count(None),
        &[("chart-series-participants", colours::PRESENT)],
        rows,
    )
}

/// Every chart of a programme report with something to show, in a language: what `/report`
/// sends.
pub fn of_programme(
    state: &crate::state::AppState,
    language: Language,
    report: &crate::store::follow_up::ProgrammeReport,
) -> Vec<Chart> {
    let words = Words {
        i18n: &state.i18n,
        language,
    };
    let zone = &state.settings.timezone;
    let a = &report.attendance;
    [
        months(words, &report.held, a, zone),
        provinces(words, a, &words.t("chart-provinces-note")),
        answers(words, &report.held, a),
        ratings(words, &report.evaluations),
        funding(words, &report.funding),
    ]
    .into_iter()
    .filter(|chart| !chart.rows.is_empty())
    .collect()
}

/// The latest workshops held, oldest first.
fn latest(held: &[Workshop]) -> Vec<&Workshop> {
    let mut all: Vec<&Workshop> = held.iter().collect();
    all.sort_by_key(|w| w.starts_at);
    all.split_off(all.len().saturating_sub(LATEST))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::render;
    use crate::domain::workshop::EvaluationSummary;

    fn colour_at(png: &[u8], (x, y): (f32, f32)) -> String {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut rgba).unwrap();
        let i = ((y as u32 * info.width + x as u32) * 4) as usize;
        format!("#{:02x}{:02x}{:02x}", rgba[i], rgba[i + 1], rgba[i + 2])
    }

    #[test]
    fn a_question_of_choices_draws_one_bar_per_option_on_one_scale() {
        let words = Words {
            i18n: I18n::shared(),
            language: Language::Fr,
        };
        let q = QuestionResults {
            number: 2,
            text: Some("Appliquerez-vous ce qui a été vu ?".into()),
            answers: 4,
            tally: Tally::Choice {
                options: vec![
                    ("Oui".into(), 3),
                    ("Non".into(), 1),
                    ("En partie".into(), 0),
                ],
            },
        };
        let chart = question(words, "Budget", &q);
        assert_eq!(chart.title, "Appliquerez-vous ce qui a été vu ?");
        assert_eq!(chart.subtitle, "Budget\u{a0}: 4 réponses.");
        let png = render::png(&chart.to_svg(), 1.0).unwrap();
        assert_eq!(colour_at(&png, chart.point(0, 0.95)), colours::PRESENT);
        assert_eq!(colour_at(&png, chart.point(1, 0.2)), colours::PRESENT);
        assert_eq!(colour_at(&png, chart.point(1, 0.5)), colours::BACKGROUND);
        assert_eq!(colour_at(&png, chart.point(2, 0.01)), colours::BACKGROUND);
    }

    #[test]
    fn a_scale_question_draws_its_five_scores_in_arabic_from_the_right() {
        let words = Words {
            i18n: I18n::shared(),
            language: Language::Ar,
        };
        let summary = EvaluationSummary {
            distribution: [0, 0, 1, 2, 2],
            count: 5,
            ..EvaluationSummary::default()
        };
        let q = QuestionResults {
            number: 1,
            text: None,
            answers: 5,
            tally: Tally::Scale(summary),
        };
        let chart = question(words, "الميزانية", &q);
        assert_eq!(chart.rows.len(), 5);
        let png = render::png(&chart.to_svg(), 1.0).unwrap();
        // Score 4: a full bar (the largest), drawn from the right.
        let (x, y) = chart.point(3, 0.95);
        assert!(x < 500.0, "near the bar's end, on the left");
        assert_eq!(colour_at(&png, (x, y)), colours::PRESENT);
        assert_eq!(colour_at(&png, chart.point(2, 0.7)), colours::BACKGROUND);
        assert_eq!(colour_at(&png, chart.point(0, 0.01)), colours::BACKGROUND);
    }
}
