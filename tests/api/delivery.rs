//! The delivery engine through the emulator: every outcome Telegram can give ends in the right
//! state, limits are kept, and two workers never send one row twice.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::Utc;
use takwin::domain::ids::PersonId;
use takwin::emulator::{Fault, FaultTarget, NewUser, RateLimits};
use takwin::outbox::Payload;
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::store::outbox::{self, NewMessage, Outcome, State};
use takwin::store::roster;

use crate::support::{Backend, TestApp};

/// A worker tuned for tests: fast, with immediate retries.
fn config(send_timeout: Duration) -> DeliveryConfig {
    DeliveryConfig {
        rate_per_second: 1000,
        backoff_base: Duration::ZERO,
        send_timeout,
        max_attempts: 2,
        ..DeliveryConfig::default()
    }
}

fn message(chat: i64, html: &str, key: &str, now: chrono::DateTime<Utc>) -> NewMessage {
    NewMessage {
        chat_id: chat,
        person_id: None,
        payload: Payload::html(html).to_json(),
        dedup_key: key.to_owned(),
        not_before: now,
        valid_until: None,
        urgent: false,
        event: None,
    }
}

async fn outcome_of(app: &TestApp, key: &str) -> Outcome {
    outbox::outcomes(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.dedup_key == key)
        .expect("the row exists")
}

fn users(app: &TestApp, ids: impl IntoIterator<Item = i64>) {
    for id in ids {
        app.emulator.add_user(NewUser::new(id, "Official"));
    }
}

pub async fn refusals_and_timeouts_end_in_the_right_state(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    users(&app, 3001..=3006);
    let now = app.now();
    // A real person behind chat 3003, who has blocked the bot.
    let person = roster::all_people(&app.state.db).await.unwrap().remove(0);
    roster::link(&app.state.db, person.id, 3003, now)
        .await
        .unwrap();
    app.emulator.block_user(3003, true);
    app.emulator.inject_fault(
        FaultTarget::Chat(3002),
        Fault::TooManyRequests { retry_after: 1 },
        1,
    );
    app.emulator.inject_fault(
        FaultTarget::Chat(3004),
        Fault::Delay(Duration::from_millis(1500)),
        1,
    );
    let mut rows = vec![
        message(3001, "<b>ok</b>", "ok", now),
        message(3002, "throttled", "throttled", now),
        message(3004, "slow", "slow", now),
        message(3005, "<b>unclosed", "malformed", now),
        message(9_999_999, "nobody", "no-chat", now),
    ];
    rows.push(NewMessage {
        person_id: Some(person.id),
        ..message(3003, "blocked", "blocked", now)
    });
    assert_eq!(
        outbox::enqueue_all(&app.state.db, &rows, now)
            .await
            .unwrap(),
        6
    );
    // The same key again is the same message: enqueued once.
    assert!(!outbox::enqueue(&app.state.db, &rows[0], now).await.unwrap());

    let deliverer = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        config(Duration::from_millis(500)),
    );
    let first = deliverer.deliver_due().await.unwrap();
    assert_eq!(
        first.claimed,
        6 + 1,
        "the timed-out row comes straight back once"
    );

    let ok = outcome_of(&app, "ok").await;
    assert_eq!((ok.state, ok.attempts), (State::Sent, 1));
    let throttled = outcome_of(&app, "throttled").await;
    assert_eq!(
        throttled.state,
        State::Queued,
        "a 429 waits for retry_after"
    );
    assert_eq!(throttled.attempts, 0, "and does not count as an attempt");
    assert!(throttled.last_error.unwrap().contains("429"));
    assert_eq!(
        deliverer.counters.too_many_requests.load(Ordering::Relaxed),
        1
    );
    let blocked = outcome_of(&app, "blocked").await;
    assert_eq!(blocked.state, State::Failed);
    assert_eq!(
        blocked.last_error.as_deref(),
        Some("Forbidden: bot was blocked by the user")
    );
    let person = roster::by_telegram(&app.state.db, 3003)
        .await
        .unwrap()
        .unwrap();
    assert!(
        unreachable(&app, person.id).await,
        "organisers will see the person as unreachable"
    );
    let malformed = outcome_of(&app, "malformed").await;
    assert_eq!(
        (malformed.state, malformed.attempts),
        (State::Failed, 1),
        "4xx fails at once"
    );
    assert!(
        malformed
            .last_error
            .unwrap()
            .contains("can't parse entities")
    );
    let no_chat = outcome_of(&app, "no-chat").await;
    assert_eq!(no_chat.state, State::Failed);
    assert!(no_chat.last_error.unwrap().contains("chat not found"));
    let slow = outcome_of(&app, "slow").await;
    assert_eq!(
        (slow.state, slow.attempts),
        (State::Sent, 2),
        "a timeout is retried"
    );

    // retry_after has passed: the throttled message goes.
    app.clock.advance(chrono::Duration::seconds(2));
    deliverer.deliver_due().await.unwrap();
    assert_eq!(outcome_of(&app, "throttled").await.state, State::Sent);
    assert_eq!(app.received(3002).len(), 1);
    app.finish().await;
}

