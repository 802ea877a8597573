//! A large roster import never holds the bot up: the import decides everything before it
//! writes, a dry run takes no lock at all, and the real run writes in short transactions, so
//! people who tap and write in the meantime are all answered.

use std::sync::Arc;

use takwin::actions::roster::ImportOptions;
use takwin::actions::{self, Caller};
use takwin::config::Settings;
use takwin::domain::roster::{Language, Role};
use takwin::state::AppState;
use takwin::store::roster;

use crate::support::{Backend, TestApp};

/// A roster of `n` councillors in communes of twenty, in a province of their own.
fn large_roster(n: u32) -> String {
    let mut csv = String::from("province,commune,full_name,role,phone,language\n");
    for k in 0..n {
        csv.push_str(&format!(
            "Taza,Commune {},Élu numéro {k},councillor,06{:08},fr\n",
            k / 20,
            50_000_000 + k
        ));
    }
    csv
}

/// Imports on a thread and runtime of its own (as `takwin roster import` would run beside
/// the bot), pausing after its first transaction until told to go on when `pause` is set.
fn import_beside(
    app: &TestApp,
    csv: String,
    dry_run: bool,
) -> (
    std::thread::JoinHandle<actions::roster::Imported>,
    std::sync::mpsc::Receiver<()>,
    std::sync::mpsc::Sender<()>,
) {
    let settings = Settings {
        database_url: app.database_url().to_owned(),
        timezone: takwin::domain::zone::Zone::casablanca(),
        default_language: Language::Ar,
    };
    let clock = app.clock.clone();
    let (paused, wait_paused) = std::sync::mpsc::channel();
    let (go_on, wait_go) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let state = AppState::build(settings, Arc::new(clock)).await.unwrap();
            let options = ImportOptions {
                dry_run,
                ..ImportOptions::default()
            };
            let mut first = true;
            let imported = actions::roster::import(
                &state,
                &Caller::command_line(),
                csv.as_bytes(),
                &options,
                |_, _| {
                    // Between two transactions: nothing is locked while it waits.
                    if std::mem::take(&mut first) {
                        paused.send(()).unwrap();
                        wait_go.recv().unwrap();
                    }
                },
            )
            .await
            .unwrap()
            .expect("the roster is imported");
            state.db.pool.close().await;
            imported
        })
    });
    (thread, wait_paused, go_on)
}

/// Ten people each write, tap a button and write again; every update must be answered.
async fn everyone_is_answered(app: &TestApp, chats: &[i64]) {
    for &chat in chats {
        let before = app.received(chat).len();
        app.says(chat, "/me").await;
        app.presses(chat, "✓").await;
        app.says(chat, "/language").await;
        assert_eq!(
            app.received(chat).len(),
            before + 2,
            "chat {chat} is answered"
        );
    }
}

pub async fn a_large_import_never_holds_up_the_bot(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.import_sample_roster().await;
    let people: Vec<_> = roster::all_people(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.role == Role::President)
        .take(10)
        .collect();
    let chats: Vec<i64> = (7501..7511).collect();
    app.join_as(&people, &chats, Language::Fr).await;
    for &chat in &chats {
        app.says(chat, "/language").await;
    }
    let csv = large_roster(3_000);
    let sample = roster::all_people(&app.state.db).await.unwrap().len();

    // A dry run beside the bot: it writes and locks nothing.
    let (dry, _, _) = import_beside(&app, csv.clone(), true);
    everyone_is_answered(&app, &chats).await;
    let dry = tokio::task::spawn_blocking(move || dry.join().unwrap())
        .await
        .unwrap();
    assert_eq!(dry.report.people_added, 3_000);
    assert_eq!(
        roster::all_people(&app.state.db).await.unwrap().len(),
        sample
    );

    // The real import, caught between two of its transactions: the bot answers everyone
    // meanwhile (with a single transaction for the file, SQLite's write lock would be held
    // and their answers would wait for the whole import).
    let (real, paused, go_on) = import_beside(&app, csv, false);
    tokio::task::spawn_blocking(move || paused.recv().unwrap())
        .await
        .unwrap();
    everyone_is_answered(&app, &chats).await;
    go_on.send(()).unwrap();
    let real = tokio::task::spawn_blocking(move || real.join().unwrap())
        .await
        .unwrap();
    assert_eq!(real.report.people_added, 3_000);
    assert_eq!(
        roster::all_people(&app.state.db).await.unwrap().len(),
        sample + 3_000
    );
    app.finish().await;
}
