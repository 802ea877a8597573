//! Wires the bot: announces its commands and starts the dispatcher on the update tree.

use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use tokio::task::JoinHandle;

use crate::state::AppState;
use crate::store;
use crate::telegram;
use crate::telegram::tracker::UpdateTracker;

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
