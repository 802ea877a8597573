//! Nothing Telegram handed over is lost: an update the poller took (and so acknowledged)
//! but did not handle before a stop is handled at the next start, once.

use takwin::domain::roster::{Language, Role};
use takwin::store::{inbox, roster};
use teloxide::prelude::*;

use crate::support::{Backend, TestApp};

pub async fn an_update_taken_but_not_handled_before_a_stop_is_handled_at_the_next_start(
    backend: Backend,
) {
    let mut app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let president = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.role == Role::President)
        .unwrap();
    app.join_as(std::slice::from_ref(&president), &[7601], Language::Fr)
        .await;
    app.stop_bot().await;

    // A poller takes "/me" from Telegram and keeps it in the inbox, then dies before handling
    // it — after it had already asked Telegram for the next updates, which acknowledges it.
    let sent = app.emulator.send_text(7601, "/me");
    let taken = app.bot.get_updates().timeout(0).await.unwrap();
    let update = taken
        .iter()
        .find(|u| i64::from(u.id.0) == sent)
        .expect("Telegram hands it over");
    let payload = serde_json::to_string(update).unwrap();
    assert!(
        inbox::receive(&app.state.db, sent, &payload, app.now())
            .await
            .unwrap()
    );
    let after = app
        .bot
        .get_updates()
        .offset(update.id.as_offset())
        .timeout(0)
        .await
        .unwrap();
    assert!(after.is_empty(), "Telegram has forgotten it");
    assert!(
        app.received(7601)
            .iter()
            .all(|m| !m.text.contains(&president.full_name))
    );

    // The next start handles it first.
    app.start_bot().await.unwrap();
    app.handled(sent).await.unwrap();
    let profile = app.received(7601).pop().expect("an answer");
    assert!(
        profile.text.contains(&president.full_name),
        "{}",
        profile.text
    );
    assert!(inbox::unhandled(&app.state.db).await.unwrap().is_empty());

    // Handled once: another start replays nothing.
    let answers = app.received(7601).len();
    app.stop_bot().await;
    app.start_bot().await.unwrap();
    app.says(7601, "/help").await;
    assert_eq!(
        app.received(7601).len(),
        answers + 1,
        "only /help is answered"
    );
    app.finish().await;
}
