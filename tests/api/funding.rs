//! A funding campaign, driven step by step on the app's clock: reminders reach only the bodies
//! that owe something (presidents, with finance staff in copy), a promise pauses them, a
//! president asks to be contacted, answers are a president's own, and a closed campaign sends
//! nothing more — not even what it had queued.

use chrono::{TimeZone, Utc};
use takwin::actions::{self, Caller};
use takwin::domain::roster::{Appointment, Language, Role};
use takwin::i18n::strip_bidi;
use takwin::outbox::scheduler;
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::store::roster::{self, Person};

use crate::new_workshop::{ORGANISER, organiser_app};
use crate::support::{Backend, TestApp};

const AGOURAI_PRESIDENT: i64 = 7701;
const BITIT_PRESIDENT: i64 = 7702;
const BITIT_FINANCE: i64 = 7703;
const HAJEB_PRESIDENT: i64 = 7704;

/// The Region's finance service sets the contributions of the sample file.
async fn import_sample_contributions(app: &TestApp) {
    let contributions = include_str!("../../samples/contributions-el-hajeb.csv");
    let cli = Caller::command_line();
    actions::funding::import_contributions(&app.state, &cli, contributions.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
}

/// The command line appoints someone of the roster the Region's finance officer.
async fn appoint_finance_officer(app: &TestApp, officer: &Person) {
    let cli = Caller::command_line();
    actions::roster::set_appointment(
        &app.state,
        &cli,
        &officer.phone,
        Appointment::FinanceOfficer,
        true,
    )
    .await
    .unwrap()
    .unwrap();
}

pub async fn a_campaign_reminds_only_who_owes_and_stops_when_closed(backend: Backend) {
    let app = organiser_app(backend).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let person = |role: Role, body: &str| {
        people
            .iter()
            .find(|p| p.role == role && p.body.as_ref().is_some_and(|(_, b)| b.latin == body))
            .unwrap()
            .clone()
    };
    let joined = [
        (person(Role::President, "Agourai"), AGOURAI_PRESIDENT),
        (person(Role::President, "Bitit"), BITIT_PRESIDENT),
        (person(Role::FinanceStaff, "Bitit"), BITIT_FINANCE),
        (person(Role::President, "El Hajeb"), HAJEB_PRESIDENT),
    ];
    for (person, chat) in &joined {
        app.join_as(std::slice::from_ref(person), &[*chat], Language::Fr)
            .await;
    }
    let cli = Caller::command_line();
    import_sample_contributions(&app).await;
    // Agourai has done everything: its council approved, its contribution is paid.
    actions::funding::record_approval(
        &app.state,
        &cli,
        "El Hajeb",
        "Agourai",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        None,
        None,
    )
    .await
    .unwrap()
    .unwrap();
    actions::funding::record_payment(
        &app.state,
        &cli,
        "El Hajeb",
        "Agourai",
        takwin::domain::money::Money::parse("45 000").unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 1, 6).unwrap(),
        "VIR-1",
    )
    .await
    .unwrap()
    .unwrap();
    let next = actions::funding::start_campaign(&app.state, &cli, "0 10 * * 1")
        .await
        .unwrap()
        .unwrap();
    assert!(
        next[0].contains("Monday") || next[0].contains("lundi") || next[0].contains("Mon"),
        "{next:?}"
    );
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    // Mondays at 10:00 local, UTC+1 in January 2026.
    let monday = |day: u32| Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap();
    let run_on = |day: u32| {
        let app = &app;
        let worker = &worker;
        async move {
            app.clock.set(monday(day));
            scheduler::tick(&app.state).await.unwrap();
            worker.deliver_due().await.unwrap();
        }
    };
    let count = |chat: i64| app.received(chat).len();

    run_on(12).await;
    assert_eq!(count(AGOURAI_PRESIDENT), 0, "nothing owed, never reminded");
    let reminder = app.received(BITIT_PRESIDENT).pop().expect("Bitit owes");
    let text = strip_bidi(&reminder.text);
    assert!(
        text.contains("pas encore approuvée") && text.contains("20\u{a0}000,00\u{a0}DH"),
        "{text}"
    );
    assert!(
        !reminder.buttons().is_empty(),
        "the president answers with buttons"
    );
    let copy = app
        .received(BITIT_FINANCE)
        .pop()
        .expect("finance staff in copy");
    assert!(copy.buttons().is_empty(), "the copy carries no buttons");
    assert_eq!(count(HAJEB_PRESIDENT), 1);

    // Finance staff do not answer for the commune, even with a forged button.
    assert_eq!(
        app.presses_forged(BITIT_FINANCE, 1, "1:later:7").await,
        Some(strip_bidi(
            &app.state.i18n.t(Language::Fr, "funding-presidents-only")
        ))
    );
    // Bitit's president asks to be reminded in a week: nothing on the 19th, again on the 26th.
    app.presses(BITIT_PRESIDENT, "Rappel dans une semaine")
        .await;
    let before = count(BITIT_PRESIDENT);
    run_on(19).await;
    assert_eq!(count(BITIT_PRESIDENT), before, "paused by the promise");
    assert_eq!(count(HAJEB_PRESIDENT), 2, "the others are still reminded");
    run_on(26).await;
    assert_eq!(count(BITIT_PRESIDENT), before + 1, "the promise ran out");

    // El Hajeb's president asks to be contacted: the organiser is told who and how.
    app.presses(HAJEB_PRESIDENT, "Être contacté").await;
    worker.deliver_due().await.unwrap();
    let hajeb = &joined[3].0;
    assert!(
        app.last_text(ORGANISER).contains(&hajeb.full_name),
        "{}",
        app.last_text(ORGANISER)
    );

    // Organisers follow it per province and for the region; officials may not.
    app.says(ORGANISER, "/contributions").await;
    let overview = app.last_text(ORGANISER);
    assert!(
        overview.contains("Toute la région") && overview.contains("versé 45\u{a0}000,00\u{a0}DH"),
        "{overview}"
    );
    app.says(BITIT_PRESIDENT, "/contributions").await;
    assert_eq!(
        strip_bidi(&app.received(BITIT_PRESIDENT).pop().unwrap().text),
        strip_bidi(&app.state.i18n.t(Language::Fr, "organiser-only"))
    );
    // A tap on the province shows each of its bodies.
    app.presses(ORGANISER, "El Hajeb").await;
    let province = app.last_text(ORGANISER);
    assert!(
        province.contains(
            "✅ <b>Agourai</b>\u{a0}: convention approuvée\u{a0}; versé 45\u{a0}000,00\u{a0}DH sur \
             45\u{a0}000,00\u{a0}DH\u{a0}; reste dû 0,00\u{a0}DH."
        ) && province.contains("▫️ <b>Bitit</b>\u{a0}: convention non approuvée\u{a0}; versé 0,00"),
        "{province}"
    );
    // Not for a president, even with a forged button.
    let tap = takwin::views::buttons::Action::ProvinceFunding(1).encode();
    assert_eq!(
        app.presses_forged(BITIT_PRESIDENT, 1, &tap).await,
        Some(strip_bidi(
            &app.state.i18n.t(Language::Fr, "organiser-only")
        ))
    );

    // /commune shows a body's whole status; Agourai's is settled.
    app.says(AGOURAI_PRESIDENT, "/commune").await;
    assert!(
        app.last_text(AGOURAI_PRESIDENT)
            .contains("Plus rien n'est en attente")
    );

    // Queued, then the campaign closed before delivery: nothing more goes.
    let (bitit, hajeb_count) = (count(BITIT_PRESIDENT), count(HAJEB_PRESIDENT));
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 2, 2, 9, 0, 0).unwrap());
    scheduler::tick(&app.state).await.unwrap();
    assert!(
        actions::funding::close_campaign(&app.state, &cli)
            .await
            .unwrap()
    );
    worker.deliver_due().await.unwrap();
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 2, 9, 9, 0, 0).unwrap());
    scheduler::tick(&app.state).await.unwrap();
    worker.deliver_due().await.unwrap();
    assert_eq!(
        (count(BITIT_PRESIDENT), count(HAJEB_PRESIDENT)),
        (bitit, hajeb_count)
    );
    app.finish().await;
}

