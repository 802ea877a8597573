//! An organiser moves or cancels a workshop from its details in chat: the new day and time
//! are checked, a confirmation comes first, everyone invited is told, answers are kept.

use chrono::{TimeZone, Utc};
use takwin::domain::roster::Language;
use takwin::domain::workshop::SeatKind;
use takwin::i18n::strip_bidi;
use takwin::stage::Stage;
use takwin::store::{audit, workshops};

use crate::new_workshop::{ORGANISER, organiser_app};
use crate::roster_cli::{stderr, takwin};
use crate::support::Backend;

fn t(app: &Stage, key: &str) -> String {
    strip_bidi(&app.state.i18n.t(Language::Fr, key))
}

fn shown(app: &Stage, chat: i64) -> String {
    strip_bidi(&app.received(chat).pop().expect("a message").text)
}

pub async fn an_organiser_moves_then_cancels_a_workshop_in_chat(backend: Backend) {
    let app = organiser_app(backend).await;
    let (id, presidents, worker) = app.presidents_invited(&[6201, 6202], 40).await;
    let invited = workshops::invitees(&app.state.db, id).await.unwrap().len();
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    app.presses(6201, "Je viendrai").await;

    // An official cannot move or cancel it, even with a forged button.
    for data in [format!("1:move:{id}"), format!("1:cancel:{id}:y")] {
        assert_eq!(
            app.presses_forged(6202, 1, &data).await,
            Some(t(&app, "organiser-only"))
        );
    }

    // From the details: a new day, refused in the past, then a time refused, then a button.
    app.says(ORGANISER, "/workshops").await;
    app.presses(ORGANISER, "📊").await;
    app.presses(ORGANISER, "Changer la date").await;
    assert!(shown(&app, ORGANISER).contains("mardi 20 janvier 2026 à 09:00"));
    app.says(ORGANISER, "09/01/2026").await;
    assert!(shown(&app, ORGANISER).contains("vendredi 9 janvier 2026 est déjà passé"));
    app.says(ORGANISER, "27/01/2026").await;
    assert!(shown(&app, ORGANISER).contains("mardi 27 janvier 2026"));
    app.says(ORGANISER, "8h75").await;
    assert!(shown(&app, ORGANISER).contains("n'est pas une heure de la journée"));
    app.presses(ORGANISER, "10:00").await;
    let question = shown(&app, ORGANISER);
    assert!(
        question.contains("du mardi 20 janvier 2026 à 09:00")
            && question.contains("au mardi 27 janvier 2026 à 10:00")
            && question.contains(&format!("Les {invited} invités seront prévenus"))
            && question.contains("lundi 26 janvier 2026 à 18:00"),
        "{question}"
    );
    assert_eq!(
        workshops::get(&app.state.db, id)
            .await
            .unwrap()
            .unwrap()
            .starts_at,
        starts_at,
        "nothing changes before the confirmation"
    );
    app.presses(ORGANISER, "Confirmer la nouvelle date").await;
    assert!(shown(&app, ORGANISER).contains("a désormais lieu le mardi 27 janvier 2026 à 10:00"));
    let moved = workshops::get(&app.state.db, id).await.unwrap().unwrap();
    assert_eq!(
        moved.starts_at,
        Utc.with_ymd_and_hms(2026, 1, 27, 9, 0, 0).unwrap(),
        "10:00 local is UTC+1 in January 2026"
    );
    assert_eq!(
        workshops::seat_of(&app.state.db, id, presidents[0].id)
            .await
            .unwrap(),
        Some(SeatKind::Confirmed),
        "answers are kept"
    );
    let entry = &audit::latest(&app.state.db, 1).await.unwrap()[0];
    assert_eq!(entry.action, "workshop.move");
    assert!(entry.actor.contains("Karim Benhaddou"), "{entry:?}");
    worker.deliver_due().await.unwrap();
    for chat in [6201, 6202] {
        let news = shown(&app, chat);
        assert!(
            news.contains("Changement de date") && news.contains("27 janvier"),
            "{news}"
        );
    }

    // Cancelling asks first; "keep it" changes nothing.
    app.says(ORGANISER, "/workshops").await;
    app.presses(ORGANISER, "📊").await;
    app.presses(ORGANISER, "Annuler l'atelier").await;
    assert!(shown(&app, ORGANISER).contains("C'est définitif"));
    app.presses(ORGANISER, "Non, le garder").await;
    assert_eq!(shown(&app, ORGANISER), t(&app, "cancel-workshop-kept"));
    assert!(
        workshops::get(&app.state.db, id)
            .await
            .unwrap()
            .unwrap()
            .cancelled_at
            .is_none()
    );
    app.presses(ORGANISER, "Annuler l'atelier").await;
    app.presses(ORGANISER, "Oui, l'annuler").await;
    assert!(shown(&app, ORGANISER).contains("est annulé"));
    assert!(
        workshops::get(&app.state.db, id)
            .await
            .unwrap()
            .unwrap()
            .cancelled_at
            .is_some()
    );
    worker.deliver_due().await.unwrap();
    for chat in [6201, 6202] {
        assert!(shown(&app, chat).contains("Atelier annulé"));
    }
    let sent = app.received(6201).len();

    // A second "yes" and a late "change the date" are refused; nobody is told twice.
    for data in [format!("1:cancel:{id}:y"), format!("1:move:{id}")] {
        assert_eq!(
            app.presses_forged(ORGANISER, 1, &data).await,
            Some(t(&app, "workshop-change-refused-cancelled"))
        );
    }
    worker.deliver_due().await.unwrap();
    assert_eq!(app.received(6201).len(), sent);
    app.finish().await;
}

