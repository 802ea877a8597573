//! Announcements (issue 12): an audience resolved when it goes, each person once, in their
//! language; scheduled, recurring and cancelled ones; the figures; what is refused before
//! anything is queued — through the actions the chat and the command line share, and the
//! real `takwin` binary.

use chrono::Duration;
use takwin::actions::Caller;
use takwin::actions::broadcasts::{self, BroadcastRefusal};
use takwin::domain::audience::Audience;
use takwin::domain::audience_expression::parse_audience;
use takwin::domain::broadcast::{MAX_TEXT, Versions, When};
use takwin::domain::programme::KnownPlaces;
use takwin::domain::roster::{Language, Role};
use takwin::domain::schedule::CronSchedule;
use takwin::outbox::scheduler;
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::store::roster::{self, Person};
use takwin::store::{self, outbox};

use crate::new_workshop::{ORGANISER, organiser_app};
use crate::roster_cli::{stderr, takwin};
use crate::support::{Backend, SAMPLE_ROSTER, TestApp, TestDatabase, sent_html};

fn organiser() -> Caller {
    Caller {
        label: "tg:6100 Karim".into(),
        person: None,
        organiser: true,
        finance_officer: false,
    }
}

async fn audience(app: &TestApp, expression: &str) -> Audience {
    let places = KnownPlaces {
        provinces: roster::places(&app.state.db)
            .await
            .unwrap()
            .into_iter()
            .map(|p| (p.name, p.communes.into_iter().map(|(_, c)| c).collect()))
            .collect(),
    };
    parse_audience(expression, &places).unwrap()
}

fn body_is(person: &Person, name: &str) -> bool {
    person.body.as_ref().is_some_and(|(_, b)| b.latin == name)
}

/// How many messages each chat has received so far.
fn received_counts(app: &TestApp, chats: &[i64]) -> Vec<usize> {
    chats.iter().map(|chat| app.received(*chat).len()).collect()
}

fn worker(app: &TestApp) -> Deliverer {
    Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig {
            rate_per_second: 1000,
            ..DeliveryConfig::default()
        },
    )
}

const FRENCH: &str = "<b>Réunion des présidents</b>\nLa Région vous convie à la réunion de suivi du programme de formation &amp; des conventions.";
const ARABIC: &str =
    "<b>اجتماع رؤساء الجماعات</b>\nتدعوكم الجهة إلى اجتماع تتبع برنامج التكوين واتفاقيات التمويل.";

pub async fn an_announcement_reaches_each_person_once_in_their_language(backend: Backend) {
    let app = organiser_app(backend).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let presidents: Vec<&Person> = people
        .iter()
        .filter(|p| p.role == Role::President)
        .collect();
    let agourai_president = presidents
        .iter()
        .find(|p| body_is(p, "Agourai"))
        .copied()
        .unwrap();
    let other_presidents: Vec<&Person> = presidents
        .iter()
        .filter(|p| !body_is(p, "Agourai"))
        .copied()
        .collect();
    let agourai_councillor = people
        .iter()
        .find(|p| body_is(p, "Agourai") && p.role == Role::Councillor)
        .unwrap();
    let elsewhere = people
        .iter()
        .find(|p| !body_is(p, "Agourai") && p.role == Role::Councillor)
        .unwrap();
    app.join_as(&[agourai_president], &[8001], Language::Fr)
        .await;
    app.join_as(&[other_presidents[0]], &[8002], Language::Ar)
        .await;
    app.join_as(&[agourai_councillor], &[8003], Language::En)
        .await;
    app.join_as(&[elsewhere], &[8004], Language::Fr).await;
    app.join_as(&[other_presidents[1]], &[8005], Language::Fr)
        .await;

    // The presidents of the province, and everyone of Agourai: its president is in both
    // parts, and counted once.
    let audience = audience(
        &app,
        "province:\"El Hajeb\" & role:president | commune:Agourai",
    )
    .await;
    let expected = people
        .iter()
        .filter(|p| p.role == Role::President || body_is(p, "Agourai"))
        .count();
    let versions = Versions::new(
        vec![
            (Language::Fr, FRENCH.to_owned()),
            (Language::Ar, ARABIC.to_owned()),
        ],
        MAX_TEXT,
    )
    .unwrap();
    // The fifth has blocked the bot, and Telegram told us: not reachable.
    let update = app.emulator.block_user(8005, true).expect("a change");
    app.handled(update).await.unwrap();
    let preview = broadcasts::preview(&app.state, &organiser(), &audience, &versions)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(preview.reach.people, expected);
    assert_eq!(
        preview.reach.unreachable,
        expected - 3,
        "five joined, one of them in no part, one blocked the bot"
    );
    // French for the French and the English reader (French was written first), Arabic for
    // the Arabic reader.
    assert_eq!(
        preview
            .messages
            .iter()
            .map(|(l, _, n)| (*l, *n))
            .collect::<Vec<_>>(),
        [(Language::Fr, 2), (Language::Ar, 1)]
    );

    let sent = broadcasts::send(
        &app.state,
        &organiser(),
        "province:\"El Hajeb\" & role:president | commune:Agourai",
        &audience,
        &versions,
        None,
        &When::Now,
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(sent.queued, 3, "one row per person reachable, each once");
    // The English reader blocks the bot after it was queued: Telegram refuses it.
    app.emulator.block_user(8003, true);
    worker(&app).deliver_due().await.unwrap();

    // What each receives is the preview, to the character.
    let french = &preview.messages[0].1;
    let arabic = &preview.messages[1].1;
    for (chat, text) in [(8001, french), (8002, arabic)] {
        let received = app.received(chat);
        assert_eq!(received.len(), 1, "chat {chat} gets it once");
        assert_eq!(&sent_html(&received[0]), text, "chat {chat}");
    }
    for chat in [8003, 8004, 8005] {
        assert!(app.received(chat).is_empty(), "chat {chat}");
    }

    let listed = broadcasts::list(&app.state, &organiser(), 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(listed.len(), 1);
    let figures = listed[0].figures;
    assert_eq!(
        (
            figures.queued,
            figures.sent,
            figures.failed,
            figures.blocked
        ),
        (0, 2, 0, 1)
    );
    // The one refused is now known unreachable.
    let reach = broadcasts::reach(&app.state, &audience).await.unwrap();
    assert_eq!(reach.unreachable, expected - 2);
    let audit = store::audit::latest(&app.state.db, 5).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "broadcast.send"));
    app.finish().await;
}