const OFFICER: i64 = 7710;

pub async fn a_declared_transfer_is_rejected_with_a_reason_then_confirmed(backend: Backend) {
    let app = organiser_app(backend).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let bitit_president = people
        .iter()
        .find(|p| {
            p.role == Role::President && p.body.as_ref().is_some_and(|(_, b)| b.latin == "Bitit")
        })
        .unwrap()
        .clone();
    let officer = people
        .iter()
        .find(|p| p.role == Role::ProvinceStaff && p.telegram_user_id.is_none())
        .unwrap()
        .clone();
    app.join_as(
        std::slice::from_ref(&bitit_president),
        &[BITIT_PRESIDENT],
        Language::Fr,
    )
    .await;
    app.join_as(std::slice::from_ref(&officer), &[OFFICER], Language::Fr)
        .await;
    appoint_finance_officer(&app, &officer).await;
    import_sample_contributions(&app).await;
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    let t = |key: &str| strip_bidi(&app.state.i18n.t(Language::Fr, key));

    // The president declares a transfer: a wrong amount is refused with the reason, then
    // the amount and the reference.
    app.says(BITIT_PRESIDENT, "/commune").await;
    app.presses(BITIT_PRESIDENT, "Virement effectué").await;
    app.says(BITIT_PRESIDENT, "12,5000").await;
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains(&t("money-error-too-precise")),
        "{}",
        app.last_text(BITIT_PRESIDENT)
    );
    app.says(BITIT_PRESIDENT, "20 000,00 DH").await;
    app.says(BITIT_PRESIDENT, "VIR-2026-17").await;
    // Then a photo of the bank's receipt, which the finance officer sees with it.
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains(&t("funding-transfer-ask-receipt"))
    );
    let receipt = b"\xff\xd8\xff\xe0 a receipt".to_vec();
    app.sends_photo(BITIT_PRESIDENT, receipt.clone(), "")
        .await
        .unwrap();
    assert!(app.last_text(BITIT_PRESIDENT).contains("VIR-2026-17"));
    worker.deliver_due().await.unwrap();
    assert!(
        app.last_text(OFFICER).contains("VIR-2026-17"),
        "the officer is told"
    );
    app.says(OFFICER, "/declarations").await;
    let shown = app.received(OFFICER).pop().unwrap();
    assert_eq!(
        shown.photo.as_ref().map(|p| p.bytes.clone()),
        Some(receipt),
        "the receipt, as sent"
    );
    assert!(strip_bidi(&shown.text).contains("VIR-2026-17"));

    // An official cannot verify, even with a forged button.
    let pending = declared_payments(&app).await;
    assert_eq!(pending.len(), 1);
    let id = pending[0];
    assert_eq!(
        app.presses_forged(BITIT_PRESIDENT, 1, &format!("1:verify:p{id}:y"))
            .await,
        Some(t("finance-only"))
    );

    // The officer rejects it with a reason: the president learns why, and owes it again.
    app.says(OFFICER, "/declarations").await;
    app.presses(OFFICER, "Rejeter").await;
    app.says(OFFICER, "Référence introuvable sur le relevé")
        .await;
    worker.deliver_due().await.unwrap();
    let told = app.last_text(BITIT_PRESIDENT);
    assert!(
        told.contains("Référence introuvable sur le relevé"),
        "{told}"
    );
    let owed = |app: &crate::support::TestApp| {
        let state = app.state.clone();
        async move {
            let records = takwin::store::funding::records(&state.db, None)
                .await
                .unwrap();
            let bitit = records.iter().find(|r| r.body.1.latin == "Bitit").unwrap();
            (bitit.funding.owed().amount, bitit.funding.paid())
        }
    };
    assert_eq!(
        owed(&app).await,
        (
            takwin::domain::money::Money::from_dirhams(20_000),
            takwin::domain::money::Money::ZERO
        )
    );

    // Declared again, then confirmed: paid, thanked; a second press changes nothing.
    app.says(BITIT_PRESIDENT, "/commune").await;
    app.presses(BITIT_PRESIDENT, "Virement effectué").await;
    app.says(BITIT_PRESIDENT, "20000").await;
    app.says(BITIT_PRESIDENT, "VIR-2026-18").await;
    app.presses(BITIT_PRESIDENT, "Sans reçu").await;
    app.says(OFFICER, "/declarations").await;
    app.presses(OFFICER, "Confirmer").await;
    let second = declared_payments(&app).await;
    assert!(second.is_empty());
    let confirmed = takwin::store::funding::records(&app.state.db, None)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.body.1.latin == "Bitit")
        .unwrap();
    assert_eq!(confirmed.funding.payments.len(), 2);
    // The confirmed payment is the last one; pressing for it again decides nothing more.
    let last = id + 1;
    assert_eq!(
        app.presses_forged(OFFICER, 1, &format!("1:verify:p{last}:n"))
            .await,
        Some(t("declaration-already"))
    );
    worker.deliver_due().await.unwrap();
    assert!(app.last_text(BITIT_PRESIDENT).contains("est confirmé"));
    assert_eq!(
        owed(&app).await,
        (
            takwin::domain::money::Money::ZERO,
            takwin::domain::money::Money::from_dirhams(20_000)
        )
    );
    // The council's approval, declared with the day of the vote (not a day to come), then
    // confirmed: the agreement is approved.
    app.says(BITIT_PRESIDENT, "/commune").await;
    app.presses(BITIT_PRESIDENT, "Approuvée par le conseil")
        .await;
    app.says(BITIT_PRESIDENT, "12/05/2026").await;
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains("postérieure à aujourd'hui")
    );
    app.says(BITIT_PRESIDENT, "05/01/2026").await;
    // The session, tapped (a forged or stale tap decides nothing), then the decision's number.
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains(&t("funding-approval-ask-session"))
    );
    app.presses(BITIT_PRESIDENT, "Session ordinaire d'octobre")
        .await;
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains("numéro de la délibération")
    );
    let stale = takwin::views::buttons::Action::ApprovalSession(
        takwin::domain::funding::CouncilSession::Ordinary(chrono::Month::May),
    )
    .encode();
    assert_eq!(
        app.presses_forged(BITIT_PRESIDENT, 1, &stale).await,
        Some(t("dialogue-stale"))
    );
    app.says(BITIT_PRESIDENT, "31/2025").await;
    worker.deliver_due().await.unwrap();
    assert!(app.last_text(OFFICER).contains("/declarations"));
    app.says(OFFICER, "/declarations").await;
    let listed = app.last_text(OFFICER);
    assert!(
        listed.contains("Session\u{a0}: Session ordinaire d'octobre")
            && listed.contains("Délibération n° 31/2025"),
        "{listed}"
    );
    app.presses(OFFICER, "Confirmer").await;
    worker.deliver_due().await.unwrap();
    assert!(app.last_text(BITIT_PRESIDENT).contains("est confirmée"));
    let bitit = takwin::store::funding::records(&app.state.db, None)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.body.1.latin == "Bitit")
        .unwrap();
    assert_eq!(
        bitit.funding.agreement(),
        takwin::domain::funding::AgreementState::Approved
    );
    assert!(
        bitit.funding.owed().is_nothing(),
        "Bitit has done everything"
    );
    app.finish().await;
}

