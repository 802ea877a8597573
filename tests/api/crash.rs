//! A crash in the middle of a run: the real `takwin` binary, killed with SIGKILL and started
//! again, ends with every recipient served once — only messages in flight at the kill may go
//! twice.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use takwin::clock::SystemClock;
use takwin::config::Settings;
use takwin::domain::roster::Language;
use takwin::domain::zone::Zone;
use takwin::emulator::{Emulator, EmulatorConfig, NewUser};
use takwin::outbox::Payload;
use takwin::state::AppState;
use takwin::store::outbox::{self, NewMessage, State};

use crate::support::{Backend, TestDatabase};

const RECIPIENTS: i64 = 2000;
const FIRST_CHAT: i64 = 500_000;
/// Messages the engine has in flight at once (its default concurrency).
const IN_FLIGHT: usize = 32;

fn start_takwin(emulator: &Emulator, database_url: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_takwin"))
        .arg("run")
        .env("DATABASE_URL", database_url)
        .env("TELOXIDE_TOKEN", emulator.token())
        .env("TAKWIN_API_URL", emulator.api_url().as_str())
        .env("TAKWIN_DELIVERY_RATE", "400")
        .env("TAKWIN_DELIVERY_LEASE_SECONDS", "2")
        .env("TAKWIN_QUIET_HOURS", "off")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the takwin binary starts")
}

pub async fn a_killed_process_resumes_and_serves_everyone_once(backend: Backend) {
    let db = TestDatabase::create(&backend).await;
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    for chat in FIRST_CHAT..FIRST_CHAT + RECIPIENTS {
        emulator.add_user(NewUser::new(chat, "Official"));
    }
    let settings = Settings {
        database_url: db.url.clone(),
        timezone: Zone::casablanca(),
        default_language: Language::Ar,
    };
    let state = AppState::build(settings, Arc::new(SystemClock))
        .await
        .unwrap();
    let now = chrono::Utc::now();
    let rows: Vec<NewMessage> = (0..RECIPIENTS)
        .map(|i| NewMessage {
            chat_id: FIRST_CHAT + i,
            person_id: None,
            payload: Payload::html(format!("announcement for {i}")).to_json(),
            dedup_key: format!("crash-{i}"),
            not_before: now,
            valid_until: None,
            urgent: false,
            event: None,
        })
        .collect();
    outbox::enqueue_all(&state.db, &rows, now).await.unwrap();

    let patience = Duration::from_secs(120);
    let mut first = start_takwin(&emulator, &db.url);
    emulator
        .wait_for(patience, |e| (e.stats().sent >= 600).then_some(()))
        .await
        .expect("the first process sends");
    first.kill().expect("SIGKILL");
    first.wait().unwrap();
    let at_kill = emulator.stats().sent;
    assert!(
        at_kill < RECIPIENTS as u64,
        "killed in the middle ({at_kill} sent)"
    );

    let mut second = start_takwin(&emulator, &db.url);
    let served = emulator
        .wait_for(patience, |e| {
            let missing = (FIRST_CHAT..FIRST_CHAT + RECIPIENTS)
                .filter(|&chat| e.bot_messages(chat).is_empty())
                .count();
            (missing == 0).then_some(())
        })
        .await;
    second.kill().expect("SIGKILL");
    second.wait().unwrap();
    served.expect("everyone is served after the restart");

    let twice = (FIRST_CHAT..FIRST_CHAT + RECIPIENTS)
        .filter(|&chat| emulator.bot_messages(chat).len() > 1)
        .count();
    assert!(
        twice <= IN_FLIGHT,
        "{twice} recipients got the message twice; only the {IN_FLIGHT} in flight may"
    );
    let outcomes = outbox::outcomes(&state.db).await.unwrap();
    let unsettled: Vec<_> = outcomes.iter().filter(|o| o.state != State::Sent).collect();
    // A row sent just before the second kill may not be settled yet; it would go again.
    assert!(
        unsettled.len() <= IN_FLIGHT,
        "{} rows not settled",
        unsettled.len()
    );
    state.db.pool.close().await;
    emulator.shutdown().await;
    db.drop_database().await;
}
