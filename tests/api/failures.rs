//! When something breaks under a handler, the person is not left with a spinning button and
//! no word: the press is answered and an apology comes, in their language.

use takwin::domain::roster::Language;
use takwin::i18n::strip_bidi;
use takwin::store::roster;

use crate::support::{Backend, TestApp};

pub async fn a_failing_handler_answers_the_press_and_apologises(backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    app.expect_apologies();
    app.import_sample_roster().await;
    let (id, presidents, _) = app.presidents_invited(&[6501, 6502], 40).await;
    // Their Telegram speaks French; the first has since chosen English in the bot.
    roster::set_language(&app.state.db, presidents[0].id, Language::En, app.now())
        .await
        .unwrap();
    let apology = |l: Language| strip_bidi(&app.state.i18n.t(l, "error-generic"));

    // The invitations table goes away under the bot: answering fails half-way.
    sqlx::query("ALTER TABLE invitations RENAME TO invitations_elsewhere")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let before = app.received(6501).len();
    let update = app
        .emulator
        .press_forged(6501, 6501, 1, &format!("1:rsvp:{id}:y"));
    app.handled(update).await.expect("handled");
    let query = app.emulator.callback_query_id(update).expect("a press");
    assert!(
        app.emulator.callback_answer(&query).is_some(),
        "the press is answered: no spinner left turning"
    );
    let said = app.received(6501);
    assert_eq!(said.len(), before + 1, "one message: the apology");
    assert_eq!(
        strip_bidi(&said.last().unwrap().text),
        apology(Language::En),
        "in the language the person chose, not Telegram's"
    );

    // The database is gone altogether: who is pressing cannot even be read, and the person
    // still hears from us, in Telegram's language.
    app.state.db.pool.close().await;
    let update = app
        .emulator
        .press_forged(6502, 6502, 1, &format!("1:rsvp:{id}:y"));
    app.handled(update).await.expect("handled");
    let query = app.emulator.callback_query_id(update).expect("a press");
    assert!(app.emulator.callback_answer(&query).is_some());
    assert_eq!(
        strip_bidi(&app.received(6502).last().unwrap().text),
        apology(Language::Fr)
    );
    app.finish().await;
}
