//! Journey 1: joining — by personal link, by one's own contact, and the refusals.

use takwin::domain::roster::{Appointment, Language, Role};
use takwin::i18n::{Args, strip_bidi};
use takwin::store::roster::{self, Person};

use crate::support::{Backend, TestApp, sent_html};

async fn people(app: &TestApp) -> Vec<Person> {
    roster::all_people(&app.state.db).await.expect("roster")
}

async fn someone(app: &TestApp, role: Role, nth: usize) -> Person {
    people(app)
        .await
        .into_iter()
        .filter(|p| p.role == role)
        .nth(nth)
        .expect("the sample roster has such a person")
}

fn t(app: &TestApp, language: Language, key: &str) -> String {
    strip_bidi(&app.state.i18n.t(language, key))
}

/// Appoints an organiser and has them join by link, in the given Telegram language.
async fn organiser_joins(app: &TestApp, user: i64, language_code: &str) -> Person {
    let organiser = someone(app, Role::ProvinceStaff, 0).await;
    roster::set_appointment(
        &app.state.db,
        organiser.id,
        Appointment::Organiser,
        true,
        "test",
        app.clock_now(),
    )
    .await
    .unwrap();
    app.user(user, "Organiser", Some(language_code));
    app.says(user, &format!("/start {}", organiser.invite_code))
        .await;
    organiser
}

impl TestApp {
    fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        takwin::clock::Clock::now(&self.clock)
    }
}

pub async fn by_personal_link(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let president = someone(&app, Role::President, 0).await;
    app.user(1001, "Official", Some("ar"));

    app.says(1001, &format!("/start {}", president.invite_code))
        .await;

    let linked = roster::by_telegram(&app.state.db, 1001)
        .await
        .unwrap()
        .expect("linked");
    assert_eq!(linked.id, president.id);
    let received = app.received(1001);
    assert_eq!(received.len(), 2, "a welcome, then the language question");
    let welcome = strip_bidi(&received[0].text);
    assert!(welcome.contains(&president.full_name), "{welcome}");
    assert!(
        welcome.contains(&strip_bidi(&takwin::views::text::person_title(
            &app.state.i18n,
            Language::Ar,
            &president
        ))),
        "{welcome}"
    );
    let question = &received[1];
    assert_eq!(
        sent_html(question),
        t(&app, Language::Ar, "language-prompt")
    );
    let labels: Vec<String> = question.buttons().into_iter().map(|b| b.text).collect();
    assert_eq!(labels.len(), 3, "{labels:?}");
    assert!(
        labels
            .iter()
            .any(|l| l.contains("العربية") && l.starts_with('✓')),
        "{labels:?}"
    );
    assert!(labels.iter().any(|l| l.contains("Français")), "{labels:?}");
    assert!(labels.iter().any(|l| l.contains("English")), "{labels:?}");

    // The official's chat gets the officials' menu, in their language, and no organiser command.
    let scope = serde_json::json!({"type": "chat", "chat_id": 1001});
    let menu = app
        .emulator
        .commands(&scope, None)
        .expect("a menu for this chat");
    let names: Vec<&str> = menu.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "my",
            "history",
            "my_training",
            "commune",
            "help",
            "me",
            "language",
            "stop"
        ]
    );
    app.finish().await;
}

pub async fn by_own_contact(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let councillor = someone(&app, Role::Councillor, 3).await;
    app.user(1002, "Official", None);

    app.says(1002, "/start").await;
    let welcome = app.received(1002).pop().unwrap();
    assert_eq!(
        sent_html(&welcome),
        t(&app, Language::Ar, "welcome-stranger")
    );
    let button = welcome.buttons().pop().expect("a button");
    assert!(button.request_contact, "the button shares the phone number");

    // Telegram sends the number without the plus sign.
    let phone = councillor.phone.as_str().trim_start_matches('+').to_owned();
    app.shares_contact(1002, &phone, Some(1002)).await;

    let linked = roster::by_telegram(&app.state.db, 1002)
        .await
        .unwrap()
        .expect("linked");
    assert_eq!(linked.id, councillor.id);
    let texts: Vec<String> = app.received(1002).iter().map(sent_html).collect();
    assert!(texts[1].contains(&councillor.full_name), "{texts:?}");
    assert_eq!(
        texts.last().unwrap(),
        &t(&app, Language::Ar, "language-prompt")
    );
    app.finish().await;
}