const SECRETARY_GENERAL: i64 = 7720;

/// Bitit's president never answers; Agourai's asks to be contacted. With escalation after 2
/// unanswered reminders, the day after the second reminder the province's Secretary-General
/// gets Bitit (not Agourai, who answered), and the organisers the week's summary; the
/// report counts the reminders and dates the last answer. A closed campaign sends no digest.
pub async fn silence_escalates_to_the_secretary_general_after_the_configured_reminders(
    backend: Backend,
) {
    let app = organiser_app(backend).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let person = |role: Role, body: Option<&str>| {
        people
            .iter()
            .find(|p| p.role == role && p.body.as_ref().map(|(_, b)| b.latin.as_str()) == body)
            .unwrap()
            .clone()
    };
    for (who, chat, language) in [
        (
            person(Role::President, Some("Agourai")),
            AGOURAI_PRESIDENT,
            Language::Fr,
        ),
        (
            person(Role::President, Some("Bitit")),
            BITIT_PRESIDENT,
            Language::Fr,
        ),
        (
            person(Role::FinanceStaff, Some("Bitit")),
            BITIT_FINANCE,
            Language::Fr,
        ),
        (
            person(Role::SecretaryGeneral, None),
            SECRETARY_GENERAL,
            Language::Ar,
        ),
    ] {
        app.join_as(std::slice::from_ref(&who), &[chat], language)
            .await;
    }
    let cli = Caller::command_line();
    import_sample_contributions(&app).await;
    // The session reminder (20 January by default) is kept out of the way: its own journey.
    let campaign = actions::funding::Campaign {
        cron: "0 10 * * 1".into(),
        sessions_cron: "0 10 20 4,9 *".into(),
        escalate_after: 2,
        escalation_delay: "1d".into(),
        ..actions::funding::Campaign::default()
    };
    // A delay that does not read, a silence of no reminder, a session rhythm that is not a
    // cron expression: refused with the reason, nothing started.
    let refused = actions::funding::start_campaign_with(
        &app.state,
        &cli,
        &actions::funding::Campaign {
            escalation_delay: "demain".into(),
            ..campaign.clone()
        },
    )
    .await
    .unwrap()
    .unwrap_err();
    assert!(
        refused.to_string().contains("--escalation-delay"),
        "{refused}"
    );
    for (bad, flag) in [
        (
            actions::funding::Campaign {
                escalate_after: 0,
                ..campaign.clone()
            },
            "--escalate-after",
        ),
        (
            actions::funding::Campaign {
                sessions_cron: "first week of May".into(),
                ..campaign.clone()
            },
            "--sessions-cron",
        ),
    ] {
        let refused = actions::funding::start_campaign_with(&app.state, &cli, &bad)
            .await
            .unwrap()
            .unwrap_err();
        assert!(refused.to_string().contains(flag), "{refused}");
    }
    assert!(
        !takwin::store::schedules::is_active(&app.state.db, "funding-campaign")
            .await
            .unwrap(),
        "nothing started on a refusal"
    );
    actions::funding::start_campaign_with(&app.state, &cli, &campaign)
        .await
        .unwrap()
        .unwrap();
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    // 10:00 local (UTC+1 in January 2026) on a day of January.
    let run_on = |day: u32| {
        let app = &app;
        let worker = &worker;
        async move {
            app.clock
                .set(Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap());
            scheduler::tick(&app.state).await.unwrap();
            worker.deliver_due().await.unwrap();
        }
    };
    let count = |chat: i64| app.received(chat).len();

    // Monday 12: the first reminder. Tuesday 13: one reminder is not yet a silence.
    run_on(12).await;
    assert_eq!(count(BITIT_PRESIDENT), 1);
    run_on(13).await;
    assert_eq!(count(SECRETARY_GENERAL), 0, "one reminder is not a silence");
    let summary = app.last_text(ORGANISER);
    assert!(
        summary.contains("point de la semaine")
            && summary.contains("Aucune collectivité n'est restée sans réponse à 2 rappels"),
        "{summary}"
    );
    // Agourai's president answers: asks to be contacted.
    app.presses(AGOURAI_PRESIDENT, "Être contacté").await;

    // Monday 19: the second reminder; Tuesday 20: Bitit has left two unanswered.
    run_on(19).await;
    assert_eq!(count(BITIT_PRESIDENT), 2);
    assert_eq!(count(AGOURAI_PRESIDENT), 2);
    run_on(20).await;
    assert_eq!(count(SECRETARY_GENERAL), 1, "the digest, once");
    let digest = strip_bidi(&app.received(SECRETARY_GENERAL)[0].text);
    assert!(
        digest.contains("بطيط") && digest.contains("تذكيران دون جواب"),
        "{digest}"
    );
    assert!(!digest.contains("أكوراي"), "Agourai answered: {digest}");
    assert!(digest.contains("اتفاقية التمويل"), "{digest}");
    let summary = app.last_text(ORGANISER);
    assert!(
        summary.contains("1 collectivité n'a pas répondu à 2 rappels ou plus"),
        "{summary}"
    );

    // The report: two reminders each (the finance staff's copy is the same reminder), and
    // Agourai's last answer dated.
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("contributions.json");
    takwin::admin::contributions_report(
        &app.state,
        None,
        &takwin::cli::TableOutput {
            format: takwin::cli::ReportFormat::Json,
            out: Some(path.clone()),
        },
    )
    .await
    .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let body = |name: &str| {
        json["bodies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["body"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(body("Bitit")["reminders_sent"], 2);
    assert_eq!(body("Bitit")["last_answer"], serde_json::Value::Null);
    assert_eq!(body("Agourai")["reminders_sent"], 2);
    assert_eq!(
        body("Agourai")["last_answer"],
        serde_json::json!({"on": "2026-01-13", "kind": "contact"})
    );
    assert_eq!(json["region"]["reminders_sent"], 4);

    // Closed: the next reminder and digest are not sent.
    assert!(
        actions::funding::close_campaign(&app.state, &cli)
            .await
            .unwrap()
    );
    run_on(26).await;
    run_on(27).await;
    assert_eq!(count(SECRETARY_GENERAL), 1);
    assert_eq!(count(BITIT_PRESIDENT), 2);
    app.finish().await;
}

/// Ahead of the councils' sessions (20 January by default), the presidents whose council has
/// not approved the agreement nor declared it approved are asked to put it on the agenda —
/// with their status and the answer buttons; not their finance staff, not the presidents
/// whose agreement is approved (though they still owe money) or declared.
pub async fn ahead_of_a_council_session_only_agreements_still_to_approve_are_recalled(
    backend: Backend,
) {
    let app = organiser_app(backend).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let person = |role: Role, body: &str| {
        people
            .iter()
            .find(|p| p.role == role && p.body.as_ref().is_some_and(|(_, b)| b.latin == body))
            .unwrap()
            .clone()
    };
    for (who, chat) in [
        (person(Role::President, "Agourai"), AGOURAI_PRESIDENT),
        (person(Role::President, "Bitit"), BITIT_PRESIDENT),
        (person(Role::FinanceStaff, "Bitit"), BITIT_FINANCE),
        (person(Role::President, "El Hajeb"), HAJEB_PRESIDENT),
    ] {
        app.join_as(std::slice::from_ref(&who), &[chat], Language::Fr)
            .await;
    }
    let cli = Caller::command_line();
    import_sample_contributions(&app).await;
    // Agourai's council approved (recorded by the Region); it still owes its contribution.
    actions::funding::record_approval(
        &app.state,
        &cli,
        "El Hajeb",
        "Agourai",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        Some("session d'octobre"),
        None,
    )
    .await
    .unwrap()
    .unwrap();
    // El Hajeb's president declares the approval in chat.
    app.says(HAJEB_PRESIDENT, "/commune").await;
    app.presses(HAJEB_PRESIDENT, "Approuvée par le conseil")
        .await;
    app.says(HAJEB_PRESIDENT, "08/01/2026").await;
    app.presses(HAJEB_PRESIDENT, "Session extraordinaire").await;
    app.presses(HAJEB_PRESIDENT, "Sans numéro").await;
    assert!(
        app.last_text(HAJEB_PRESIDENT)
            .contains("Déclaration enregistrée")
    );
    let campaign = actions::funding::Campaign::default();
    assert_eq!(campaign.sessions_cron, "0 10 20 1,4,9 *");
    actions::funding::start_campaign_with(&app.state, &cli, &campaign)
        .await
        .unwrap()
        .unwrap();
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    let counts = || {
        [
            AGOURAI_PRESIDENT,
            BITIT_PRESIDENT,
            BITIT_FINANCE,
            HAJEB_PRESIDENT,
        ]
        .map(|chat| app.received(chat).len())
    };
    let before = counts();
    // Tuesday 20 January 2026, 10:00 local (UTC+1).
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 20, 9, 0, 0).unwrap());
    scheduler::tick(&app.state).await.unwrap();
    worker.deliver_due().await.unwrap();
    let after = counts();
    assert_eq!(
        after
            .iter()
            .zip(before)
            .map(|(a, b)| a - b)
            .collect::<Vec<_>>(),
        [0, 1, 0, 0],
        "only Bitit's president"
    );
    let reminder = app.received(BITIT_PRESIDENT).pop().unwrap();
    let text = strip_bidi(&reminder.text);
    assert!(
        text.contains("session ordinaire") && text.contains("pas encore approuvée"),
        "{text}"
    );
    assert!(
        reminder.button("Approuvée par le conseil").is_some(),
        "the president answers from it"
    );
    app.finish().await;
}

