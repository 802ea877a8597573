//! `/help` and the command menu: both come from one table (`telegram::menu`), so what `/help`
//! lists is what the chat's menu holds, for every kind of person — and stays so when an
//! appointment is granted or withdrawn.

use serde_json::json;
use takwin::actions::{self, Caller};
use takwin::domain::roster::{Appointment, BodyKind, Language, Role};
use takwin::i18n::strip_bidi;
use takwin::store::roster::{self, Person};

use crate::support::{Backend, TestApp};

const COUNCILLOR: i64 = 8101;
const PRESIDENT: i64 = 8102;
const COUNCIL_PRESIDENT: i64 = 8103;
const ORGANISER: i64 = 8104;
const OFFICER: i64 = 8105;
const SECRETARY: i64 = 8106;

/// The commands an HTML text names, in order (`/help` writes each as Telegram shows it).
fn commands_in(html: &str) -> Vec<String> {
    let mut in_tag = false;
    let text: String = strip_bidi(html)
        .chars()
        .filter(|&c| {
            in_tag = (in_tag || c == '<') && c != '>';
            !in_tag && c != '>'
        })
        .collect();
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '/'))
        .filter_map(|word| word.strip_prefix('/'))
        .map(str::to_owned)
        .collect()
}

/// The commands of a chat's menu, in order.
fn menu(app: &TestApp, chat: i64) -> Vec<String> {
    let scope = json!({"type": "chat", "chat_id": chat});
    app.emulator
        .commands(&scope, None)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// What `/help` lists in this chat now.
async fn help(app: &TestApp, chat: i64) -> Vec<String> {
    app.says(chat, "/help").await;
    commands_in(&app.last_text(chat))
}

/// `/help` lists exactly the chat's menu, in its order; returns it.
async fn help_agrees_with_menu(app: &TestApp, chat: i64, who: &str) -> Vec<String> {
    let listed = help(app, chat).await;
    assert_eq!(listed, menu(app, chat), "{who}: /help and the menu");
    listed
}

async fn joins(app: &TestApp, chat: i64, person: &Person, language: &str) {
    app.user(chat, "Official", Some(language));
    app.says(chat, &format!("/start {}", person.invite_code))
        .await;
}

fn has(list: &[String], command: &str) -> bool {
    list.iter().any(|c| c == command)
}

pub async fn help_and_the_menu_agree_for_every_kind_of_person(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let find = |role: Role, kind: Option<BodyKind>| {
        people
            .iter()
            .find(|p| p.role == role && p.body.as_ref().map(|(k, _)| *k) == kind)
            .unwrap()
            .clone()
    };
    let staff: Vec<&Person> = people
        .iter()
        .filter(|p| p.role == Role::ProvinceStaff)
        .collect();
    let cli = Caller::command_line();
    // The organiser is appointed before joining; the finance officer after (below).
    actions::roster::set_appointment(
        &app.state,
        &cli,
        &staff[0].phone,
        Appointment::Organiser,
        true,
    )
    .await
    .unwrap()
    .unwrap();

    // Before joining, every chat has the strangers' menu: joining, and /help.
    let strangers = app
        .emulator
        .commands(&json!({"type": "default"}), None)
        .expect("the default menu");
    let strangers: Vec<&str> = strangers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(strangers, ["start", "help"]);

    joins(
        &app,
        COUNCILLOR,
        &find(Role::Councillor, Some(BodyKind::Commune)),
        "ar",
    )
    .await;
    joins(
        &app,
        PRESIDENT,
        &find(Role::President, Some(BodyKind::Commune)),
        "fr",
    )
    .await;
    let council_president = find(Role::President, Some(BodyKind::ProvincialCouncil));
    joins(&app, COUNCIL_PRESIDENT, &council_president, "ar").await;
    joins(&app, ORGANISER, staff[0], "fr").await;
    joins(&app, OFFICER, staff[1], "en").await;
    joins(&app, SECRETARY, &find(Role::SecretaryGeneral, None), "ar").await;

    let own = [
        "my",
        "history",
        "my_training",
        "commune",
        "help",
        "me",
        "language",
        "stop",
    ];
    let councillor = help_agrees_with_menu(&app, COUNCILLOR, "a councillor").await;
    assert_eq!(councillor, own);
    let president = help_agrees_with_menu(&app, PRESIDENT, "a commune's president").await;
    assert_eq!(president, own);
    // The provincial council's president: /commune is their council's funding, so named.
    let council = help_agrees_with_menu(&app, COUNCIL_PRESIDENT, "the council's president").await;
    assert_eq!(council, own);
    let text = strip_bidi(&app.last_text(COUNCIL_PRESIDENT));
    assert!(
        text.contains("تمويل مجلسكم") && !text.contains("جماعتكم"),
        "{text}"
    );
    let organiser = help_agrees_with_menu(&app, ORGANISER, "an organiser").await;
    for command in ["workshops", "broadcast", "contributions", "report", "audit"] {
        assert!(has(&organiser, command), "/{command}: {organiser:?}");
    }
    assert!(
        !has(&organiser, "commune"),
        "province staff have no commune"
    );
    assert!(!has(&organiser, "declarations"));
    let officer = help_agrees_with_menu(&app, OFFICER, "province staff").await;
    assert!(!has(&officer, "declarations") && !has(&officer, "contributions"));
    // The Secretary-General: their province's charts, not /commune.
    let secretary = help_agrees_with_menu(&app, SECRETARY, "the Secretary-General").await;
    assert_eq!(secretary.last().map(String::as_str), Some("report"));
    assert!(!has(&secretary, "commune") && !has(&secretary, "workshops"));
    let text = strip_bidi(&app.last_text(SECRETARY));
    assert!(text.contains("إقليمكم"), "El Hajeb is a province: {text}");

    // The staff member becomes a finance officer: told so, in English, and sent to /help,
    // which lists /declarations and /contributions, and the menu follows.
    let before = app.received(OFFICER).len();
    actions::roster::set_appointment(
        &app.state,
        &cli,
        &staff[1].phone,
        Appointment::FinanceOfficer,
        true,
    )
    .await
    .unwrap()
    .unwrap();
    app.deliver_due().await;
    assert_eq!(app.received(OFFICER).len(), before + 1, "told once");
    let told = app.last_text(OFFICER);
    assert!(
        told.contains("finance officers") && told.contains("/help"),
        "{told}"
    );
    let officer = help_agrees_with_menu(&app, OFFICER, "a finance officer").await;
    assert!(officer.ends_with(&["declarations".into(), "contributions".into()]));
    let text = app.last_text(OFFICER);
    assert!(text.contains("For the Region's finance officers"), "{text}");

    // The organiser's appointment is withdrawn: told so. An organiser's command from the
    // menu they still have is refused, and their menu becomes an official's.
    actions::roster::set_appointment(
        &app.state,
        &cli,
        &staff[0].phone,
        Appointment::Organiser,
        false,
    )
    .await
    .unwrap()
    .unwrap();
    app.deliver_due().await;
    assert!(app.last_text(ORGANISER).contains("/help"));
    assert!(
        has(&menu(&app, ORGANISER), "workshops"),
        "not yet announced"
    );
    app.says(ORGANISER, "/workshops").await;
    assert_eq!(
        app.last_text(ORGANISER),
        strip_bidi(&app.state.i18n.t(Language::Fr, "organiser-only"))
    );
    assert!(!has(&menu(&app, ORGANISER), "workshops"), "announced again");
    let former = help_agrees_with_menu(&app, ORGANISER, "a former organiser").await;
    assert!(!has(&former, "workshops") && !has(&former, "report"));
    app.finish().await;
}