/// A joined person who shares their own contact from a new account moves to it: the old
/// account is let go, the move audited once, and their new app's language guessed for them.
pub async fn a_new_account_takes_over_by_own_contact(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let councillor = someone(&app, Role::Councillor, 3).await;
    let phone = councillor.phone.as_str().trim_start_matches('+').to_owned();
    app.user(1002, "Old phone", None);
    app.shares_contact(1002, &phone, Some(1002)).await;
    app.user(1003, "New phone", Some("fr"));
    app.shares_contact(1003, &phone, Some(1003)).await;

    let moved = roster::by_telegram(&app.state.db, 1003)
        .await
        .unwrap()
        .expect("linked to the new account");
    assert_eq!(moved.id, councillor.id);
    assert_eq!(moved.language, Language::Fr, "the new app's language");
    assert!(
        roster::by_telegram(&app.state.db, 1002)
            .await
            .unwrap()
            .is_none(),
        "the old account is let go"
    );
    let audit = takwin::store::audit::latest(&app.state.db, 50)
        .await
        .unwrap();
    let relinks: Vec<&str> = audit
        .iter()
        .filter(|e| e.action == "roster.relink")
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(
        relinks,
        [format!("person {} moved from tg:1002", councillor.id)]
    );

    // Linked by someone else between the read and the write: nothing changes, nothing is
    // audited.
    let joining = roster::join(
        &app.state.db,
        councillor.id,
        1004,
        None,
        Some(Language::En),
        "test",
        app.now(),
    )
    .await
    .unwrap();
    assert!(matches!(joining, roster::Joining::LinkedMeanwhile));
    let still = roster::by_id(&app.state.db, councillor.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (still.telegram_user_id, still.language),
        (Some(1003), Language::Fr)
    );
    app.finish().await;
}

pub async fn forged_contact_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    organiser_joins(&app, 2001, "fr").await;
    let before = app.received(2001).len();
    let victim = someone(&app, Role::President, 1).await;
    app.user(1003, "Impostor", Some("fr"));

    // Someone else's card, twice: refused both times, organisers told once.
    for _ in 0..2 {
        app.shares_contact(1003, victim.phone.as_str(), Some(4242))
            .await;
        assert_eq!(
            app.last_text(1003),
            t(&app, Language::Fr, "join-refused-not-own-contact")
        );
    }
    // A contact card with no Telegram account behind it is not the sender's either.
    app.shares_contact(1003, victim.phone.as_str(), None).await;
    assert_eq!(
        app.last_text(1003),
        t(&app, Language::Fr, "join-refused-not-own-contact")
    );

    assert!(
        roster::by_telegram(&app.state.db, 1003)
            .await
            .unwrap()
            .is_none()
    );
    let victim_now = roster::by_phone(&app.state.db, &victim.phone)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        victim_now.telegram_user_id, None,
        "the victim was not linked"
    );
    app.deliver_due().await;
    let alerts = &app.received(2001)[before..];
    assert_eq!(alerts.len(), 1, "one alert, not one per attempt");
    let alert = strip_bidi(&alerts[0].text);
    assert!(
        alert.contains("Impostor") && alert.contains("1003"),
        "{alert}"
    );
    assert!(
        alert.contains(&t(&app, Language::Fr, "refusal-reason-foreign-contact")),
        "{alert}"
    );
    app.finish().await;
}

pub async fn stranger_is_refused_and_organisers_told_once(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    organiser_joins(&app, 2001, "ar").await;
    let before = app.received(2001).len();
    app.user(1004, "Stranger", Some("en"));

    app.shares_contact(1004, "+212699999999", Some(1004)).await;
    assert_eq!(
        app.last_text(1004),
        t(&app, Language::En, "join-refused-phone")
    );
    app.says(1004, "/start NOTACODE123").await;
    assert_eq!(
        app.last_text(1004),
        t(&app, Language::En, "join-refused-code")
    );
    app.says(1004, "hello?").await;
    assert_eq!(app.last_text(1004), t(&app, Language::En, "not-joined"));

    assert!(
        roster::by_telegram(&app.state.db, 1004)
            .await
            .unwrap()
            .is_none()
    );
    app.deliver_due().await;
    let alerts = &app.received(2001)[before..];
    assert_eq!(alerts.len(), 1, "organisers are told once");
    assert!(strip_bidi(&alerts[0].text).contains("Stranger"));
    app.finish().await;
}

