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

/// A message refused with 403 tells the sender first that someone blocked the bot; Telegram's
/// `my_chat_member` update saying so may come after. That update is from the person, but it
/// is not them coming back: the date organisers see stays the first one, and the invitations
/// held back stay held. (It once cleared the mark for a moment and set it again with a new
/// date, re-queuing the held invitations meanwhile — found by a test that read the mark in
/// between.)
pub async fn the_news_of_a_block_does_not_count_as_the_person_coming_back(backend: Backend) {
    let app = organiser_app(backend).await;
    let president = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.role == Role::President)
        .unwrap();
    app.join_as(std::slice::from_ref(&president), &[7311], Language::Fr)
        .await;
    let starts_at = Utc.with_ymd_and_hms(2026, 1, 20, 8, 0, 0).unwrap();
    let new = app.presidents_workshop("Gestion des marchés publics", starts_at, 40);
    let organiser = Caller {
        label: "tg:1 organiser".into(),
        person: None,
        organiser: true,
        finance_officer: false,
    };
    // The sender's 403: what it records when a message to a blocked person is refused.
    let first_refusal = app.now();
    takwin::store::outbox::mark_unreachable(&app.state.db, president.id, first_refusal)
        .await
        .unwrap();
    let created = actions::workshops::create(&app.state, &organiser, &[new])
        .await
        .unwrap()
        .unwrap()[0];
    assert_eq!(created.unreachable, 1, "held back: they block the bot");

    // An hour later Telegram's update arrives.
    app.clock.advance(chrono::Duration::hours(1));
    let update = app.emulator.block_user(7311, true).expect("a change");
    app.handled(update).await.unwrap();

    let person = roster::by_telegram(&app.state.db, 7311)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.unreachable_since, Some(first_refusal));
    let worker = Deliverer::new(
        app.state.clone(),
        app.bot.clone(),
        DeliveryConfig::default(),
    );
    let round = worker.deliver_due().await.unwrap();
    assert_eq!(round.claimed, 0, "nothing was queued for them meanwhile");
    app.finish().await;
}
