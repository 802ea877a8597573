//! People who block the bot: marked at once, shown to organisers, left out of what is
//! queued (and counted), and served again as soon as they write to us.

use chrono::{TimeZone, Utc};
use takwin::actions::{self, Caller};
use takwin::domain::roster::{Language, Role};
use takwin::outbox::sender::{Deliverer, DeliveryConfig};
use takwin::store::roster;

use crate::new_workshop::{ORGANISER, organiser_app};
use crate::support::Backend;

pub async fn who_blocks_the_bot_is_shown_skipped_and_served_again_on_return(backend: Backend) {
    let app = organiser_app(backend).await;
    let presidents: Vec<_> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .take(2)
        .collect();
    app.join_as(&presidents, &[7301, 7302], Language::Fr).await;
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );

    // The second president blocks the bot: Telegram tells us, and organisers see it.
    let update = app.emulator.block_user(7302, true).expect("a change");
    app.handled(update).await.unwrap();
    app.says(ORGANISER, "/joined").await;
    let joined = app.last_text(ORGANISER);
    assert!(
        joined.contains("1 personne a bloqué le bot") && joined.contains(&presidents[1].full_name),
        "{joined}"
    );

    // A workshop for presidents: the one who blocked the bot is invited but not sent to,
    // and the count says so.
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    let new = app.presidents_workshop("Programmation du budget communal", starts_at, 40);
    let organiser = Caller {
        label: "tg:1 organiser".into(),
        person: None,
        organiser: true,
        finance_officer: false,
    };
    let created = actions::workshops::create(&app.state, &organiser, &[new])
        .await
        .unwrap()
        .unwrap()[0];
    assert_eq!((created.queued, created.unreachable), (1, 1));
    worker.deliver_due().await.unwrap();
    assert!(
        app.last_text(7301)
            .contains("Programmation du budget communal"),
        "the other president is invited"
    );
    assert!(
        app.received(7302).is_empty(),
        "nothing is sent to someone who blocked the bot"
    );

    // They write to us again (Telegram's "Restart" unblocks the bot): reachable again, their
    // invitation goes, and organisers no longer see them as blocked.
    app.says(7302, "/start").await;
    worker.deliver_due().await.unwrap();
    assert!(
        app.received(7302)
            .iter()
            .any(|m| m.text.contains("Programmation du budget communal")),
        "the invitation held back is sent"
    );
    app.says(ORGANISER, "/joined").await;
    assert!(!app.last_text(ORGANISER).contains("bloqué le bot"));
    app.finish().await;
}