/// Agourai owes 45 000,00 DH. Its president declares 20 000,50 DH (confirmed: a balance is
/// kept), then 25 000,00 DH (confirmed: 0,50 DH more than due, shown, not hidden); the
/// report's totals equal what was recorded, to the centime. Its finance staff cannot declare
/// for it, even with forged buttons, nor can a president of another commune reach it: nothing
/// changes. Malformed amounts and dates are refused with the reason.
pub async fn a_partial_payment_keeps_a_balance_and_an_overpayment_shows(backend: Backend) {
    let app = organiser_app(backend).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let person = |role: Role, body: &str| {
        people
            .iter()
            .find(|p| p.role == role && p.body.as_ref().is_some_and(|(_, b)| b.latin == body))
            .unwrap()
            .clone()
    };
    const AGOURAI_FINANCE: i64 = 7705;
    let officer = people
        .iter()
        .find(|p| p.role == Role::ProvinceStaff && p.telegram_user_id.is_none())
        .unwrap()
        .clone();
    for (who, chat) in [
        (person(Role::President, "Agourai"), AGOURAI_PRESIDENT),
        (person(Role::FinanceStaff, "Agourai"), AGOURAI_FINANCE),
        (person(Role::President, "Bitit"), BITIT_PRESIDENT),
        (officer.clone(), OFFICER),
    ] {
        app.join_as(std::slice::from_ref(&who), &[chat], Language::Fr)
            .await;
    }
    appoint_finance_officer(&app, &officer).await;
    import_sample_contributions(&app).await;
    let t = |key: &str| strip_bidi(&app.state.i18n.t(Language::Fr, key));
    let payments = || {
        let state = app.state.clone();
        async move {
            takwin::store::funding::records(&state.db, None)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.funding.payments.len())
                .sum::<usize>()
        }
    };

    // The finance staff are not the president: a forged "transfer made" or "remind me" is
    // refused, and nothing is opened or recorded.
    for data in ["1:paid:me", "1:later:7", "1:voted:me", "1:call:me"] {
        assert_eq!(
            app.presses_forged(AGOURAI_FINANCE, 1, data).await,
            Some(t("funding-presidents-only")),
            "{data}"
        );
    }
    app.says(AGOURAI_FINANCE, "20000").await;
    assert_eq!(payments().await, 0);
    assert!(
        takwin::store::funding::promises(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );
    // A payload no release wrote (a body's id slipped in) changes nothing either.
    app.presses_forged(BITIT_PRESIDENT, 1, "1:paid:agourai")
        .await;
    app.says(BITIT_PRESIDENT, "20000").await;
    assert_eq!(payments().await, 0);

    // A partial transfer: amounts that do not read are refused with the reason.
    let declare = |amount: &'static str, reference: &'static str| {
        let app = &app;
        async move {
            app.says(AGOURAI_PRESIDENT, "/commune").await;
            app.presses(AGOURAI_PRESIDENT, "Virement effectué").await;
            app.says(AGOURAI_PRESIDENT, amount).await;
            app.says(AGOURAI_PRESIDENT, reference).await;
            app.presses(AGOURAI_PRESIDENT, "Sans reçu").await;
            app.says(OFFICER, "/declarations").await;
            app.presses(OFFICER, "Confirmer").await;
        }
    };
    app.says(AGOURAI_PRESIDENT, "/commune").await;
    app.presses(AGOURAI_PRESIDENT, "Virement effectué").await;
    for (typed, key) in [
        ("vingt mille", "money-error-not-an-amount"),
        ("-500", "money-error-not-positive"),
        ("12,5000", "money-error-too-precise"),
        // Three decimals were read as thousands: 20000.500 became 20,000,500 dirhams.
        ("20000.500", "money-error-too-precise"),
        ("20 000,500 DH", "money-error-too-precise"),
        // Twenty thousand to some, twenty dirhams to others: never guessed.
        ("20.000", "money-error-ambiguous"),
    ] {
        app.says(AGOURAI_PRESIDENT, typed).await;
        let told = app.last_text(AGOURAI_PRESIDENT);
        assert!(told.contains(&t(key)), "{typed}: {told}");
    }
    app.says(AGOURAI_PRESIDENT, "/cancel").await;
    declare("20 000,50", "VIR-A1").await;
    app.says(AGOURAI_PRESIDENT, "/commune").await;
    let status = app.last_text(AGOURAI_PRESIDENT);
    assert!(
        status.contains("20\u{a0}000,50\u{a0}DH")
            && status.contains("reste dû\u{a0}: 24\u{a0}999,50"),
        "{status}"
    );
    // More than the balance: shown as paid in excess.
    declare("25.000,00 DH", "VIR-A2").await;
    app.says(AGOURAI_PRESIDENT, "/commune").await;
    let status = app.last_text(AGOURAI_PRESIDENT);
    assert!(
        status.contains("0,50\u{a0}DH de plus que le montant dû"),
        "{status}"
    );

    // The council's vote: a day that does not exist is refused with the reason.
    app.presses(AGOURAI_PRESIDENT, "Approuvée par le conseil")
        .await;
    app.says(AGOURAI_PRESIDENT, "31/02/2026").await;
    assert!(
        app.last_text(AGOURAI_PRESIDENT)
            .contains(&t("funding-approval-bad-date"))
    );
    app.says(AGOURAI_PRESIDENT, "/cancel").await;

    // The report adds up what was recorded, to the centime.
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("contributions.json");
    takwin::admin::contributions_report(
        &app.state,
        None,
        &takwin::cli::TableOutput {
            format: takwin::cli::ReportFormat::Json,
            out: Some(path.clone()),
        },
    )
    .await
    .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let agourai = json["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["body"] == "Agourai")
        .unwrap()
        .clone();
    assert_eq!(agourai["paid_centimes"], 2_000_050 + 2_500_000);
    assert_eq!(agourai["outstanding_centimes"], -50);
    assert_eq!(json["region"]["paid_centimes"], 2_000_050 + 2_500_000);
    assert_eq!(
        agourai["last_answer"]["kind"], "transfer",
        "declarations are answers"
    );
    app.finish().await;
}

/// The people of a funding journey: the roster's person of a role in a body.
fn roster_person(
    people: &[takwin::store::roster::Person],
    role: Role,
    body: &str,
) -> takwin::store::roster::Person {
    people
        .iter()
        .find(|p| p.role == role && p.body.as_ref().is_some_and(|(_, b)| b.latin == body))
        .unwrap()
        .clone()
}

/// Bitit's president (in French) and a finance officer have joined; the contributions are
/// set. Returns the delivery worker.
async fn bitit_and_an_officer(app: &crate::support::TestApp) -> Deliverer {
    let people = roster::all_people(&app.state.db).await.unwrap();
    let president = roster_person(&people, Role::President, "Bitit");
    let officer = people
        .iter()
        .find(|p| p.role == Role::ProvinceStaff && p.telegram_user_id.is_none())
        .unwrap()
        .clone();
    app.join_as(&[president], &[BITIT_PRESIDENT], Language::Fr)
        .await;
    app.join_as(std::slice::from_ref(&officer), &[OFFICER], Language::Fr)
        .await;
    appoint_finance_officer(app, &officer).await;
    import_sample_contributions(app).await;
    Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    )
}

