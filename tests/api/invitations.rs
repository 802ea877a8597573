//! Journey 2, first part: invitations with the calendar file and answer buttons, answers with
//! a waiting list, a promotion, a reason, refusals that change nothing, reminders only to
//! those who did not decline.

use chrono::{TimeZone, Utc};
use takwin::domain::audience::Audience;
use takwin::domain::ids::{PersonId, WorkshopId};
use takwin::domain::roster::{Appointment, Language, Role};
use takwin::domain::schedule::DEFAULT_REMINDER_OFFSETS;
use takwin::domain::workshop::{Capacity, NewWorkshop, SeatKind, default_deadline};
use takwin::emulator::{CallbackAnswer, NewUser};
use takwin::i18n::{Args, strip_bidi};
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::outbox::workshops::{announce_change, queue_missing, send_invitations};
use takwin::store::{roster, workshops};

use crate::support::{Backend, TestApp};

/// Presses the button labelled `label` on the latest message that has it; returns Telegram's
/// answer to the press (the toast or alert the person saw).
async fn press(app: &TestApp, user: i64, label: &str) -> CallbackAnswer {
    let message = app
        .received(user)
        .into_iter()
        .rev()
        .find(|m| m.button(label).is_some())
        .unwrap_or_else(|| panic!("no button {label:?} for {user}"));
    let data = message.button(label).unwrap().callback_data.unwrap();
    let update = app
        .emulator
        .press_button(user, message.message_id, &data)
        .unwrap();
    app.handled(update).await.unwrap();
    let id = app.emulator.callback_query_id(update).unwrap();
    app.emulator
        .callback_answer(&id)
        .expect("every press is answered")
}

async fn seat(app: &TestApp, workshop: WorkshopId, person: PersonId) -> SeatKind {
    workshops::invitees(&app.state.db, workshop)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.person == person)
        .map(|i| i.seat)
        .unwrap()
}

fn t(app: &TestApp, key: &str) -> String {
    strip_bidi(&app.state.i18n.t(Language::Fr, key))
}

