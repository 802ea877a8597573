//! The programme report on the demo's data, as README tells a newcomer to try it: `takwin
//! demo --keep FILE`, then `takwin report programme` on that file. Its PDF's text holds the
//! demo's places and workshop, in Arabic and in French (read back with pdftotext).

use std::path::Path;
use std::process::Command;

fn takwin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_takwin"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("the takwin binary runs")
}

/// The PDF's text, or `None` where pdftotext (poppler) is not installed; CI installs it, so
/// there the check may not be skipped.
fn pdf_text(path: &Path) -> Option<String> {
    match Command::new("pdftotext").arg(path).arg("-").output() {
        Ok(out) => Some(String::from_utf8_lossy(&out.stdout).into_owned()),
        Err(_) if std::env::var_os("CI").is_some() => panic!("pdftotext is not installed"),
        Err(_) => None,
    }
}

#[test]
fn the_programme_report_on_the_demos_data_reads_in_arabic_and_french() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let demo = takwin(&["demo", "--keep", db.to_str().unwrap()]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stdout)
    );
    let url = format!("sqlite://{}", db.display());
    for (language, place) in [("ar", "أكوراي"), ("fr", "Agourai")] {
        let pdf = dir.path().join(format!("report-{language}.pdf"));
        let run = takwin(&[
            "--database-url",
            &url,
            "report",
            "programme",
            "--language",
            language,
            "--out",
            pdf.to_str().unwrap(),
        ]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
        let Some(text) = pdf_text(&pdf) else {
            eprintln!("note: pdftotext is not installed: the report's text was not read");
            return;
        };
        for wanted in [place, "Programmation du budget communal"] {
            assert!(text.contains(wanted), "{language}: {wanted} not in\n{text}");
        }
    }
    // A second demo on the same file is refused: it would mix with the data kept.
    let again = takwin(&["demo", "--keep", db.to_str().unwrap()]);
    assert!(!again.status.success());
}
