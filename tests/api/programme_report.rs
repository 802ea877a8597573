//! The programme report and its charts, on data written to each backend: the charts drawn
//! from what the store holds have their bars where a hand count puts them, and the PDF
//! made by the command line carries its names as text, in Arabic and in French.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use takwin::clock::ManualClock;
use takwin::documents::chart::{Chart, colours};
use takwin::documents::render;
use takwin::domain::audience::Audience;
use takwin::domain::roster::{Language, Role};
use takwin::domain::workshop::{Capacity, NewWorkshop};
use takwin::state::AppState;
use takwin::store::{checkin, follow_up, roster, workshops};
use takwin::views::charts::{self, Words};

use crate::roster_cli::{state, stderr, takwin, write};
use crate::support::{Backend, SAMPLE_ROSTER, TestDatabase};

/// A PNG decoded to RGBA, to read its pixels.
struct Image {
    width: u32,
    height: u32,
    rgba: Vec<u8>,
}

impl Image {
    fn decode(bytes: &[u8]) -> Image {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut rgba).unwrap();
        Image {
            width: info.width,
            height: info.height,
            rgba,
        }
    }

    /// The colour `share` of the way along a row's bar, as `#rrggbb`.
    fn along(&self, chart: &Chart, row: usize, share: f32) -> String {
        let (x, y) = chart.point(row, share);
        let i = ((y as u32 * self.width + x as u32) * 4) as usize;
        let p = &self.rgba[i..i + 3];
        format!("#{:02x}{:02x}{:02x}", p[0], p[1], p[2])
    }
}

fn drawn(chart: &Chart) -> Image {
    let image = Image::decode(&render::png(&chart.to_svg(), 1.0).unwrap());
    assert_eq!(
        (image.width, image.height),
        (1000, chart.height() as u32),
        "{}",
        chart.title
    );
    image
}