pub async fn scheduled_and_recurring_announcements_fire_and_a_cancelled_one_stops(
    backend: Backend,
) {
    let app = organiser_app(backend).await;
    let presidents: Vec<Person> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .collect();
    app.join_as(&presidents[..2], &[8101, 8102], Language::Fr)
        .await;
    let audience = audience(&app, "role:president").await;
    let versions = Versions::new(vec![(Language::Fr, FRENCH.to_owned())], MAX_TEXT).unwrap();
    let worker = worker(&app);

    // Tomorrow at this time.
    let at = app.now() + Duration::days(1);
    let scheduled = broadcasts::send(
        &app.state,
        &organiser(),
        "role:president",
        &audience,
        &versions,
        None,
        &When::At(at),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(scheduled.queued, 0);
    assert_eq!(scheduler::tick(&app.state).await.unwrap().enqueued, 0);
    // A third president joins meanwhile: resolved when it goes, the audience includes them.
    app.join_as(&presidents[2..3], &[8103], Language::Fr).await;
    app.clock.set(at);
    assert_eq!(scheduler::tick(&app.state).await.unwrap().enqueued, 3);
    worker.deliver_due().await.unwrap();
    for chat in [8101, 8102, 8103] {
        assert_eq!(app.received(chat).len(), 1, "chat {chat}");
    }
    // Once only.
    app.clock.set(at + Duration::days(7));
    assert_eq!(scheduler::tick(&app.state).await.unwrap().enqueued, 0);
    app.clock.set(at);

    // Every Monday at 10:00, local time.
    let cron = CronSchedule::parse("0 10 * * 1").unwrap();
    let recurring = broadcasts::send(
        &app.state,
        &organiser(),
        "role:president",
        &audience,
        &versions,
        None,
        &When::Every(cron),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(recurring.next.len(), 3);
    app.clock.set(recurring.next[0]);
    assert_eq!(scheduler::tick(&app.state).await.unwrap().enqueued, 3);
    worker.deliver_due().await.unwrap();
    for chat in [8101, 8102, 8103] {
        assert_eq!(app.received(chat).len(), 2, "chat {chat}");
    }

    // The second Monday: queued, one message taken by a worker about to send it — and the
    // organiser cancels. Nothing more goes, not even the one in flight.
    app.clock.set(recurring.next[1]);
    assert_eq!(scheduler::tick(&app.state).await.unwrap().enqueued, 3);
    let in_flight = outbox::claim(
        &app.state.db,
        "another-worker",
        app.now(),
        Duration::seconds(30),
        1,
    )
    .await
    .unwrap();
    assert_eq!(in_flight.len(), 1);
    let dropped = broadcasts::cancel(&app.state, &organiser(), recurring.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dropped, 2);
    worker.deliver_due().await.unwrap();
    // The other worker's lease runs out; its row is taken again, and skipped.
    app.clock.set(recurring.next[1] + Duration::minutes(1));
    let round = worker.deliver_due().await.unwrap();
    assert_eq!((round.sent, round.skipped), (0, 1));
    for chat in [8101, 8102, 8103] {
        assert_eq!(
            app.received(chat).len(),
            2,
            "chat {chat}: nothing after the cancel"
        );
    }
    app.clock.set(recurring.next[2]);
    assert_eq!(scheduler::tick(&app.state).await.unwrap().enqueued, 0);

    let listed = broadcasts::list(&app.state, &organiser(), 10)
        .await
        .unwrap()
        .unwrap();
    let figures = listed
        .iter()
        .find(|l| l.broadcast.id == recurring.id)
        .unwrap()
        .figures;
    assert_eq!((figures.queued, figures.sent, figures.skipped), (0, 3, 3));
    assert_eq!(
        broadcasts::cancel(&app.state, &organiser(), recurring.id)
            .await
            .unwrap(),
        Err(BroadcastRefusal::AlreadyCancelled)
    );
    assert_eq!(
        broadcasts::cancel(&app.state, &organiser(), scheduled.id)
            .await
            .unwrap(),
        Err(BroadcastRefusal::AlreadySent)
    );
    assert_eq!(
        broadcasts::cancel(&app.state, &organiser(), 999)
            .await
            .unwrap(),
        Err(BroadcastRefusal::NotFound)
    );
    app.finish().await;
}

pub async fn a_non_organiser_and_bad_input_are_refused_with_nothing_queued(backend: Backend) {
    let app = organiser_app(backend).await;
    let official = Caller {
        label: "tg:8201 Official".into(),
        person: None,
        organiser: false,
        finance_officer: false,
    };
    let everyone = audience(&app, "all").await;
    let versions = Versions::new(vec![(Language::Fr, FRENCH.to_owned())], MAX_TEXT).unwrap();
    assert_eq!(
        broadcasts::send(
            &app.state,
            &official,
            "all",
            &everyone,
            &versions,
            None,
            &When::Now
        )
        .await
        .unwrap(),
        Err(BroadcastRefusal::NotOrganiser)
    );
    assert_eq!(
        broadcasts::preview(&app.state, &official, &everyone, &versions)
            .await
            .unwrap(),
        Err(BroadcastRefusal::NotOrganiser)
    );
    // An audience nobody is in, and a time gone.
    let nobody = audience(&app, "workshop:99").await;
    assert_eq!(
        broadcasts::send(
            &app.state,
            &organiser(),
            "workshop:99",
            &nobody,
            &versions,
            None,
            &When::Now
        )
        .await
        .unwrap(),
        Err(BroadcastRefusal::EmptyAudience)
    );
    let past = When::At(app.now() - Duration::minutes(1));
    assert_eq!(
        broadcasts::send(
            &app.state,
            &organiser(),
            "all",
            &everyone,
            &versions,
            None,
            &past
        )
        .await
        .unwrap(),
        Err(BroadcastRefusal::InThePast)
    );
    assert!(
        broadcasts::list(&app.state, &organiser(), 10)
            .await
            .unwrap()
            .unwrap()
            .is_empty()
    );
    assert!(outbox::outcomes(&app.state.db).await.unwrap().is_empty());
    app.finish().await;
}

pub async fn the_command_line_refuses_bad_input_and_previews_before_sending(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let dir = db.dir.path();
    let write = |name: &str, content: &str| {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    };
    let sample = write("sample.csv", SAMPLE_ROSTER);
    assert!(
        takwin(&db.url, &["roster", "import", &sample])
            .status
            .success()
    );
    let good = write("good.txt", FRENCH);
    let empty = write("empty.txt", "  \n");
    let long = write("long.txt", &"a".repeat(MAX_TEXT + 1));
    let broken = write("broken.txt", "<b>Réunion</i> demain");
    let unescaped = write("sign.txt", "Budget < 5 000 DH");
    let binary = dir.join("notice.pdf");
    std::fs::write(&binary, [0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00]).unwrap();
    let binary = binary.display().to_string();
    std::fs::create_dir(dir.join("stray")).unwrap();
    std::fs::write(dir.join("stray/fr.txt"), FRENCH).unwrap();
    std::fs::write(dir.join("stray/de.txt"), "Hallo").unwrap();
    let stray = dir.join("stray").display().to_string();
    let send = |extra: &[&str]| {
        let mut args = vec!["broadcast", "send"];
        args.extend_from_slice(extra);
        takwin(&db.url, &args)
    };
    let refusals: [(Vec<&str>, &str); 12] = [
        (vec!["--audience", "all", "--text-file", &empty], "no text"),
        (
            vec!["--audience", "all", "--text-file", &binary],
            "not UTF-8",
        ),
        (
            vec!["--audience", "all", "--text-file", &long],
            "4097 characters",
        ),
        (
            vec!["--audience", "all", "--text-file", &broken],
            "</i> closes <b>",
        ),
        (vec!["--audience", "all", "--text-file", &unescaped], "&lt;"),
        (
            vec!["--audience", "all", "--text-dir", &stray],
            "\"de.txt\"",
        ),
        (
            vec!["--audience", "province:Fes", "--text-file", &good],
            "not a province",
        ),
        (
            vec!["--audience", "role:president &", "--text-file", &good],
            "missing",
        ),
        (
            vec!["--audience", "workshop:99", "--text-file", &good],
            "reaches nobody",
        ),
        (
            vec![
                "--audience",
                "all",
                "--text-file",
                &good,
                "--cron",
                "0 25 * * *",
            ],
            "--cron",
        ),
        (
            vec![
                "--audience",
                "all",
                "--text-file",
                &good,
                "--at",
                "01/01/2020 09:00",
            ],
            "already passed",
        ),
        (
            vec!["--audience", "all", "--text-file", &good, "--at", "demain"],
            "--at",
        ),
    ];
    for (args, expected) in &refusals {
        let output = send(args);
        assert!(!output.status.success(), "{args:?} is refused");
        let err = stderr(&output);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let listed = takwin(&db.url, &["broadcast", "list"]);
    assert!(
        String::from_utf8_lossy(&listed.stdout).contains("No announcement yet"),
        "nothing was stored"
    );

    // A dry run: the head-count, who cannot be reached, the message as sent; nothing stored.
    let dry = send(&[
        "--audience",
        "role:president",
        "--text-file",
        &good,
        "--language",
        "fr",
        "--dry-run",
    ]);
    let out = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        out.contains("17 people in the audience, 17 cannot be reached"),
        "{out}"
    );
    assert!(out.contains("--- fr (0 recipients) ---"), "{out}");
    assert!(out.contains(FRENCH), "{out}");
    assert!(out.contains("Dry run: nothing was sent."), "{out}");

    // Sent for real, every Monday: the next dates with their day names; then cancelled.
    let texts = dir.join("texts");
    std::fs::create_dir(&texts).unwrap();
    std::fs::write(texts.join("fr.txt"), FRENCH).unwrap();
    std::fs::write(texts.join("ar.txt"), ARABIC).unwrap();
    let texts = texts.display().to_string();
    let sent = send(&[
        "--audience",
        "role:president",
        "--text-dir",
        &texts,
        "--cron",
        "0 9 * * 1",
    ]);
    let out = String::from_utf8_lossy(&sent.stdout).into_owned();
    assert!(sent.status.success(), "{}", stderr(&sent));
    assert!(out.contains("announcement 1:"), "{out}");
    assert_eq!(out.matches("Monday").count(), 3, "{out}");
    let listed =
        String::from_utf8_lossy(&takwin(&db.url, &["broadcast", "list"]).stdout).into_owned();
    assert!(listed.contains("every 0 9 * * 1"), "{listed}");
    assert!(
        listed.contains("17 in the audience when written, 17 of them unreachable"),
        "{listed}"
    );
    let cancelled = takwin(&db.url, &["broadcast", "cancel", "1"]);
    assert!(cancelled.status.success(), "{}", stderr(&cancelled));
    let again = takwin(&db.url, &["broadcast", "cancel", "1"]);
    assert!(
        stderr(&again).contains("already cancelled"),
        "{}",
        stderr(&again)
    );
    // Audited once, with the cancellation it describes, not for the refused second try.
    let database = store::Db::connect(&db.url).await.unwrap();
    let cancels: Vec<_> = store::audit::latest(&database, 20)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.action == "broadcast.cancel")
        .collect();
    assert_eq!(cancels.len(), 1, "{cancels:?}");
    assert!(cancels[0].detail.starts_with("broadcast 1 cancelled"));
    database.pool.close().await;
    db.drop_database().await;
}

pub async fn an_organiser_writes_previews_sends_and_follows_an_announcement_in_chat(
    backend: Backend,
) {
    let app = organiser_app(backend).await;
    let presidents: Vec<Person> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .collect();
    app.join_as(&presidents[..2], &[8301, 8302], Language::Fr)
        .await;
    app.join_as(&presidents[2..3], &[8303], Language::Ar).await;

    // An official may not.
    app.says(8301, "/broadcast").await;
    assert!(app.last_text(8301).contains("réservée aux organisateurs"));

    app.says(ORGANISER, "/broadcast").await;
    assert!(app.last_text(ORGANISER).contains("Nouvelle annonce"));
    // An empty text is refused and asked again.
    app.says(ORGANISER, "\u{200b}").await;
    assert!(
        app.last_text(ORGANISER).contains("sans texte"),
        "{}",
        app.last_text(ORGANISER)
    );
    // What the organiser types is sent as typed: a sign of HTML is escaped.
    app.says(
        ORGANISER,
        "Réunion de suivi des conventions & du programme, lundi.",
    )
    .await;
    assert!(
        app.last_text(ORGANISER)
            .contains("Texte en français enregistré")
    );
    app.presses(ORGANISER, "Version en arabe").await;
    app.says(ORGANISER, "اجتماع تتبع الاتفاقيات والبرنامج يوم الاثنين.")
        .await;
    app.presses(ORGANISER, "Choisir le public").await;
    app.presses(ORGANISER, "Présidents").await;
    assert!(
        app.last_text(ORGANISER).contains("17 personnes"),
        "{}",
        app.last_text(ORGANISER)
    );
    app.presses(ORGANISER, "Valider").await;

    // The preview: each version as its recipients will see it, then the reach.
    let shown = app.received(ORGANISER);
    let n = shown.len();
    let french = sent_html(&shown[n - 3]);
    let arabic = sent_html(&shown[n - 2]);
    assert_eq!(
        french,
        "Réunion de suivi des conventions &amp; du programme, lundi."
    );
    assert_eq!(arabic, "اجتماع تتبع الاتفاقيات والبرنامج يوم الاثنين.");
    let ready = sent_html(&shown[n - 1]);
    assert!(ready.contains("17 personnes"), "{ready}");
    assert!(ready.contains("14 ne peuvent être jointes"), "{ready}");

    app.presses(ORGANISER, "Envoyer maintenant").await;
    let report = app.last_text(ORGANISER);
    assert!(
        report.contains("Annonce n° 1\u{a0}: envoi en cours")
            && report.contains("En attente\u{a0}: 3"),
        "{report}"
    );
    // A double tap sends nothing more.
    app.presses(ORGANISER, "Envoyer maintenant").await;
    assert_eq!(
        broadcasts::list(&app.state, &organiser(), 10)
            .await
            .unwrap()
            .unwrap()
            .len(),
        1
    );
    let worker = worker(&app);
    worker.deliver_due().await.unwrap();
    assert_eq!(app.last_text(8301), french);
    assert_eq!(app.last_text(8302), french);
    assert_eq!(app.last_text(8303), arabic);

    // The confirmation becomes the summary, edited in place; once there, no more edits.
    let reports_before = app.received(ORGANISER).len();
    let edited = takwin::outbox::broadcast_report::report(&app.state, &app.bot, &worker)
        .await
        .unwrap();
    assert_eq!(edited, 1);
    assert_eq!(
        app.received(ORGANISER).len(),
        reports_before,
        "edited, not sent"
    );
    let summary = app.last_text(ORGANISER);
    assert!(
        summary.contains("envoyée")
            && summary.contains("Envoyés\u{a0}: 3")
            && summary.contains("Injoignables\u{a0}: 14"),
        "{summary}"
    );
    let edited = takwin::outbox::broadcast_report::report(&app.state, &app.bot, &worker)
        .await
        .unwrap();
    assert_eq!(edited, 0);

    // Tomorrow at 09:00, local time: the confirmation says when, and becomes the live report
    // once it has gone.
    let zone = &app.state.settings.timezone;
    let tomorrow = zone.local(app.now()).date() + Duration::days(1);
    app.says(ORGANISER, "/broadcast").await;
    app.says(ORGANISER, "Rappel : réunion de suivi demain après-midi.")
        .await;
    app.presses(ORGANISER, "Choisir le public").await;
    app.presses(ORGANISER, "Présidents").await;
    app.presses(ORGANISER, "Valider").await;
    app.presses(ORGANISER, "Programmer").await;
    app.says(ORGANISER, &format!("{} 09:00", tomorrow.format("%d/%m/%Y")))
        .await;
    let confirmation = app.received(ORGANISER).last().unwrap().clone();
    assert!(
        confirmation.text.contains("L'annonce n° 2 partira le"),
        "{}",
        confirmation.text
    );
    // Before its time, the report leaves the confirmation as it is.
    let edited = takwin::outbox::broadcast_report::report(&app.state, &app.bot, &worker)
        .await
        .unwrap();
    assert_eq!(edited, 0);
    let at = zone
        .resolve(tomorrow.and_hms_opt(9, 0, 0).unwrap())
        .earliest();
    app.clock.set(at);
    scheduler::tick(&app.state).await.unwrap();
    worker.deliver_due().await.unwrap();
    assert_eq!(
        app.last_text(8303),
        "Rappel : réunion de suivi demain après-midi."
    );
    takwin::outbox::broadcast_report::report(&app.state, &app.bot, &worker)
        .await
        .unwrap();
    let shown = app
        .received(ORGANISER)
        .into_iter()
        .find(|m| m.message_id == confirmation.message_id)
        .unwrap();
    assert!(
        shown.edits > 0 && shown.text.contains("Annonce n° 2\u{a0}: envoyée"),
        "{}",
        shown.text
    );

    // Every Monday at 09:00, from chat; then cancelled from /broadcasts.
    app.says(ORGANISER, "/broadcast").await;
    app.says(
        ORGANISER,
        "Rappel hebdomadaire : les conventions attendent vos conseils.",
    )
    .await;
    app.presses(ORGANISER, "Choisir le public").await;
    app.presses(ORGANISER, "Présidents").await;
    app.presses(ORGANISER, "Valider").await;
    app.presses(ORGANISER, "Programmer").await;
    app.says(ORGANISER, "lundi").await;
    assert!(app.last_text(ORGANISER).contains("ni un jour"));
    app.says(ORGANISER, "0 9 * * 1").await;
    assert!(
        app.last_text(ORGANISER).contains(
            "L'annonce n° 3 partira selon la règle de répétition «\u{a0}0 9 * * 1\u{a0}»"
        ),
        "{}",
        app.last_text(ORGANISER)
    );
    app.says(ORGANISER, "/broadcasts").await;
    let list = app.last_text(ORGANISER);
    assert!(
        list.contains("N° 3") && list.contains("N° 2") && list.contains("N° 1"),
        "{list}"
    );
    app.presses(ORGANISER, "Annuler le n° 3").await;
    let list = app.last_text(ORGANISER);
    assert!(list.contains("annulée"), "{list}");
    let audit = store::audit::latest(&app.state.db, 10).await.unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.action.starts_with("broadcast."))
            .count(),
        4
    );
    app.finish().await;
}