pub async fn invitation_answers_waiting_list_and_reminders(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let presidents: Vec<_> = people
        .iter()
        .filter(|p| p.role == Role::President)
        .take(3)
        .collect();
    let outsider = people.iter().find(|p| p.role == Role::Councillor).unwrap();
    let chats = [4501, 4502, 4503];
    app.join_as(&presidents, &chats, Language::Fr).await;
    app.emulator
        .add_user(NewUser::new(4509, "Councillor").language("fr"));
    roster::link(&app.state.db, outsider.id, 4509, app.now())
        .await
        .unwrap();
    // Tuesday 20 January 2026, 09:00 in Casablanca.
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    let new = app.presidents_workshop("Programmation du budget communal", starts_at, 2);
    let (id, invited) = workshops::create(&app.state.db, &new, "test", app.now())
        .await
        .unwrap();
    assert_eq!(invited, 17, "every president, joined or not");
    assert_eq!(
        send_invitations(&app.state, id).await.unwrap(),
        3,
        "the three who joined"
    );
    assert_eq!(
        send_invitations(&app.state, id).await.unwrap(),
        0,
        "never twice"
    );
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig {
            rate_per_second: 1000,
            ..DeliveryConfig::default()
        },
    );
    assert_eq!(worker.deliver_due().await.unwrap().sent, 3);

    let invitation = app.received(4501).pop().unwrap();
    let text = strip_bidi(&invitation.text);
    assert!(text.contains("Programmation du budget communal"), "{text}");
    assert!(
        text.contains("mardi 20 janvier 2026 à 09:00"),
        "local time: {text}"
    );
    let ics = invitation.document.as_ref().expect("a calendar file");
    assert!(ics.file_name.as_deref().unwrap().ends_with(".ics"));
    let ics = String::from_utf8(ics.bytes.clone()).unwrap();
    assert!(
        ics.contains("DTSTART:20260120T080000Z") && ics.contains("BEGIN:VALARM"),
        "{ics}"
    );
    assert_eq!(invitation.buttons().len(), 2);

    // Two seats, three yes: the third waits.
    let yes = t(&app, "button-rsvp-yes");
    let no = t(&app, "button-rsvp-no");
    press(&app, 4501, &yes).await;
    press(&app, 4502, &yes).await;
    let third = press(&app, 4503, &yes).await;
    assert!(
        third.text.unwrap().contains('1'),
        "waiting list, first in line"
    );
    let (p1, p2, p3) = (presidents[0].id, presidents[1].id, presidents[2].id);
    assert_eq!(seat(&app, id, p1).await, SeatKind::Confirmed);
    assert_eq!(seat(&app, id, p3).await, SeatKind::Waiting);
    let shown = app.received(4501).pop().unwrap();
    assert!(
        shown.buttons()[0].text.starts_with('✓'),
        "the answer shows on the invitation"
    );

    // Someone not invited presses a forged button: refused, nothing changes.
    let forged = app
        .emulator
        .press_forged(4509, 4509, 1, &format!("1:rsvp:{id}:y"));
    app.handled(forged).await.unwrap();
    let answer = app
        .emulator
        .callback_answer(&app.emulator.callback_query_id(forged).unwrap())
        .unwrap();
    assert!(answer.show_alert);
    assert_eq!(
        answer.text.as_deref().map(strip_bidi),
        Some(t(&app, "rsvp-refused-not-invited"))
    );
    assert_eq!(
        workshops::invitees(&app.state.db, id)
            .await
            .unwrap()
            .iter()
            .filter(|i| i.seat != SeatKind::NoAnswer)
            .count(),
        3
    );

    // The first cannot come after all: the waiting one is promoted and told.
    press(&app, 4501, &no).await;
    assert_eq!(seat(&app, id, p1).await, SeatKind::Declined);
    assert_eq!(seat(&app, id, p3).await, SeatKind::Confirmed);
    press(&app, 4501, &t(&app, "button-reason-session")).await;
    let reason = workshops::invitees(&app.state.db, id).await.unwrap();
    let reason = reason
        .iter()
        .find(|i| i.person == p1)
        .unwrap()
        .reason
        .clone();
    assert_eq!(reason.as_deref(), Some("session"));
    assert_eq!(
        app.received(4501).pop().unwrap().as_sent(),
        t(&app, "rsvp-reason-thanks")
    );
    worker.deliver_due().await.unwrap();
    let news = strip_bidi(&app.received(4503).pop().unwrap().text);
    assert!(
        news.contains("Programmation du budget communal") && news.contains("confirmée"),
        "{news}"
    );

    // 7 days before, 09:00 local: reminders to the two coming, not to the one who declined.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 13, 8, 0, 0).unwrap());
    let round = worker.deliver_due().await.unwrap();
    assert_eq!((round.sent, round.skipped), (2, 1));
    assert!(strip_bidi(&app.received(4502).pop().unwrap().text).contains("Rappel"));

    // After the deadline, answers are refused and nothing changes.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 19, 19, 0, 0).unwrap());
    let late = press(&app, 4502, &no).await;
    assert_eq!(
        late.text.as_deref().map(strip_bidi),
        Some(t(&app, "rsvp-refused-deadline-passed"))
    );
    assert_eq!(seat(&app, id, p2).await, SeatKind::Confirmed);
    app.finish().await;
}

pub async fn the_last_seat_goes_to_one_of_many_who_answer_at_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let chats: Vec<i64> = (0..8).map(|k| 4701 + k).collect();
    let (id, _, _) = app.presidents_invited(&chats, 2).await;
    // Eight presses arrive together for two seats; the bot handles chats concurrently.
    let yes = t(&app, "button-rsvp-yes");
    let updates: Vec<i64> = chats
        .iter()
        .map(|&chat| {
            let message = app.received(chat).pop().unwrap();
            let data = message.button(&yes).unwrap().callback_data.unwrap();
            app.emulator
                .press_button(chat, message.message_id, &data)
                .unwrap()
        })
        .collect();
    for update in updates {
        app.handled(update).await.unwrap();
    }
    let seats = workshops::invitees(&app.state.db, id).await.unwrap();
    let confirmed = seats
        .iter()
        .filter(|i| i.seat == SeatKind::Confirmed)
        .count();
    let waiting = seats.iter().filter(|i| i.seat == SeatKind::Waiting).count();
    assert_eq!(
        (confirmed, waiting),
        (2, 6),
        "never more confirmed than seats"
    );
    app.finish().await;
}

