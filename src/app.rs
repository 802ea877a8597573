//! Wires the bot: announces its commands and starts the dispatcher on the update tree, taking
//! updates by long polling (one elected replica) or by webhook (every replica).

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use teloxide::types::AllowedUpdate;
use teloxide::update_listeners::UpdateListener;
use tokio::task::JoinHandle;

use crate::state::AppState;
use crate::store;
use crate::telegram;
use crate::telegram::inbox::PollingPermit;
use crate::telegram::tracker::UpdateTracker;
use crate::telegram::webhook::WebhookSecret;

/// How long stopping waits for the handlers in flight.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(20);

/// A bot running in the background.
pub struct RunningBot {
    shutdown: ShutdownToken,
    task: JoinHandle<()>,
    /// Webhook mode's sweep for updates abandoned by a dead replica, and where it hands them.
    sweeping: Option<(JoinHandle<()>, tokio::sync::mpsc::UnboundedSender<Update>)>,
    /// Which updates have been handled.
    pub tracker: UpdateTracker,
}

impl RunningBot {
    /// Stops taking updates, lets handlers finish, and waits for the dispatcher to end.
    pub async fn stop(self) {
        if let Some((sweeping, _)) = self.sweeping {
            sweeping.abort();
        }
        // The future `shutdown()` returns can miss its wake-up when the dispatcher finishes
        // first (it registers for a `notify_waiters` that already fired), so the request is
        // made and the dispatcher's own task is awaited instead.
        if self.shutdown.shutdown().is_err() {
            // Not dispatching yet: nothing in flight to let finish.
            self.task.abort();
        }
        // Handlers get a grace period to finish; a dispatcher that has not ended by then
        // (seen once in a test loop under load, not yet explained) is aborted rather than
        // waited for forever. Nothing is lost: an update taken and not handled is kept in
        // the inbox and handled at the next start.
        let mut task = self.task;
        if tokio::time::timeout(STOP_GRACE, &mut task).await.is_err() {
            tracing::warn!("the dispatcher did not stop within its grace period; aborting it");
            task.abort();
            let _ = task.await;
        }
    }
}

impl RunningBot {
    /// Whether the dispatcher has ended by itself (its listener ended).
    pub fn has_ended(&self) -> bool {
        self.task.is_finished()
    }

    /// Webhook mode: one sweep now, as the background one does every
    /// `telegram::webhook::SWEEP_EVERY`: takes over the updates a dead replica stored and did
    /// not handle. Returns how many; none in polling mode.
    pub async fn take_over_abandoned(&self, state: &AppState) -> anyhow::Result<usize> {
        match &self.sweeping {
            Some((_, updates)) => telegram::webhook::take_over_abandoned(state, updates).await,
            None => Ok(0),
        }
    }
}

/// What a replica does before it takes updates, in either mode: remembers the bot's username
/// (for invitation links) and announces the commands.
async fn announce(state: &AppState, bot: &Bot) -> anyhow::Result<()> {
    let me = bot.get_me().await?;
    if let Some(username) = &me.username {
        store::settings::set(&state.db, store::settings::BOT_USERNAME, username).await?;
    }
    telegram::menu::announce_default_commands(bot, state).await?;
    Ok(())
}

/// Starts the dispatcher on the update tree, taking updates from `listener`.
fn dispatch<L>(state: AppState, bot: Bot, listener: L) -> RunningBot
where
    L: UpdateListener + Send + 'static,
    L::Err: std::fmt::Debug + Send,
{
    let tracker = UpdateTracker::default();
    let mut dispatcher = Dispatcher::builder(bot, telegram::schema::schema())
        .dependencies(dptree::deps![state, tracker.clone()])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text("a handler failed"))
        .build();
    let shutdown = dispatcher.shutdown_token();
    let task = tokio::spawn(async move {
        let errors = LoggingErrorHandler::with_custom_text("an error from the update listener");
        dispatcher.dispatch_with_listener(listener, errors).await
    });
    RunningBot {
        shutdown,
        task,
        sweeping: None,
        tracker,
    }
}