/// Bitit's payments as recorded, each with its state.
async fn bitit_payments(app: &crate::support::TestApp) -> Vec<takwin::domain::funding::Payment> {
    takwin::store::funding::records(&app.state.db, None)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.body.1.latin == "Bitit")
        .unwrap()
        .funding
        .payments
}

/// Bitit's president declares a transfer, then declares it again (its reference typed
/// otherwise): one record, nothing added, the finance officer told once. The same reference
/// with another amount is refused with the reason and how it is corrected, the amount kept
/// and the reference asked again. A rejected declaration frees its reference. The database
/// itself refuses a second record standing under one reference.
pub async fn the_same_transfer_declared_twice_in_chat_is_recorded_once(backend: Backend) {
    let app = organiser_app(backend).await;
    let worker = bitit_and_an_officer(&app).await;
    let t = |key: &str| strip_bidi(&app.state.i18n.t(Language::Fr, key));
    let declare = |amount: &'static str, reference: &'static str| {
        let app = &app;
        async move {
            app.says(BITIT_PRESIDENT, "/commune").await;
            app.presses(BITIT_PRESIDENT, "Virement effectué").await;
            app.says(BITIT_PRESIDENT, amount).await;
            app.says(BITIT_PRESIDENT, reference).await;
        }
    };

    declare("20 000", "VIR-2026-31").await;
    app.presses(BITIT_PRESIDENT, "Sans reçu").await;
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains("Déclaration enregistrée")
    );
    worker.deliver_due().await.unwrap();
    let officer_told = app.received(OFFICER).len();
    // Told of the appointment (made after joining), then of the declaration.
    assert_eq!(officer_told, 2);

    // The same transfer again, its reference typed otherwise: one transfer, one record.
    declare("20000,00", "vir-2026-31 ").await;
    let said = app.last_text(BITIT_PRESIDENT);
    assert!(
        said.contains("Virement déjà enregistré") && said.contains("rien n'a été ajouté"),
        "{said}"
    );
    assert!(!said.contains(&t("funding-transfer-ask-receipt")), "{said}");
    assert_eq!(bitit_payments(&app).await.len(), 1);
    // The dialogue is over: a reference typed now declares nothing.
    app.says(BITIT_PRESIDENT, "VIR-2026-31").await;
    worker.deliver_due().await.unwrap();
    assert_eq!(app.received(OFFICER).len(), officer_told, "told once");
    assert_eq!(bitit_payments(&app).await.len(), 1);

    // Another amount under that reference: refused with the reason and how to correct it;
    // the amount is kept, the reference asked again.
    declare("15 000", "VIR-2026-31").await;
    let refused = app.last_text(BITIT_PRESIDENT);
    assert!(
        refused.contains("Référence VIR-2026-31 déjà enregistrée")
            && refused.contains("20\u{a0}000,00\u{a0}DH")
            && refused.contains(&t("funding-corrected-by-region"))
            && refused.contains(&t("funding-transfer-ask-reference")),
        "{refused}"
    );
    app.says(BITIT_PRESIDENT, "VIR-2026-32").await;
    app.presses(BITIT_PRESIDENT, "Sans reçu").await;
    let payments = bitit_payments(&app).await;
    assert_eq!(
        payments
            .iter()
            .map(|p| (p.reference.as_str(), p.amount.centimes()))
            .collect::<Vec<_>>(),
        [("VIR-2026-31", 2_000_000), ("VIR-2026-32", 1_500_000)]
    );

    // The finance officer rejects the second: its reference may be declared again.
    app.says(OFFICER, "/declarations").await;
    app.presses(OFFICER, "Rejeter").await;
    app.says(OFFICER, "Montant différent sur le relevé").await;
    declare("14 500", "VIR-2026-32").await;
    app.presses(BITIT_PRESIDENT, "Sans reçu").await;
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains("Déclaration enregistrée")
    );
    let payments = bitit_payments(&app).await;
    assert_eq!(payments.len(), 3);
    assert_eq!(
        payments
            .iter()
            .filter(|p| takwin::domain::funding::stands(&p.verification))
            .count(),
        2
    );

    // Whatever writes to it, the database keeps one record standing under a reference.
    let body: i64 = sqlx::query_scalar("SELECT body_id FROM payments ORDER BY id LIMIT 1")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let twice = sqlx::query(
        "INSERT INTO payments (body_id, amount, paid_on, reference, reference_key, state, \
         declared_by, declared_at) VALUES ($1, 100, '2026-01-10', 'vir-2026-31', 'VIR-2026-31', \
         'verified', 'test', 0)",
    )
    .bind(body)
    .execute(&app.state.db.pool)
    .await;
    assert!(twice.is_err(), "the unique index refuses it");
    app.finish().await;
}

