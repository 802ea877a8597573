//! Evaluation forms: an organiser writes three questions in `/new_workshop` (a question too
//! long for a button refused with the reason), those present answer them one at a time by
//! buttons after the workshop, the absent and the wrong presses are refused and change nothing,
//! one reminder goes to who has not finished, and the report gives the results per question
//! without a name.

use chrono::{Duration, TimeZone, Utc};
use takwin::actions::Caller;
use takwin::domain::roster::{Language, Role};
use takwin::domain::workshop::{QuestionKind, Tally};
use takwin::i18n::{Args, strip_bidi};
use takwin::store::{audit, checkin, roster, workshops};

use crate::new_workshop::{ORGANISER, organiser_app};
use crate::support::{Backend, TestApp};

fn t(app: &TestApp, key: &str) -> String {
    strip_bidi(&app.state.i18n.t(Language::Fr, key))
}

fn t_args(app: &TestApp, key: &str, args: &Args) -> String {
    strip_bidi(&app.state.i18n.t_args(Language::Fr, key, args))
}

/// The last message a chat shows (edits included), as plain text.
fn shown(app: &TestApp, chat: i64) -> String {
    strip_bidi(&app.received(chat).pop().expect("a message").text)
}

/// The organiser goes through `/new_workshop` for the presidents, and writes a form of three
/// questions; a question too long for a button and an option too long are refused first.
async fn organiser_writes_a_three_question_form(app: &TestApp) {
    app.says(ORGANISER, "/new_workshop").await;
    app.says(ORGANISER, "Programmation du budget communal")
        .await;
    app.presses(ORGANISER, &t(app, "button-skip")).await;
    app.says(ORGANISER, "20/01/2026").await;
    app.presses(ORGANISER, "09:00").await;
    app.says(ORGANISER, "Siège de la province, El Hajeb").await;
    app.presses(ORGANISER, &t(app, "audience-role-president"))
        .await;
    app.presses(ORGANISER, "Valider").await;
    app.presses(ORGANISER, "30").await;
    app.presses(ORGANISER, "Par défaut").await;
    app.presses(ORGANISER, "Par défaut").await;
    let summary = shown(app, ORGANISER);
    assert!(
        summary.contains(&t(app, "new-workshop-summary-form-default")),
        "{summary}"
    );

    app.presses(ORGANISER, &t(app, "button-new-workshop-form"))
        .await;
    assert!(shown(app, ORGANISER).contains(&t(app, "new-workshop-form-default")));
    app.presses(ORGANISER, &t(app, "button-form-add")).await;
    // Too long for a message a phone shows at a glance: refused with the reason, asked again.
    app.says(ORGANISER, &format!("{} ?", "Très long ".repeat(25)))
        .await;
    let refused = shown(app, ORGANISER);
    let reason = t_args(
        app,
        "form-error-question-too-long",
        &Args::new().num("chars", 251).num("max", 200),
    );
    assert!(refused.starts_with(&format!("⚠️ {reason}")), "{refused}");
    assert!(refused.contains("question 1"), "asked again: {refused}");
    // Typing where a button is expected points to the buttons.
    app.says(ORGANISER, "Le contenu vous sera-t-il utile ?")
        .await;
    app.says(ORGANISER, "échelle").await;
    assert!(shown(app, ORGANISER).starts_with("⚠️"));
    app.presses(ORGANISER, &t(app, "button-form-scale")).await;

    app.presses(ORGANISER, &t(app, "button-form-add")).await;
    app.says(ORGANISER, "Allez-vous l'appliquer dans votre commune ?")
        .await;
    app.presses(ORGANISER, &t(app, "button-form-choices")).await;
    let long = "Oui, dès le prochain budget de la commune, sans faute";
    app.says(ORGANISER, &format!("{long} / Non / En partie"))
        .await;
    let refused = shown(app, ORGANISER);
    assert!(
        refused.contains(
            "«\u{a0}Oui, dès le prochain budget de la commun…\u{a0}» compte 53 caractères"
        ) && refused.contains("un bouton en affiche 40"),
        "{refused}"
    );
    app.says(ORGANISER, "Oui / Non / En partie").await;

    app.presses(ORGANISER, &t(app, "button-form-add")).await;
    app.says(ORGANISER, "La durée était-elle suffisante ?")
        .await;
    app.presses(ORGANISER, &t(app, "button-form-scale")).await;
    let form = shown(app, ORGANISER);
    for line in [
        "1. Le contenu vous sera-t-il utile ? — échelle de 1 à 5",
        "2. Allez-vous l'appliquer dans votre commune ? — Oui / Non / En partie",
        "3. La durée était-elle suffisante ? — échelle de 1 à 5",
    ] {
        assert!(form.contains(line), "{line}: {form}");
    }
    app.presses(ORGANISER, &t(app, "button-form-done")).await;
    let summary = shown(app, ORGANISER);
    let three = t_args(
        app,
        "new-workshop-summary-form",
        &Args::new().num("count", 3),
    );
    assert!(summary.contains(&three), "{summary}");
    app.presses(ORGANISER, "Confirmer").await;
    assert!(shown(app, ORGANISER).contains("L'atelier n° 1"));
}