pub async fn used_code_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let president = someone(&app, Role::President, 2).await;
    app.user(1005, "Owner", Some("ar"));
    app.user(1006, "Other", Some("ar"));

    app.says(1005, &format!("/start {}", president.invite_code))
        .await;
    app.says(1006, &format!("/start {}", president.invite_code))
        .await;

    assert_eq!(
        app.last_text(1006),
        t(&app, Language::Ar, "join-refused-code")
    );
    let still = roster::by_phone(&app.state.db, &president.phone)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        still.telegram_user_id,
        Some(1005),
        "the first account keeps the link"
    );
    // The owner opening their own link again is just greeted.
    app.says(1005, &format!("/start {}", president.invite_code))
        .await;
    let president = takwin::telegram::permissions::Standing {
        role: Some(Role::President),
        body: president.body.as_ref().map(|(kind, _)| *kind),
        ..takwin::telegram::permissions::Standing::STRANGER
    };
    let args = Args::new().choice("province_kind", "province");
    let help = takwin::telegram::menu::help(&app.state.i18n, Language::Ar, &president, &args);
    assert_eq!(app.last_text(1005), strip_bidi(&help));
    app.finish().await;
}

pub async fn language_defaults_from_telegram_and_can_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let official = someone(&app, Role::Councillor, 0).await;
    app.user(1007, "Official", Some("fr-FR"));

    app.says(1007, &format!("/start {}", official.invite_code))
        .await;
    assert_eq!(
        app.last_text(1007),
        t(&app, Language::Fr, "language-prompt")
    );
    let linked = roster::by_telegram(&app.state.db, 1007)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(linked.language, Language::Fr);

    app.presses(1007, "English").await;
    let linked = roster::by_telegram(&app.state.db, 1007)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(linked.language, Language::En);
    let last = app.received(1007).pop().unwrap();
    assert_eq!(sent_html(&last), t(&app, Language::En, "language-set"));
    assert!(last.edits >= 1, "the question is replaced by the answer");
    assert!(last.buttons().is_empty(), "no stale buttons left");

    app.says(1007, "/language").await;
    app.presses(1007, "العربية").await;
    assert_eq!(app.last_text(1007), t(&app, Language::Ar, "language-set"));
    let scope = serde_json::json!({"type": "chat", "chat_id": 1007});
    let menu = app.emulator.commands(&scope, None).expect("a menu");
    let help = menu.iter().find(|(name, _)| name == "help").expect("/help");
    assert_eq!(
        help.1,
        t(&app, Language::Ar, "cmd-help"),
        "the menu follows the language"
    );
    app.finish().await;
}

pub async fn official_cannot_use_organiser_commands(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let official = someone(&app, Role::Councillor, 1).await;
    app.user(1008, "Official", Some("ar"));
    app.says(1008, &format!("/start {}", official.invite_code))
        .await;

    for command in ["/joined", "/audit"] {
        app.says(1008, command).await;
        assert_eq!(app.last_text(1008), t(&app, Language::Ar, "organiser-only"));
    }
    let audit = takwin::store::audit::latest(&app.state.db, 50)
        .await
        .unwrap();
    assert!(
        audit.iter().all(|e| !e.action.starts_with("roster.view")),
        "nothing was done"
    );
    app.finish().await;
}

pub async fn organiser_sees_who_joined_in_arabic_plurals(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let organiser = organiser_joins(&app, 2001, "ar").await;
    let total = people(&app).await.len() as i64;

    // Only the organiser: one person joined.
    app.says(2001, "/joined").await;
    let summary = |joined: i64| {
        let args = Args::new().num("joined", joined).num("total", total);
        strip_bidi(&app.state.i18n.t_args(Language::Ar, "joined-summary", &args))
    };
    let first = app.last_text(2001);
    assert!(first.starts_with(&summary(1)), "{first}");

    // A second official joins: the Arabic dual form.
    let official = someone(&app, Role::President, 0).await;
    app.user(1009, "Official", Some("ar"));
    app.says(1009, &format!("/start {}", official.invite_code))
        .await;
    app.says(2001, "/joined").await;
    let second = app.last_text(2001);
    // If this fails, what the official was told says whether their /start failed (an
    // apology) or the count did not see it.
    let told: Vec<String> = app.received(1009).iter().map(|m| m.text.clone()).collect();
    assert!(
        second.starts_with(&summary(2)),
        "{second}\nthe official was told: {told:?}"
    );
    assert_ne!(summary(1), summary(2));
    assert!(second.contains("شخصان"), "Arabic dual: {second}");
    let body = official
        .body
        .as_ref()
        .unwrap()
        .1
        .display(Language::Ar)
        .to_string();
    assert!(second.contains(&body), "a line per commune: {second}");

    // Organiser actions are audited, and the audit is readable in the chat.
    app.says(2001, "/audit").await;
    let audit = app.last_text(2001);
    assert!(audit.contains("roster.view_joined"), "{audit}");
    assert!(audit.contains(&organiser.full_name), "{audit}");
    app.finish().await;
}

