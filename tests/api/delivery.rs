//! The delivery engine through the emulator: every outcome Telegram can give ends in the right
//! state, limits are kept, and two workers never send one row twice.
//!
//! Nothing here races the machine's speed. A timeout is a request the emulator holds
//! unanswered while the test moves the engine's clock past the limit; limits are enforced
//! strictly by the emulator on the same hand-moved clock the engine paces itself by; and
//! every other wait is one only a real hang reaches.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::Utc;
use takwin::clock::SendClock;
use takwin::domain::ids::PersonId;
use takwin::emulator::{Emulator, Fault, FaultTarget, NewUser, RateLimits};
use takwin::outbox::Payload;
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::store::outbox::{self, NewMessage, Outcome, State};
use takwin::store::roster;

use crate::support::{Backend, TestApp};

/// A wait that only a real hang reaches: an answer from the emulator, a send, a test step.
const HANG: Duration = Duration::from_secs(120);

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

    // A timeout first, on its own. Telegram holds every request to chat 3004 unanswered, and
    // the worker measures its 1 s timeout on the test's clock: the timeout comes when the
    // test moves the clock past it, once the request is certainly waiting at Telegram.
    app.emulator
        .inject_fault(FaultTarget::Chat(3004), Fault::Hold, u32::MAX);
    assert!(
        outbox::enqueue(&app.state.db, &message(3004, "slow", "slow", now), now)
            .await
            .unwrap()
    );
    let impatient = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig {
            // Retried later, not in this round, so the retry is checked below with Telegram
            // answering again.
            backoff_base: Duration::from_secs(2),
            send_clock: SendClock::manual(&app.clock),
            ..config(Duration::from_secs(1))
        },
    );
    let timing_out = async {
        app.emulator
            .wait_for(HANG, |e| (e.held() == 1).then_some(()))
            .await
            .expect("the request reaches Telegram");
        app.clock.advance(chrono::Duration::seconds(1));
    };
    let (round, ()) = tokio::join!(impatient.deliver_due(), timing_out);
    let round = round.unwrap();
    assert_eq!((round.claimed, round.retried), (1, 1));
    let slow = outcome_of(&app, "slow").await;
    assert_eq!(
        (slow.state, slow.attempts),
        (State::Queued, 1),
        "a timeout counts as an attempt and is retried"
    );
    assert_eq!(slow.last_error.as_deref(), Some("no answer within 1 s"));
    // Telegram answers again; the held request is never processed (dropped at shutdown).
    app.emulator.clear_faults();

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
    let mut rows = vec![
        message(3001, "<b>ok</b>", "ok", now),
        message(3002, "throttled", "throttled", now),
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
        5
    );
    // The same key again is the same message: enqueued once.
    assert!(!outbox::enqueue(&app.state.db, &rows[0], now).await.unwrap());

    // Every answer below comes at once; a timeout here would be a hang.
    let deliverer = Deliverer::new(app.state.clone(), app.bot.clone(), config(HANG));
    let first = deliverer.deliver_due().await.unwrap();
    assert_eq!(first.claimed, 5, "the timed-out row waits for its backoff");

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

    // retry_after and the timeout's backoff have passed: both go.
    app.clock.advance(chrono::Duration::seconds(2));
    let last = deliverer.deliver_due().await.unwrap();
    assert_eq!((last.claimed, last.sent), (2, 2));
    assert_eq!(outcome_of(&app, "throttled").await.state, State::Sent);
    assert_eq!(app.received(3002).len(), 1);
    let slow = outcome_of(&app, "slow").await;
    assert_eq!(
        (slow.state, slow.attempts),
        (State::Sent, 2),
        "a timeout is retried"
    );
    assert_eq!(app.received(3004).len(), 1);
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
    // teloxide sleeps 10 s before reading an answer with a 5xx status, and keeps nothing of
    // the status but that pause: the same error body under status 200 reaches the worker as
    // the very same error, at once (`Fault::ServerErrorBody`). That the default send timeout
    // outlasts the pause is checked in `outbox::sender`.
    let deliverer = Deliverer::new(app.state.clone(), app.bot.clone(), config(HANG));
    app.emulator
        .inject_fault(FaultTarget::Chat(3101), Fault::ServerErrorBody(502), 1);
    app.emulator
        .inject_fault(FaultTarget::Chat(3102), Fault::ServerErrorBody(500), 2);
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
    assert_eq!(app.emulator.stats().server_errors, 3);
    assert_eq!(app.received(3101).len(), 1);
    assert!(app.received(3102).is_empty());
    app.finish().await;
}

/// Waits longer than any turn of the pacing (a second per private chat, three per group, a
/// 429's retry_after); a sleeper further away is a send waiting for its timeout ([`HANG`]).
const LONGEST_TURN: chrono::Duration = chrono::Duration::seconds(60);