/// A press no client would make: `data` on the chat's last message.
async fn forged(app: &TestApp, data: String, user: i64) -> Option<String> {
    let message = app.received(user).pop().unwrap().message_id;
    app.presses_forged(user, message, &data).await
}

pub async fn an_evaluation_form_of_three_questions_is_answered_by_buttons(backend: Backend) {
    let app = organiser_app(backend).await;
    let presidents: Vec<_> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .take(3)
        .collect();
    // Two will come (7201, 7202), one will not (7203).
    app.join_as(&presidents, &[7201, 7202, 7203], Language::Fr)
        .await;
    organiser_writes_a_three_question_form(&app).await;
    let workshop = workshops::upcoming(&app.state.db, app.now()).await.unwrap()[0].clone();
    let id = workshop.id;
    let form = workshops::form(&app.state.db, id).await.unwrap();
    assert_eq!(form.len(), 3);
    assert_eq!(
        form.questions[1].kind,
        QuestionKind::Choice {
            options: vec!["Oui".into(), "Non".into(), "En partie".into()]
        }
    );
    let entry = &audit::latest(&app.state.db, 1).await.unwrap()[0];
    assert!(
        entry.detail.contains("evaluation form: Le contenu"),
        "{entry:?}"
    );
    app.deliver_due().await;
    let start = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    assert_eq!(workshop.starts_at, start);
    for p in &presidents[..2] {
        checkin::mark_present(&app.state.db, id, p.id, start)
            .await
            .unwrap();
    }
    // Another workshop, held the week before, which none of them attended.
    let earlier = app.presidents_workshop("Gestion des archives", start - Duration::days(7), 40);
    let (other, _) = workshops::create(&app.state.db, &earlier, "test", app.now())
        .await
        .unwrap();

    // Four hours after the start: the form's first question to who came.
    app.clock.set(start + Duration::hours(4));
    app.deliver_due().await;
    let request = app.received(7201).pop().unwrap();
    let text = strip_bidi(&request.text);
    assert!(text.contains("Votre avis nous est précieux"), "{text}");
    assert!(text.contains("Question 1 sur 3"), "{text}");
    assert!(text.contains("Le contenu vous sera-t-il utile ?"), "{text}");
    assert_eq!(request.buttons().len(), 5);
    assert!(strip_bidi(&app.received(7203).pop().unwrap().text).contains("Nous regrettons"));

    // The first answers all three, one question at a time on the same message.
    app.presses(7201, "4 ⭐").await;
    let second = app.received(7201).pop().unwrap();
    assert_eq!(second.message_id, request.message_id, "edited in place");
    assert!(strip_bidi(&second.text).contains("Question 2 sur 3"));
    let labels: Vec<String> = second.buttons().iter().map(|b| b.text.clone()).collect();
    assert_eq!(labels, ["Oui", "Non", "En partie"]);
    app.presses(7201, "Oui").await;
    assert!(shown(&app, 7201).contains("Question 3 sur 3"));
    app.presses(7201, "5 ⭐").await;
    let thanks = shown(&app, 7201);
    assert!(
        thanks.contains(&t(&app, "evaluation-form-thanks"))
            && thanks.contains(&t(&app, "evaluation-comment-prompt")),
        "{thanks}"
    );
    app.says(7201, "Très concret, merci.").await;
    assert_eq!(shown(&app, 7201), t(&app, "evaluation-comment-thanks"));
    assert_eq!(
        workshops::answered(&app.state.db, id, presidents[0].id)
            .await
            .unwrap(),
        [1, 2, 3]
    );
    // The second answers only the first question.
    app.presses(7202, "3 ⭐").await;
    assert!(shown(&app, 7202).contains("Question 2 sur 3"));

    // Refused, and nothing changes: the absent one, a press for another workshop's form, an
    // answer the question does not have.
    assert_eq!(
        forged(&app, format!("1:fa:{id}:1:5"), 7203).await,
        Some(t(&app, "evaluation-not-present"))
    );
    assert_eq!(
        forged(&app, format!("1:fa:{other}:1:5"), 7201).await,
        Some(t(&app, "evaluation-not-present"))
    );
    assert_eq!(
        forged(&app, format!("1:fa:{id}:2:4"), 7202).await,
        Some(t(&app, "button-stale"))
    );
    assert!(
        workshops::answered(&app.state.db, id, presidents[2].id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        workshops::answered(&app.state.db, id, presidents[1].id)
            .await
            .unwrap(),
        [1]
    );

    // A day later, one reminder to who has not finished, at their first question unanswered.
    let before = (app.received(7201).len(), app.received(7203).len());
    app.clock.advance(Duration::days(1));
    app.deliver_due().await;
    let reminder = strip_bidi(&app.received(7202).pop().unwrap().text);
    assert!(
        reminder.starts_with("Rappel") && reminder.contains("2 questions restent à remplir"),
        "{reminder}"
    );
    assert!(reminder.contains("Question 2 sur 3"), "{reminder}");
    assert_eq!(
        (app.received(7201).len(), app.received(7203).len()),
        before,
        "none to who finished, none to the absent"
    );
    let reminded = app.received(7202).len();
    app.clock.advance(Duration::days(3));
    app.deliver_due().await;
    assert_eq!(app.received(7202).len(), reminded, "one reminder only");
    app.presses(7202, "Non").await;

    // An answer changed while the form is open replaces the first; after two weeks it closes.
    assert_eq!(
        forged(&app, format!("1:fa:{id}:1:2"), 7201).await,
        None,
        "taken silently, the message moving on"
    );
    app.clock.set(start + Duration::days(15));
    assert_eq!(
        forged(&app, format!("1:fa:{id}:1:1"), 7201).await,
        Some(t(&app, "evaluation-form-closed"))
    );

    // The report: each question's results, anonymous.
    let rows =
        takwin::actions::reports::evaluation_report(&app.state, &Caller::command_line(), Some(id))
            .await
            .unwrap()
            .unwrap();
    let results = &rows[0].form;
    assert_eq!(results.completed, 1);
    let answers: Vec<u32> = results.questions.iter().map(|q| q.answers).collect();
    assert_eq!(answers, [2, 2, 1]);
    match &results.questions[0].tally {
        Tally::Scale(summary) => {
            // 2 (changed from 4) and 3: a mean of 2.5.
            assert_eq!(summary.distribution, [0, 1, 1, 0, 0]);
            assert_eq!(summary.mean_tenths, Some(25));
        }
        other => panic!("a scale: {other:?}"),
    }
    assert_eq!(
        results.questions[1].tally,
        Tally::Choice {
            options: vec![
                ("Oui".into(), 1),
                ("Non".into(), 1),
                ("En partie".into(), 0)
            ]
        }
    );
    // The workshop's rating is its first scale question's.
    assert_eq!(rows[0].summary.count, 2);
    assert_eq!(rows[0].comments, [(2, "Très concret, merci.".to_owned())]);
    let zone = &app.state.settings.timezone;
    let csv = takwin::report::evaluations_csv(&rows, zone);
    assert!(
        csv.contains(
            "Allez-vous l'appliquer dans votre commune ?,choice,2,,Oui=1; Non=1; En partie=0"
        ),
        "{csv}"
    );
    assert!(
        csv.contains("Le contenu vous sera-t-il utile ?,scale,2,2.5,1=0; 2=1; 3=1; 4=0; 5=0"),
        "{csv}"
    );
    let json = takwin::report::evaluations_json(&rows, zone).to_string();
    assert!(json.contains("\"option\":\"En partie\""), "{json}");
    for p in &presidents {
        assert!(!json.contains(&p.full_name) && !csv.contains(&p.full_name));
    }
    app.finish().await;
}

/// The programme file's `questions` column gives a workshop its form; a question whose option
/// is too long for a button refuses the whole file, naming the line, and nothing is created.
pub async fn a_programme_file_sets_each_workshops_form(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    // The command line reads the machine's clock: a day a month ahead of it.
    let day = (Utc::now() + Duration::days(30))
        .format("%d/%m/%Y")
        .to_string();
    let header =
        "title,topic,date,time,venue,roles,provinces,capacity,reminders,deadline,questions";
    let good = format!(
        "Budget,,{day},09:00,Siège,president,,40,,,\
         \"Utile ? [scale] | Appliquer ? [Oui/Non/En partie] | Durée ? [1-5]\""
    );
    let long = "o".repeat(41);
    let bad = format!("Archives,,{day},10:00,Siège,president,,40,,,Utile ? [Oui/{long}]");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("programme.csv");
    std::fs::write(&path, format!("{header}\n{good}\n{bad}\n")).unwrap();
    let url = app.database_url().to_owned();
    let out = crate::roster_cli::takwin(&url, &["workshop", "import", path.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = crate::roster_cli::stderr(&out);
    assert!(
        stderr.contains("line 3: questions: question 1, option 2: 41 characters, more than 40"),
        "{stderr}"
    );
    assert!(
        workshops::started(&app.state.db, Utc::now() + Duration::days(31), None)
            .await
            .unwrap()
            .is_empty(),
        "nothing written"
    );
    std::fs::write(&path, format!("{header}\n{good}\n")).unwrap();
    let out = crate::roster_cli::takwin(&url, &["workshop", "import", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", crate::roster_cli::stderr(&out));
    let created = workshops::started(&app.state.db, Utc::now() + Duration::days(31), None)
        .await
        .unwrap();
    let form = workshops::form(&app.state.db, created[0].id).await.unwrap();
    assert_eq!(
        form.written(),
        "Utile ? [scale] | Appliquer ? [Oui/Non/En partie] | Durée ? [scale]"
    );
    app.finish().await;
}

/// Ratings given before forms existed stay the workshop's rating: migration 0023 makes each
/// the answer to question 1 of the default form, its comment kept beside it.
pub async fn ratings_recorded_before_forms_stay_the_default_forms_answers(backend: Backend) {
    let db = crate::support::TestDatabase::create(&backend).await;
    sqlx::any::install_default_drivers();
    let url = match backend {
        Backend::Sqlite => format!("{}?mode=rwc", db.url),
        Backend::Postgres(_) => db.url.clone(),
    };
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let mut before = match backend {
        Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
        Backend::Postgres(_) => sqlx::migrate!("migrations/postgres"),
    };
    before.migrations = before
        .migrations
        .iter()
        .filter(|m| m.version < 23)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    before.run(&pool).await.unwrap();
    for statement in [
        "INSERT INTO provinces (id, name_latin, name_arabic) VALUES (1, 'El Hajeb', 'الحاجب')",
        "INSERT INTO people (id, province_id, full_name, role, phone, language, invite_code, \
         created_at, updated_at) VALUES (1, 1, 'Une', 'president', '+212600000001', 'fr', 'a1', 0, 0)",
        "INSERT INTO people (id, province_id, full_name, role, phone, language, invite_code, \
         created_at, updated_at) VALUES (2, 1, 'Deux', 'president', '+212600000002', 'fr', 'a2', 0, 0)",
        "INSERT INTO workshops (id, title, venue, starts_at, capacity, audience, reminders, \
         answer_deadline, created_by, created_at, updated_at) \
         VALUES (1, 'Budget', 'Siège', 1000, 40, '{}', '', 500, 'test', 0, 0)",
        "INSERT INTO invitations (workshop_id, person_id, invited_at, presence) \
         VALUES (1, 1, 0, 'present')",
        "INSERT INTO invitations (workshop_id, person_id, invited_at, presence) \
         VALUES (1, 2, 0, 'present')",
        "INSERT INTO evaluations (workshop_id, person_id, score, comment, at) \
         VALUES (1, 1, 5, 'Très utile', 2000)",
        "INSERT INTO evaluations (workshop_id, person_id, score, at) VALUES (1, 2, 3, 2100)",
    ] {
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let settings = takwin::config::Settings {
        database_url: db.url.clone(),
        timezone: takwin::domain::zone::Zone::casablanca(),
        default_language: Language::Fr,
    };
    let state =
        takwin::state::AppState::build(settings, std::sync::Arc::new(takwin::clock::SystemClock))
            .await
            .unwrap();
    let id = takwin::domain::ids::WorkshopId::new(1);
    let workshop = workshops::get(&state.db, id).await.unwrap().unwrap();
    assert!(workshops::form(&state.db, id).await.unwrap().is_default());
    let evaluation = workshops::evaluation_of(&state.db, &workshop)
        .await
        .unwrap();
    assert_eq!(evaluation.summary.count, 2);
    assert_eq!(evaluation.summary.distribution, [0, 0, 1, 0, 1]);
    assert_eq!(evaluation.summary.mean_tenths, Some(40));
    assert_eq!(evaluation.comments, [(5, "Très utile".to_owned())]);
    assert_eq!(evaluation.form.completed, 2);
    assert_eq!(evaluation.form.questions[0].text, None);
    state.db.pool.close().await;
    db.drop_database().await;
}
