//! Council sessions per kind of body: a commune council sits in the first week of February,
//! May and October, a provincial (or prefectural) council in January, June and September.
//! The session buttons offer each president their own council's sessions, and the reminder
//! to put the agreement on the agenda reaches each body ahead of its own.

use chrono::{DateTime, NaiveDate, Utc};
use clap::Parser;
use takwin::actions::{self, Caller};
use takwin::cli::ContributionsCommand;
use takwin::domain::funding::CouncilSession;
use takwin::domain::roster::{BodyKind, Language, Role};
use takwin::i18n::strip_bidi;
use takwin::outbox::scheduler;
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::store::funding::Declared;
use takwin::store::roster;
use takwin::views::buttons::Action;

use crate::support::{Backend, TestApp};

const AGOURAI_PRESIDENT: i64 = 8201;
const COUNCIL_PRESIDENT: i64 = 8202;
const COUNCIL_FINANCE: i64 = 8203;

/// 10:00 in Morocco on a day.
fn ten_local(app: &TestApp, y: i32, m: u32, d: u32) -> DateTime<Utc> {
    let local = NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    app.state.settings.timezone.resolve(local).earliest()
}

/// The labels of the buttons under the last message of a chat.
fn last_buttons(app: &TestApp, chat: i64) -> Vec<String> {
    let last = app.received(chat).pop().expect("a message");
    last.buttons()
        .into_iter()
        .map(|b| strip_bidi(&b.text))
        .collect()
}

fn t(app: &TestApp, language: Language, key: &str) -> String {
    strip_bidi(&app.state.i18n.t(language, key))
}