/// The text of a PDF as `pdftotext` (poppler) reads it, or `None` where it is not installed.
fn pdf_text(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(path).arg("-").output().ok()?;
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub async fn the_programme_report_and_its_charts_show_what_happened(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let sample = write(db.dir.path(), "sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );
    let state = state(&db.url).await;
    // The binary reads the real clock: two workshops held in the last days.
    let now = chrono::Utc::now();
    let workshop = |title: &str, starts_at| NewWorkshop {
        title: title.into(),
        topic: None,
        starts_at,
        venue: "Siège de la province".into(),
        audience: Audience::roles(&[Role::President]),
        capacity: Capacity::new(40).unwrap(),
        reminders: Vec::new(),
        answer_deadline: starts_at,
        form: Default::default(),
    };
    let budget_day = now - chrono::Duration::days(3);
    let (budget, invited) = workshops::create(
        &state.db,
        &workshop("Programmation du budget communal", budget_day),
        "test",
        budget_day - chrono::Duration::days(10),
    )
    .await
    .unwrap();
    assert_eq!(invited, 17);
    let archives_day = now - chrono::Duration::days(1);
    let (archives, _) = workshops::create(
        &state.db,
        &workshop("Archives communales", archives_day),
        "test",
        archives_day - chrono::Duration::days(10),
    )
    .await
    .unwrap();
    let presidents: Vec<_> = roster::all_people(&state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .collect();
    // Budget: 4 yes and 2 no of 17; the 4 came, and rated 5, 4, 4, 2, one with a comment.
    // Archives: 17 invited, nobody answered, one came.
    // They answered a week before, as the chat's buttons would have recorded it.
    let before = AppState::build(
        (*state.settings).clone(),
        Arc::new(ManualClock::new(budget_day - chrono::Duration::days(7))),
    )
    .await
    .unwrap();
    for (i, p) in presidents.iter().take(6).enumerate() {
        takwin::actions::answers::answer(&before, p.id, budget, i < 4)
            .await
            .unwrap()
            .expect("accepted");
    }
    for (p, score) in presidents.iter().zip([5, 4, 4, 2]) {
        checkin::mark_present(&state.db, budget, p.id, budget_day)
            .await
            .unwrap();
        workshops::rate(&state.db, budget, p.id, score, now)
            .await
            .unwrap();
    }
    let comment = "Des exemples concrets, merci";
    workshops::comment(&state.db, budget, presidents[0].id, Some(comment), now)
        .await
        .unwrap();
    checkin::mark_present(&state.db, archives, presidents[9].id, archives_day)
        .await
        .unwrap();
    before.db.pool.close().await;

    // The charts, drawn from what this backend holds.
    let report = follow_up::programme(&state.db, None, (None, None), now, &state.settings.timezone)
        .await
        .unwrap();
    assert_eq!(report.held.len(), 2);
    for language in [Language::Fr, Language::Ar] {
        let words = Words {
            i18n: &state.i18n,
            language,
        };
        // El Hajeb: 5 present of 34 invited (14.7 %).
        let provinces = charts::provinces(words, &report.attendance, "");
        assert_eq!(provinces.rows.len(), 1);
        let image = drawn(&provinces);
        assert_eq!(image.along(&provinces, 0, 0.07), colours::PRESENT);
        assert_eq!(image.along(&provinces, 0, 0.5), colours::NONE);
        // Answers: budget 4 yes, 2 no, 11 silent of 17; archives all silent.
        let answers = charts::answers(words, &report.held, &report.attendance);
        let image = drawn(&answers);
        assert_eq!(answers.rows[0].label, "Programmation du budget communal");
        assert_eq!(image.along(&answers, 0, 0.1), colours::YES);
        assert_eq!(image.along(&answers, 0, 4.0 / 17.0 + 0.05), colours::NO);
        assert_eq!(image.along(&answers, 0, 0.8), colours::NONE);
        assert_eq!(image.along(&answers, 1, 0.02), colours::NONE);
        assert_eq!(answers.rows[0].figure, "4/17");
        // Ratings: one 2, two 4s, one 5 of 4 ratings; the archives were not rated.
        let ratings = charts::ratings(words, &report.evaluations);
        assert_eq!(ratings.rows.len(), 1);
        let image = drawn(&ratings);
        let score = charts::SCORE_COLOURS;
        assert_eq!(image.along(&ratings, 0, 0.1), score[1]);
        assert_eq!(image.along(&ratings, 0, 0.5), score[3]);
        assert_eq!(image.along(&ratings, 0, 0.9), score[4]);
        // Months: one row, full length (the largest), two workshops.
        let months = charts::months(
            words,
            &report.held,
            &report.attendance,
            &state.settings.timezone,
        );
        let image = drawn(&months);
        assert!(
            months.rows.len() <= 2,
            "the two days may fall in two months"
        );
        assert_eq!(image.along(&months, 0, 0.01), colours::PRESENT);
        // Funding: nothing due yet, so every body counts as nothing paid.
        let funding = charts::funding(words, &report.funding);
        let image = drawn(&funding);
        assert_eq!(image.along(&funding, 0, 0.5), colours::NONE);
    }

    // The PDF and the HTML from the command line.
    let dir = db.dir.path();
    for (language, names) in [
        (
            "fr",
            ["Programmation du budget communal", "Agourai", comment],
        ),
        (
            "ar",
            ["Programmation du budget communal", "أكوراي", comment],
        ),
    ] {
        let pdf = dir.join(format!("report-{language}.pdf"));
        let run = takwin(
            &db.url,
            &[
                "report",
                "programme",
                "--language",
                language,
                "--out",
                pdf.to_str().unwrap(),
            ],
        );
        assert!(run.status.success(), "{}", stderr(&run));
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        match pdf_text(&pdf) {
            Some(text) => {
                for name in names {
                    assert!(
                        text.contains(name),
                        "{language}: {name} not found in\n{text}"
                    );
                }
            }
            // CI installs it: there the check may not be skipped.
            None if std::env::var_os("CI").is_some() => panic!("pdftotext is not installed"),
            None => eprintln!(
                "note: pdftotext (poppler-utils) is not installed: the PDF's text was not read"
            ),
        }
    }
    let html = dir.join("report.html");
    let run = takwin(
        &db.url,
        &[
            "report",
            "programme",
            "--format",
            "html",
            "--out",
            html.to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(html.contains("Des exemples concrets, merci"));
    assert!(html.contains("أكوراي"));

    // Bad input is refused with the reason, and no file is written.
    let out = dir.join("refused.pdf");
    let out = out.to_str().unwrap();
    let run = takwin(
        &db.url,
        &[
            "report",
            "programme",
            "--province",
            "Atlantis",
            "--out",
            out,
        ],
    );
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("no province or prefecture “Atlantis”"),
        "{}",
        stderr(&run)
    );
    assert!(stderr(&run).contains("El Hajeb"), "{}", stderr(&run));
    let run = takwin(
        &db.url,
        &[
            "report",
            "programme",
            "--from",
            "30/06/2026",
            "--to",
            "01/01/2026",
            "--out",
            out,
        ],
    );
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("before it begins"),
        "{}",
        stderr(&run)
    );
    let run = takwin(
        &db.url,
        &["report", "programme", "--language", "de", "--out", out],
    );
    assert!(!run.status.success());
    assert!(stderr(&run).contains("--language"), "{}", stderr(&run));
    assert!(!Path::new(out).exists());

    state.db.pool.close().await;
    db.drop_database().await;
}