/// Answers to two workshops pressed together are decided together (several in one
/// transaction, by the answer desk), each on its own workshop's seats: every press is answered
/// without an alert, each workshop fills its two seats and puts the rest in line, and the
/// places told in line are 1, 2, 3, 4 in each.
pub async fn answers_to_two_workshops_at_once_are_each_decided_on_their_own_seats(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let chats: Vec<i64> = (0..6).map(|k| 4801 + k).collect();
    let (first, _, worker) = app.presidents_invited(&chats, 2).await;
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 21, 8, 0, 0).unwrap();
    let new = app.presidents_workshop("Gestion des archives", starts_at, 2);
    let (second, _) = workshops::create(&app.state.db, &new, "test", app.now())
        .await
        .unwrap();
    send_invitations(&app.state, second).await.unwrap();
    worker.deliver_due().await.unwrap();
    let yes = t(&app, "button-rsvp-yes");
    // Both invitations of every chat, all pressed before any is handled.
    let mut updates = Vec::new();
    for &chat in &chats {
        let invitations: Vec<_> = app
            .received(chat)
            .into_iter()
            .filter(|m| m.button(&yes).is_some())
            .collect();
        assert_eq!(invitations.len(), 2, "two invitations for {chat}");
        for message in invitations {
            let data = message.button(&yes).unwrap().callback_data.unwrap();
            let update = app
                .emulator
                .press_button(chat, message.message_id, &data)
                .unwrap();
            updates.push(update);
        }
    }
    for &update in &updates {
        app.handled(update).await.unwrap();
    }
    let mut toasts = Vec::new();
    for &update in &updates {
        let id = app.emulator.callback_query_id(update).unwrap();
        let answer = app
            .emulator
            .callback_answer(&id)
            .expect("every press answered");
        assert!(!answer.show_alert, "a press refused: {answer:?}");
        toasts.push(strip_bidi(&answer.text.unwrap_or_default()));
    }
    for workshop in [first, second] {
        let seats = workshops::invitees(&app.state.db, workshop).await.unwrap();
        let count = |kind| seats.iter().filter(|i| i.seat == kind).count();
        assert_eq!(
            (count(SeatKind::Confirmed), count(SeatKind::Waiting)),
            (2, 4),
            "workshop {workshop}: two seats, four in line"
        );
    }
    // Each place in each line told once: 1 to 4, twice over (one line per workshop).
    let confirmed = t(&app, "rsvp-confirmed");
    assert_eq!(toasts.iter().filter(|text| **text == confirmed).count(), 4);
    for position in 1..=4 {
        let args = Args::new().num("position", position);
        let place = strip_bidi(&app.state.i18n.t_args(Language::Fr, "rsvp-waiting", &args));
        let told = toasts.iter().filter(|text| **text == place).count();
        assert_eq!(told, 2, "place {position} told twice: {toasts:?}");
    }

    // In the first workshop, both holders of a seat and the second in line cancel together:
    // whatever order they are decided in, the first and third in line take the seats and the
    // fourth waits. Each chat's first press was on the first workshop's invitation.
    let mut seated = Vec::new();
    let mut line = [0; 4];
    for (k, &chat) in chats.iter().enumerate() {
        match (1..=4).find(|&position| {
            let args = Args::new().num("position", position);
            toasts[2 * k] == strip_bidi(&app.state.i18n.t_args(Language::Fr, "rsvp-waiting", &args))
        }) {
            Some(position) => line[position as usize - 1] = chat,
            None => seated.push(chat),
        }
    }
    let no = t(&app, "button-rsvp-no");
    let cancelling = [seated[0], seated[1], line[1]];
    let mut updates = Vec::new();
    for chat in cancelling {
        let invitation = app
            .received(chat)
            .into_iter()
            .find(|m| m.button(&no).is_some())
            .expect("the first workshop's invitation");
        let data = invitation.button(&no).unwrap().callback_data.unwrap();
        updates.push(
            app.emulator
                .press_button(chat, invitation.message_id, &data)
                .unwrap(),
        );
    }
    for update in updates {
        app.handled(update).await.unwrap();
    }
    let seats = workshops::invitees(&app.state.db, first).await.unwrap();
    let mut seat_of_chat = Vec::new();
    for chat in [line[0], line[2], line[3], line[1], seated[0], seated[1]] {
        let person = roster::by_telegram(&app.state.db, chat)
            .await
            .unwrap()
            .unwrap()
            .id;
        seat_of_chat.push(seats.iter().find(|i| i.person == person).unwrap().seat);
    }
    use SeatKind::{Confirmed, Declined, Waiting};
    assert_eq!(
        seat_of_chat,
        [Confirmed, Confirmed, Waiting, Declined, Declined, Declined],
        "first and third in line seated, fourth waiting, the three who cancelled declined"
    );
    app.finish().await;
}