pub async fn in_chat_an_announcement_goes_to_a_workshops_silent_invitees(backend: Backend) {
    let app = organiser_app(backend).await;
    let (_, _, worker) = app.presidents_invited(&[8401, 8402, 8403], 40).await;
    app.presses(8401, "Je viendrai").await;
    let before = received_counts(&app, &[8401, 8402, 8403]);

    app.says(ORGANISER, "/broadcast").await;
    app.says(
        ORGANISER,
        "Merci de répondre à l'invitation avant vendredi.",
    )
    .await;
    app.presses(ORGANISER, "Choisir le public").await;
    // Each press of the workshop narrows it: its invitees, then those who have not answered.
    app.presses(ORGANISER, "Programmation du budget communal\u{a0}: invités")
        .await;
    app.presses(ORGANISER, "Programmation du budget communal\u{a0}: invités")
        .await;
    let shown = app.last_text(ORGANISER);
    assert!(
        shown.contains("sans réponse") && shown.contains("16 personnes"),
        "{shown}"
    );
    app.presses(ORGANISER, "Valider").await;
    assert!(
        app.last_text(ORGANISER)
            .contains("14 ne peuvent être jointes")
    );
    app.presses(ORGANISER, "Envoyer maintenant").await;
    worker.deliver_due().await.unwrap();
    let after = received_counts(&app, &[8401, 8402, 8403]);
    assert_eq!(
        after,
        [before[0], before[1] + 1, before[2] + 1],
        "the one who answered is left out"
    );
    assert_eq!(
        app.last_text(8402),
        "Merci de répondre à l'invitation avant vendredi."
    );

    // The workshop takes place; the one who said yes comes. Its button now narrows by
    // attendance: the invitees, those present, those absent.
    let workshop = takwin::store::workshops::upcoming(&app.state.db, app.now())
        .await
        .unwrap()
        .remove(0);
    let presidents = roster::all_people(&app.state.db).await.unwrap();
    app.clock.set(workshop.starts_at + Duration::hours(1));
    let came = presidents
        .iter()
        .find(|p| p.telegram_user_id == Some(8401))
        .unwrap();
    takwin::store::checkin::mark_present(&app.state.db, workshop.id, came.id, app.now())
        .await
        .unwrap();
    let before = received_counts(&app, &[8401, 8402, 8403]);
    app.says(ORGANISER, "/broadcast").await;
    app.says(
        ORGANISER,
        "Merci de votre présence : le support est en ligne.",
    )
    .await;
    app.presses(ORGANISER, "Choisir le public").await;
    app.presses(ORGANISER, "Programmation du budget communal\u{a0}: invités")
        .await;
    app.presses(ORGANISER, "Programmation du budget communal\u{a0}: invités")
        .await;
    let shown = app.last_text(ORGANISER);
    assert!(
        shown.contains("présents à «\u{a0}Programmation du budget communal\u{a0}»")
            && shown.contains("1 personne"),
        "{shown}"
    );
    app.presses(ORGANISER, "Valider").await;
    app.presses(ORGANISER, "Envoyer maintenant").await;
    worker.deliver_due().await.unwrap();
    let after = received_counts(&app, &[8401, 8402, 8403]);
    assert_eq!(
        after,
        [before[0] + 1, before[1], before[2]],
        "only the one present"
    );
    app.finish().await;
}

