//! Reminders relative to an event, driven by the clock step by step: on time in
//! Africa/Casablanca across clock changes, moving with the event, dropped with it, held in
//! quiet hours, skipped when too late.

use chrono::{DateTime, TimeZone, Utc};
use takwin::domain::schedule::{DEFAULT_REMINDER_OFFSETS, Offset};
use takwin::emulator::NewUser;
use takwin::outbox::Payload;
use takwin::outbox::reminders::{self, Recipient};
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::store::outbox::{self, State};

use crate::support::{Backend, TestApp};

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s).unwrap()
}

fn recipients(app: &TestApp, ids: &[i64]) -> Vec<Recipient> {
    for &id in ids {
        app.emulator.add_user(NewUser::new(id, "Official"));
    }
    ids.iter()
        .map(|&chat_id| Recipient {
            chat_id,
            person_id: None,
        })
        .collect()
}

async fn plan(app: &TestApp, key: &str, start: DateTime<Utc>, people: &[Recipient]) {
    let zone = app.state.settings.timezone.clone();
    let rows = reminders::plan(
        key,
        start,
        DEFAULT_REMINDER_OFFSETS,
        &zone,
        people,
        |offset: Offset| Payload::html(format!("reminder {offset}")),
        app.now(),
    );
    outbox::enqueue_all(&app.state.db, &rows, app.now())
        .await
        .unwrap();
}

fn worker(app: &TestApp) -> Deliverer {
    let config = DeliveryConfig {
        rate_per_second: 1000,
        ..DeliveryConfig::default()
    };
    Deliverer::new(app.state.clone(), app.bot.clone(), config)
}

/// Sets the clock and runs one delivery round; returns how many messages went.
async fn at(app: &TestApp, worker: &Deliverer, when: DateTime<Utc>) -> u64 {
    app.clock.set(when);
    worker.deliver_due().await.unwrap().sent
}

fn texts(app: &TestApp, chat: i64) -> Vec<String> {
    app.received(chat).into_iter().map(|m| m.text).collect()
}

pub async fn reminders_fire_on_time_across_a_clock_change(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let people = recipients(&app, &[4001, 4002, 4003]);
    app.clock.set(utc(2026, 3, 10, 12, 0, 0));
    // Monday 23 March 2026, 10:00 in Casablanca: UTC+1 again since 22 March 02:00.
    let workshop = utc(2026, 3, 23, 9, 0, 0);
    plan(&app, "workshop:1", workshop, &people).await;
    let worker = worker(&app);

    assert_eq!(at(&app, &worker, utc(2026, 3, 10, 12, 0, 0)).await, 0);
    // 7 days before: 10:00 local on 16 March, when Morocco is on UTC+0 for Ramadan.
    assert_eq!(at(&app, &worker, utc(2026, 3, 16, 9, 59, 59)).await, 0);
    assert_eq!(at(&app, &worker, utc(2026, 3, 16, 10, 0, 0)).await, 3);
    // 1 day before: 10:00 local on 22 March, now UTC+1, so 09:00 UTC.
    assert_eq!(at(&app, &worker, utc(2026, 3, 22, 8, 59, 59)).await, 0);
    assert_eq!(at(&app, &worker, utc(2026, 3, 22, 9, 0, 0)).await, 3);
    // 2 hours before: 08:00 local, just out of quiet hours.
    assert_eq!(at(&app, &worker, utc(2026, 3, 23, 6, 59, 59)).await, 0);
    assert_eq!(at(&app, &worker, utc(2026, 3, 23, 7, 0, 0)).await, 3);
    for chat in [4001, 4002, 4003] {
        assert_eq!(
            texts(&app, chat),
            ["reminder 7d", "reminder 1d", "reminder 2h"]
        );
    }
    // Planning again (a restart, another replica) adds nothing.
    app.clock.set(utc(2026, 3, 10, 12, 0, 0));
    plan(&app, "workshop:1", workshop, &people).await;
    assert_eq!(outbox::outcomes(&app.state.db).await.unwrap().len(), 9);
    app.finish().await;
}