/// Answers at random, many at once, decided by the answer desk in batches (each on the seats
/// the previous left, most without reading the waiting line): after every round, never more
/// confirmed than seats, no seat free while someone waits, and whoever was last told they hold a seat or declined still does; one told they wait waits
/// or has been seated since. The counts kept by the database are checked by `finish`.
pub async fn answers_at_random_in_batches_keep_the_seats_right(backend: Backend) {
    use rand::{Rng, SeedableRng, rngs::StdRng};
    use takwin::actions::answers;
    use takwin::domain::workshop::Seat;

    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let chats: Vec<i64> = (0..10).map(|k| 4901 + k).collect();
    let (workshop, presidents, _) = app.presidents_invited(&chats, 3).await;
    let people: Vec<PersonId> = presidents.iter().map(|p| p.id).collect();
    let mut rng = StdRng::seed_from_u64(22);
    for round in 0..40 {
        let pressed: Vec<(PersonId, bool)> = (0..rng.random_range(1..=12))
            .map(|_| {
                let person = people[rng.random_range(0..people.len())];
                (person, rng.random_bool(0.6))
            })
            .collect();
        let decided = futures::future::join_all(
            pressed
                .iter()
                .map(|&(person, yes)| answers::answer(&app.state, person, workshop, yes)),
        )
        .await;
        // What each was told last: one person's presses in a round are decided in the order
        // they were made (one handler per chat), here in the order of the list.
        let mut told = std::collections::HashMap::new();
        for (&(person, _), outcome) in pressed.iter().zip(decided) {
            let answered = outcome.unwrap().expect("every answer is taken");
            told.insert(person, answered.decision.seat);
        }
        let seats = workshops::invitees(&app.state.db, workshop).await.unwrap();
        let count = |kind| seats.iter().filter(|i| i.seat == kind).count();
        let (confirmed, waiting) = (count(SeatKind::Confirmed), count(SeatKind::Waiting));
        assert!(
            confirmed <= 3,
            "round {round}: {confirmed} confirmed for 3 seats"
        );
        assert!(
            waiting == 0 || confirmed == 3,
            "round {round}: a seat free while {waiting} wait"
        );
        for (person, seat) in told {
            let stored = seats.iter().find(|i| i.person == person).unwrap().seat;
            let holds = match seat {
                Seat::Confirmed => stored == SeatKind::Confirmed,
                Seat::Declined => stored == SeatKind::Declined,
                Seat::Waiting { .. } => {
                    stored == SeatKind::Waiting || stored == SeatKind::Confirmed
                }
                Seat::NoAnswer => false,
            };
            assert!(
                holds,
                "round {round}: {person} told {seat:?}, stored {stored:?}"
            );
        }
    }
    app.finish().await;
}

pub async fn messages_missed_by_a_stop_are_queued_at_start_up(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let presidents: Vec<_> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .take(2)
        .collect();
    app.join_as(&presidents, &[4601, 4602], Language::Fr).await;
    // Workshops stored as if the process stopped right after each change, before queueing
    // its messages: one created, one moved, one cancelled after its invitations were queued,
    // one cancelled before, one already over (5 January; today is the 10th).
    let new = |title: &str, day: u32| {
        let starts_at = Utc.with_ymd_and_hms(2026, 1, day, 8, 0, 0).unwrap();
        app.presidents_workshop(title, starts_at, 40)
    };
    let mut ids = Vec::new();
    for (title, day) in [
        ("Budget", 20),
        ("Archives", 21),
        ("Marchés", 22),
        ("Foncier", 23),
        ("Passé", 5),
    ] {
        let (id, _) = workshops::create(&app.state.db, &new(title, day), "t", app.now())
            .await
            .unwrap();
        ids.push(id);
    }
    let moved_to = Utc.with_ymd_and_hms(2026, 1, 28, 8, 0, 0).unwrap();
    workshops::move_to(&app.state.db, ids[1], moved_to, moved_to, "t", app.now())
        .await
        .unwrap();
    send_invitations(&app.state, ids[2]).await.unwrap();
    for cancelled in [ids[2], ids[3]] {
        workshops::cancel(&app.state.db, cancelled, "t", app.now())
            .await
            .unwrap();
    }

    // Per person: the invitations to Budget and Archives, the move of Archives and the
    // cancellation of Marchés; nothing about Foncier, which they never heard of.
    assert_eq!(queue_missing(&app.state).await.unwrap(), 8);
    assert_eq!(queue_missing(&app.state).await.unwrap(), 0, "never twice");
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    worker.deliver_due().await.unwrap();
    for chat in [4601, 4602] {
        let texts: Vec<String> = app
            .received(chat)
            .iter()
            .map(|m| strip_bidi(&m.text))
            .collect();
        let has = |a: &str, b: &str| texts.iter().any(|t| t.contains(a) && t.contains(b));
        assert!(has("Invitation", "Budget"), "{texts:?}");
        assert!(has("Changement de date", "28 janvier"), "{texts:?}");
        assert!(has("Marchés", "Atelier annulé"), "{texts:?}");
        assert!(
            !has("Invitation", "Marchés"),
            "a cancelled invitation is not sent: {texts:?}"
        );
        assert!(!has("Foncier", "") && !has("Passé", ""), "{texts:?}");
    }
    app.finish().await;
}