async fn unreachable(app: &TestApp, person_id: PersonId) -> bool {
    use sqlx::Row;
    let row = sqlx::query("SELECT unreachable_since FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    row.get::<Option<i64>, _>(0).is_some()
}

pub async fn server_errors_are_retried_then_given_up(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    users(&app, [3101, 3102]);
    let now = app.now();
    // teloxide waits 10 s before reading a 5xx answer, so the timeout must be longer.
    let deliverer = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        config(Duration::from_secs(12)),
    );
    app.emulator
        .inject_fault(FaultTarget::Chat(3101), Fault::ServerError(502), 1);
    app.emulator
        .inject_fault(FaultTarget::Chat(3102), Fault::ServerError(500), 2);
    let rows = [
        message(3101, "once", "once", now),
        message(3102, "twice", "twice", now),
    ];
    outbox::enqueue_all(&app.state.db, &rows, now)
        .await
        .unwrap();

    deliverer.deliver_due().await.unwrap();

    let once = outcome_of(&app, "once").await;
    assert_eq!((once.state, once.attempts), (State::Sent, 2));
    let twice = outcome_of(&app, "twice").await;
    assert_eq!(twice.state, State::Failed, "gives up after max_attempts");
    let reason = twice.last_error.unwrap();
    assert!(
        reason.contains("Internal Server Error") && reason.contains("2 attempts"),
        "{reason}"
    );
    assert_eq!(app.received(3101).len(), 1);
    assert!(app.received(3102).is_empty());
    app.finish().await;
}

pub async fn limits_are_kept_without_a_single_429(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.emulator.set_rate_limits(true);
    app.emulator.set_rate_limit_values(RateLimits {
        global_per_second: 30,
        // Room for a busy test machine waking a timer late; a burst would still be caught.
        grace: Duration::from_millis(80),
        ..RateLimits::default()
    });
    users(&app, 3201..=3220);
    let now = app.now();
    // Two messages to each of 20 chats: 40 messages, the second to each chat a second later.
    let rows: Vec<NewMessage> = (3201..=3220)
        .flat_map(|chat| {
            [1, 2].map(|n| message(chat, &format!("message {n}"), &format!("{chat}-{n}"), now))
        })
        .collect();
    outbox::enqueue_all(&app.state.db, &rows, now)
        .await
        .unwrap();
    let deliverer = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );

    let round = deliverer.deliver_due().await.unwrap();

    assert_eq!(round.sent, 40);
    assert_eq!(
        deliverer.counters.too_many_requests.load(Ordering::Relaxed),
        0
    );
    assert_eq!(
        app.emulator.stats().too_many_requests,
        0,
        "Telegram never had to say 429"
    );
    for chat in 3201..=3220 {
        assert_eq!(app.received(chat).len(), 2);
    }
    app.finish().await;
}

pub async fn two_workers_never_send_a_row_twice(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    const N: i64 = 5000;
    users(&app, 100_000..100_000 + N);
    let now = app.now();
    let rows: Vec<NewMessage> = (0..N)
        .map(|i| {
            message(
                100_000 + i,
                &format!("announcement {i}"),
                &format!("a-{i}"),
                now,
            )
        })
        .collect();
    outbox::enqueue_all(&app.state.db, &rows, now)
        .await
        .unwrap();
    let fast = DeliveryConfig {
        rate_per_second: 5000,
        ..DeliveryConfig::default()
    };
    let one = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig {
            owner: "one".into(),
            ..fast.clone()
        },
    );
    let two = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig {
            owner: "two".into(),
            ..fast
        },
    );

    let (a, b) = tokio::join!(one.deliver_due(), two.deliver_due());
    let (a, b) = (a.unwrap(), b.unwrap());

    assert_eq!(a.sent + b.sent, N as u64);
    assert!(a.sent > 0 && b.sent > 0, "both worked: {a:?} {b:?}");
    let mut per_chat: HashMap<usize, usize> = HashMap::new();
    for chat in 100_000..100_000 + N {
        *per_chat.entry(app.received(chat).len()).or_default() += 1;
    }
    assert_eq!(
        per_chat,
        HashMap::from([(1, N as usize)]),
        "every chat got exactly one"
    );
    let outcomes = outbox::outcomes(&app.state.db).await.unwrap();
    assert!(
        outcomes
            .iter()
            .all(|o| o.state == State::Sent && o.attempts == 1)
    );
    app.finish().await;
}