pub async fn an_announcement_carries_a_photo_or_a_document_under_its_texts(backend: Backend) {
    let app = organiser_app(backend).await;
    let presidents: Vec<Person> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .collect();
    app.join_as(&presidents[..1], &[8501], Language::Fr).await;
    app.join_as(&presidents[1..2], &[8502], Language::Ar).await;
    let worker = worker(&app);

    // A photo with its caption: the caption is the French text.
    let poster = b"\xFF\xD8\xFF\xE0 affiche de la session de fevrier \xFF\xD9".to_vec();
    app.says(ORGANISER, "/broadcast").await;
    app.sends_photo(
        ORGANISER,
        poster.clone(),
        "Session de février : le programme.",
    )
    .await
    .unwrap();
    let shown = app.last_text(ORGANISER);
    assert!(
        shown.contains("Photo jointe") && shown.contains("Texte en français enregistré"),
        "{shown}"
    );
    app.presses(ORGANISER, "Version en arabe").await;
    app.says(ORGANISER, "دورة فبراير: البرنامج.").await;
    app.presses(ORGANISER, "Choisir le public").await;
    app.presses(ORGANISER, "Présidents").await;
    app.presses(ORGANISER, "Valider").await;
    // The preview: each version under the photo, as its recipients will see it.
    let received = app.received(ORGANISER);
    let n = received.len();
    for (message, caption) in [
        (&received[n - 3], "Session de février : le programme."),
        (&received[n - 2], "دورة فبراير: البرنامج."),
    ] {
        let photo = message.photo.as_ref().expect("the preview shows the photo");
        assert_eq!(photo.bytes, poster);
        assert_eq!(message.text, caption);
    }
    app.presses(ORGANISER, "Envoyer maintenant").await;
    worker.deliver_due().await.unwrap();
    for (chat, caption) in [
        (8501, "Session de février : le programme."),
        (8502, "دورة فبراير: البرنامج."),
    ] {
        let got = app.received(chat).last().unwrap().clone();
        assert_eq!(got.photo.map(|p| p.bytes), Some(poster.clone()), "{chat}");
        assert_eq!(got.text, caption);
    }
    let stored = broadcasts::list(&app.state, &organiser(), 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored[0].figures.sent, 2);

    // A document first, its text after; a text too long for a caption is refused, and
    // nothing is lost: the document stays attached and the text is asked again.
    app.says(ORGANISER, "/broadcast").await;
    app.sends_document(
        ORGANISER,
        b"%PDF-1.4 programme".to_vec(),
        "programme.pdf",
        "",
    )
    .await
    .unwrap();
    let shown = app.last_text(ORGANISER);
    assert!(
        shown.contains("Document joint (programme.pdf)") && shown.contains("Merci d'écrire"),
        "{shown}"
    );
    app.says(ORGANISER, &"Programme détaillé de la session. ".repeat(40))
        .await;
    let shown = app.last_text(ORGANISER);
    assert!(shown.contains("1 024 sous une photo"), "{shown}");
    app.says(ORGANISER, "Le programme détaillé de la session.")
        .await;
    app.presses(ORGANISER, "Choisir le public").await;
    app.presses(ORGANISER, "Présidents").await;
    app.presses(ORGANISER, "Valider").await;
    app.presses(ORGANISER, "Envoyer maintenant").await;
    worker.deliver_due().await.unwrap();
    for chat in [8501, 8502] {
        let got = app.received(chat).last().unwrap().clone();
        let document = got.document.expect("the document");
        assert_eq!(document.file_name.as_deref(), Some("programme.pdf"));
        assert_eq!(document.bytes, b"%PDF-1.4 programme");
        assert_eq!(got.text, "Le programme détaillé de la session.");
    }

    // A long text written first, then a photo: the photo is refused, the text kept.
    app.says(ORGANISER, "/broadcast").await;
    app.says(ORGANISER, &"Compte rendu de la réunion. ".repeat(60))
        .await;
    app.presses(ORGANISER, "Version en arabe").await;
    app.sends_photo(ORGANISER, poster.clone(), "")
        .await
        .unwrap();
    let shown = app.last_text(ORGANISER);
    assert!(
        shown.contains("n'a pas été joint") && shown.contains("Merci d'écrire le texte en arabe"),
        "{shown}"
    );
    app.says(ORGANISER, "/cancel").await;
    assert_eq!(
        broadcasts::list(&app.state, &organiser(), 10)
            .await
            .unwrap()
            .unwrap()
            .len(),
        2,
        "nothing more was stored"
    );
    app.finish().await;
}