/// The day of the council's vote after today, or a century ago, is refused in chat with the
/// reason and asked again; a session or a decision's number with a text-direction override is
/// refused with the character named; a second approval while one stands is refused with the
/// way to correct it. A transfer's reference with an override, or too long, is refused and
/// asked again, the amount kept.
pub async fn impossible_days_and_hostile_text_are_refused_in_chat(backend: Backend) {
    let app = organiser_app(backend).await;
    let _worker = bitit_and_an_officer(&app).await;
    let t = |key: &str| strip_bidi(&app.state.i18n.t(Language::Fr, key));
    let approvals = || {
        let state = app.state.clone();
        async move {
            takwin::store::funding::records(&state.db, None)
                .await
                .unwrap()
                .into_iter()
                .find(|r| r.body.1.latin == "Bitit")
                .unwrap()
                .funding
                .approvals
        }
    };

    // Today is Saturday 10 January 2026.
    app.says(BITIT_PRESIDENT, "/commune").await;
    app.presses(BITIT_PRESIDENT, "Approuvée par le conseil")
        .await;
    app.says(BITIT_PRESIDENT, "12/05/2026").await;
    let said = app.last_text(BITIT_PRESIDENT);
    assert!(
        said.contains(
            "Date du mardi 12 mai 2026 postérieure à aujourd'hui (samedi 10 janvier 2026)"
        ) && said.contains(&t("funding-approval-ask-date")),
        "{said}"
    );
    app.says(BITIT_PRESIDENT, "15/03/1925").await;
    let said = app.last_text(BITIT_PRESIDENT);
    assert!(
        said.contains("antérieure au début du programme (dimanche 1er janvier 2023)"),
        "{said}"
    );
    app.says(BITIT_PRESIDENT, "31/12/2022").await;
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains("antérieure au début du programme")
    );
    app.says(BITIT_PRESIDENT, "05/01/2026").await;
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains(&t("funding-approval-ask-session"))
    );
    // A session written with a right-to-left override.
    app.says(BITIT_PRESIDENT, "Session \u{202E}de mai").await;
    let said = app.last_text(BITIT_PRESIDENT);
    assert!(
        said.contains(
            "Session\u{a0}: caractère de contrôle du sens d'écriture (U+202E, caractère 9)"
        ) && said.contains(&t("funding-approval-ask-session")),
        "{said}"
    );
    app.says(BITIT_PRESIDENT, "Session ordinaire de mai").await;
    app.says(BITIT_PRESIDENT, "12/\u{2066}2026").await;
    let said = app.last_text(BITIT_PRESIDENT);
    assert!(
        app.received(BITIT_PRESIDENT)
            .iter()
            .rev()
            .take(2)
            .any(|m| strip_bidi(&m.text).contains(
                "Numéro de délibération\u{a0}: caractère de contrôle du sens d'écriture (U+2066"
            )),
        "{said}"
    );
    assert!(said.contains("numéro de la délibération"), "{said}");
    app.says(BITIT_PRESIDENT, "12/2026").await;
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains("Déclaration enregistrée")
    );
    let recorded = approvals().await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(
        recorded[0].session.as_deref(),
        Some("Session ordinaire de mai")
    );
    assert_eq!(recorded[0].decision.as_deref(), Some("12/2026"));

    // Declared once, declared again: refused at the first tap, with the way to correct it.
    app.says(BITIT_PRESIDENT, "/commune").await;
    let update = {
        let message = app.received(BITIT_PRESIDENT).pop().unwrap();
        let data = message
            .button("Approuvée par le conseil")
            .and_then(|b| b.callback_data.clone())
            .unwrap();
        app.emulator
            .press_button(BITIT_PRESIDENT, message.message_id, &data)
            .unwrap()
    };
    app.handled(update).await.unwrap();
    let text = app.last_text(BITIT_PRESIDENT);
    assert!(
        text.contains("Approbation de la convention de financement déjà enregistrée")
            && text.contains("lundi 5 janvier 2026")
            && text.contains(&t("funding-corrected-by-region")),
        "{text}"
    );
    app.says(BITIT_PRESIDENT, "06/01/2026").await;
    assert_eq!(approvals().await.len(), 1, "nothing added");

    // A transfer's reference with an override, then too long: refused, the amount kept.
    app.says(BITIT_PRESIDENT, "/commune").await;
    app.presses(BITIT_PRESIDENT, "Virement effectué").await;
    app.says(BITIT_PRESIDENT, "20 000").await;
    app.says(BITIT_PRESIDENT, "VIR-\u{202E}71-6202").await;
    let said = app.last_text(BITIT_PRESIDENT);
    assert!(
        said.contains(
            "Référence\u{a0}: caractère de contrôle du sens d'écriture (U+202E, caractère 5)"
        ) && said.contains(&t("funding-transfer-ask-reference")),
        "{said}"
    );
    app.says(BITIT_PRESIDENT, &"VIR-".repeat(20)).await;
    let said = app.last_text(BITIT_PRESIDENT);
    assert!(
        said.contains("Référence de 80 caractères\u{a0}; 60 au plus"),
        "{said}"
    );
    app.says(BITIT_PRESIDENT, "VIR-2026-6202").await;
    assert!(
        app.last_text(BITIT_PRESIDENT)
            .contains(&t("funding-transfer-ask-receipt"))
    );
    app.presses(BITIT_PRESIDENT, "Sans reçu").await;
    let payments = bitit_payments(&app).await;
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0].reference, "VIR-2026-6202");
    assert_eq!(payments[0].amount.centimes(), 2_000_000);
    app.finish().await;
}