pub async fn each_kind_of_council_is_offered_and_reminded_of_its_own_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let find = |role: Role, body: &str| {
        people
            .iter()
            .find(|p| p.role == role && p.body.as_ref().is_some_and(|(_, b)| b.latin == body))
            .unwrap()
            .clone()
    };
    let council = |role: Role| {
        people
            .iter()
            .find(|p| {
                p.role == role
                    && p.body
                        .as_ref()
                        .is_some_and(|(k, _)| *k == BodyKind::ProvincialCouncil)
            })
            .unwrap()
            .clone()
    };
    app.join_as(
        &[find(Role::President, "Agourai")],
        &[AGOURAI_PRESIDENT],
        Language::Fr,
    )
    .await;
    app.join_as(
        &[council(Role::President)],
        &[COUNCIL_PRESIDENT],
        Language::Ar,
    )
    .await;
    app.join_as(
        &[council(Role::FinanceStaff)],
        &[COUNCIL_FINANCE],
        Language::Fr,
    )
    .await;
    let cli = Caller::command_line();
    let contributions = include_str!("../../samples/contributions-el-hajeb.csv");
    actions::funding::import_contributions(&app.state, &cli, contributions.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    // The default session reminders; the weekly reminder kept out of the way (1 July).
    let campaign = actions::funding::Campaign {
        cron: "0 10 1 7 *".into(),
        ..actions::funding::Campaign::default()
    };
    assert_eq!(campaign.sessions_cron, "0 10 20 1,4,9 *");
    assert_eq!(campaign.council_sessions_cron, "0 10 20 5,8,12 *");
    // The command line's defaults are the same.
    let cli_defaults =
        takwin::cli::Cli::try_parse_from(["takwin", "contributions", "campaign-start"])
            .expect("campaign-start alone reads");
    let takwin::cli::Command::Contributions(ContributionsCommand::CampaignStart {
        sessions_cron,
        council_sessions_cron,
        ..
    }) = cli_defaults.command
    else {
        panic!("campaign-start");
    };
    assert_eq!(
        (sessions_cron, council_sessions_cron),
        (
            campaign.sessions_cron.clone(),
            campaign.council_sessions_cron.clone()
        )
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
    let counts =
        || [AGOURAI_PRESIDENT, COUNCIL_PRESIDENT, COUNCIL_FINANCE].map(|c| app.received(c).len());
    let run_at = |at: DateTime<Utc>| {
        let (app, worker) = (&app, &worker);
        async move {
            app.clock.set(at);
            scheduler::tick(&app.state).await.unwrap();
            worker.deliver_due().await.unwrap();
        }
    };

    // 20 January: ahead of the communes' February session, the commune's president only.
    let before = counts();
    run_at(ten_local(&app, 2026, 1, 20)).await;
    let after = counts();
    assert_eq!(after, [before[0] + 1, before[1], before[2]]);
    let reminder = strip_bidi(&app.last_text(AGOURAI_PRESIDENT));
    assert!(
        reminder.contains("session ordinaire en février 2026")
            && reminder.contains("ordre du jour"),
        "{reminder}"
    );

    // 20 May: ahead of the councils' June session, the council's president only (in Arabic,
    // with the answer buttons), not its finance staff, not the commune.
    run_at(ten_local(&app, 2026, 5, 20)).await;
    let later = counts();
    assert_eq!(later, [after[0], after[1] + 1, after[2]]);
    let reminder = strip_bidi(&app.last_text(COUNCIL_PRESIDENT));
    assert!(
        reminder.contains("دورته العادية خلال الأسبوع الأول من شهر يونيو 2026"),
        "{reminder}"
    );
    assert!(!reminder.contains("فبراير"), "{reminder}");

    // 20 August, 20 December: the council again (September, January), never the commune.
    run_at(ten_local(&app, 2026, 8, 20)).await;
    run_at(ten_local(&app, 2026, 12, 20)).await;
    let end = counts();
    assert_eq!(end, [later[0], later[1] + 2, later[2]]);
    let reminder = strip_bidi(&app.last_text(COUNCIL_PRESIDENT));
    assert!(reminder.contains("يناير 2027"), "{reminder}");

    // The council's president declares the approval from the reminder: the buttons are the
    // council's own sessions, in Arabic, in the order of the year.
    app.presses(
        COUNCIL_PRESIDENT,
        &t(&app, Language::Ar, "button-funding-approved"),
    )
    .await;
    app.says(COUNCIL_PRESIDENT, "08/12/2026").await;
    let sessions = |l: Language, codes: [&str; 4]| {
        codes.map(|code| t(&app, l, &format!("council-session-{code}")))
    };
    assert_eq!(
        last_buttons(&app, COUNCIL_PRESIDENT),
        sessions(
            Language::Ar,
            ["january", "june", "september", "extraordinary"]
        )
    );
    // A commune's session, from a forged button, is refused; nothing is declared.
    let keyboard = app.received(COUNCIL_PRESIDENT).pop().unwrap().message_id;
    let february = Action::ApprovalSession(CouncilSession::of_code("february").unwrap()).encode();
    let refused = app
        .presses_forged(COUNCIL_PRESIDENT, keyboard, &february)
        .await;
    assert_eq!(
        refused.as_deref(),
        Some(t(&app, Language::Ar, "council-session-not-held").as_str())
    );
    app.presses(
        COUNCIL_PRESIDENT,
        &t(&app, Language::Ar, "council-session-september"),
    )
    .await;
    app.presses(
        COUNCIL_PRESIDENT,
        &t(&app, Language::Ar, "button-approval-no-decision"),
    )
    .await;
    let declared = takwin::store::funding::declarations(&app.state.db)
        .await
        .unwrap();
    let sessions_declared: Vec<Option<String>> = declared
        .iter()
        .filter_map(|p| match &p.declared {
            Declared::Approval(approval) => Some(approval.session.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(sessions_declared, [Some("september".to_owned())]);

    // The commune's president is offered the commune's sessions.
    app.says(AGOURAI_PRESIDENT, "/commune").await;
    app.presses(
        AGOURAI_PRESIDENT,
        &t(&app, Language::Fr, "button-funding-approved"),
    )
    .await;
    app.says(AGOURAI_PRESIDENT, "08/12/2026").await;
    assert_eq!(
        last_buttons(&app, AGOURAI_PRESIDENT),
        sessions(
            Language::Fr,
            ["february", "may", "october", "extraordinary"]
        )
    );
    app.says(AGOURAI_PRESIDENT, "/cancel").await;

    // Declared approved, the council is not reminded ahead of its next session.
    let before = app.received(COUNCIL_PRESIDENT).len();
    run_at(ten_local(&app, 2027, 5, 20)).await;
    assert_eq!(app.received(COUNCIL_PRESIDENT).len(), before);
    app.finish().await;
}