/// A file of the journey's own, as the organiser would save it.
fn text_file(dir: &std::path::Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.display().to_string()
}

/// Whether the command line says no announcement was ever stored.
fn nothing_stored(url: &str) -> bool {
    String::from_utf8_lossy(&takwin(url, &["broadcast", "list"]).stdout)
        .contains("No announcement yet")
}

pub async fn hostile_audiences_are_refused_at_the_command_line_before_anything_is_stored(
    backend: Backend,
) {
    let app = organiser_app(backend).await;
    let url = app.database_url().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let good = text_file(dir.path(), "fr.txt", FRENCH);
    let dry_run = |audience: &str| {
        takwin(
            &url,
            &[
                "broadcast",
                "send",
                "--audience",
                audience,
                "--text-file",
                &good,
                "--language",
                "fr",
                "--dry-run",
            ],
        )
    };
    let nested = |depth: usize| format!("{}role:president{}", "(".repeat(depth), ")".repeat(depth));
    let refusals = [
        // Ten thousand brackets deep: once a stack overflow that killed the process.
        (nested(10_000), "20014 characters, more than 10000"),
        (nested(17), "brackets nested more than 16 deep"),
        (
            vec!["role:president"; 501].join(" | "),
            "501 parts, more than 500",
        ),
    ];
    for (audience, reason) in &refusals {
        let output = dry_run(audience);
        assert!(!output.status.success(), "{reason}: refused");
        let err = stderr(&output);
        assert!(
            err.contains(reason) && err.contains("nothing was sent"),
            "{reason}: {err}"
        );
    }

    // A kilobyte of 25 bracketed unions joined by &: multiplied out, 2^25 intersections and
    // gigabytes; read as written, the presidents and everyone of Agourai, each once.
    let factor = "(role:president | commune:Agourai)";
    let product = format!("province:\"El Hajeb\" & {}", vec![factor; 25].join(" & "));
    assert!(product.len() > 900, "{}", product.len());
    let people = roster::all_people(&app.state.db).await.unwrap();
    let expected = people
        .iter()
        .filter(|p| p.role == Role::President || body_is(p, "Agourai"))
        .count();
    let output = dry_run(&product);
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        out.contains(&format!("{expected} people in the audience")),
        "{out}"
    );
    assert!(out.contains("Dry run: nothing was sent."), "{out}");
    assert!(nothing_stored(&url));
    app.finish().await;
}