/// El Hajeb's president presses the buttons of Bitit's president's reminder (a message of
/// another chat: forwarded, shared, or forged): each press is answered to the presser alone,
/// with the reason; nothing is recorded, nobody else is told, and Bitit's reminder keeps its
/// text and its buttons, never edited.
pub async fn a_press_on_another_presidents_reminder_answers_the_presser_only(backend: Backend) {
    let app = organiser_app(backend).await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    for (who, chat) in [
        (
            roster_person(&people, Role::President, "Bitit"),
            BITIT_PRESIDENT,
        ),
        (
            roster_person(&people, Role::President, "El Hajeb"),
            HAJEB_PRESIDENT,
        ),
    ] {
        app.join_as(std::slice::from_ref(&who), &[chat], Language::Fr)
            .await;
    }
    let cli = Caller::command_line();
    import_sample_contributions(&app).await;
    actions::funding::start_campaign(&app.state, &cli, "0 10 * * 1")
        .await
        .unwrap()
        .unwrap();
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 1, 12, 9, 0, 0).unwrap());
    scheduler::tick(&app.state).await.unwrap();
    worker.deliver_due().await.unwrap();
    let reminder = app
        .received(BITIT_PRESIDENT)
        .pop()
        .expect("Bitit is reminded");
    assert_eq!(reminder.buttons().len(), 5);
    let seen = |chat: i64| app.received(chat).len();
    let before = [
        seen(BITIT_PRESIDENT),
        seen(HAJEB_PRESIDENT),
        seen(ORGANISER),
    ];
    let not_yours = strip_bidi(&app.state.i18n.t(Language::Fr, "button-not-yours"));

    // Every button of Bitit's reminder, and an answer to an invitation, pressed by El Hajeb's
    // president on that message.
    let rsvp = takwin::views::buttons::Action::Rsvp {
        workshop: takwin::domain::ids::WorkshopId::new(1),
        yes: true,
        listed: false,
    }
    .encode();
    let mut pressed: Vec<String> = reminder
        .buttons()
        .iter()
        .filter_map(|b| b.callback_data.clone())
        .collect();
    pressed.push(rsvp);
    for data in &pressed {
        let update =
            app.emulator
                .press_forged(HAJEB_PRESIDENT, BITIT_PRESIDENT, reminder.message_id, data);
        app.handled(update).await.unwrap();
        let id = app.emulator.callback_query_id(update).unwrap();
        let answer = app.emulator.callback_answer(&id).expect("answered");
        assert!(answer.show_alert, "{data}: {answer:?}");
        assert_eq!(
            answer.text.as_deref().map(strip_bidi),
            Some(not_yours.clone()),
            "{data}"
        );
    }
    worker.deliver_due().await.unwrap();

    // Bitit's reminder as the emulator shows it: never edited, its buttons all there.
    let now = app
        .received(BITIT_PRESIDENT)
        .into_iter()
        .find(|m| m.message_id == reminder.message_id)
        .unwrap();
    assert_eq!(now.edits, 0);
    assert_eq!(now.as_sent(), reminder.as_sent());
    assert_eq!(now.buttons(), reminder.buttons());
    // Nobody was told anything, and nothing was recorded: no promise, no dialogue opened.
    assert_eq!(
        [
            seen(BITIT_PRESIDENT),
            seen(HAJEB_PRESIDENT),
            seen(ORGANISER)
        ],
        before
    );
    assert!(
        takwin::store::funding::promises(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );
    app.says(HAJEB_PRESIDENT, "20000").await;
    assert!(
        takwin::store::funding::records(&app.state.db, None)
            .await
            .unwrap()
            .iter()
            .all(|r| r.funding.payments.is_empty())
    );
    // The same buttons in El Hajeb's own reminder answer for El Hajeb, as before.
    app.presses(HAJEB_PRESIDENT, "Rappel dans une semaine")
        .await;
    assert_eq!(
        takwin::store::funding::promises(&app.state.db)
            .await
            .unwrap()
            .len(),
        1
    );
    app.finish().await;
}

/// The ids of the transfers declared and awaiting a finance officer.
async fn declared_payments(app: &crate::support::TestApp) -> Vec<i64> {
    takwin::store::funding::declarations(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|p| match p.declaration {
            takwin::domain::funding::Declaration::Payment(id) => Some(id),
            takwin::domain::funding::Declaration::Approval(_) => None,
        })
        .collect()
}
