//! A crash in the middle of a run: the real `takwin` binary, killed with SIGKILL and started
//! again, ends with every recipient served once — only messages in flight at the kill go
//! twice.
//!
//! Every wait is for a state (held requests at the emulator, rows in the database), with a
//! deadline only a real hang reaches; no assertion depends on how fast the machine is. The
//! kill comes while exactly the engine's in-flight sends are held unanswered by the emulator,
//! which processes them after the kill: Telegram got them, the dead process never learnt it.

use std::ops::Range;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use chrono::TimeZone;
use takwin::clock::ManualClock;
use takwin::config::Settings;
use takwin::domain::roster::Language;
use takwin::domain::zone::Zone;
use takwin::emulator::{Emulator, EmulatorConfig, Fault, FaultTarget, NewUser};
use takwin::outbox::Payload;
use takwin::outbox::sender::DeliveryConfig;
use takwin::state::AppState;
use takwin::store::outbox::{self, NewMessage, State};

use crate::support::{Backend, TestDatabase};

const RECIPIENTS: i64 = 2000;
/// The rate `takwin run` is started with.
const RATE: u32 = 400;
const FIRST_CHAT: i64 = 500_000;
/// The first recipient whose message Telegram holds in the first run. The engine claims 256
/// rows at a time at 400/s and sends them in order, `in_flight()` at once (40): holding the
/// 601st to 640th (all in its third claim) stops it with exactly those in flight, after 600
/// sent.
const HELD_FROM: i64 = 600;
/// Longer than anything here takes on a working machine: only a real hang reaches it.
const HANG: Duration = Duration::from_secs(180);

fn start_takwin(emulator: &Emulator, database_url: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_takwin"))
        .arg("run")
        .env("DATABASE_URL", database_url)
        .env("TELOXIDE_TOKEN", emulator.token())
        .env("TAKWIN_API_URL", emulator.api_url().as_str())
        .env("TAKWIN_DELIVERY_RATE", RATE.to_string())
        .env("TAKWIN_DELIVERY_LEASE_SECONDS", "2")
        .env("TAKWIN_QUIET_HOURS", "off")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the takwin binary starts")
}

/// Rows not settled yet (queued, or claimed and not sent), asked of the database.
async fn unsettled(state: &AppState) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')")
        .fetch_one(&state.db.pool)
        .await
        .expect("the outbox can be read")
}

/// Rows recorded as sent.
async fn sent_recorded(state: &AppState) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE state = 'sent'")
        .fetch_one(&state.db.pool)
        .await
        .expect("the outbox can be read")
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
    // The messages are due since a fixed instant long past: the processes, on the system
    // clock, find them all due, and the test itself reads no clock.
    let due = chrono::Utc.with_ymd_and_hms(2020, 1, 6, 9, 0, 0).unwrap();
    let state = AppState::build(settings, Arc::new(ManualClock::new(due)))
        .await
        .unwrap();
    let rows: Vec<NewMessage> = (0..RECIPIENTS)
        .map(|i| NewMessage {
            chat_id: FIRST_CHAT + i,
            person_id: None,
            payload: Payload::html(format!("announcement for {i}")).to_json(),
            dedup_key: format!("crash-{i}"),
            not_before: due,
            valid_until: None,
            urgent: false,
            event: None,
        })
        .collect();
    outbox::enqueue_all(&state.db, &rows, due).await.unwrap();

    // As many in flight as `takwin run` sends at 400/s.
    let in_flight = DeliveryConfig {
        rate_per_second: RATE,
        ..DeliveryConfig::default()
    }
    .in_flight();
    let held: Range<i64> = FIRST_CHAT + HELD_FROM..FIRST_CHAT + HELD_FROM + in_flight as i64;
    for chat in held.clone() {
        emulator.inject_fault(FaultTarget::Chat(chat), Fault::Hold, u32::MAX);
    }
    let mut first = start_takwin(&emulator, &db.url);
    emulator
        .wait_for(HANG, |e| (e.held() == in_flight).then_some(()))
        .await
        .expect("the first process fills its sends with held messages");
    // Outcomes are recorded a batch at a time, a little after their answers: the kill waits
    // until the 600 answered are recorded, so that exactly the held ones are in flight. (A
    // message answered but not yet recorded is in flight too, and would rightly go twice.)
    let deadline = tokio::time::Instant::now() + HANG;
    while sent_recorded(&state).await < HELD_FROM {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the first process records what it sent"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.kill().expect("SIGKILL");
    first.wait().unwrap();
    let at_kill = emulator.stats().sent;
    assert!(
        at_kill < RECIPIENTS as u64,
        "killed in the middle ({at_kill} sent)"
    );
    assert!(
        held.clone()
            .all(|chat| emulator.bot_messages(chat).is_empty()),
        "the held messages were in flight at the kill"
    );

    // Telegram processes what it held: delivered, but never confirmed to the dead process.
    emulator.clear_faults();
    emulator.release_held();
    emulator
        .wait_for(HANG, |e| {
            held.clone()
                .all(|chat| e.bot_messages(chat).len() == 1)
                .then_some(())
        })
        .await
        .expect("the held messages land");

    let mut second = start_takwin(&emulator, &db.url);
    // Everything settled: what the first process left claimed comes back after its lease.
    let deadline = tokio::time::Instant::now() + HANG;
    while unsettled(&state).await > 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the second process settles every row"
        );
        if let Some(status) = second.try_wait().unwrap() {
            panic!("the second process stopped: {status}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    second.kill().expect("SIGKILL");
    second.wait().unwrap();

    let outcomes = outbox::outcomes(&state.db).await.unwrap();
    let not_sent: Vec<_> = outcomes.iter().filter(|o| o.state != State::Sent).collect();
    assert!(not_sent.is_empty(), "not sent: {not_sent:?}");
    let missing: Vec<i64> = (FIRST_CHAT..FIRST_CHAT + RECIPIENTS)
        .filter(|&chat| emulator.bot_messages(chat).is_empty())
        .collect();
    assert!(missing.is_empty(), "never served: {missing:?}");
    let twice: Vec<i64> = (FIRST_CHAT..FIRST_CHAT + RECIPIENTS)
        .filter(|&chat| emulator.bot_messages(chat).len() > 1)
        .collect();
    assert_eq!(
        twice,
        held.clone().collect::<Vec<_>>(),
        "exactly the messages in flight at the kill went twice"
    );
    assert!(
        held.clone()
            .all(|chat| emulator.bot_messages(chat).len() == 2),
        "and only twice"
    );
    state.db.pool.close().await;
    emulator.shutdown().await;
    db.drop_database().await;
}
