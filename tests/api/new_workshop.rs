//! `/new_workshop`: an organiser creates a workshop in chat, one question at a time; wrong
//! answers are refused with the reason and asked again; the audience is chosen with buttons
//! and its head-count shown; a summary with Confirm / Edit ends it; /cancel leaves at any step.

use takwin::domain::audience::{Audience, CommuneRef};
use takwin::domain::roster::{Appointment, Language, Role};
use takwin::domain::schedule::DEFAULT_REMINDER_OFFSETS;
use takwin::emulator::NewUser;
use takwin::i18n::{Args, strip_bidi};
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::stage::Stage;
use takwin::store::{audit, roster, workshops};

use crate::support::{Backend, TestApp};

pub const ORGANISER: i64 = 6100;

fn t(app: &TestApp, key: &str) -> String {
    strip_bidi(&app.state.i18n.t(Language::Fr, key))
}

fn t_args(app: &TestApp, key: &str, args: &Args) -> String {
    strip_bidi(&app.state.i18n.t_args(Language::Fr, key, args))
}

/// The last message the organiser sees, as plain text.
fn shown(app: &TestApp) -> String {
    strip_bidi(&app.received(ORGANISER).pop().expect("a message").text)
}

/// The refusal the organiser sees for an error code, with the question asked again after it.
fn refused(app: &TestApp, code: &str) -> String {
    let text = shown(app);
    let first_line = text.lines().next().unwrap_or_default().to_owned();
    assert!(
        first_line.starts_with('⚠'),
        "{code}: a refusal comes first: {text}"
    );
    assert!(
        text.contains(
            &t(app, "new-workshop-cancel-hint")
                .replace("<i>", "")
                .replace("</i>", "")
        ),
        "{code}: the question is asked again: {text}"
    );
    first_line
}

pub async fn organiser_app(backend: Backend) -> TestApp {
    organiser_app_with(backend, Default::default()).await
}

/// [`organiser_app`] with an emulator configured so.
pub async fn organiser_app_with(
    backend: Backend,
    emulator: takwin::emulator::EmulatorConfig,
) -> TestApp {
    let app = TestApp::spawn_with(backend, emulator).await;
    app.import_sample_roster().await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let organiser = people
        .iter()
        .find(|p| p.role == Role::ProvinceStaff && p.language == Language::Fr)
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
        .add_user(NewUser::new(ORGANISER, "Karim").language("fr"));
    app.says(ORGANISER, &format!("/start {}", organiser.invite_code))
        .await;
    app
}