pub async fn an_official_who_joins_later_gets_pending_invitations(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let zone = app.state.settings.timezone.clone();
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 27, 8, 0, 0).unwrap();
    let new = NewWorkshop {
        title: "Gestion des archives".into(),
        topic: None,
        starts_at,
        venue: "Salle du conseil".into(),
        audience: Audience::roles(&[Role::FinanceStaff]),
        capacity: Capacity::new(30).unwrap(),
        reminders: DEFAULT_REMINDER_OFFSETS.to_vec(),
        answer_deadline: default_deadline(starts_at, &zone, app.now()),
        form: Default::default(),
    };
    let (id, _) = workshops::create(&app.state.db, &new, "test", app.now())
        .await
        .unwrap();
    assert_eq!(
        send_invitations(&app.state, id).await.unwrap(),
        0,
        "nobody has joined yet"
    );
    let staff = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.role == Role::FinanceStaff)
        .unwrap();
    app.emulator
        .add_user(NewUser::new(4601, "Finance").language("ar"));

    app.says(4601, &format!("/start {}", staff.invite_code))
        .await;
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    worker.deliver_due().await.unwrap();

    let invitation = app.received(4601).pop().unwrap();
    assert!(
        invitation.document.is_some(),
        "the invitation, with its calendar file"
    );
    assert!(strip_bidi(&invitation.text).contains("Gestion des archives"));
    assert!(
        strip_bidi(&invitation.text).contains("27 يناير 2026"),
        "Moroccan Arabic date"
    );
    app.finish().await;
}

