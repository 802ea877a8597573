//! Certificates of attendance and training records: after a workshop, those recorded present
//! (walk-ins too) get their certificate as a PDF in their language, the absent and anyone
//! unticked before it goes get nothing; `/my_training` gives the record and each certificate
//! again; the command line checks a code and exports every official's record.

use std::path::Path;
use std::process::Command;

use chrono::{Duration, TimeZone, Utc};
use takwin::domain::roster::{Language, Role};
use takwin::emulator::ChatMessage;
use takwin::i18n::strip_bidi;
use takwin::store::{audit, roster};

use crate::new_workshop::{ORGANISER, organiser_app};
use crate::roster_cli::{stderr, takwin};
use crate::support::{Backend, TestApp};

/// The first six digits of a text, spaces between them allowed ("482 913").
fn checkin_code(text: &str) -> String {
    text.split(|c: char| !(c.is_ascii_digit() || c == ' '))
        .map(|run| run.replace(' ', ""))
        .find(|run| run.len() == 6)
        .expect("a six-digit code")
}

/// The certificates a chat received, as sent.
fn certificates(app: &TestApp, chat: i64) -> Vec<ChatMessage> {
    app.received(chat)
        .into_iter()
        .filter(|m| {
            m.document
                .as_ref()
                .and_then(|d| d.file_name.as_deref())
                .is_some_and(|name| name.starts_with("certificate-"))
        })
        .collect()
}

/// The code in a certificate's file name, `certificate-TKW-XXXX-XXXX.pdf`.
fn code_of(message: &ChatMessage) -> String {
    let name = message
        .document
        .as_ref()
        .unwrap()
        .file_name
        .clone()
        .unwrap();
    name.trim_start_matches("certificate-")
        .trim_end_matches(".pdf")
        .to_owned()
}

/// The text of a PDF as `pdftotext` (poppler) reads it, or `None` where it is not installed
/// (then CI, which installs it, fails rather than skip).
fn pdf_text(dir: &Path, bytes: &[u8]) -> Option<String> {
    let path = dir.join(format!("{:016x}.pdf", rand::random::<u64>()));
    std::fs::write(&path, bytes).unwrap();
    match Command::new("pdftotext").arg(&path).arg("-").output() {
        Ok(out) => {
            assert!(out.status.success(), "pdftotext failed");
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(_) if std::env::var_os("CI").is_some() => panic!("pdftotext is not installed"),
        Err(_) => {
            eprintln!(
                "note: pdftotext (poppler-utils) is not installed: the PDF's text was not read"
            );
            None
        }
    }
}

/// A text without spaces nor bidirectional marks.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !(c.is_whitespace()
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        })
        .collect()
}