/// Announces the commands, then starts long polling in the background.
pub async fn start_bot(state: AppState, bot: Bot) -> anyhow::Result<RunningBot> {
    start_polling(state, bot, PollingPermit::always()).await
}

/// [`start_bot`] for as long as `permit` allows (an elected poller's lease).
async fn start_polling(
    state: AppState,
    bot: Bot,
    permit: PollingPermit,
) -> anyhow::Result<RunningBot> {
    announce(&state, &bot).await?;
    // Updates go through the inbox, so one taken but not handled before a stop is not lost.
    let listener = telegram::inbox::listener(bot.clone(), state.clone(), permit).await?;
    Ok(dispatch(state, bot, listener))
}

/// Webhook mode's settings: the public URL Telegram posts to (its path is served on the
/// listen address, behind the reverse proxy that ends TLS), and the secret it sends along.
#[derive(Debug, Clone)]
pub struct WebhookMode {
    /// The public URL, as given to `setWebhook`.
    pub url: url::Url,
    /// The secret every request must carry.
    pub secret: WebhookSecret,
}

/// The kinds of update the handler tree reads, asked of Telegram in webhook mode (long polling
/// asks for the ones the dispatcher hints, which are these).
const ALLOWED_UPDATES: [AllowedUpdate; 3] = [
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::MyChatMember,
];

/// Registers the webhook with Telegram: its URL, its secret and the kinds of update the bot
/// reads. Every replica registers the same, which changes nothing.
pub async fn register_webhook(bot: &Bot, mode: &WebhookMode) -> anyhow::Result<()> {
    bot.set_webhook(mode.url.clone())
        .secret_token(mode.secret.secret().to_owned())
        .allowed_updates(ALLOWED_UPDATES)
        .await?;
    Ok(())
}

/// Announces the commands and starts handling what the webhook brings. Returns the running
/// bot and the webhook's route, to serve on the listen address before [`register_webhook`]
/// tells Telegram to post there (a first delivery refused would wait for Telegram's retry).
/// While `draining` is set, the route refuses updates with 503 (Telegram retries them
/// elsewhere).
pub async fn start_webhook(
    state: AppState,
    bot: Bot,
    mode: &WebhookMode,
    draining: Arc<AtomicBool>,
) -> anyhow::Result<(RunningBot, axum::Router)> {
    announce(&state, &bot).await?;
    let (router, listener) = telegram::webhook::receive_on(
        mode.url.path(),
        state.clone(),
        mode.secret.clone(),
        draining,
    );
    let updates = listener.sender();
    let sweeping = tokio::spawn(telegram::webhook::sweep(state.clone(), updates.clone()));
    let mut running = dispatch(state, bot, listener.into_update_listener());
    running.sweeping = Some((sweeping, updates));
    Ok((running, router))
}

/// How long the poller's lease lasts unless renewed. After the poller dies, another replica
/// polls within this and [`POLLER_WAIT`]: 31 s, the figure README gives.
pub const POLLER_LEASE: chrono::Duration = chrono::Duration::seconds(30);
/// How often the poller renews its lease.
pub const POLLER_CHECK: std::time::Duration = std::time::Duration::from_secs(10);
/// How often the replicas that do not poll ask for the lease: a second, so that one takes
/// over at most a second after it runs out.
pub const POLLER_WAIT: std::time::Duration = std::time::Duration::from_secs(1);
/// How long before its lease could run out unrenewed (by its own clock, from when it asked)
/// the poller stops taking updates: a poller that stalls and wakes after another took over
/// takes nothing, even with the machines' clocks a little apart.
pub const POLLER_MARGIN: std::time::Duration = std::time::Duration::from_secs(3);

/// What a replica should do about polling after an election step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polling {
    /// It holds the lease and was not polling: start.
    Start,
    /// It lost the lease (another replica took it after this one stalled, or the database
    /// could not confirm it): stop at once, so two never poll together.
    Stop,
    /// Nothing changes.
    Keep,
}