pub async fn an_organiser_creates_a_workshop_step_by_step(backend: Backend) {
    let app = organiser_app(backend).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    // Two presidents join, so that their invitations go at once.
    let presidents: Vec<_> = people
        .iter()
        .filter(|p| p.role == Role::President)
        .take(2)
        .collect();
    app.join_as(&presidents, &[6101, 6102], Language::Ar).await;

    // The clock stands at Saturday 10 January 2026, 09:00 UTC (09:00 local then).
    app.says(ORGANISER, "/new_workshop").await;
    let question = shown(&app);
    assert!(question.contains("question 1 sur 9"), "{question}");
    assert!(question.contains("titre"), "{question}");

    app.says(ORGANISER, "  ").await;
    assert!(refused(&app, "title-empty").contains(&t(&app, "workshop-error-title-empty")));
    app.says(ORGANISER, "Programmation du budget communal")
        .await;
    assert!(shown(&app).contains("question 2 sur 9"));
    // A topic with characters that mean something in HTML: shown as typed, never as markup.
    app.says(ORGANISER, "Préparer le budget <2027> & voter")
        .await;
    assert!(shown(&app).contains("question 3 sur 9"));

    // The day: an impossible date, a past one, Arabic-Indic digits, then a good one.
    app.says(ORGANISER, "31/02/2026").await;
    let error = refused(&app, "no-such-date");
    assert!(
        error.contains("« 31/02/2026 » n'est pas un jour du calendrier"),
        "{error}"
    );
    app.says(ORGANISER, "05/01/2026").await;
    let error = refused(&app, "day-in-past");
    assert!(
        error.contains("lundi 5 janvier 2026 est déjà passé"),
        "{error}"
    );
    app.says(ORGANISER, "٢٠/٠١/٢٠٢٦").await;
    let error = refused(&app, "western-digits-only");
    assert!(error.contains("chiffres 0 à 9"), "{error}");
    app.says(ORGANISER, "20/01/2026").await;
    assert!(shown(&app).contains("question 4 sur 9"));

    // The time: an impossible one, then a button.
    app.says(ORGANISER, "25:00").await;
    assert!(refused(&app, "impossible-time").contains("n'est pas une heure de la journée"));
    app.presses(ORGANISER, "09:00").await;
    assert!(shown(&app).contains("question 5 sur 9"));
    app.says(ORGANISER, "Siège de la province, El Hajeb").await;

    // The audience: everyone at first, then presidents and finance staff of two communes,
    // then of the whole province, with the head-count each time.
    let audience = shown(&app);
    assert!(audience.contains("question 6 sur 9"), "{audience}");
    let count = |audience: &Audience| {
        people
            .iter()
            .filter(|p| audience.includes(p.role, &p.province, p.body.as_ref()))
            .count() as i64
    };
    let headcount = |n: i64| t_args(&app, "people-count", &Args::new().num("count", n));
    assert!(
        audience.contains(&headcount(people.len() as i64)),
        "{audience}"
    );
    app.says(ORGANISER, "les présidents").await;
    assert!(refused_buttons(&app).contains("avec les boutons"));
    app.presses(ORGANISER, &t(&app, "audience-role-president"))
        .await;
    app.presses(ORGANISER, &t(&app, "audience-role-finance_staff"))
        .await;
    let mut expected = Audience::roles(&[Role::President, Role::FinanceStaff]);
    assert!(shown(&app).contains(&headcount(count(&expected))));
    app.presses(ORGANISER, "El Hajeb ›").await;
    app.presses(ORGANISER, "Agourai").await;
    app.presses(ORGANISER, "Sebt Jahjouh").await;
    for commune in ["Agourai", "Sebt Jahjouh"] {
        expected.toggle_commune(CommuneRef {
            province: "El Hajeb".into(),
            commune: commune.into(),
        });
    }
    assert_eq!(count(&expected), 4);
    let text = shown(&app);
    assert!(text.contains(&headcount(4)), "{text}");
    assert!(text.contains("Agourai (El Hajeb)"), "{text}");
    app.presses(ORGANISER, "toute la province").await;
    expected.toggle_province("El Hajeb");
    let whole = count(&expected);
    assert!(whole > 4);
    assert!(shown(&app).contains(&headcount(whole)));
    app.presses(ORGANISER, "Retour").await;
    app.presses(ORGANISER, "Valider").await;
    assert!(shown(&app).contains("question 7 sur 9"));

    app.says(ORGANISER, "0").await;
    assert!(refused(&app, "capacity-zero").contains(&t(&app, "workshop-error-capacity-zero")));
    app.says(ORGANISER, "quarante").await;
    refused(&app, "bad-capacity");
    app.presses(ORGANISER, "30").await;

    app.says(ORGANISER, "7d, 1x").await;
    assert!(refused(&app, "bad-reminder").contains("« 1x »"));
    app.presses(ORGANISER, "Par défaut").await;

    // The deadline: the default is offered; one after the start is refused.
    let question = shown(&app);
    assert!(
        question.contains("lundi 19 janvier 2026 à 18:00"),
        "{question}"
    );
    app.says(ORGANISER, "21/01/2026 18:00").await;
    assert!(refused(&app, "deadline-not-before-start").contains("doit précéder le début"));
    app.presses(ORGANISER, "Par défaut").await;

    // The summary, with the head-count; one answer changed from it.
    let summary = shown(&app);
    for part in [
        "Programmation du budget communal",
        "mardi 20 janvier 2026 à 09:00",
        "Siège de la province, El Hajeb",
        "Présidents et cadres financiers — El Hajeb",
        "Places : 30",
        "Rappels : 7 jours, 1 jour et 2 heures avant",
        "Réponses jusqu'au lundi 19 janvier 2026 à 18:00",
    ] {
        assert!(summary.contains(part), "{part}: {summary}");
    }
    assert!(summary.contains(&headcount(whole)), "{summary}");
    // Typing at the summary points to its buttons and shows it again.
    app.says(ORGANISER, "c'est bon").await;
    let again = shown(&app);
    assert!(again.starts_with("⚠️ Utilisez les boutons"), "{again}");
    assert!(again.contains("Places : 30"), "{again}");
    app.presses(ORGANISER, "Modifier").await;
    app.presses(ORGANISER, "Places").await;
    app.says(ORGANISER, "25").await;
    let summary = shown(&app);
    assert!(summary.contains("Places : 25"), "{summary}");
    assert!(
        workshops::upcoming(&app.state.db, app.now())
            .await
            .unwrap()
            .is_empty()
    );

    let summary_message = app.received(ORGANISER).pop().unwrap();
    let confirm = summary_message
        .button("Confirmer")
        .unwrap()
        .callback_data
        .unwrap();
    app.presses(ORGANISER, "Confirmer").await;
    let done = shown(&app);
    assert!(done.contains("L'atelier n° 1"), "{done}");
    assert!(
        done.contains(&format!(
            "{whole} personnes sont invitées. 2 invitations partent"
        )),
        "{done}"
    );
    let created = workshops::upcoming(&app.state.db, app.now()).await.unwrap();
    assert_eq!(created.len(), 1);
    let w = &created[0];
    assert_eq!(w.title, "Programmation du budget communal");
    assert_eq!(
        w.topic.as_deref(),
        Some("Préparer le budget <2027> & voter")
    );
    assert_eq!(w.venue, "Siège de la province, El Hajeb");
    assert_eq!(w.capacity.get(), 25);
    assert_eq!(w.audience.roles, ["president", "finance_staff"]);
    assert_eq!(w.audience.provinces, ["El Hajeb"]);
    assert_eq!(w.reminders, DEFAULT_REMINDER_OFFSETS);
    assert_eq!(
        workshops::invitees(&app.state.db, w.id)
            .await
            .unwrap()
            .len() as i64,
        whole
    );
    let entry = &audit::latest(&app.state.db, 5).await.unwrap()[0];
    assert_eq!(entry.action, "workshop.create");
    assert!(entry.actor.contains("Karim Benhaddou"), "{entry:?}");

    // The same Confirm pressed again (a double tap whose second press left before the
    // message changed) creates nothing more.
    let again = app
        .presses_forged(ORGANISER, summary_message.message_id, &confirm)
        .await;
    assert_eq!(again, Some(t(&app, "dialogue-stale")));
    assert_eq!(
        workshops::upcoming(&app.state.db, app.now())
            .await
            .unwrap()
            .len(),
        1
    );

    // The invitations go through the delivery engine, in each invitee's language.
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    assert_eq!(worker.deliver_due().await.unwrap().sent, 2);
    let invitation = strip_bidi(&app.received(6101).pop().unwrap().text);
    assert!(
        invitation.contains("Préparer le budget <2027> & voter"),
        "{invitation}"
    );
    assert!(
        invitation.contains("Programmation du budget communal"),
        "{invitation}"
    );
    assert!(invitation.contains("الثلاثاء 20 يناير 2026"), "{invitation}");
    app.finish().await;
}

