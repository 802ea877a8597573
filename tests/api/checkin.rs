//! Check-in on the day: the organiser opens it and gets a code and a QR code; officials send
//! the code or open the QR link; wrong codes are limited; a closed check-in refuses.

use chrono::{TimeZone, Utc};
use takwin::domain::ids::{PersonId, WorkshopId};
use takwin::domain::roster::{Appointment, Language, Role};
use takwin::emulator::NewUser;
use takwin::i18n::strip_bidi;
use takwin::store::{roster, workshops};

use crate::support::{Backend, TestApp};

fn t(app: &TestApp, key: &str) -> String {
    strip_bidi(&app.state.i18n.t(Language::Fr, key))
}

/// The first six digits of a text, spaces between them allowed ("482 913").
fn code_in(text: &str) -> String {
    let digits: String = text
        .split(|c: char| !(c.is_ascii_digit() || c == ' '))
        .map(|run| run.replace(' ', ""))
        .find(|run| run.len() == 6)
        .expect("a six-digit code");
    digits
}

async fn presence(app: &TestApp, workshop: WorkshopId, person: PersonId) -> Option<String> {
    use sqlx::Row;
    sqlx::query("SELECT presence FROM invitations WHERE workshop_id = $1 AND person_id = $2")
        .bind(workshop)
        .bind(person)
        .fetch_optional(&app.state.db.pool)
        .await
        .unwrap()
        .and_then(|r| r.get::<Option<String>, _>(0))
}

pub async fn officials_check_in_with_the_code_or_the_qr_link(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let organiser = people
        .iter()
        .find(|p| p.role == Role::ProvinceStaff)
        .unwrap();
    roster::set_appointment(
        &app.state.db,
        organiser.id,
        Appointment::Organiser,
        true,
        "test",
        app.now(),
    )
    .await
    .unwrap();
    app.emulator
        .add_user(NewUser::new(4900, "Organiser").language("fr"));
    app.says(4900, &format!("/start {}", organiser.invite_code))
        .await;
    let presidents: Vec<_> = people
        .iter()
        .filter(|p| p.role == Role::President)
        .take(3)
        .collect();
    let councillor = people.iter().find(|p| p.role == Role::Councillor).unwrap();
    let members = presidents.iter().copied().chain([councillor]);
    let members: Vec<_> = members.collect();
    app.join_as(&members, &[4901, 4902, 4903, 4909], Language::Fr)
        .await;
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    let new = app.presidents_workshop("Programmation du budget communal", starts_at, 40);
    let (id, _) = workshops::create(&app.state.db, &new, "test", app.now())
        .await
        .unwrap();

    // On the day, 08:40 local: the organiser opens check-in.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 20, 7, 40, 0).unwrap());
    app.says(4900, "/checkin").await;
    app.presses(4900, "📍").await;
    let shown = app.received(4900).pop().unwrap();
    assert!(shown.photo.is_some(), "a QR code to put on the screen");
    let code = code_in(&strip_bidi(&shown.text));

    // By code, typed with a space as shown.
    app.says(4901, &format!("{} {}", &code[..3], &code[3..]))
        .await;
    assert!(
        app.last_text(4901)
            .contains("Programmation du budget communal")
    );
    assert_eq!(
        presence(&app, id, presidents[0].id).await.as_deref(),
        Some("present")
    );
    // By the QR code's link.
    app.says(4902, &format!("/start ci_{code}")).await;
    assert_eq!(
        presence(&app, id, presidents[1].id).await.as_deref(),
        Some("present")
    );
    // Someone not invited who comes anyway is a walk-in.
    app.says(4909, &code).await;
    assert_eq!(
        presence(&app, id, councillor.id).await.as_deref(),
        Some("walk_in")
    );

    // The organiser's roll call shows who is present; a tap marks someone absent, another
    // tap present again.
    app.presses(4900, "📋").await;
    let roll = app.received(4900).pop().unwrap();
    assert_eq!(
        roll.buttons().len(),
        4,
        "the two presidents, the walk-in, and a button to add another walk-in"
    );
    let first = format!("✅ {}", presidents[0].full_name);
    app.presses(4900, &first).await;
    assert_eq!(
        presence(&app, id, presidents[0].id).await.as_deref(),
        Some("absent")
    );
    app.presses(4900, &format!("⬜ {}", presidents[0].full_name))
        .await;
    assert_eq!(
        presence(&app, id, presidents[0].id).await.as_deref(),
        Some("present")
    );

    // Someone came without an invitation or the bot: the organiser finds them by name.
    let finance = people
        .iter()
        .find(|p| p.full_name == "Nadia El Amrani")
        .unwrap();
    app.presses(4900, "➕").await;
    assert!(app.last_text(4900).contains("sans invitation"));
    app.says(4900, "zzz").await;
    assert!(app.last_text(4900).starts_with("Personne dans la liste"));
    app.says(4900, "nadia  AMRANI").await;
    let found = app.received(4900).pop().unwrap();
    assert_eq!(found.buttons().len(), 1, "{:?}", found.buttons());
    app.presses(4900, "Nadia El Amrani").await;
    assert!(
        app.last_text(4900)
            .contains("Présence de Nadia El Amrani notée")
    );
    assert_eq!(
        presence(&app, id, finance.id).await.as_deref(),
        Some("walk_in")
    );
    let entry = &takwin::store::audit::latest(&app.state.db, 1)
        .await
        .unwrap()[0];
    assert_eq!(entry.action, "checkin.walk_in");
    // The search is over: the next text is not a search.
    app.says(4900, "nadia").await;
    assert_eq!(app.last_text(4900), t(&app, "unknown-input"));

    // Guessing is cut short: after five wrong codes even the right one waits.
    let wrong = if code == "314159" { "271828" } else { "314159" };
    for _ in 0..5 {
        app.says(4903, wrong).await;
        assert_eq!(app.last_text(4903), t(&app, "checkin-wrong-code"));
    }
    app.says(4903, &code).await;
    assert!(app.last_text(4903).starts_with("Trop de codes erronés"));
    assert_eq!(presence(&app, id, presidents[2].id).await, None);

    // Ten minutes later they may try again; after closing time the code is refused.
    app.clock.advance(chrono::Duration::minutes(11));
    app.says(4903, &code).await;
    assert_eq!(
        presence(&app, id, presidents[2].id).await.as_deref(),
        Some("present")
    );
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 20, 10, 30, 0).unwrap());
    app.says(4901, &code).await;
    assert_eq!(app.last_text(4901), t(&app, "checkin-closed"));
    app.finish().await;
}

