//! The real bot and the Bot API emulator running together in one process, with a clock held
//! by hand: the stage on which the demo plays and the integration tests drive journeys.
//! People act through the emulator exactly as through Telegram; each action returns once the
//! bot has finished handling it, so nothing sleeps and hopes.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::app::{self, RunningBot};
use crate::clock::ManualClock;
use crate::config::Settings;
use crate::i18n::strip_bidi;
use crate::state::AppState;
use bot_api_emulator::{ChatMessage, Emulator, EmulatorConfig, NewUser};

/// How long an action may take before the bot is called stuck.
const PATIENCE: Duration = Duration::from_secs(20);

/// The bot, the emulator it talks to, and the clock it reads.
pub struct Stage {
    /// Telegram, as far as the bot can tell.
    pub emulator: Emulator,
    /// The application's shared state.
    pub state: AppState,
    /// The clock the application reads.
    pub clock: ManualClock,
    /// The bot's client, pointed at the emulator (for delivery workers).
    pub bot: teloxide::Bot,
    running: Option<RunningBot>,
}

impl Stage {
    /// Starts the emulator, connects the database and starts the bot against the emulator.
    pub async fn start(
        settings: Settings,
        clock: ManualClock,
        emulator: EmulatorConfig,
    ) -> anyhow::Result<Stage> {
        let emulator = Emulator::start(emulator).await?;
        let state = AppState::build(settings, Arc::new(clock.clone())).await?;
        let bot = teloxide::Bot::new(emulator.token()).set_api_url(emulator.api_url());
        let running = app::start_bot(state.clone(), bot.clone()).await?;
        Ok(Stage {
            emulator,
            state,
            clock,
            bot,
            running: Some(running),
        })
    }

    /// Stops the bot (as a process stopping would), leaving the emulator and the database.
    pub async fn stop_bot(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await;
        }
    }

    /// Starts the bot again after [`Stage::stop_bot`].
    pub async fn start_bot(&mut self) -> anyhow::Result<()> {
        anyhow::ensure!(self.running.is_none(), "the bot is running already");
        self.running = Some(app::start_bot(self.state.clone(), self.bot.clone()).await?);
        Ok(())
    }

    /// Stops long polling and takes updates on a webhook instead, as `takwin run
    /// --webhook-url` does, registering it with the emulator; returns the webhook's route, for
    /// the caller to serve (and stop serving) as the listen address would (the emulator retries
    /// a delivery that comes before). `draining` is the flag `/readyz` reads.
    pub async fn start_webhook(
        &mut self,
        mode: &app::WebhookMode,
        draining: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) -> anyhow::Result<axum::Router> {
        self.stop_bot().await;
        let (running, route) =
            app::start_webhook(self.state.clone(), self.bot.clone(), mode, draining).await?;
        self.running = Some(running);
        app::register_webhook(&self.bot, mode).await?;
        Ok(route)
    }

    /// Webhook mode: takes over, now, the updates a dead replica stored and did not handle.
    pub async fn take_over_abandoned(&self) -> anyhow::Result<usize> {
        let running = self.running.as_ref().context("the bot is stopped")?;
        running.take_over_abandoned(&self.state).await
    }

    /// Registers a Telegram user.
    pub fn user(&self, id: i64, first_name: &str, language_code: Option<&str>) {
        let mut user = NewUser::new(id, first_name);
        if let Some(code) = language_code {
            user = user.language(code);
        }
        self.emulator.add_user(user);
    }

    /// Waits until the bot has fully handled an update.
    pub async fn handled(&self, update_id: i64) -> anyhow::Result<()> {
        let tracker = &self.running.as_ref().context("the bot is stopped")?.tracker;
        tokio::time::timeout(PATIENCE, tracker.handled(update_id))
            .await
            .with_context(|| format!("the bot did not handle update {update_id} in time"))
    }

    /// The user sends a text or a command.
    pub async fn says(&self, user: i64, text: &str) -> anyhow::Result<()> {
        let update = self.emulator.send_text(user, text);
        self.handled(update).await
    }

    /// The user sends a photo with a caption (possibly empty) and the bot handles it.
    pub async fn sends_photo(
        &self,
        user: i64,
        bytes: Vec<u8>,
        caption: &str,
    ) -> anyhow::Result<()> {
        let update = self.emulator.send_photo(user, bytes, caption);
        self.handled(update).await
    }

    /// `user` sends a document with a caption (possibly empty), and waits until it is handled.
    pub async fn sends_document(
        &self,
        user: i64,
        bytes: Vec<u8>,
        file_name: &str,
        caption: &str,
    ) -> anyhow::Result<()> {
        let update = self.emulator.send_document(user, bytes, file_name, caption);
        self.handled(update).await
    }

    /// The user shares a contact card; `owner` is the Telegram account behind it.
    pub async fn shares_contact(
        &self,
        user: i64,
        phone: &str,
        owner: Option<i64>,
    ) -> anyhow::Result<()> {
        let update = self.emulator.send_contact(user, phone, owner, "Contact");
        self.handled(update).await
    }

    /// The user presses the button whose label contains `label` (as the person reads it,
    /// without its invisible bidi marks), on the latest message of the bot that shows one.
    /// Returns the toast or alert Telegram showed, if any.
    pub async fn presses(&self, user: i64, label: &str) -> anyhow::Result<Option<String>> {
        let (message_id, data) = self
            .emulator
            .bot_messages(user)
            .into_iter()
            .rev()
            .find_map(|m| {
                let button = m
                    .buttons()
                    .into_iter()
                    .find(|b| strip_bidi(&b.text).contains(label))?;
                Some((m.message_id, button.callback_data?))
            })
            .with_context(|| format!("no message of the bot shows a button {label:?}"))?;
        let update = self.emulator.press_button(user, message_id, &data)?;
        self.handled(update).await?;
        let answer = self
            .emulator
            .callback_query_id(update)
            .and_then(|id| self.emulator.callback_answer(&id));
        Ok(answer.and_then(|a| a.text))
    }

    /// Everything the bot sent to a chat, in order.
    pub fn received(&self, chat: i64) -> Vec<ChatMessage> {
        self.emulator.bot_messages(chat)
    }

    /// Stops the bot, closes the database and the emulator.
    pub async fn stop(mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await;
        }
        self.state.db.pool.close().await;
        self.emulator.clone().shutdown().await;
    }
}