/// One replica's part in electing the single poller: several `takwin run` replicas share a
/// database, and only the holder of the `poller` lease long-polls Telegram; the others only
/// deliver messages, and one of them takes over when the poller's lease expires.
#[derive(Debug, Clone)]
pub struct PollerElection {
    /// This replica's name in the lease.
    pub holder: String,
    polling: bool,
    /// Until when this replica may take updates, by its own clock.
    permit: PollingPermit,
}

impl PollerElection {
    /// A replica that is not polling yet, named after its host and process.
    pub fn new() -> PollerElection {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "replica".into());
        let holder = format!(
            "{host}:{}:{:08x}",
            std::process::id(),
            rand::random::<u32>()
        );
        PollerElection::named(holder)
    }

    /// A replica with a given name (tests name theirs).
    pub fn named(holder: impl Into<String>) -> PollerElection {
        PollerElection {
            holder: holder.into(),
            polling: false,
            permit: PollingPermit::until(tokio::time::Instant::now()),
        }
    }

    /// What the listener of this replica's poller reads: whether it may still take updates.
    pub fn permit(&self) -> PollingPermit {
        self.permit.clone()
    }

    /// Takes or renews the lease at the state's clock, and says what to do.
    pub async fn step(&mut self, state: &AppState) -> Polling {
        // The lease runs from the question, however late the answer comes.
        let asked = tokio::time::Instant::now();
        let now = state.clock.now();
        let held = match store::leases::hold(
            &state.db,
            store::leases::POLLER,
            &self.holder,
            now,
            POLLER_LEASE,
        )
        .await
        {
            Ok(held) => held,
            Err(err) => {
                tracing::warn!(error = %err, "cannot renew the poller's lease");
                false
            }
        };
        if held {
            let lease = POLLER_LEASE.to_std().unwrap_or_default();
            self.permit.extend(asked + lease - POLLER_MARGIN);
        } else {
            self.permit.extend(asked);
        }
        let change = match (held, self.polling) {
            (true, false) => Polling::Start,
            (false, true) => Polling::Stop,
            _ => Polling::Keep,
        };
        self.polling = held;
        change
    }

    /// Whether this replica holds the lease, as of its last step.
    pub fn polls(&self) -> bool {
        self.polling
    }

    /// Gives the lease up (a clean stop), so another replica takes over without waiting.
    pub async fn resign(&mut self, state: &AppState) {
        self.polling = false;
        if let Err(err) =
            store::leases::release(&state.db, store::leases::POLLER, &self.holder).await
        {
            tracing::warn!(error = %err, "cannot give up the poller's lease");
        }
    }
}

impl Default for PollerElection {
    fn default() -> Self {
        PollerElection::new()
    }
}

/// Long-polls Telegram while this replica is the elected poller, until `stop` turns true.
pub async fn poll_while_elected(
    state: AppState,
    bot: Bot,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let mut election = PollerElection::new();
    let mut running: Option<RunningBot> = None;
    loop {
        let step = election.step(&state).await;
        // Its permit lapsed (a stall, the database out of reach) and its listener ended, but
        // the lease was renewed after all: it polls again.
        let ended = running.as_ref().is_some_and(RunningBot::has_ended);
        match step {
            Polling::Start | Polling::Keep if election.polls() && (running.is_none() || ended) => {
                if let Some(running) = running.take() {
                    running.stop().await;
                }
                tracing::info!(holder = %election.holder, "this replica polls Telegram's updates");
                let permit = election.permit();
                running = Some(start_polling(state.clone(), bot.clone(), permit).await?);
            }
            Polling::Stop => {
                tracing::warn!("another replica polls Telegram's updates now; this one stops");
                if let Some(running) = running.take() {
                    running.stop().await;
                }
            }
            _ => {}
        }
        let next = if election.polls() {
            POLLER_CHECK
        } else {
            POLLER_WAIT
        };
        tokio::select! {
            _ = stop.changed() => break,
            _ = tokio::time::sleep(next) => {}
        }
    }
    if let Some(running) = running.take() {
        running.stop().await;
    }
    election.resign(&state).await;
    Ok(())
}
