//! Bot API emulator: a local stand-in for Telegram's Bot API server, for testing any bot
//! (Takwin's tests, demo and benchmarks use it).
//!
//! The bot talks to it over HTTP exactly as to Telegram
//! (`Bot::new(token).set_api_url(emulator.api_url())`), while a test drives the
//! other side in-process: it registers users, makes them write, press buttons
//! or share their contact, and inspects what the bot sent.
//!
//! Implemented methods: getMe, getUpdates (long polling), setWebhook,
//! deleteWebhook, getWebhookInfo, sendMessage, sendDocument, sendPhoto,
//! sendChatAction, editMessageText, editMessageReplyMarkup, deleteMessage,
//! answerCallbackQuery, setMyCommands, getMyCommands, deleteMyCommands,
//! setChatMenuButton, getChatMenuButton, getChat. Any other method gets
//! `404 Not Found: method not found`. While a webhook is set, updates are delivered to it
//! (see [Webhooks](#webhooks)).
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! use std::time::Duration;
//! use bot_api_emulator::{Emulator, EmulatorConfig, NewUser};
//! use teloxide::prelude::*;
//!
//! let emu = Emulator::start(EmulatorConfig::default()).await?;
//! let bot = Bot::new(emu.token()).set_api_url(emu.api_url());
//! emu.add_user(NewUser::new(42, "Amina").language("fr"));
//! emu.send_text(42, "/start");
//! // … the bot under test polls, answers …
//! let sent = emu.wait_bot_messages(42, 1, Duration::from_secs(5)).await?;
//! if let Some(button) = sent[0].button("Oui") {
//!     emu.press_button(42, sent[0].message_id, &button.callback_data.unwrap())?;
//! }
//! emu.shutdown().await;
//! # let _ = bot;
//! # Ok(()) }
//! ```
//!
//! # Webhooks
//!
//! While the bot has a webhook set (`setWebhook`: `url`, `secret_token`, `max_connections`,
//! `allowed_updates`, `drop_pending_updates`), the emulator delivers the pending updates to
//! it as Telegram does, and getUpdates answers 409. Each update is POSTed as JSON, with
//! `X-Telegram-Bot-Api-Secret-Token` when a secret was set; a 2xx answer confirms it (off
//! the queue, as a getUpdates offset would); anything else (another status, no connection,
//! no answer within [`EmulatorConfig::webhook_timeout`]) is the webhook's last error
//! (`last_error_date`, `last_error_message` in getWebhookInfo) and the same update is tried
//! again after [`EmulatorConfig::webhook_retry`]. Up to `max_connections` updates are in
//! delivery at once, but one chat's updates go one after the other, in order. Telegram
//! requires an HTTPS URL; [`EmulatorConfig::insecure_webhooks`] lets a test's plain
//! `http://127.0.0.1:…` endpoint be one.
//!
//! With [`EmulatorConfig::webhook_backends`], the emulator plays the load balancer in front
//! of several replicas of the bot: deliveries go to the backends in turn, each with the
//! webhook URL's path, query and Host header. [`Emulator::inject_webhook_faults`] makes
//! the next deliveries lose their answer (the update comes again, to the next backend),
//! go to two backends at once, or fail unsent ([`WebhookFaults`]); [`Stats::webhook`]
//! counts tries, requests, answers by status, failures and confirmations.
//!
//! Flood limits (off by default) apply to sendMessage, sendDocument and
//! sendPhoto; edits are not limited. Injected faults apply to those three and to
//! editMessageText and editMessageReplyMarkup. Limits measure the machine's monotonic
//! time, or the time a test gives ([`Emulator::set_time_source`]): a test that moves its
//! clock by hand can then enforce them strictly, with no allowance for a busy machine.
//!
//! # The standalone emulator and its control API
//!
//! When the bot runs as another process (several of them, say) and the test too, the
//! crate's binary serves the same emulator ([`standalone::main`], which a bot's own binary
//! can call too, so that its integration tests can start it):
//!
//! ```text
//! bot-api-emulator --listen 127.0.0.1:8081 [--token TOKEN] [--strict-limits] [--rate N] [--record FILE]
//!                  [--insecure-webhooks] [--webhook-backend ADDR]... [--webhook-retry-ms N]
//!                  [--webhook-timeout-ms N]
//! ```
//!
//! Once it accepts connections it prints one line of JSON on stdout, `{"api_url": …,
//! "control_url": …, "token": …}` (port 0 picks a free port, which the line names), and
//! serves until SIGINT or SIGTERM, then exits 0. `--strict-limits` turns the flood limits
//! on with no grace (`--rate` messages a second for the bot, 30 by default). The webhook
//! flags set [`EmulatorConfig::insecure_webhooks`], [`EmulatorConfig::webhook_backends`]
//! (one flag per backend), [`EmulatorConfig::webhook_retry`] and
//! [`EmulatorConfig::webhook_timeout`].
//!
//! The people are played, and the chats read, through the control API, under `/control/`
//! of the same server (any [`Emulator`] serves it, in-process too); the Bot API's paths are
//! `/bot<token>/<method>`, so the two cannot clash. JSON in and out; each route does what
//! the [`Emulator`] method named does:
//!
//! | route | body or query | answer | as |
//! | --- | --- | --- | --- |
//! | `POST /control/users` | `id`, `first_name`, optional `last_name`, `username`, `language_code` | `user_id` | [`Emulator::add_user`] |
//! | `POST /control/users/bulk` | `count` (1 to 1,000,000), `first_id`, optional `first_name` (default `User`), `last_name`, `language_code` | `first_id`, `last_id`, `count` | [`Emulator::add_users`] |
//! | `POST /control/users/{user}/text` | `text`, optional `chat` (a group; default the user's own) | `update_id` | [`Emulator::send_text_in`] |
//! | `POST /control/users/{user}/press` | `message_id`, `callback_data` | `update_id`, `callback_query_id` | [`Emulator::press_button`] |
//! | `POST /control/users/{user}/contact` | `phone_number`, `first_name`, optional `user_id` | `update_id` | [`Emulator::send_contact`] |
//! | `POST /control/users/{user}/photo` | optional `base64` (the bytes; default a 1×1 PNG), `caption` | `update_id` | [`Emulator::send_photo`] |
//! | `POST /control/users/{user}/document` | `base64` (the bytes), `file_name`, optional `caption` | `update_id` | [`Emulator::send_document`] |
//! | `POST /control/groups` | `id` (negative), `title` | `chat` | [`Emulator::add_group`] |
//! | `POST /control/users/{user}/block`, `…/unblock` | — | `update_id` of `my_chat_member`, null if nothing changed | [`Emulator::block_user`] |
//! | `GET /control/chats/{chat}/messages` | `at_least`, `wait_ms` | `messages`: the bot's, oldest first, edits applied | [`Emulator::wait_bot_messages`] |
//! | `GET /control/messages` | `at_least`, `wait_ms` | `messages`: the bot's in every chat, each with its `chat`, in the order accepted | [`Emulator::all_bot_messages`] |
//! | `GET /control/chats/{chat}/commands` | — | `commands` (`command`, `description`), `menu_button` | [`Emulator::menu_commands`], [`Emulator::menu_button`] |
//! | `GET /control/updates/{update_id}/answer` | `wait_ms` | `callback_query_id`, `text`, `show_alert`, `url`, `cache_time` | [`Emulator::wait_callback_answer`] |
//! | `GET /control/updates/pending` | `at_most`, `wait_ms` | `pending_updates` | [`Emulator::wait_no_pending_updates`] |
//! | `POST /control/webhook/faults` | optional `lose_answers`, `duplicates`, `refuse` (counts, added to those armed) | the counts armed now | [`Emulator::inject_webhook_faults`] |
//! | `GET /control/stats` | — | the counters of [`Stats`], `pending_updates`, `webhook` ([`WebhookStats`], `statuses` keyed by status, `answered_ok`) | [`Emulator::stats`] |
//!
//! A message is [`ChatMessage`] field for field (`text`, `as_sent`, `parse_mode`,
//! `entities`, `reply_markup` as `{kind: inline|keyboard|remove|force_reply, rows}`,
//! `document`, `photo`, `contact`, `edits`, `date`), with `received_ms`, when the emulator
//! accepted it, in milliseconds since it started. A read with `wait_ms` waits that long at
//! most (two minutes at most) for what it asks for, without polling. Errors are
//! `{"error": "…"}` with 400 (a malformed body, an unknown user, a button not shown), 404
//! (no such route, an update that is no button press) or 408 (a wait that timed out).