/// Runs `work`, a delivery paced by `app.clock`, to its end, moving the clock step by step.
/// Whenever each of the `unanswered` messages the emulator has not answered yet is waiting on
/// the clock for its turn, the clock moves to the soonest turn; never while a request is on
/// its way. The emulator, reading the same clock, thus sees each message at the very instant
/// the engine chose for it, however slow the machine. (More may wait than are unanswered
/// only once a message was answered 429 and is taken again: the test has failed then, and
/// the clock moves on so that it ends and says so.)
async fn drive<T>(
    app: &TestApp,
    work: impl Future<Output = T>,
    unanswered: impl Fn(&Emulator) -> usize,
) -> T {
    let mut work = std::pin::pin!(work);
    let stuck = tokio::time::Instant::now() + HANG;
    loop {
        // Subscribed before looking, so that a change in between is not missed.
        let mut clock_changes = app.clock.subscribe();
        let mut emulator_changes = app.emulator.subscribe();
        let now = app.now();
        let turns: Vec<_> = app
            .clock
            .sleepers()
            .into_iter()
            .filter(|at| *at > now && *at < now + LONGEST_TURN)
            .collect();
        let pending = unanswered(&app.emulator);
        if !turns.is_empty() && turns.len() >= pending {
            app.clock.set(turns[0]);
            continue;
        }
        tokio::select! {
            done = &mut work => return done,
            _ = clock_changes.changed() => {}
            _ = emulator_changes.changed() => {}
            () = tokio::time::sleep_until(stuck) => panic!(
                "the delivery is stuck: {pending} messages unanswered, turns {turns:?} at {now}"
            ),
        }
    }
}

pub async fn limits_are_kept_without_a_single_429(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // Telegram's limits, strictly: no grace for a late timer, on the clock the test moves.
    let limits = RateLimits {
        global_per_second: 30,
        private_interval: Duration::from_secs(1),
        grace: Duration::ZERO,
        ..RateLimits::default()
    };
    app.emulator.set_rate_limits(true);
    app.emulator.set_rate_limit_values(limits);
    let send_clock = SendClock::manual(&app.clock);
    app.emulator.set_time_source({
        let send_clock = send_clock.clone();
        move || send_clock.now().into_std()
    });
    let started = send_clock.now().into_std();
    // 40 chats, more than the global limit lets go in one second, and a second message to
    // the first 10, which must wait a second after the first: 50 messages.
    const CHATS: i64 = 40;
    const TWICE: i64 = 10;
    users(&app, 3201..3201 + CHATS);
    let now = app.now();
    let rows: Vec<NewMessage> = (3201..3201 + CHATS)
        .map(|chat| message(chat, "message 1", &format!("{chat}-1"), now))
        .chain(
            (3201..3201 + TWICE).map(|chat| message(chat, "message 2", &format!("{chat}-2"), now)),
        )
        .collect();
    let total = rows.len();
    outbox::enqueue_all(&app.state.db, &rows, now)
        .await
        .unwrap();
    let deliverer = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig {
            send_clock,
            send_timeout: HANG,
            // Every message in flight at once (the engine claims two seconds of work, 60
            // rows at 30/s): those not yet sent are exactly those waiting for their turn.
            concurrency: total,
            ..DeliveryConfig::default()
        },
    );

    let round = drive(&app, deliverer.deliver_due(), |emulator| {
        let stats = emulator.stats();
        total.saturating_sub((stats.sent + stats.too_many_requests) as usize)
    })
    .await
    .unwrap();

    assert_eq!(
        app.emulator.stats().too_many_requests,
        0,
        "Telegram never had to say 429"
    );
    assert_eq!(
        deliverer.counters.too_many_requests.load(Ordering::Relaxed),
        0
    );
    assert_eq!((round.claimed, round.sent), (total as u64, total as u64));
    // The emulator's record of when each message arrived, against the limits.
    let mut arrivals = Vec::new();
    for chat in 3201..3201 + CHATS {
        let received: Vec<_> = app.received(chat).iter().map(|m| m.received_at).collect();
        let expected = if chat < 3201 + TWICE { 2 } else { 1 };
        assert_eq!(received.len(), expected, "chat {chat}");
        if let [first, second] = received[..] {
            assert!(
                second - first >= limits.private_interval,
                "chat {chat}: {:?} apart",
                second - first
            );
        }
        arrivals.extend(received);
    }
    arrivals.sort();
    let after: Vec<Duration> = arrivals.iter().map(|at| *at - started).collect();
    for pair in after.windows(2) {
        assert!(
            pair[1] - pair[0] >= Duration::from_secs(1) / 30,
            "no burst: evenly spaced turns {after:?}"
        );
    }
    for window in after.windows(31) {
        assert!(
            window[30] - window[0] >= Duration::from_secs(1),
            "31 messages within a second: {after:?}"
        );
    }
    // Not slower than the limits need, in whatever order the engine took the messages: a
    // turn of 1/30 s each, and a second message that found its chat's first one too close
    // waits at most a second for it, then one more turn.
    let last = *after.last().unwrap();
    let bound =
        Duration::from_secs(1) + Duration::from_secs(1) / 30 * (total + TWICE as usize) as u32;
    assert!(
        last <= bound,
        "the last message went {last:?} after the start"
    );
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
        send_timeout: HANG,
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
    let in_flight = one.config().in_flight();
    assert_eq!(in_flight, two.config().in_flight());
    // Telegram holds every send until both workers have claimed a batch and filled their
    // sends with it: they then work side by side, whichever started first.
    app.emulator
        .inject_fault(FaultTarget::Any, Fault::Hold, u32::MAX);
    let both_at_work = async {
        app.emulator
            .wait_for(HANG, |e| (e.held() == 2 * in_flight).then_some(()))
            .await
            .expect("both workers send");
        app.emulator.clear_faults();
        app.emulator.release_held();
    };

    let (a, b, ()) = tokio::join!(one.deliver_due(), two.deliver_due(), both_at_work);
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