/// The refusal for an answer typed where buttons are expected.
fn refused_buttons(app: &TestApp) -> String {
    let text = shown(app);
    assert!(text.starts_with('⚠'), "{text}");
    text
}

pub async fn the_dialogue_is_left_with_cancel_and_old_buttons_do_nothing(backend: Backend) {
    let app = organiser_app(backend).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let president = people.iter().find(|p| p.role == Role::President).unwrap();
    app.join_as(&[president], &[6111], Language::Fr).await;

    // An official cannot start it.
    app.says(6111, "/new_workshop").await;
    assert_eq!(app.last_text(6111), t(&app, "organiser-only"));
    app.says(6111, "Atelier pirate").await;
    assert_eq!(app.last_text(6111), t(&app, "unknown-input"));

    // /cancel in the middle: nothing saved, and the next text is not an answer.
    app.says(ORGANISER, "/new_workshop").await;
    app.says(ORGANISER, "Gestion des archives").await;
    // A mistyped command is not taken as the next answer.
    app.says(ORGANISER, "/cancell").await;
    assert_eq!(app.last_text(ORGANISER), t(&app, "unknown-input"));
    app.says(ORGANISER, "/cancel").await;
    assert_eq!(app.last_text(ORGANISER), t(&app, "new-workshop-cancelled"));
    app.says(ORGANISER, "20/01/2026").await;
    assert_eq!(app.last_text(ORGANISER), t(&app, "unknown-input"));
    let toast = Stage::presses(&app, ORGANISER, "Passer").await.unwrap();
    assert_eq!(
        toast.as_deref().map(strip_bidi),
        Some(t(&app, "dialogue-stale"))
    );
    app.says(ORGANISER, "/cancel").await;
    assert_eq!(app.last_text(ORGANISER), t(&app, "nothing-to-cancel"));

    // A new dialogue: buttons of the earlier one stay dead, its own Cancel works.
    app.says(ORGANISER, "/new_workshop").await;
    app.says(ORGANISER, "Gestion des archives").await;
    let before = app.received(ORGANISER).len();
    let earlier_skip = app
        .received(ORGANISER)
        .iter()
        .filter(|m| m.button("Passer").is_some())
        .map(|m| {
            (
                m.message_id,
                m.button("Passer").unwrap().callback_data.unwrap(),
            )
        })
        .collect::<Vec<_>>();
    assert_eq!(earlier_skip.len(), 2, "one per dialogue");
    let (old_message, old_data) = earlier_skip[0].clone();
    let update = app
        .emulator
        .press_button(ORGANISER, old_message, &old_data)
        .unwrap();
    app.handled(update).await.unwrap();
    assert_eq!(app.received(ORGANISER).len(), before, "nothing sent");
    let answer = app
        .emulator
        .callback_answer(&app.emulator.callback_query_id(update).unwrap())
        .unwrap();
    assert_eq!(
        answer.text.as_deref().map(strip_bidi),
        Some(t(&app, "dialogue-stale"))
    );
    // A Time button while the topic is asked is refused too: it is not that step's.
    let current = earlier_skip[1].clone();
    let forged_nonce = current.1.rsplit_once(":def").unwrap().0.to_owned();
    let answer = app
        .presses_forged(ORGANISER, current.0, &format!("{forged_nonce}:t:0900"))
        .await;
    assert_eq!(answer, Some(t(&app, "dialogue-stale")));
    app.presses(ORGANISER, "Annuler").await;
    assert_eq!(shown(&app), strip_bidi(&t(&app, "new-workshop-cancelled")));

    // The official cannot press an organiser's dialogue button either.
    let answer = app
        .presses_forged(6111, 1, &format!("{forged_nonce}:yes"))
        .await;
    assert_eq!(answer, Some(t(&app, "organiser-only")));
    assert!(
        workshops::upcoming(&app.state.db, app.now())
            .await
            .unwrap()
            .is_empty()
    );
    // With nothing planned, /workshops offers to create one.
    app.says(ORGANISER, "/workshops").await;
    assert_eq!(shown(&app), t(&app, "workshops-empty"));
    app.presses(ORGANISER, "Nouvel atelier").await;
    assert!(shown(&app).contains("question 1 sur 9"));
    app.finish().await;
}

