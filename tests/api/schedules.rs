//! Recurring schedules: each occurrence enqueued exactly once per recipient, however many
//! schedulers tick; missed occurrences caught up only while they still make sense.

use chrono::{DateTime, Duration, TimeZone, Utc};
use takwin::domain::audience::Audience;
use takwin::domain::roster::Role;
use takwin::domain::schedule::CronSchedule;
use takwin::emulator::NewUser;
use takwin::outbox::Payload;
use takwin::outbox::scheduler;
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::store::roster;

use crate::support::{Backend, TestApp};

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

pub async fn each_occurrence_goes_once_to_each_recipient(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let people = roster::all_people(&app.state.db).await.unwrap();
    let presidents: Vec<_> = people
        .iter()
        .filter(|p| p.role == Role::President)
        .take(2)
        .collect();
    let councillor = people.iter().find(|p| p.role == Role::Councillor).unwrap();
    for (person, chat) in presidents
        .iter()
        .copied()
        .zip([4301, 4302])
        .chain([(councillor, 4303)])
    {
        app.emulator.add_user(NewUser::new(chat, "Official"));
        roster::link(&app.state.db, person.id, chat, app.now())
            .await
            .unwrap();
    }
    let daily = CronSchedule::parse("0 9 * * *").unwrap();
    let payload = Payload::html("Rappel : la convention de financement attend votre conseil.");
    let audience = Audience::roles(&[Role::President]);
    scheduler::save(
        &app.state,
        "convention",
        &daily,
        &audience,
        &payload,
        Duration::hours(2),
        None,
    )
    .await
    .unwrap();
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig {
            rate_per_second: 1000,
            ..DeliveryConfig::default()
        },
    );

    app.clock.set(utc(2026, 1, 11, 7, 59));
    assert_eq!(scheduler::tick(&app.state).await.unwrap().enqueued, 0);
    // 09:00 in Casablanca is 08:00 UTC in January.
    app.clock.set(utc(2026, 1, 11, 8, 0));
    assert_eq!(scheduler::tick(&app.state).await.unwrap().enqueued, 2);
    // Two more schedulers (replicas, a restart) at the same moment add nothing.
    let (a, b) = tokio::join!(scheduler::tick(&app.state), scheduler::tick(&app.state));
    assert_eq!(a.unwrap().enqueued + b.unwrap().enqueued, 0);
    worker.deliver_due().await.unwrap();
    for chat in [4301, 4302] {
        assert_eq!(app.received(chat).len(), 1);
    }
    assert!(app.received(4303).is_empty(), "not in the audience");

    app.clock.set(utc(2026, 1, 12, 8, 0));
    assert_eq!(scheduler::tick(&app.state).await.unwrap().enqueued, 2);

    // Down from the 12th to the 15th at 09:30 local: the 13th and 14th are too late to
    // make sense, the 15th is half an hour late and still goes.
    app.clock.set(utc(2026, 1, 15, 8, 30));
    let tick = scheduler::tick(&app.state).await.unwrap();
    assert_eq!((tick.occurrences, tick.skipped, tick.enqueued), (3, 2, 2));
    worker.deliver_due().await.unwrap();
    for chat in [4301, 4302] {
        assert_eq!(app.received(chat).len(), 3);
    }
    app.finish().await;
}
