//! Workshops in storage: created with their audience invited, answers with a waiting list
//! written back and reloaded, moved and cancelled — the same on both backends.

use chrono::{TimeZone, Utc};
use takwin::actions::{self, Caller, workshops::ChangeRefusal};
use takwin::domain::audience::Audience;
use takwin::domain::ids::PersonId;
use takwin::domain::roster::Role;
use takwin::domain::schedule::DEFAULT_REMINDER_OFFSETS;
use takwin::domain::workshop::{Capacity, NewWorkshop, Seat, SeatKind, default_deadline};
use takwin::store::{audit, roster, workshops};

use crate::support::{Backend, TestApp};

pub async fn a_workshop_with_a_waiting_list_is_stored_moved_and_cancelled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let zone = app.state.settings.timezone.clone();
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    let audience = Audience {
        roles: vec!["president".into(), "finance_staff".into()],
        provinces: vec!["El Hajeb".into()],
        communes: Vec::new(),
        ..Audience::default()
    };
    let new = NewWorkshop {
        title: "Programming the communal budget".into(),
        topic: None,
        starts_at,
        venue: "Province seat, El Hajeb".into(),
        audience: audience.clone(),
        capacity: Capacity::new(2).unwrap(),
        reminders: DEFAULT_REMINDER_OFFSETS.to_vec(),
        answer_deadline: default_deadline(starts_at, &zone, app.now()),
        form: Default::default(),
    };

    let (id, invited) = workshops::create(&app.state.db, &new, "tg:1 organiser", app.now())
        .await
        .unwrap();

    let people = roster::all_people(&app.state.db).await.unwrap();
    let expected: Vec<PersonId> = people
        .iter()
        .filter(|p| matches!(p.role, Role::President | Role::FinanceStaff))
        .map(|p| p.id)
        .collect();
    assert_eq!(
        invited,
        expected.len(),
        "presidents and finance staff of every body"
    );
    let stored = workshops::get(&app.state.db, id).await.unwrap().unwrap();
    assert_eq!(stored.title, new.title);
    assert_eq!(stored.audience, audience);
    assert_eq!(stored.reminders, new.reminders);
    assert_eq!(stored.capacity.get(), 2);

    // Three say yes for two seats; then the first withdraws and the third is promoted.
    let (a, b, c) = (expected[0], expected[1], expected[2]);
    // Through the actions chat calls: a person answers for themselves, one at a time.
    let answer = |person, yes| {
        let state = app.state.clone();
        async move {
            actions::answers::answer(&state, person, id, yes)
                .await
                .unwrap()
                .expect("accepted")
                .decision
        }
    };
    assert_eq!(answer(a, true).await.seat, Seat::Confirmed);
    assert_eq!(answer(b, true).await.seat, Seat::Confirmed);
    assert_eq!(answer(c, true).await.seat, Seat::Waiting { position: 1 });
    let withdrawal = answer(a, false).await;
    actions::answers::give_reason(&app.state, a, id, "session")
        .await
        .unwrap()
        .expect("the reason is kept");
    assert_eq!(withdrawal.seat, Seat::Declined);
    assert_eq!(withdrawal.promoted, [c]);
    let reloaded = workshops::invitees(&app.state.db, id).await.unwrap();
    let seat = |p| reloaded.iter().find(|i| i.person == p).unwrap().seat;
    assert_eq!(
        (seat(a), seat(b), seat(c)),
        (SeatKind::Declined, SeatKind::Confirmed, SeatKind::Confirmed)
    );
    let reason = reloaded
        .iter()
        .find(|i| i.person == a)
        .unwrap()
        .reason
        .clone();
    assert_eq!(reason.as_deref(), Some("session"));

    // Moved a week later: answers kept, sequence bumped. Then cancelled.
    let later = starts_at + chrono::Duration::days(7);
    let organiser = Caller {
        label: "tg:1 organiser".into(),
        person: None,
        organiser: true,
        finance_officer: false,
    };
    let moved = actions::workshops::move_to(&app.state, &organiser, id, later)
        .await
        .unwrap()
        .expect("moved");
    assert_eq!(
        moved.workshop.answer_deadline,
        default_deadline(later, &zone, app.now())
    );
    let moved = workshops::get(&app.state.db, id).await.unwrap().unwrap();
    assert_eq!((moved.starts_at, moved.sequence), (later, 1));
    assert_eq!(
        workshops::invitees(&app.state.db, id).await.unwrap(),
        reloaded
    );
    assert_eq!(
        workshops::upcoming(&app.state.db, app.now())
            .await
            .unwrap()
            .len(),
        1
    );
    actions::workshops::cancel(&app.state, &organiser, id)
        .await
        .unwrap()
        .expect("cancelled");
    assert_eq!(
        actions::workshops::cancel(&app.state, &organiser, id)
            .await
            .unwrap()
            .unwrap_err(),
        ChangeRefusal::Cancelled,
        "a second cancellation is refused"
    );
    assert!(
        workshops::upcoming(&app.state.db, app.now())
            .await
            .unwrap()
            .is_empty()
    );
    let cancelled = workshops::get(&app.state.db, id).await.unwrap().unwrap();
    assert!(cancelled.answer_terms().cancelled);

    let actions: Vec<String> = audit::latest(&app.state.db, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.starts_with("workshop."))
        .collect();
    assert_eq!(
        actions,
        ["workshop.cancel", "workshop.move", "workshop.create"]
    );
    app.finish().await;
}