pub async fn the_dialogue_speaks_the_organisers_language(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let organiser = people
        .iter()
        .find(|p| p.role == Role::ProvinceStaff && p.language == Language::Ar)
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
    app.join_as(&[organiser], &[6300], Language::Ar).await;
    app.says(6300, "/new_workshop").await;
    let question = app.last_text(6300);
    assert!(question.contains("السؤال 1 من 9"), "{question}");
    app.says(6300, "تدبير المالية المحلية").await;
    app.presses(6300, "تخطي").await;
    app.says(6300, "30/02/2026").await;
    let refusal = app.last_text(6300);
    assert!(
        refusal.starts_with("⚠️ «30/02/2026» ليس يوما من أيام التقويم."),
        "{refusal}"
    );
    app.says(6300, "20/01/2026").await;
    app.presses(6300, "09:30").await;
    app.says(6300, "مقر العمالة").await;
    let audience = app.last_text(6300);
    assert!(
        audience.contains(&format!("{} شخصا", people.len())),
        "Arabic plural of {}: {audience}",
        people.len()
    );
    app.presses(
        6300,
        &app.state.i18n.t(Language::Ar, "audience-role-president"),
    )
    .await;
    app.presses(6300, "الحاجب ←").await;
    app.presses(6300, "أكوراي").await;
    let audience = app.last_text(6300);
    assert!(audience.contains("أكوراي (الحاجب)"), "{audience}");
    assert!(audience.contains("شخص واحد"), "{audience}");
    app.says(6300, "/cancel").await;
    assert_eq!(
        app.last_text(6300),
        strip_bidi(&app.state.i18n.t(Language::Ar, "new-workshop-cancelled"))
    );
    app.finish().await;
}