pub async fn those_present_get_a_certificate_and_the_absent_none(backend: Backend) {
    let app = organiser_app(backend).await;
    let (id, presidents, _) = app.presidents_invited(&[7201, 7202, 7203], 40).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    // A councillor who was not invited comes anyway, and reads Arabic.
    let walk_in = people
        .iter()
        .find(|p| p.role == Role::Councillor && p.full_name == "حسن القادري")
        .unwrap();
    app.join_as(&[walk_in], &[7209], Language::Ar).await;
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();

    // On the day: check-in opens; the first and third presidents and the councillor send the
    // code; the second never comes; the organiser unticks the third (a mistake at the door).
    app.clock.set(starts_at - Duration::minutes(20));
    app.presses_forged(ORGANISER, 1, &format!("1:ci:{id}"))
        .await;
    let code = checkin_code(&strip_bidi(&app.received(ORGANISER).pop().unwrap().text));
    for chat in [7201, 7203, 7209] {
        app.says(chat, &code).await;
    }
    app.presses(ORGANISER, "📋").await;
    app.presses(ORGANISER, &format!("✅ {}", presidents[2].full_name))
        .await;

    // Nothing before the workshop ends.
    app.clock
        .set(starts_at + Duration::hours(4) - Duration::minutes(1));
    app.deliver_due().await;
    for chat in [7201, 7202, 7203, 7209] {
        assert!(certificates(&app, chat).is_empty(), "{chat}: too early");
    }

    // When it ends: a certificate to each person recorded present, walk-in included, in
    // their language; none to the absent, none to the one unticked.
    app.clock.set(starts_at + Duration::hours(4));
    app.deliver_due().await;
    let french = certificates(&app, 7201);
    let arabic = certificates(&app, 7209);
    assert_eq!((french.len(), arabic.len()), (1, 1));
    assert!(certificates(&app, 7202).is_empty(), "absent");
    assert!(
        certificates(&app, 7203).is_empty(),
        "unticked before it went"
    );
    let caption = strip_bidi(&french[0].text);
    assert!(
        caption.contains("Attestation de présence")
            && caption.contains("Programmation du budget communal")
            && caption.contains(&code_of(&french[0])),
        "{caption}"
    );
    assert!(strip_bidi(&arabic[0].text).contains("شهادة حضور"));
    let pdf = &french[0].document.as_ref().unwrap().bytes;
    assert!(pdf.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().unwrap();
    if let Some(text) = pdf_text(dir.path(), pdf) {
        for expected in [
            presidents[0].full_name.as_str(),
            "Attestation de présence",
            "Programmation du budget communal",
            &code_of(&french[0]),
        ] {
            assert!(text.contains(expected), "{expected} not in\n{text}");
        }
    }
    // In Arabic, the text is compared without spaces and direction marks: how a PDF reader
    // copies the marks that isolate each line is not the certificate's concern.
    let pdf = &arabic[0].document.as_ref().unwrap().bytes;
    if let Some(text) = pdf_text(dir.path(), pdf) {
        let squeezed = squeeze(&text);
        for expected in [walk_in.full_name.as_str(), &code_of(&arabic[0])] {
            assert!(
                squeezed.contains(&squeeze(expected)),
                "{expected} not in\n{text}"
            );
        }
    }
    // Delivered once.
    app.clock.advance(Duration::days(2));
    app.deliver_due().await;
    assert_eq!(certificates(&app, 7201).len(), 1);

    // `/my_training`: the workshop, its day and place, the hours; its button sends the same
    // certificate again (the same code); the absent have no record.
    app.says(7201, "/my_training").await;
    let record = app.received(7201).pop().unwrap();
    let text = strip_bidi(&record.text);
    assert!(
        text.contains("1 atelier suivi, soit 4 heures de formation")
            && text.contains("20/01/2026")
            && text.contains("Programmation du budget communal")
            && text.contains("Siège de la province"),
        "{text}"
    );
    assert_eq!(record.buttons().len(), 1);
    app.presses(7201, "🎓 20/01/2026 · Programmation du budget communal")
        .await;
    let again = certificates(&app, 7201);
    assert_eq!(again.len(), 2);
    assert_eq!(code_of(&again[1]), code_of(&french[0]), "issued once");
    app.says(7202, "/my_training").await;
    assert_eq!(
        app.last_text(7202),
        strip_bidi(&app.state.i18n.t(Language::Fr, "my-training-empty"))
    );
    // A forged button for a workshop the presser did not attend sends nothing.
    assert_eq!(
        app.presses_forged(7202, 1, &format!("1:cert:{id}")).await,
        Some(strip_bidi(
            &app.state
                .i18n
                .t(Language::Fr, "certificate-refused-not-attended")
        ))
    );
    assert!(certificates(&app, 7202).is_empty());

    // The command line checks a code: whose it is; a code no certificate has is refused,
    // with a non-zero exit and nothing written.
    let url = app.database_url().to_owned();
    let good = code_of(&french[0]);
    let run = takwin(&url, &["certificate", "verify", &good.to_lowercase()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        out.contains(&presidents[0].full_name)
            && out.contains("Programmation du budget communal")
            && out.contains("Siège de la province")
            && out.contains("valid"),
        "{out}"
    );
    let entries = audit::latest(&app.state.db, 1000).await.unwrap();
    assert_eq!(entries[0].action, "certificate.verify");
    let run = takwin(&url, &["certificate", "verify", "TKW-2222-2222"]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("No certificate has this code: TKW-2222-2222"),
        "{}",
        stderr(&run)
    );
    let run = takwin(&url, &["certificate", "verify", "not a code"]);
    assert!(!run.status.success());
    assert_eq!(
        audit::latest(&app.state.db, 1000).await.unwrap().len(),
        entries.len(),
        "a refusal writes nothing"
    );

    // Every official's record, one row each; an unknown province is refused with the
    // known ones, nothing written.
    let run = takwin(
        &url,
        &[
            "report",
            "training",
            "--province",
            "el hajeb",
            "--format",
            "csv",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let csv = String::from_utf8_lossy(&run.stdout).into_owned();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("province,body,name,role,workshops,hours,certificates")
    );
    let row = |name: &str| {
        csv.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not in\n{csv}"))
            .to_owned()
    };
    assert!(
        row(&presidents[0].full_name).ends_with(&format!(",president,1,4,{good}")),
        "{csv}"
    );
    assert!(row(&presidents[1].full_name).ends_with(",president,0,0,"));
    assert!(row(&presidents[2].full_name).ends_with(",president,0,0,"));
    assert!(row(&walk_in.full_name).ends_with(&format!(",councillor,1,4,{}", code_of(&arabic[0]))));
    assert_eq!(
        csv.lines().count(),
        people.len() + 1,
        "one row per official of the province"
    );
    let run = takwin(&url, &["report", "training", "--format", "json"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let officials = json["officials"].as_array().unwrap();
    let mine = officials
        .iter()
        .find(|o| o["name"] == presidents[0].full_name.as_str())
        .unwrap();
    assert_eq!(mine["hours"], 4);
    assert_eq!(mine["certificates"][0], good.as_str());
    let before = audit::latest(&app.state.db, 1000).await.unwrap().len();
    let run = takwin(&url, &["report", "training", "--province", "Nowhere"]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("Nowhere") && stderr(&run).contains("El Hajeb"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        audit::latest(&app.state.db, 1000).await.unwrap().len(),
        before
    );
    app.finish().await;
}

/// A workshop cancelled after check-in sends no certificate, and counts for nobody.
pub async fn a_cancelled_workshop_sends_no_certificate(backend: Backend) {
    let app = organiser_app(backend).await;
    let (id, _, _) = app.presidents_invited(&[7301, 7302], 40).await;
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    app.clock.set(starts_at - Duration::minutes(20));
    app.presses_forged(ORGANISER, 1, &format!("1:ci:{id}"))
        .await;
    let code = checkin_code(&strip_bidi(&app.received(ORGANISER).pop().unwrap().text));
    app.says(7301, &code).await;
    // Cancelled before it ends: the certificate is dropped with the rest.
    app.says(ORGANISER, "/workshops").await;
    app.presses(ORGANISER, "📊").await;
    app.presses(ORGANISER, "Annuler l'atelier").await;
    app.presses(ORGANISER, "Oui, l'annuler").await;
    app.clock.set(starts_at + Duration::hours(5));
    app.deliver_due().await;
    assert!(certificates(&app, 7301).is_empty());
    app.says(7301, "/my_training").await;
    assert_eq!(
        app.last_text(7301),
        strip_bidi(&app.state.i18n.t(Language::Fr, "my-training-empty"))
    );
    app.finish().await;
}