mod control;
mod html;
mod limits;
mod markdown;
mod methods;
mod params;
mod server;
pub mod standalone;
mod state;
mod types;
mod webhook;

#[cfg(test)]
mod tests;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anyhow::Context as _;
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use html::{Parsed, finish, parse_html};
pub use markdown::{parse_markdown, parse_markdown_v2};
pub use types::{
    AnsweredPress, Button, CallbackAnswer, ChatMessage, Contact, EmulatorConfig, Entity, Fault,
    FaultTarget, FileData, Markup, NewUser, RateLimits, Shown, ShownKind, Stats, UserId,
    WebhookFaults, WebhookStats, default_scope,
};

use limits::RateLimiter;
use server::Shared;

/// A running emulator; clones share the same server and state.
#[derive(Clone)]
pub struct Emulator {
    inner: Arc<Inner>,
}

struct Inner {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Mutex<Option<oneshot::Sender<()>>>,
    task: Mutex<Option<JoinHandle<()>>>,
    /// The webhook deliveries ([`webhook::run`]).
    deliveries: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Without an explicit shutdown the server would outlive every handle.
        for task in [&self.task, &self.deliveries] {
            if let Some(task) = task.lock().unwrap_or_else(PoisonError::into_inner).take() {
                task.abort();
            }
        }
    }
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("addr", &self.inner.addr)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// Binds 127.0.0.1:`config.port` and starts serving.
    pub async fn start(config: EmulatorConfig) -> anyhow::Result<Emulator> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port))
            .await
            .with_context(|| format!("binding 127.0.0.1:{}", config.port))?;
        Self::start_on(listener, config).await
    }

    /// Starts serving on a listener the caller bound, at any address (the standalone
    /// binary's `--listen`); `config.port` is not used.
    pub async fn start_on(
        listener: tokio::net::TcpListener,
        config: EmulatorConfig,
    ) -> anyhow::Result<Emulator> {
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(config).context("opening the recording file")?);
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        // The Bot API, and the control API under `/control` (no Bot API path starts so).
        let app = server::router(Arc::clone(&shared))
            .nest("/control", control::router(Arc::clone(&shared)));
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stop_rx.await;
                })
                .await;
            if let Err(e) = served {
                tracing::error!("emulator server stopped: {e}");
            }
        });
        let deliveries = tokio::spawn(webhook::run(Arc::clone(&shared)));
        tracing::debug!("Bot API emulator listening on {addr}");
        Ok(Emulator {
            inner: Arc::new(Inner {
                shared,
                addr,
                stop: Mutex::new(Some(stop_tx)),
                task: Mutex::new(Some(task)),
                deliveries: Mutex::new(Some(deliveries)),
            }),
        })
    }

    /// Base URL to give to the bot, e.g. `http://127.0.0.1:PORT/`.
    pub fn api_url(&self) -> url::Url {
        url::Url::parse(&format!("http://{}/", self.inner.addr)).expect("valid URL")
    }

    /// Address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    /// The accepted bot token.
    pub fn token(&self) -> &str {
        &self.inner.shared.config.token
    }

    fn shared(&self) -> &Shared {
        &self.inner.shared
    }

    /// Registers (or updates) a user; their private chat has the same id.
    pub fn add_user(&self, user: NewUser) -> UserId {
        self.shared().mutate(|st| st.add_user(user))
    }

    /// Registers `count` users like `first`, with ids from `first.id` on (each with their
    /// private chat), at once: for tests with thousands of people. Returns their ids.
    pub fn add_users(&self, first: NewUser, count: usize) -> std::ops::Range<UserId> {
        self.shared().mutate(|st| st.add_users(&first, count))
    }

    /// Registers a group chat (negative id by Telegram's convention) with this title.
    pub fn add_group(&self, chat: i64, title: &str) {
        self.shared().mutate(|st| st.add_group(chat, title));
    }

    /// The user writes `text` to the bot; returns the update id. A leading
    /// `/command` gets a `bot_command` entity. Panics for an unknown user.
    pub fn send_text(&self, user: i64, text: &str) -> i64 {
        self.send_text_in(user, user, text)
    }

    /// The user writes `text` in `chat` (their private chat or a group); returns the update id.
    pub fn send_text_in(&self, chat: i64, user: i64, text: &str) -> i64 {
        self.shared()
            .mutate(|st| st.user_message(chat, user, text, None))
            .unwrap_or_else(|e| panic!("send_text: {e}"))
    }

    /// The user sends a photo (a receipt, say) with a caption, possibly empty; returns the
    /// update id.
    pub fn send_photo(&self, user: i64, bytes: Vec<u8>, caption: &str) -> i64 {
        self.shared()
            .mutate(|st| st.user_photo(user, bytes, caption))
            .unwrap_or_else(|e| panic!("send_photo: {e}"))
    }

    /// The user sends a document (its bytes and file name) with a caption, possibly empty;
    /// returns the update id.
    pub fn send_document(&self, user: i64, bytes: Vec<u8>, file_name: &str, caption: &str) -> i64 {
        self.shared()
            .mutate(|st| st.user_document(user, bytes, file_name, caption))
            .unwrap_or_else(|e| panic!("send_document: {e}"))
    }

    /// The user shares a contact (their own when `contact_user_id` is their id); returns the update id.
    pub fn send_contact(
        &self,
        user: i64,
        phone: &str,
        contact_user_id: Option<i64>,
        first_name: &str,
    ) -> i64 {
        let contact = Contact {
            phone_number: phone.to_owned(),
            first_name: first_name.to_owned(),
            user_id: contact_user_id,
        };
        self.shared()
            .mutate(|st| st.user_message(user, user, "", Some(contact)))
            .unwrap_or_else(|e| panic!("send_contact: {e}"))
    }

    /// The user presses the inline button with callback `data` on bot message
    /// `message_id` of their private chat; fails if no such button is shown there.
    /// Returns the update id; see [`Emulator::callback_query_id`].
    pub fn press_button(&self, user: i64, message_id: i32, data: &str) -> anyhow::Result<i64> {
        self.shared()
            .mutate(|st| st.press_button(user, message_id, data))
    }

    /// A press that no real client could produce (any chat, message and data), for
    /// tests of forged callback queries. Returns the update id.
    pub fn press_forged(&self, user: i64, chat: i64, message_id: i32, data: &str) -> i64 {
        self.shared()
            .mutate(|st| st.callback_query(user, chat, message_id, data))
    }

    /// Id of the callback query created by the press that produced `update_id`.
    pub fn callback_query_id(&self, update_id: i64) -> Option<String> {
        self.shared()
            .lock()
            .query_of_update
            .get(&update_id)
            .cloned()
    }

    /// The bot's answer to a callback query, if it answered.
    pub fn callback_answer(&self, callback_query_id: &str) -> Option<CallbackAnswer> {
        self.shared()
            .lock()
            .queries
            .get(callback_query_id)
            .and_then(|q| q.answer.clone())
    }

    /// Waits until the bot answers the callback query created by `update_id`.
    pub async fn wait_callback_answer(
        &self,
        update_id: i64,
        timeout: Duration,
    ) -> anyhow::Result<CallbackAnswer> {
        let id = self
            .callback_query_id(update_id)
            .context("that update is not a button press")?;
        self.wait_for(timeout, |e| e.callback_answer(&id))
            .await
            .with_context(|| format!("callback query {id} was not answered"))
    }

    /// Every button press answered from now on, reported as the bot's answerCallbackQuery
    /// arrives (with when it was pressed and answered): a benchmark follows thousands of
    /// presses with one receiver instead of one [`Emulator::wait_for`] each, which would
    /// all re-run at every change.
    pub fn answered_presses(&self) -> tokio::sync::mpsc::UnboundedReceiver<AnsweredPress> {
        let (watcher, answered) = tokio::sync::mpsc::unbounded_channel();
        self.shared().mutate(|st| st.answer_watchers.push(watcher));
        answered
    }

    /// Whole history of a chat, user and bot messages, oldest first (deleted ones removed).
    pub fn messages(&self, chat: i64) -> Vec<ChatMessage> {
        let st = self.shared().lock();
        st.chats
            .get(&chat)
            .map(|c| c.history.iter().map(|m| m.msg.clone()).collect())
            .unwrap_or_default()
    }

    /// Everything shown to people so far, in order, every version of every message included.
    pub fn shown(&self) -> Vec<Shown> {
        self.shared().lock().shown.clone()
    }

    /// Messages the bot sent to a chat, oldest first, with edits applied.
    pub fn bot_messages(&self, chat: i64) -> Vec<ChatMessage> {
        self.shared().lock().bot_messages(chat)
    }

    /// Messages the bot sent to every chat, with the chat's id, in the order the emulator
    /// accepted them, edits applied: for checks over a whole delivery (the most in any
    /// second, say).
    pub fn all_bot_messages(&self) -> Vec<(i64, ChatMessage)> {
        self.shared().lock().all_bot_messages()
    }

    /// The bot's most recent message in a chat.
    pub fn last_bot_message(&self, chat: i64) -> Option<ChatMessage> {
        self.bot_messages(chat).pop()
    }

    /// Waits until the chat holds at least `at_least` bot messages and returns them all.
    pub async fn wait_bot_messages(
        &self,
        chat: i64,
        at_least: usize,
        timeout: Duration,
    ) -> anyhow::Result<Vec<ChatMessage>> {
        self.wait_for(timeout, |e| {
            Some(e.bot_messages(chat)).filter(|m| m.len() >= at_least)
        })
        .await
        .with_context(|| {
            format!(
                "chat {chat}: expected at least {at_least} bot messages, got {}",
                self.bot_messages(chat).len()
            )
        })
    }

    /// Waits, without polling, until `check` returns `Some`; it is re-run after
    /// every change of the emulator's state.
    pub async fn wait_for<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&Emulator) -> Option<T>,
    ) -> anyhow::Result<T> {
        self.shared().wait_for(timeout, || check(self)).await
    }

    /// Number of updates not yet confirmed by the bot.
    pub fn pending_updates(&self) -> usize {
        self.shared().lock().updates.len()
    }

    /// Waits until the bot has confirmed every update (by a getUpdates offset or a 2xx
    /// answer to its webhook).
    pub async fn wait_no_pending_updates(&self, timeout: Duration) -> anyhow::Result<()> {
        self.wait_for(timeout, |e| (e.pending_updates() == 0).then_some(()))
            .await
            .with_context(|| format!("{} updates still pending", self.pending_updates()))
    }

    /// Bot commands set for a scope (`BotCommandScope` JSON, see [`default_scope`])
    /// and language (`None` = no language), as (command, description) pairs.
    pub fn commands(
        &self,
        scope: &Value,
        language_code: Option<&str>,
    ) -> Option<Vec<(String, String)>> {
        let key = (
            methods::scope_key(scope)?,
            language_code.unwrap_or_default().to_owned(),
        );
        self.shared().lock().commands.get(&key).cloned()
    }

    /// The commands menu a chat's user sees: the commands of the narrowest scope set for
    /// the chat, in the user's language if set for it, as Telegram resolves them (see
    /// [`Emulator::commands`] for one scope's). Empty when the bot set none that applies.
    pub fn menu_commands(&self, chat: i64) -> Vec<(String, String)> {
        self.shared().lock().menu_commands(chat)
    }

    /// Menu button set for a chat (`None` = the default one), as JSON.
    pub fn menu_button(&self, chat: Option<i64>) -> Option<Value> {
        self.shared().lock().menu_buttons.get(&chat).cloned()
    }

    /// The webhook URL the bot set, if any.
    pub fn webhook_url(&self) -> Option<String> {
        self.shared()
            .lock()
            .webhook
            .as_ref()
            .map(|w| w.url.to_string())
    }

    /// Arms faults for the next webhook deliveries, on top of those armed already.
    pub fn inject_webhook_faults(&self, faults: WebhookFaults) {
        self.shared().mutate(|st| st.webhook_faults.add(faults));
    }

    /// The webhook faults armed and not yet used.
    pub fn webhook_faults(&self) -> WebhookFaults {
        self.shared().lock().webhook_faults
    }

    /// Turns flood limits on or off (history is kept).
    pub fn set_rate_limits(&self, on: bool) {
        self.shared().mutate(|st| st.rate_limits_on = on);
    }

    /// Replaces the flood limit values and forgets past sends.
    pub fn set_rate_limit_values(&self, limits: RateLimits) {
        self.shared()
            .mutate(|st| st.limiter = RateLimiter::new(limits));
    }

    /// Blocks (or unblocks) the bot for a user: sends to them get
    /// `403 Forbidden: bot was blocked by the user`, and the bot receives the
    /// `my_chat_member` update Telegram sends, whose id this returns (`None` if nothing
    /// changed).
    pub fn block_user(&self, user: i64, blocked: bool) -> Option<i64> {
        self.shared().mutate(|st| st.set_blocked(user, blocked))
    }

    /// Whether a user currently blocks the bot.
    pub fn is_blocked(&self, user: i64) -> bool {
        self.shared().lock().is_blocked(user)
    }

    /// Arms `fault` for the next `times` faultable calls (see module docs) matching `target`.
    pub fn inject_fault(&self, target: FaultTarget, fault: Fault, times: u32) {
        self.shared()
            .mutate(|st| st.faults.arm(target, fault, times));
    }

    /// Disarms every pending fault, webhook faults included.
    pub fn clear_faults(&self) {
        self.shared().mutate(|st| {
            st.faults.clear();
            st.webhook_faults = WebhookFaults::default();
        });
    }

    /// Requests held now by [`Fault::Hold`], waiting for [`Emulator::release_held`].
    pub fn held(&self) -> usize {
        self.shared().lock().held
    }

    /// Processes every request held by [`Fault::Hold`] as if it had just arrived, even those
    /// whose client gave up meanwhile. Requests held later wait for the next release.
    pub fn release_held(&self) {
        self.shared().mutate(|st| st.releases += 1);
    }

    /// Measures flood limits and the arrival of messages (`ChatMessage::received_at`) with
    /// `now` instead of the machine's monotonic clock, e.g. a clock the test moves by hand.
    pub fn set_time_source(&self, now: impl Fn() -> std::time::Instant + Send + Sync + 'static) {
        let time = state::TimeSource::from_fn(now);
        self.shared().mutate(|st| st.time = time);
    }

    /// A receiver that sees every change of the emulator's state (a request answered, a
    /// message delivered, a fault armed …), for waits that [`Emulator::wait_for`] cannot
    /// express alone.
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.shared().changes.subscribe()
    }

    /// Counters since start.
    pub fn stats(&self) -> Stats {
        self.shared().lock().stats.clone()
    }

    /// Stops the server: pending long polls return, then connections close.
    pub async fn shutdown(self) {
        self.shared().mutate(|st| st.shutting_down = true);
        if let Some(stop) = self
            .inner
            .stop
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            let _ = stop.send(());
        }
        let task = self
            .inner
            .task
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let deliveries = self
            .inner
            .deliveries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(deliveries) = deliveries {
            deliveries.abort();
        }
        if let Some(mut task) = task {
            // Idle keep-alive connections can hold graceful shutdown open; don't wait forever.
            if tokio::time::timeout(Duration::from_secs(2), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
    }
}