pub async fn a_moved_workshop_tells_everyone_and_so_does_a_cancelled_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let presidents: Vec<_> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .take(2)
        .collect();
    app.join_as(&presidents, &[4701, 4702], Language::Fr).await;
    let zone = app.state.settings.timezone.clone();
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    let new = app.presidents_workshop("Programmation du budget communal", starts_at, 40);
    let (id, _) = workshops::create(&app.state.db, &new, "test", app.now())
        .await
        .unwrap();
    send_invitations(&app.state, id).await.unwrap();
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    worker.deliver_due().await.unwrap();
    press(&app, 4701, &t(&app, "button-rsvp-yes")).await;

    // Moved a week later, to Tuesday 27 January, 09:00 local.
    let later = Utc.with_ymd_and_hms(2026, 1, 27, 8, 0, 0).unwrap();
    let deadline = default_deadline(later, &zone, app.now());
    assert!(
        workshops::move_to(&app.state.db, id, later, deadline, "test", app.now())
            .await
            .unwrap()
    );
    assert_eq!(announce_change(&app.state, id).await.unwrap(), 2);
    worker.deliver_due().await.unwrap();
    for chat in [4701, 4702] {
        let notice = app.received(chat).pop().unwrap();
        let text = strip_bidi(&notice.text);
        assert!(text.contains("mardi 27 janvier 2026 à 09:00"), "{text}");
        let ics = String::from_utf8(notice.document.unwrap().bytes).unwrap();
        assert!(ics.contains("SEQUENCE:1") && ics.contains("DTSTART:20260127T080000Z"));
    }
    let kept = app.received(4701).pop().unwrap();
    assert!(
        kept.buttons()[0].text.starts_with('✓'),
        "the answer is kept and shown"
    );
    assert_eq!(seat(&app, id, presidents[0].id).await, SeatKind::Confirmed);

    // The reminders moved with it: nothing at the old 7-day time, something at the new one.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 13, 8, 0, 0).unwrap());
    assert_eq!(worker.deliver_due().await.unwrap().sent, 0);
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap());
    assert_eq!(worker.deliver_due().await.unwrap().sent, 2);

    // Cancelled: everyone is told, the other reminders are dropped, answers are refused.
    assert!(
        workshops::cancel(&app.state.db, id, "test", app.now())
            .await
            .unwrap()
    );
    assert_eq!(announce_change(&app.state, id).await.unwrap(), 2);
    worker.deliver_due().await.unwrap();
    let cancelled = app.received(4702).pop().unwrap();
    assert!(strip_bidi(&cancelled.text).contains("annulé"));
    let ics = String::from_utf8(cancelled.document.unwrap().bytes).unwrap();
    assert!(ics.contains("METHOD:CANCEL"), "{ics}");
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 26, 8, 0, 0).unwrap());
    assert_eq!(
        worker.deliver_due().await.unwrap().sent,
        0,
        "no reminder for a cancelled workshop"
    );
    let refused = press(&app, 4702, &t(&app, "button-rsvp-yes")).await;
    assert_eq!(
        refused.text.as_deref().map(strip_bidi),
        Some(t(&app, "rsvp-refused-cancelled"))
    );
    assert_eq!(seat(&app, id, presidents[1].id).await, SeatKind::NoAnswer);
    app.finish().await;
}

pub async fn organisers_follow_answers_live_and_nudge_the_silent(backend: Backend) {
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
        .add_user(NewUser::new(4800, "Organiser").language("fr"));
    app.says(4800, &format!("/start {}", organiser.invite_code))
        .await;
    let presidents: Vec<_> = people
        .iter()
        .filter(|p| p.role == Role::President)
        .take(3)
        .collect();
    app.join_as(&presidents, &[4801, 4802, 4803], Language::Fr)
        .await;
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    let new = app.presidents_workshop("Programmation du budget communal", starts_at, 40);
    let (id, _) = workshops::create(&app.state.db, &new, "test", app.now())
        .await
        .unwrap();
    send_invitations(&app.state, id).await.unwrap();
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    worker.deliver_due().await.unwrap();
    press(&app, 4801, &t(&app, "button-rsvp-yes")).await;
    press(&app, 4802, &t(&app, "button-rsvp-no")).await;

    // Officials see their own workshops; organiser views are refused to them.
    app.says(4801, "/my").await;
    let mine = strip_bidi(&app.received(4801).pop().unwrap().text);
    assert!(
        mine.contains("Programmation du budget communal") && mine.contains("Présence confirmée"),
        "{mine}"
    );
    app.says(4801, "/workshops").await;
    assert_eq!(
        strip_bidi(app.received(4801).pop().unwrap().as_sent()),
        t(&app, "organiser-only")
    );

    // The organiser sees the live counts: 17 presidents invited, 1 yes, 1 no, 15 silent.
    app.says(4800, "/workshops").await;
    let list = strip_bidi(&app.received(4800).pop().unwrap().text);
    assert!(list.contains("✅ 1/40 · ⏳ 0 · ❌ 1 · ❔ 15"), "{list}");
    press(&app, 4800, "📊").await;
    let details = app.received(4800).pop().unwrap();
    let text = strip_bidi(&details.text);
    assert!(text.contains("Invités : 17"), "{text}");
    let commune = presidents[0]
        .body
        .as_ref()
        .unwrap()
        .1
        .display(Language::Fr)
        .to_owned();
    assert!(
        text.contains(&format!("{commune} : ✅ 1 · ❌ 0 · ❔ 0")),
        "per commune: {text}"
    );
    // Those who have not answered, by name and commune; not those who did.
    assert!(text.contains("Pas encore de réponse (15) :"), "{text}");
    let silent = presidents[2];
    let silent_commune = silent.body.as_ref().unwrap().1.display(Language::Fr);
    assert!(
        text.contains(&format!("• {} — {silent_commune}", silent.full_name)),
        "{text}"
    );
    // The one who said yes is listed as coming, not among the silent.
    let (coming, pending) = text.split_once("Pas encore de réponse").unwrap();
    let yes = format!("• {} —", presidents[0].full_name);
    assert!(
        coming.contains("Présence confirmée (1)") && coming.contains(&yes),
        "{text}"
    );
    assert!(!pending.contains(&yes), "{text}");

    // One tap nudges the silent ones who have joined (one here), once a day.
    let toast = press(&app, 4800, "🔔").await;
    assert!(toast.text.unwrap().contains('1'));
    press(&app, 4800, "🔔").await;
    worker.deliver_due().await.unwrap();
    let nudges: Vec<_> = app
        .received(4803)
        .into_iter()
        .filter(|m| strip_bidi(&m.text).contains("pas encore reçu votre réponse"))
        .collect();
    assert_eq!(nudges.len(), 1);
    assert_eq!(nudges[0].buttons().len(), 2, "with the answer buttons");
    assert!(
        app.received(4801)
            .iter()
            .all(|m| !m.text.contains("pas encore reçu votre réponse"))
    );
    // At last the silent one answers, from /my: the entry is redrawn with the answer in words.
    app.says(4803, "/my").await;
    let entry = app.received(4803).pop().unwrap();
    assert!(strip_bidi(&entry.text).contains("Pas encore de réponse"));
    assert_eq!(entry.buttons().len(), 2, "answer buttons in /my");
    press(&app, 4803, &t(&app, "button-rsvp-yes")).await;
    let redrawn = app
        .received(4803)
        .into_iter()
        .find(|m| m.message_id == entry.message_id)
        .unwrap();
    assert!(
        strip_bidi(&redrawn.text).contains("Présence confirmée"),
        "{}",
        redrawn.text
    );
    assert!(redrawn.buttons()[0].text.starts_with('✓'));
    press(&app, 4803, &t(&app, "button-rsvp-no")).await;
    press(&app, 4803, &t(&app, "button-reason-other")).await;
    app.says(4803, "/my").await;
    assert!(strip_bidi(&app.received(4803).pop().unwrap().text).contains("Absence annoncée"));
    app.finish().await;
}