pub async fn check_in_and_rating_keep_to_their_windows(backend: Backend) {
    let app = crate::new_workshop::organiser_app(backend).await;
    let organiser = crate::new_workshop::ORGANISER;
    let (id, presidents, _) = app.presidents_invited(&[7101, 7102], 40).await;
    let audited = || async {
        takwin::store::audit::latest(&app.state.db, 100)
            .await
            .unwrap()
            .len()
    };

    // Ten days before: no check-in code, so nobody can be "present" at it yet.
    let before = app.received(organiser).len();
    assert_eq!(
        app.presses_forged(organiser, 1, &format!("1:ci:{id}"))
            .await,
        Some(t(&app, "checkin-open-too-early"))
    );
    assert_eq!(app.received(organiser).len(), before, "no code was shown");
    // A roll-call tick for someone who is not on the list changes and audits nothing.
    let entries = audited().await;
    assert_eq!(
        app.presses_forged(organiser, 1, &format!("1:mark:{id}:999999"))
            .await,
        Some(t(&app, "button-stale"))
    );
    assert_eq!(audited().await, entries);

    // On the day, 08:40 local: opened; the first president checks in, and cannot rate a
    // workshop that has not started.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 20, 7, 40, 0).unwrap());
    app.presses_forged(organiser, 1, &format!("1:ci:{id}"))
        .await;
    let code = code_in(&strip_bidi(&app.received(organiser).pop().unwrap().text));
    app.says(7101, &code).await;
    assert_eq!(
        presence(&app, id, presidents[0].id).await.as_deref(),
        Some("present")
    );
    assert_eq!(
        app.presses_forged(7101, 1, &format!("1:rate:{id}:5")).await,
        Some(t(&app, "evaluation-not-started"))
    );
    assert!(
        workshops::scores(&app.state.db, id)
            .await
            .unwrap()
            .is_empty()
    );

    // Cancelled at the last minute: the code no longer checks anyone in.
    app.says(organiser, "/workshops").await;
    app.presses(organiser, "📊").await;
    app.presses(organiser, "Annuler l'atelier").await;
    app.presses(organiser, "Oui, l'annuler").await;
    app.says(7102, &code).await;
    assert_eq!(app.last_text(7102), t(&app, "checkin-cancelled"));
    assert_eq!(presence(&app, id, presidents[1].id).await, None);
    app.finish().await;
}
