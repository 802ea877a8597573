//! Journey 6 on stage: the next workshop is planned and answered; on Monday morning the
//! weekly digest reaches the organiser (the whole Region, in French) and the
//! Secretary-General (the province, in Arabic, with the bodies to call), each with the
//! week's chart under it.

use chrono::{TimeZone, Utc};

use super::{Cast, Ids, demo, step};
use crate::actions;
use crate::domain::audience::Audience;
use crate::domain::roster::Role;
use crate::domain::schedule::DEFAULT_REMINDER_OFFSETS;
use crate::domain::workshop::{Capacity, NewWorkshop, default_deadline};
use crate::outbox::scheduler;
use crate::stage::Stage;

/// The scene.
pub(super) async fn play(stage: &Stage, cast: &mut Cast, ids: Ids) -> anyhow::Result<()> {
    let worker = super::worker(stage);
    let state = &stage.state;
    step(
        "The next workshop is planned for Tuesday 24 February; the president says yes, the councillor no",
    );
    let starts_at = Utc.with_ymd_and_hms(2026, 2, 24, 8, 0, 0).unwrap();
    let now = crate::clock::Clock::now(&stage.clock);
    let next = NewWorkshop {
        title: "Marchés publics des communes".into(),
        topic: None,
        starts_at,
        venue: "Siège de la province d'El Hajeb".into(),
        audience: Audience::roles(&[Role::President, Role::Councillor]),
        capacity: Capacity::new(60)?,
        reminders: DEFAULT_REMINDER_OFFSETS.to_vec(),
        answer_deadline: default_deadline(starts_at, &state.settings.timezone, now),
        form: Default::default(),
    };
    actions::workshops::create(state, &demo(), &[next])
        .await?
        .map_err(|_| anyhow::anyhow!("the demo may create a workshop"))?;
    worker.deliver_due().await?;
    super::toast(stage.presses(ids.president, "✅").await?);
    super::toast(stage.presses(ids.councillor, "❌").await?);
    cast.print_news(stage);

    step(
        "Monday 16 February, 08:00 in Casablanca (UTC+0 in Ramadan): the weekly digest, with its chart",
    );
    actions::digests::plan(state).await?;
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 2, 16)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("a real time");
    stage
        .clock
        .set(state.settings.timezone.resolve(monday).earliest());
    scheduler::tick(state).await?;
    worker.deliver_due().await?;
    cast.print_news(stage);
    let digest = stage.received(ids.organiser).last().cloned();
    cast.check(
        digest.as_ref().is_some_and(|m| {
            m.photo
                .as_ref()
                .is_some_and(|p| p.bytes.starts_with(b"\x89PNG"))
                && m.text.contains("Marchés publics des communes")
        }),
        "the organiser's digest names the coming workshop, with its chart as a picture",
    );
    Ok(())
}
