//! Builds the whole application from its settings in one place: the database, the
//! translations, the clock, the bot and its dispatcher.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::clock::SharedClock;
use crate::config::Settings;
use crate::i18n::I18n;
use crate::store::{self, Db};
use crate::telegram;

/// What every handler and worker shares.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The translations.
    pub i18n: Arc<I18n>,
    /// The clock.
    pub clock: SharedClock,
    /// The programme's settings.
    pub settings: Arc<Settings>,
}

impl AppState {
    /// Connects to the database (applying migrations) and loads the translations.
    pub async fn build(settings: Settings, clock: SharedClock) -> anyhow::Result<AppState> {
        let db = Db::connect(&settings.database_url).await?;
        Ok(AppState {
            db,
            i18n: Arc::new(I18n::new()),
            clock,
            settings: Arc::new(settings),
        })
    }
}

/// Tells which updates the bot has finished handling, so tests and the demo wait for exactly
/// that instead of sleeping.
#[derive(Clone, Default)]
pub struct UpdateTracker {
    done: Arc<Mutex<HashSet<i64>>>,
    notify: Arc<Notify>,
}

/// Marks its update as handled when the dispatcher drops it, after every handler has run.
pub struct UpdateGuard {
    id: i64,
    tracker: UpdateTracker,
}

impl Drop for UpdateGuard {
    fn drop(&mut self) {
        self.tracker
            .done
            .lock()
            .expect("tracker lock")
            .insert(self.id);
        self.tracker.notify.notify_waiters();
    }
}

impl UpdateTracker {
    /// A guard to keep in the handler's dependencies for the update's lifetime.
    pub fn guard(&self, update_id: i64) -> UpdateGuard {
        UpdateGuard {
            id: update_id,
            tracker: self.clone(),
        }
    }

    /// Waits until the update has been handled.
    pub async fn handled(&self, update_id: i64) {
        loop {
            let notified = self.notify.notified();
            if self.done.lock().expect("tracker lock").contains(&update_id) {
                return;
            }
            notified.await;
        }
    }
}

/// A bot running in the background.
pub struct RunningBot {
    shutdown: ShutdownToken,
    task: JoinHandle<()>,
    /// Which updates have been handled.
    pub tracker: UpdateTracker,
}

impl RunningBot {
    /// Stops polling, lets handlers finish, and waits for the dispatcher to end.
    pub async fn stop(self) {
        // The future `shutdown()` returns can miss its wake-up when the dispatcher finishes
        // first (it registers for a `notify_waiters` that already fired), so the request is
        // made and the dispatcher's own task is awaited instead.
        if self.shutdown.shutdown().is_err() {
            // Not dispatching yet: nothing in flight to let finish.
            self.task.abort();
        }
        let _ = self.task.await;
    }
}

/// Announces the commands, then starts long polling in the background.
pub async fn start_bot(state: AppState, bot: Bot) -> anyhow::Result<RunningBot> {
    let me = bot.get_me().await?;
    if let Some(username) = &me.username {
        store::settings::set(&state.db, store::settings::BOT_USERNAME, username).await?;
    }
    telegram::menu::announce_default_commands(&bot, &state).await?;
    let tracker = UpdateTracker::default();
    let mut dispatcher = Dispatcher::builder(bot, telegram::schema::schema())
        .dependencies(dptree::deps![state, tracker.clone()])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text("a handler failed"))
        .build();
    let shutdown = dispatcher.shutdown_token();
    let task = tokio::spawn(async move { dispatcher.dispatch().await });
    Ok(RunningBot {
        shutdown,
        task,
        tracker,
    })
}