pub async fn a_hostile_text_is_refused_at_the_command_line_and_in_chat_with_nothing_stored(
    backend: Backend,
) {
    let app = organiser_app(backend).await;
    let url = app.database_url().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let send = |text: &str| {
        let file = text_file(dir.path(), "fr.txt", text);
        takwin(
            &url,
            &[
                "broadcast",
                "send",
                "--audience",
                "role:president",
                "--text-file",
                &file,
                "--language",
                "fr",
            ],
        )
    };
    // Each refused with what and where, before anything is stored.
    let refusals = [
        (
            "Réunion demain &#x202E;gpj.exe",
            "a text-direction control (U+202E, character 16)",
        ),
        (
            "Réunion demain &#x202Egpj.exe",
            "a text-direction control (U+202E, character 16)",
        ),
        (
            "Réunion demain &#0; à 9 h",
            "refused at character 16: &#0; stands for no character",
        ),
        (
            "Réunion demain &#x110000; à 9 h",
            "&#x110000; stands for no character",
        ),
        (
            "Voir le <a href=\"javascript:alert(1)\">programme</a>.",
            "refused at character 9: the link javascript:alert(1) is not an address Telegram opens",
        ),
        (
            "Voir le <a href=\"java&#115;cript:alert(1)\">programme</a>.",
            "the link javascript:alert(1) is not an address Telegram opens",
        ),
        (
            "<a href=\"https://a.ma\">le <a href=\"https://b.ma\">programme</a></a>",
            "refused at character 27: <a> cannot be inside <a>",
        ),
    ];
    for (text, reason) in refusals {
        let output = send(text);
        assert!(!output.status.success(), "{text}: refused");
        let err = stderr(&output);
        assert!(err.contains(reason), "{text}: {err}");
        assert!(err.contains("nothing was sent"), "{text}: {err}");
    }
    assert!(nothing_stored(&url));

    // In chat, the character itself (pasted: a reference typed there is only text): refused
    // with what and where, and the text asked again.
    app.says(ORGANISER, "/broadcast").await;
    app.says(ORGANISER, "Réunion demain \u{202e}gpj.exe").await;
    let shown = app.last_text(ORGANISER);
    assert!(shown.starts_with('⚠'), "{shown}");
    assert!(
        shown.contains("caractère de contrôle du sens d'écriture (U+202E, caractère 16)"),
        "{shown}"
    );
    assert!(shown.contains("Nouvelle annonce"), "asked again: {shown}");
    assert!(
        broadcasts::list(&app.state, &organiser(), 10)
            .await
            .unwrap()
            .unwrap()
            .is_empty()
    );
    // A reference typed in chat is text, shown as typed: nothing is decoded.
    app.says(ORGANISER, "Code de la salle : &#x202E; (sic)")
        .await;
    assert!(
        app.last_text(ORGANISER)
            .contains("Texte en français enregistré"),
        "{}",
        app.last_text(ORGANISER)
    );
    app.presses(ORGANISER, "Choisir le public").await;
    app.presses(ORGANISER, "Présidents").await;
    app.presses(ORGANISER, "Valider").await;
    let shown = app.received(ORGANISER);
    let preview = &shown[shown.len() - 2];
    assert_eq!(preview.text, "Code de la salle : &#x202E; (sic)");
    assert!(!preview.text.contains('\u{202e}'));
    app.says(ORGANISER, "/cancel").await;
    assert!(
        broadcasts::list(&app.state, &organiser(), 10)
            .await
            .unwrap()
            .unwrap()
            .is_empty()
    );
    app.finish().await;
}