pub async fn a_moved_event_moves_its_reminders_and_a_cancelled_one_drops_them(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let people = recipients(&app, &[4101, 4102]);
    app.clock.set(utc(2026, 1, 25, 12, 0, 0));
    plan(&app, "workshop:moved", utc(2026, 2, 10, 9, 0, 0), &people).await;
    plan(
        &app,
        "workshop:cancelled",
        utc(2026, 2, 12, 9, 0, 0),
        &people,
    )
    .await;
    let zone = app.state.settings.timezone.clone();
    let worker = worker(&app);

    // Moved a week later, to Tuesday 17 February 10:00 local — Ramadan time, UTC+0.
    let new_start = utc(2026, 2, 17, 10, 0, 0);
    let moved = reminders::move_event(&app.state.db, &zone, "workshop:moved", new_start, app.now());
    assert_eq!(moved.await.unwrap(), 6);
    let dropped = reminders::cancel_event(&app.state.db, "workshop:cancelled", app.now());
    assert_eq!(dropped.await.unwrap(), 6);

    // The old 7-day time passes in silence (and so does the cancelled event's).
    assert_eq!(at(&app, &worker, utc(2026, 2, 3, 9, 0, 0)).await, 0);
    assert_eq!(at(&app, &worker, utc(2026, 2, 5, 9, 0, 0)).await, 0);
    // 7 days before the new date: 10:00 local on 10 February, still UTC+1.
    assert_eq!(at(&app, &worker, utc(2026, 2, 10, 8, 59, 0)).await, 0);
    assert_eq!(at(&app, &worker, utc(2026, 2, 10, 9, 0, 0)).await, 2);
    // 1 day before: 10:00 local on 16 February, UTC+0 since the 15th.
    assert_eq!(at(&app, &worker, utc(2026, 2, 16, 9, 59, 0)).await, 0);
    assert_eq!(at(&app, &worker, utc(2026, 2, 16, 10, 0, 0)).await, 2);
    assert_eq!(at(&app, &worker, utc(2026, 2, 17, 8, 0, 0)).await, 2);

    let outcomes = outbox::outcomes(&app.state.db).await.unwrap();
    let cancelled: Vec<_> = outcomes
        .iter()
        .filter(|o| o.dedup_key.contains("cancelled"))
        .collect();
    assert_eq!(cancelled.len(), 6);
    for o in cancelled {
        assert_eq!(o.state, State::Skipped);
        assert_eq!(o.last_error.as_deref(), Some("the event was cancelled"));
    }
    assert_eq!(
        texts(&app, 4101),
        ["reminder 7d", "reminder 1d", "reminder 2h"]
    );
    app.finish().await;
}

pub async fn quiet_hours_hold_and_late_reminders_are_skipped(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let people = recipients(&app, &[4201]);
    app.clock.set(utc(2026, 1, 5, 12, 0, 0));
    // 09:00 local on 20 January (08:00 UTC): "2 hours before" is 07:00 local, in quiet hours.
    plan(&app, "workshop:early", utc(2026, 1, 20, 8, 0, 0), &people).await;
    let worker = worker(&app);

    assert_eq!(at(&app, &worker, utc(2026, 1, 13, 8, 0, 0)).await, 1);
    assert_eq!(at(&app, &worker, utc(2026, 1, 19, 8, 0, 0)).await, 1);
    assert_eq!(at(&app, &worker, utc(2026, 1, 20, 6, 0, 0)).await, 0);
    let held = outbox::outcomes(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.dedup_key.contains("early:2h"))
        .unwrap();
    assert_eq!(held.state, State::Queued);
    assert_eq!(
        held.not_before,
        utc(2026, 1, 20, 7, 0, 0),
        "held until 08:00 local"
    );
    assert!(held.last_error.unwrap().contains("quiet hours"));
    assert_eq!(held.attempts, 0, "waiting is not an attempt");
    assert_eq!(at(&app, &worker, utc(2026, 1, 20, 7, 0, 0)).await, 1);
    assert_eq!(
        texts(&app, 4201),
        ["reminder 7d", "reminder 1d", "reminder 2h"]
    );

    // A workshop planned the day before: the 7-day reminder is already past and left out.
    plan(&app, "workshop:missed", utc(2026, 1, 21, 14, 0, 0), &people).await;
    // The bot is down until after it started: its reminders make no sense any more.
    app.clock.set(utc(2026, 1, 21, 15, 0, 0));
    let round = worker.deliver_due().await.unwrap();
    assert_eq!((round.sent, round.skipped), (0, 2));
    let outcomes = outbox::outcomes(&app.state.db).await.unwrap();
    let missed: Vec<_> = outcomes
        .iter()
        .filter(|o| o.dedup_key.contains("missed"))
        .collect();
    assert_eq!(missed.len(), 2);
    assert!(missed.iter().all(|o| {
        o.state == State::Skipped
            && o.last_error
                .as_deref()
                .is_some_and(|e| e.contains("already started"))
    }));
    app.finish().await;
}