pub async fn profile_and_unlinking(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let official = someone(&app, Role::FinanceStaff, 0).await;
    app.user(1010, "Official", Some("en"));
    app.says(1010, &format!("/start {}", official.invite_code))
        .await;

    app.says(1010, "/me").await;
    let profile = app.last_text(1010);
    assert!(profile.contains(&official.full_name), "{profile}");
    assert!(profile.contains(official.phone.as_str()), "{profile}");
    assert!(
        profile.contains("Finance and Budget Officer, "),
        "{profile}"
    );

    app.says(1010, "/stop").await;
    app.presses(1010, &t(&app, Language::En, "button-stop-no"))
        .await;
    assert!(
        roster::by_telegram(&app.state.db, 1010)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(app.last_text(1010), t(&app, Language::En, "stop-kept"));

    app.says(1010, "/stop").await;
    app.presses(1010, &t(&app, Language::En, "button-stop-yes"))
        .await;
    assert!(
        roster::by_telegram(&app.state.db, 1010)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(app.last_text(1010), t(&app, Language::En, "stop-done"));
    // Unlinked, the person can join again with the same link.
    app.says(1010, &format!("/start {}", official.invite_code))
        .await;
    assert!(
        roster::by_telegram(&app.state.db, 1010)
            .await
            .unwrap()
            .is_some()
    );
    app.finish().await;
}

pub async fn hostile_names_are_escaped(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    organiser_joins(&app, 2001, "en").await;
    let before = app.received(2001).len();
    app.emulator.add_user(takwin::emulator::NewUser {
        id: 1011,
        first_name: "<b>Ali</b> & \"co\"".into(),
        last_name: Some("</i>".into()),
        username: None,
        language_code: Some("en".into()),
    });
    app.says(1011, "/start WRONGCODE99").await;
    // The emulator refuses malformed HTML like Telegram does, so arriving at all proves the
    // escaping; the organiser reads the name exactly as the stranger wrote it.
    app.deliver_due().await;
    let alerts = &app.received(2001)[before..];
    assert_eq!(alerts.len(), 1);
    assert!(strip_bidi(&alerts[0].text).contains("<b>Ali</b> & \"co\" </i>"));
    app.finish().await;
}

pub async fn a_region_sized_list_comes_in_several_messages(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    // A second province of 250 communes: the list per commune no longer fits one message.
    let mut csv = String::from("province,commune,full_name,role,phone,language\n");
    for k in 0..250 {
        csv.push_str(&format!(
            "Taounate / تاونات,Commune {k:03} / الجماعة {k:03},Élu {k},president,+2126900{k:05},ar\n"
        ));
    }
    let rows = takwin::domain::roster::parse_roster(csv.as_bytes()).unwrap();
    roster::import(&app.state.db, &rows, app.now(), "test", false)
        .await
        .unwrap();
    organiser_joins(&app, 2101, "fr").await;
    let before = app.received(2101).len();
    app.says(2101, "/joined").await;
    let sent = app.received(2101);
    let pieces = &sent[before..];
    assert!(pieces.len() > 1, "several messages: {}", pieces.len());
    let all: String = pieces
        .iter()
        .map(|m| strip_bidi(&m.text))
        .collect::<Vec<_>>()
        .join("\n");
    for k in [0, 125, 249] {
        assert!(
            all.contains(&format!("• Commune {k:03} : 0/1")),
            "commune {k}: {all}"
        );
    }
    assert!(all.starts_with("1 personne"), "the summary first: {all}");
    app.finish().await;
}

/// About one personal code in 3,136 begins with `ci`, the check-in link's old prefix: such a
/// person was told they had not joined. Their link now works, and so does a check-in QR code
/// printed before check-in links took the `ci_` form.
pub async fn a_code_beginning_with_ci_joins_by_its_link(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let president = someone(&app, Role::President, 0).await;
    // The roster drew this code for them (set here, as the draw is random).
    let code = "ci482913AbCd";
    sqlx::query("UPDATE people SET invite_code = $1 WHERE id = $2")
        .bind(code)
        .bind(president.id)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    app.user(1011, "Official", Some("fr"));

    app.says(1011, &format!("/start {code}")).await;

    let linked = roster::by_telegram(&app.state.db, 1011)
        .await
        .unwrap()
        .expect("joined by the link");
    assert_eq!(linked.id, president.id);
    let welcome = strip_bidi(&app.received(1011)[0].text);
    assert!(welcome.contains(&president.full_name), "{welcome}");
    app.finish().await;
}