pub async fn a_code_block_reaches_officials_with_its_spaces_as_written(backend: Backend) {
    let app = organiser_app(backend).await;
    let presidents: Vec<Person> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .collect();
    app.join_as(&presidents[..2], &[8601, 8602], Language::Fr)
        .await;
    let url = app.database_url().to_owned();
    let dir = tempfile::tempdir().unwrap();
    let code = "fn budget() {\n    let total = 40;\n\n\n    total   // en milliers\n}";
    let text = format!(
        "Exemple  de calcul :\n\n\n<pre><code class=\"language-rust\">{code}</code></pre>\nMerci."
    );
    let file = text_file(dir.path(), "fr.txt", &text);
    // Outside the block the spacing is cleaned; inside, kept as written.
    let as_sent = format!(
        "Exemple de calcul :\n\n<pre><code class=\"language-rust\">{code}</code></pre>\nMerci."
    );
    let args = |extra: &[&str]| {
        let mut args = vec![
            "broadcast",
            "send",
            "--audience",
            "role:president",
            "--text-file",
            &file,
            "--language",
            "fr",
        ];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        takwin(&url, &args)
    };
    let dry = run(args(&["--dry-run"]));
    let out = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(out.contains(&as_sent), "{out}");

    // Tomorrow at 10:00, by the machine's clock (the command line's); then the bot's clock
    // is there.
    let zone = app.state.settings.timezone.clone();
    let tomorrow = zone.local(chrono::Utc::now()).date() + Duration::days(1);
    let at = zone
        .resolve(tomorrow.and_hms_opt(10, 0, 0).unwrap())
        .earliest();
    let when = format!("{} 10:00", tomorrow.format("%d/%m/%Y"));
    let sent = run(args(&["--at", &when]));
    assert!(sent.status.success(), "{}", stderr(&sent));
    app.clock.set(at);
    scheduler::tick(&app.state).await.unwrap();
    worker(&app).deliver_due().await.unwrap();
    for chat in [8601, 8602] {
        let received = app.received(chat);
        let message = received.last().expect("the announcement");
        assert_eq!(sent_html(message), as_sent, "as sent");
        assert_eq!(
            message.text,
            format!("Exemple de calcul :\n\n{code}\nMerci."),
            "as shown"
        );
        let pre = message
            .entities
            .iter()
            .find(|e| e.kind == "pre")
            .expect("a code block");
        assert_eq!(pre.language.as_deref(), Some("rust"));
        assert_eq!(pre.slice(&message.text), code);
    }
    app.finish().await;
}