pub async fn more_seats_move_the_waiting_list_up_and_fewer_take_no_seat_back(backend: Backend) {
    let app = organiser_app(backend).await;
    let (id, presidents, worker) = app.presidents_invited(&[6301, 6302, 6303], 1).await;
    for chat in [6301, 6302, 6303] {
        app.presses(chat, "Je viendrai").await;
    }
    let seat = |k: usize| workshops::seat_of(&app.state.db, id, presidents[k].id);
    assert_eq!(seat(2).await.unwrap(), Some(SeatKind::Waiting));

    app.says(ORGANISER, "/workshops").await;
    app.presses(ORGANISER, "📊").await;
    // The details name who is coming and the waiting list in the order it moves up.
    let details = shown(&app, ORGANISER);
    let line = |k: usize| format!("• {} — ", presidents[k].full_name);
    let coming = details
        .find("Présence confirmée (1)\u{a0}:")
        .expect("who is coming");
    let waiting = details
        .find("Liste d'attente, dans l'ordre (2)\u{a0}:")
        .expect("the line");
    let (first, second) = (
        details.find(&line(1)).unwrap(),
        details.find(&line(2)).unwrap(),
    );
    assert!(
        coming < details.find(&line(0)).unwrap() && waiting < first && first < second,
        "{details}"
    );
    app.presses(ORGANISER, "Places").await;
    let question = shown(&app, ORGANISER);
    assert!(
        question.contains("1 place, 1 présence confirmée, 2 personnes en liste d'attente"),
        "{question}"
    );
    app.says(ORGANISER, "0").await;
    assert!(shown(&app, ORGANISER).starts_with("⚠️ Un atelier a besoin d'au moins une place."));
    app.presses(ORGANISER, "20").await;
    let done = shown(&app, ORGANISER);
    assert!(done.contains("compte désormais 20 places"), "{done}");
    assert!(
        done.contains("2 personnes passent de la liste d'attente"),
        "{done}"
    );
    assert_eq!(seat(1).await.unwrap(), Some(SeatKind::Confirmed));
    assert_eq!(seat(2).await.unwrap(), Some(SeatKind::Confirmed));
    worker.deliver_due().await.unwrap();
    for chat in [6302, 6303] {
        assert!(shown(&app, chat).contains("Une place s'est libérée"));
    }
    let entry = &audit::latest(&app.state.db, 1).await.unwrap()[0];
    assert_eq!(entry.action, "workshop.capacity");

    // Fewer seats than people confirmed: nobody loses theirs, the organiser is told.
    app.says(ORGANISER, "/workshops").await;
    app.presses(ORGANISER, "📊").await;
    app.presses(ORGANISER, "Places").await;
    app.says(ORGANISER, "1").await;
    let done = shown(&app, ORGANISER);
    assert!(
        done.contains("2 présences confirmées dépassent le nouveau nombre"),
        "{done}"
    );
    for k in 0..3 {
        assert_eq!(seat(k).await.unwrap(), Some(SeatKind::Confirmed));
    }
    assert_eq!(
        workshops::get(&app.state.db, id)
            .await
            .unwrap()
            .unwrap()
            .capacity
            .get(),
        1
    );
    app.finish().await;
}

pub async fn a_started_workshop_is_refused_alike_in_chat_and_on_the_command_line(backend: Backend) {
    let app = organiser_app(backend).await;
    let (id, _, worker) = app.presidents_invited(&[6401, 6402], 40).await;
    app.presses(6401, "Je viendrai").await;
    // Ten minutes after the start (09:00 local, UTC+1 in January 2026); what was due is sent.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 20, 8, 10, 0).unwrap());
    worker.deliver_due().await.unwrap();
    let before = workshops::get(&app.state.db, id).await.unwrap().unwrap();
    let last_audit = audit::latest(&app.state.db, 1).await.unwrap()[0].at;
    let received =
        |app: &crate::support::TestApp| [6401, 6402].map(|chat| app.received(chat).len());
    let seen = received(&app);

    // In chat: moving, cancelling and resizing are refused with the same words.
    let started = t(&app, "workshop-change-refused-started");
    for data in [
        format!("1:move:{id}"),
        format!("1:cancel:{id}:y"),
        format!("1:seats:{id}"),
    ] {
        assert_eq!(
            app.presses_forged(ORGANISER, 1, &data).await,
            Some(started.clone()),
            "{data}"
        );
    }

    // On the command line (whose clock is the machine's, long after January 2026): the same
    // refusal, in English.
    let english = strip_bidi(
        &app.state
            .i18n
            .t(Language::En, "workshop-change-refused-started"),
    );
    let number = id.to_string();
    let moved = takwin(
        app.database_url(),
        &[
            "workshop",
            "move",
            &number,
            "--date",
            "27/01/2099",
            "--time",
            "10:00",
        ],
    );
    assert!(!moved.status.success(), "the move is refused");
    assert!(stderr(&moved).contains(&english), "{}", stderr(&moved));
    let cancelled = takwin(app.database_url(), &["workshop", "cancel", &number]);
    assert!(!cancelled.status.success(), "the cancellation is refused");
    assert!(
        stderr(&cancelled).contains(&english),
        "{}",
        stderr(&cancelled)
    );

    // Nothing changed, nothing audited, nobody told.
    assert_eq!(
        workshops::get(&app.state.db, id).await.unwrap().unwrap(),
        before
    );
    assert_eq!(
        audit::latest(&app.state.db, 1).await.unwrap()[0].at,
        last_audit
    );
    worker.deliver_due().await.unwrap();
    assert_eq!(received(&app), seen);
    app.finish().await;
}