pub async fn after_the_workshop_attendees_rate_it_and_absentees_hear_of_the_next(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let presidents: Vec<_> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .take(2)
        .collect();
    app.join_as(&presidents, &[5001, 5002], Language::Fr).await;
    let zone = app.state.settings.timezone.clone();
    let workshop = |title: &str, starts_at| NewWorkshop {
        title: title.into(),
        topic: None,
        starts_at,
        venue: "Siège de la province".into(),
        audience: Audience::roles(&[Role::President]),
        capacity: Capacity::new(40).unwrap(),
        reminders: Vec::new(),
        answer_deadline: default_deadline(starts_at, &zone, app.now()),
        form: Default::default(),
    };
    let first = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    let second = Utc.with_ymd_and_hms(2026, 2, 3, 8, 0, 0).unwrap();
    let (a, _) = workshops::create(
        &app.state.db,
        &workshop("Budget communal", first),
        "t",
        app.now(),
    )
    .await
    .unwrap();
    let (b, _) = workshops::create(
        &app.state.db,
        &workshop("Gestion des archives", second),
        "t",
        app.now(),
    )
    .await
    .unwrap();
    send_invitations(&app.state, a).await.unwrap();
    send_invitations(&app.state, b).await.unwrap();
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    worker.deliver_due().await.unwrap();
    takwin::store::checkin::mark_present(&app.state.db, a, presidents[0].id, first)
        .await
        .unwrap();

    // Four hours after the start (13:00 local): a rating request to who came, "we missed
    // you" with the next workshop to who did not.
    app.clock.set(first + chrono::Duration::hours(4));
    worker.deliver_due().await.unwrap();
    let request = app.received(5001).pop().unwrap();
    assert!(strip_bidi(&request.text).contains("Quelle note lui donnez-vous"));
    assert_eq!(request.buttons().len(), 5);
    let missed = strip_bidi(&app.received(5002).pop().unwrap().text);
    assert!(
        missed.contains("Nous regrettons votre absence") && missed.contains("Gestion des archives"),
        "{missed}"
    );

    press(&app, 5001, "4 ⭐").await;
    assert_eq!(
        workshops::scores(&app.state.db, a).await.unwrap(),
        [(presidents[0].id, 4)]
    );
    let thanks = app.received(5001).pop().unwrap();
    assert!(strip_bidi(&thanks.text).contains("4/5"));
    assert!(
        strip_bidi(&thanks.text).contains(&t(&app, "evaluation-comment-prompt")),
        "a comment is invited: {}",
        thanks.text
    );
    // A comment with a right-to-left override is refused with the reason, nothing stored, and
    // the dialogue stays open for the comment.
    app.says(5001, "Très utile \u{202e}tnemelbirret").await;
    assert_eq!(
        app.received(5001).pop().unwrap().as_sent(),
        t(&app, "evaluation-error-comment-bidi-control")
    );
    assert!(
        workshops::comments(&app.state.db, a)
            .await
            .unwrap()
            .is_empty()
    );
    // The next message is the comment, stored as typed and shown escaped to organisers.
    app.says(5001, "Très utile <b>mais</b> trop court").await;
    assert_eq!(
        app.received(5001).pop().unwrap().as_sent(),
        t(&app, "evaluation-comment-thanks")
    );
    assert_eq!(
        workshops::comments(&app.state.db, a).await.unwrap(),
        [(4, "Très utile <b>mais</b> trop court".to_owned())]
    );
    // The dialogue is over: the next text is not a comment any more.
    app.says(5001, "bonjour").await;
    assert_eq!(
        app.received(5001).pop().unwrap().as_sent(),
        t(&app, "unknown-input")
    );
    assert_eq!(
        workshops::comments(&app.state.db, a).await.unwrap().len(),
        1
    );
    // "No comment" on the thanks afterwards only takes the button away; the comment stays.
    press(&app, 5001, &t(&app, "button-no-comment")).await;
    assert!(
        app.received(5001)
            .iter()
            .all(|m| m.button(&t(&app, "button-no-comment")).is_none())
    );
    assert_eq!(
        workshops::comments(&app.state.db, a).await.unwrap().len(),
        1
    );
    let forged = app
        .emulator
        .press_forged(5002, 5002, 1, &format!("1:rate:{a}:5"));
    app.handled(forged).await.unwrap();
    let refused = app
        .emulator
        .callback_answer(&app.emulator.callback_query_id(forged).unwrap())
        .unwrap();
    assert_eq!(
        refused.text.as_deref().map(strip_bidi),
        Some(t(&app, "evaluation-not-present"))
    );
    assert_eq!(workshops::scores(&app.state.db, a).await.unwrap().len(), 1);

    // A day later: no rating reminder for who has rated (nor for who was absent).
    let before = (app.received(5001).len(), app.received(5002).len());
    app.clock.advance(chrono::Duration::days(1));
    worker.deliver_due().await.unwrap();
    assert_eq!((app.received(5001).len(), app.received(5002).len()), before);

    // The organiser sees the outcome: who came and the ratings.
    let organiser = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
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
    app.join_as(&[organiser], &[5009], Language::Fr).await;
    app.says(5009, "/workshops").await;
    press(&app, 5009, "Budget communal").await;
    let outcome = strip_bidi(&app.received(5009).pop().unwrap().text);
    assert!(
        outcome.contains(&format!(
            "Présents : 1 · Absents : {} · Sans invitation : 0\nÉvaluation : 4,0/5 (1 note)",
            workshops::invitees(&app.state.db, a).await.unwrap().len() - 1
        )),
        "{outcome}"
    );
    // Per commune, who came: the one present in their commune's line.
    let came_from = presidents[0].body.as_ref().unwrap().1.display(Language::Fr);
    assert!(
        outcome.contains(&format!("• {came_from}\u{a0}: 📍 présents\u{a0}: 1 ·")),
        "{outcome}"
    );
    // The comment shows as the attendee typed it: their markup is text, not formatting.
    assert!(
        outcome.contains("4/5 — Très utile <b>mais</b> trop court"),
        "{outcome}"
    );
    assert!(
        app.received(5009)
            .pop()
            .unwrap()
            .as_sent()
            .contains("Très utile &lt;b&gt;mais&lt;/b&gt;"),
    );

    app.says(5001, "/history").await;
    assert!(app.last_text(5001).contains("✅ présence"));
    app.says(5002, "/history").await;
    assert!(app.last_text(5002).contains("❌ absence"));
    app.finish().await;
}
