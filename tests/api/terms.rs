//! A term of office through the roster: a changed phone number keeps the person (their link,
//! their organiser rights), people absent from the new file leave with `--prune` and lose
//! access, places written in another case are the same places — all decided whole, listed by
//! a dry run that changes nothing.

use takwin::domain::roster::{Appointment, Phone, Role};
use takwin::i18n::strip_bidi;
use takwin::store::{audit, roster, workshops};

use crate::new_workshop::{ORGANISER, organiser_app};
use crate::roster_cli::{stderr, takwin};
use crate::support::{Backend, SAMPLE_ROSTER};

/// The sample roster rewritten: `edit` sees each data line's cells and returns the line to
/// keep (or `None` to drop it).
fn rewrite(edit: impl Fn(&[&str]) -> Option<String>) -> String {
    let mut lines = SAMPLE_ROSTER.lines();
    let mut out = format!("{}\n", lines.next().unwrap());
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        if let Some(kept) = edit(&cells) {
            out.push_str(&kept);
            out.push('\n');
        }
    }
    out
}

fn phone_of(cells: &[&str]) -> Phone {
    Phone::parse(cells[4]).unwrap()
}

pub async fn a_term_of_office_keeps_people_through_new_phones_and_prunes_who_left(
    backend: Backend,
) {
    let app = organiser_app(backend).await;
    let (past, presidents, _) = app.presidents_invited(&[7401], 40).await;
    let leaving = &presidents[0];
    // A workshop still to come by the command line's clock (the machine's), with its
    // invitation to the president who is about to leave.
    let later = chrono::Utc::now() + chrono::Duration::days(60);
    let next = app.presidents_workshop("Gestion des ressources humaines", later, 40);
    let (upcoming, _) = workshops::create(&app.state.db, &next, "test", app.now())
        .await
        .unwrap();
    let organiser = roster::by_telegram(&app.state.db, ORGANISER)
        .await
        .unwrap()
        .unwrap();
    let new_phone = Phone::parse("0600019999").unwrap();
    // The new file: the organiser's new number, the president gone, places in capitals.
    let file = rewrite(|cells| {
        let phone = phone_of(cells);
        if phone == leaving.phone {
            return None;
        }
        let mut cells: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
        if phone == organiser.phone {
            cells[4] = "0600019999".into();
        }
        cells[0] = cells[0].to_uppercase();
        Some(cells.join(","))
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-term.csv");
    std::fs::write(&path, file).unwrap();
    let path = path.display().to_string();
    let replace = format!("{}={}", organiser.phone, new_phone);
    let args = [
        "roster",
        "import",
        &path,
        "--prune",
        "--replace-phone",
        &replace,
    ];
    let provinces = || async { roster::places(&app.state.db).await.unwrap().len() };
    let before = provinces().await;

    let roster_before: Vec<Phone> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.details.phone)
        .collect();

    // The dry run lists every change and changes nothing.
    let dry = takwin(app.database_url(), &[&args[..], &["--dry-run"]].concat());
    assert!(dry.status.success(), "{}", stderr(&dry));
    let listed = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert!(
        listed.contains(&format!(
            "{} ({new_phone}): phone change",
            organiser.full_name
        )) && listed.contains(&format!(
            "{} ({}) leaves the roster",
            leaving.full_name, leaving.phone
        )) && listed.contains("Dry run: nothing was changed."),
        "{listed}"
    );
    let unchanged = roster::by_telegram(&app.state.db, ORGANISER)
        .await
        .unwrap()
        .expect("still linked");
    assert_eq!(
        unchanged.phone, organiser.phone,
        "a dry run changes nothing"
    );
    let phones = || async {
        let people = roster::all_people(&app.state.db).await.unwrap();
        people
            .into_iter()
            .map(|p| p.details.phone)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        phones().await,
        roster_before,
        "nobody added, changed or gone"
    );
    // The real run.
    let real = takwin(app.database_url(), &args);
    assert!(real.status.success(), "{}", stderr(&real));
    assert_eq!(provinces().await, before, "EL HAJEB is El Hajeb");
    // The organiser is the same person, with the new number, still linked and an organiser.
    let now = roster::by_telegram(&app.state.db, ORGANISER)
        .await
        .unwrap()
        .expect("still linked");
    assert_eq!((now.id, &now.phone), (organiser.id, &new_phone));
    assert!(
        roster::holds(&app.state.db, now.id, Appointment::Organiser)
            .await
            .unwrap()
    );
    app.says(ORGANISER, "/workshops").await;
    assert!(
        app.last_text(ORGANISER)
            .contains("Programmation du budget communal"),
        "{}",
        app.last_text(ORGANISER)
    );
    // The president who left is a stranger now, and no longer invited.
    app.says(7401, "/my").await;
    assert_eq!(
        strip_bidi(&app.received(7401).pop().unwrap().text),
        strip_bidi(
            &app.state
                .i18n
                .t(takwin::domain::roster::Language::Fr, "not-joined")
        )
    );
    let db = &app.state.db;
    let leaving_id = leaving.id;
    let invited = |workshop| async move {
        workshops::invitees(db, workshop)
            .await
            .unwrap()
            .iter()
            .any(|i| i.person == leaving_id)
    };
    assert!(
        !invited(upcoming).await,
        "no longer invited to what is to come"
    );
    assert!(invited(past).await, "history is kept");
    assert!(
        !roster::all_people(&app.state.db)
            .await
            .unwrap()
            .iter()
            .any(|p| p.id == leaving.id),
        "in no audience any more"
    );
    let actions: Vec<String> = audit::latest(&app.state.db, 5)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in ["roster.import", "roster.leave", "roster.new_phone"] {
        assert!(actions.iter().any(|a| a == action), "{action}: {actions:?}");
    }

    // A second president for a council that has one is refused, naming both; nothing changes.
    let sitting = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.role == Role::President && p.body.is_some())
        .expect("a council with a president");
    let council = sitting.body.as_ref().unwrap().1.latin.to_uppercase();
    let second = format!(
        "province,commune,full_name,role,phone,language\n\
         el hajeb,{council},Nouveau Président,president,0699000111,fr\n"
    );
    let path = dir.path().join("second.csv");
    std::fs::write(&path, second).unwrap();
    let refused = takwin(
        app.database_url(),
        &["roster", "import", &path.display().to_string()],
    );
    assert!(!refused.status.success());
    let err = stderr(&refused);
    assert!(
        err.contains("line 2") && err.contains(&sitting.full_name),
        "{err}"
    );
    assert!(
        roster::by_phone(&app.state.db, &Phone::parse("0699000111").unwrap())
            .await
            .unwrap()
            .is_none()
    );
    app.finish().await;
}

/// A new term's file that leaves out the only organiser: with `--prune` the programme would be
/// left with nobody to run it from Telegram. The import is refused with the reason, naming the
/// organiser, and nothing changes.
pub async fn pruning_never_removes_the_last_organiser(backend: Backend) {
    let app = organiser_app(backend).await;
    let organiser = roster::by_telegram(&app.state.db, ORGANISER)
        .await
        .unwrap()
        .unwrap();
    let file = rewrite(|cells| (phone_of(cells) != organiser.phone).then(|| cells.join(",")));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new-term.csv");
    std::fs::write(&path, file).unwrap();
    let path = path.display().to_string();

    let refused = takwin(app.database_url(), &["roster", "import", &path, "--prune"]);
    assert!(!refused.status.success());
    let err = stderr(&refused);
    assert!(
        err.contains(&organiser.full_name) && err.contains("every organiser"),
        "{err}"
    );
    assert!(
        roster::holds(&app.state.db, organiser.id, Appointment::Organiser)
            .await
            .unwrap()
    );
    // Without --prune nobody leaves, so the same file is imported.
    let kept = takwin(app.database_url(), &["roster", "import", &path]);
    assert!(kept.status.success(), "{}", stderr(&kept));
    assert!(
        roster::holds(&app.state.db, organiser.id, Appointment::Organiser)
            .await
            .unwrap()
    );
    app.finish().await;
}
