//! Public data types of the emulator's driver API.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{Value, json};

/// Configuration of an [`Emulator`](super::Emulator).
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Bot token the emulator accepts; any other token gets `401 Unauthorized`.
    pub token: String,
    /// Username of the bot user (without `@`).
    pub bot_username: String,
    /// First name of the bot user.
    pub bot_first_name: String,
    /// Numeric id of the bot user.
    pub bot_id: i64,
    /// TCP port on 127.0.0.1; `0` picks a free one.
    pub port: u16,
    /// Whether Telegram's flood limits are enforced from the start.
    pub rate_limits: bool,
    /// The limits used when rate limiting is on.
    pub limits: RateLimits,
    /// When set, every request is appended to this file as one JSON line.
    pub record_to: Option<PathBuf>,
    /// Whether setWebhook accepts a plain `http://` URL: Telegram requires HTTPS, but a test's
    /// webhook on 127.0.0.1 has no certificate.
    pub insecure_webhooks: bool,
    /// Where webhook deliveries go, in turn, as a reverse proxy in front of several replicas
    /// sends them: each gets the webhook URL's path, query and Host header. Empty: to the
    /// webhook URL itself.
    pub webhook_backends: Vec<SocketAddr>,
    /// How long a failed webhook delivery waits before the same update is tried again.
    pub webhook_retry: Duration,
    /// How long a webhook delivery waits for its answer before it counts as failed.
    pub webhook_timeout: Duration,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            token: "123456:TEST-token".to_owned(),
            bot_username: "takwin_test_bot".to_owned(),
            bot_first_name: "Takwin".to_owned(),
            bot_id: 123_456,
            port: 0,
            rate_limits: false,
            limits: RateLimits::default(),
            record_to: None,
            insecure_webhooks: false,
            webhook_backends: Vec::new(),
            webhook_retry: Duration::from_secs(1),
            webhook_timeout: Duration::from_secs(10),
        }
    }
}

/// Flood limits, Telegram's published values by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Messages per second for the whole bot.
    pub global_per_second: u32,
    /// Minimum interval between two messages to the same private chat.
    pub private_interval: Duration,
    /// Messages per minute to the same group chat.
    pub group_per_minute: u32,
    /// Slack for network and scheduling jitter, so that a client pacing itself
    /// exactly at the limit is not refused because a request arrived a few ms early.
    pub grace: Duration,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            global_per_second: 30,
            private_interval: Duration::from_secs(1),
            group_per_minute: 20,
            grace: Duration::from_millis(30),
        }
    }
}

/// A user to register with [`Emulator::add_user`](super::Emulator::add_user).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewUser {
    /// Telegram user id (also the id of the private chat with the bot).
    pub id: i64,
    /// First name (Telegram requires one).
    pub first_name: String,
    /// Optional last name.
    pub last_name: Option<String>,
    /// Optional username without `@`.
    pub username: Option<String>,
    /// IETF language tag of the user's client, e.g. `fr`.
    pub language_code: Option<String>,
}

impl NewUser {
    /// A user with only an id and a first name.
    pub fn new(id: i64, first_name: &str) -> Self {
        Self {
            id,
            first_name: first_name.to_owned(),
            ..Self::default()
        }
    }

    /// Sets the client language.
    pub fn language(mut self, code: &str) -> Self {
        self.language_code = Some(code.to_owned());
        self
    }

    /// Sets the username.
    pub fn username(mut self, username: &str) -> Self {
        self.username = Some(username.to_owned());
        self
    }

    /// Sets the last name.
    pub fn last_name(mut self, last_name: &str) -> Self {
        self.last_name = Some(last_name.to_owned());
        self
    }
}

/// Id of a user known to the emulator.
pub type UserId = i64;

/// A formatting entity, offsets and lengths in UTF-16 code units as in the Bot API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Entity type as in the Bot API (`bold`, `text_link`, `pre`, `bot_command`, …).
    pub kind: String,
    /// Offset in UTF-16 code units.
    pub offset: usize,
    /// Length in UTF-16 code units.
    pub length: usize,
    /// Target of a `text_link`.
    pub url: Option<String>,
    /// Language of a `pre` block.
    pub language: Option<String>,
    /// Id of a `custom_emoji`.
    pub custom_emoji_id: Option<String>,
    /// User of a `text_mention`.
    pub user_id: Option<i64>,
}

impl Entity {
    /// An entity with no extra attribute.
    pub fn new(kind: &str, offset: usize, length: usize) -> Self {
        Self {
            kind: kind.to_owned(),
            offset,
            length,
            url: None,
            language: None,
            custom_emoji_id: None,
            user_id: None,
        }
    }

    /// The part of `text` this entity covers.
    pub fn slice(&self, text: &str) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        let end = (self.offset + self.length).min(units.len());
        String::from_utf16_lossy(&units[self.offset.min(end)..end])
    }

    /// Parses an entity from Bot API JSON (used for the `entities` parameter).
    pub(crate) fn from_json(v: &Value) -> Option<Self> {
        let mut e = Entity::new(
            v.get("type")?.as_str()?,
            usize::try_from(v.get("offset")?.as_u64()?).ok()?,
            usize::try_from(v.get("length")?.as_u64()?).ok()?,
        );
        e.url = v.get("url").and_then(Value::as_str).map(str::to_owned);
        e.language = v.get("language").and_then(Value::as_str).map(str::to_owned);
        e.custom_emoji_id = v
            .get("custom_emoji_id")
            .and_then(Value::as_str)
            .map(str::to_owned);
        e.user_id = v.pointer("/user/id").and_then(Value::as_i64);
        Some(e)
    }
}

/// A keyboard button, inline or reply, flattened to what tests look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    /// Label shown to the user.
    pub text: String,
    /// Callback data of an inline button.
    pub callback_data: Option<String>,
    /// URL of an inline URL button.
    pub url: Option<String>,
    /// Whether a reply-keyboard button asks for the user's phone number.
    pub request_contact: bool,
}

/// The reply markup attached to a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Markup {
    /// An inline keyboard, row by row.
    Inline(Vec<Vec<Button>>),
    /// A custom reply keyboard.
    Keyboard {
        /// Rows of buttons.
        rows: Vec<Vec<Button>>,
        /// Whether the keyboard hides after one use.
        one_time: bool,
        /// Whether the client should shrink the keyboard.
        resize: bool,
    },
    /// `ReplyKeyboardRemove`.
    Remove,
    /// `ForceReply`.
    ForceReply,
}

/// A file sent by the bot (document or photo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileData {
    /// File id handed out by the emulator; reusable in later sends.
    pub file_id: String,
    /// Original file name (for uploads) or the last path segment of the URL.
    pub file_name: Option<String>,
    /// MIME type, guessed from the extension when the client did not give one.
    pub mime_type: Option<String>,
    /// Content; empty when the file was given by URL.
    pub bytes: Vec<u8>,
}

/// A contact shared by a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Phone number as sent.
    pub phone_number: String,
    /// First name of the contact.
    pub first_name: String,
    /// Telegram user id of the contact, when it is a Telegram user.
    pub user_id: Option<i64>,
}

/// A message in a chat's history, as the emulator stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage {
    /// Message id within the chat.
    pub message_id: i32,
    /// Whether the bot sent it.
    pub from_bot: bool,
    /// Sender user id for user messages.
    pub from_user: Option<i64>,
    /// Plain text after entity parsing, or the caption of a document/photo.
    pub text: String,
    /// Raw text (or caption) as the bot sent it when a parse mode was used.
    pub html: Option<String>,
    /// The parse mode the bot used, if any.
    pub parse_mode: Option<String>,
    /// Entities of `text`.
    pub entities: Vec<Entity>,
    /// Attached keyboard.
    pub reply_markup: Option<Markup>,
    /// Attached document.
    pub document: Option<FileData>,
    /// Attached photo.
    pub photo: Option<FileData>,
    /// Shared contact (user messages).
    pub contact: Option<Contact>,
    /// Number of successful edits.
    pub edits: u32,
    /// Unix time of sending.
    pub date: i64,
    /// The instant the emulator accepted it, for timing (benchmarks, rate checks): `date` has
    /// only whole seconds. Read from the emulator's time source (see
    /// [`Emulator::set_time_source`](super::Emulator::set_time_source)).
    pub received_at: std::time::Instant,
}

impl ChatMessage {
    /// The text exactly as the bot sent it: its HTML (or Markdown) source when a parse mode
    /// was used, else the plain text.
    pub fn as_sent(&self) -> &str {
        self.html.as_deref().unwrap_or(&self.text)
    }

    /// All buttons of the attached keyboard, row after row.
    pub fn buttons(&self) -> Vec<Button> {
        match &self.reply_markup {
            Some(Markup::Inline(rows)) | Some(Markup::Keyboard { rows, .. }) => {
                rows.iter().flatten().cloned().collect()
            }
            _ => Vec::new(),
        }
    }

    /// The first button whose label contains `text_contains`.
    pub fn button(&self, text_contains: &str) -> Option<Button> {
        self.buttons()
            .into_iter()
            .find(|b| b.text.contains(text_contains))
    }

    /// Texts of the entities of the given kind, e.g. all `bold` parts.
    pub fn entity_texts(&self, kind: &str) -> Vec<String> {
        self.entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.slice(&self.text))
            .collect()
    }
}

/// What a person was shown, as their phone shows it: every text the bot sent or edited into
/// a chat (after parsing its markup), every button label, every toast or alert. Edits replace
/// a message, so [`ChatMessage`] keeps only the last version; this keeps them all, for checks
/// over everything anyone saw (how right-to-left text displays, for one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The chat (the presser's, for a toast or an alert).
    pub chat: i64,
    /// Where it was shown.
    pub kind: ShownKind,
    /// The plain text.
    pub text: String,
}

/// Where a [`Shown`] text appeared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShownKind {
    /// A message's text or caption, sent or edited.
    Message,
    /// A button's label.
    Button,
    /// The answer to a button press: a toast or an alert.
    Alert,
}

/// How the bot answered a callback query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackAnswer {
    /// Notification text.
    pub text: Option<String>,
    /// Whether an alert was requested instead of a toast.
    pub show_alert: bool,
    /// URL to open.
    pub url: Option<String>,
    /// Client-side cache time in seconds.
    pub cache_time: Option<i64>,
    /// When the emulator received the answer, in its time (see [`Emulator::set_time_source`]).
    ///
    /// [`Emulator::set_time_source`]: crate::Emulator::set_time_source
    pub answered_at: std::time::Instant,
}

/// A button press the bot answered, as [`Emulator::answered_presses`] reports it: for
/// measuring how long a bot takes to answer, without polling the emulator.
///
/// [`Emulator::answered_presses`]: crate::Emulator::answered_presses
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnsweredPress {
    /// The update the press made.
    pub update_id: i64,
    /// When the press was queued as an update.
    pub pressed_at: std::time::Instant,
    /// When the bot's answerCallbackQuery for it was received.
    pub answered_at: std::time::Instant,
}

impl AnsweredPress {
    /// From the press to its answer.
    pub fn delay(&self) -> std::time::Duration {
        self.answered_at.saturating_duration_since(self.pressed_at)
    }
}

/// Which send calls a fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultTarget {
    /// Any chat.
    Any,
    /// Only calls whose `chat_id` is this chat.
    Chat(i64),
}

/// A failure to inject into upcoming send calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this 5xx status (500 `Internal Server Error`, 502 `Bad Gateway`, …);
    /// nothing is delivered. teloxide (teloxide-core 0.13, `DELAY_ON_SERVER_ERROR`) sleeps
    /// 10 s before it reads any answer with a 5xx status.
    ServerError(u16),
    /// The same server error's body (`ok: false`, this `error_code`, its description) under
    /// HTTP status 200; nothing is delivered. teloxide reads only the body and looks at the
    /// status for nothing but its 10 s pause, so the bot gets exactly the error of
    /// [`Fault::ServerError`], without the pause: tests of retries need not wait 10 s a try.
    ServerErrorBody(u16),
    /// Hold the request this long, then process it normally; the processing happens
    /// even if the client gave up, as when Telegram is slow but alive.
    Delay(Duration),
    /// Give no answer until the test calls [`Emulator::release_held`](super::Emulator::release_held),
    /// then process the request normally, even if the client gave up meanwhile (Telegram
    /// was slow, not down). A request still held when the emulator shuts down is dropped
    /// unprocessed. A client timeout on a held request is certain, whatever the machine's
    /// speed; [`Emulator::held`](super::Emulator::held) counts the requests held now.
    Hold,
    /// Answer `429 Too Many Requests` with this `retry_after`; nothing is delivered.
    TooManyRequests {
        /// Seconds the client is told to wait.
        retry_after: u32,
    },
}

/// Counters of what the emulator answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Requests received per canonical method name (unknown methods as sent).
    pub requests: BTreeMap<String, u64>,
    /// Messages delivered by send methods (sendMessage, sendDocument, sendPhoto).
    pub sent: u64,
    /// Successful edits.
    pub edits: u64,
    /// 429 answers, from the rate limiter or an injected fault.
    pub too_many_requests: u64,
    /// 5xx answers from injected faults.
    pub server_errors: u64,
    /// 403 answers.
    pub forbidden: u64,
    /// 400 answers.
    pub bad_requests: u64,
    /// Deliveries to the webhook.
    pub webhook: WebhookStats,
}

/// Counters of the deliveries to the webhook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebhookStats {
    /// Tries to deliver an update, first ones and retries (a duplicated try counts once).
    pub attempts: u64,
    /// Tries that were retries of an update whose earlier try failed.
    pub retries: u64,
    /// HTTP requests sent (a duplicated try sends two, a refused one none).
    pub requests: u64,
    /// Answers per HTTP status, 2xx and others.
    pub statuses: BTreeMap<u16, u64>,
    /// Requests that got no answer: connection refused, timeout, broken connection.
    pub network_errors: u64,
    /// Tries that failed: no 2xx answer, a refused or a lost one.
    pub failures: u64,
    /// Updates confirmed by a 2xx answer and taken off the queue.
    pub confirmed: u64,
    /// Tries sent twice at once ([`WebhookFaults::duplicates`]).
    pub duplicated: u64,
    /// Tries whose answer was ignored ([`WebhookFaults::lose_answers`]).
    pub lost_answers: u64,
    /// Tries failed without sending ([`WebhookFaults::refuse`]).
    pub refused: u64,
}

impl WebhookStats {
    /// Answers with a 2xx status.
    pub fn answered_ok(&self) -> u64 {
        self.statuses.range(200..300).map(|(_, n)| n).sum()
    }

    /// Answers with this status.
    pub fn status(&self, status: u16) -> u64 {
        self.statuses.get(&status).copied().unwrap_or(0)
    }
}

/// Faults to inject into the next webhook deliveries; each count is a number of tries, added
/// to those already armed. When several are armed, a try takes `refuse` first, then
/// `lose_answers`, then `duplicates`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WebhookFaults {
    /// The next n tries are sent and answered, but the answer is ignored as if it timed out;
    /// the update is tried again (by the next backend), so the bot receives it twice.
    pub lose_answers: u32,
    /// The next n tries go to two backends at once (the next two in turn; the webhook URL
    /// twice when there are none); a 2xx from either confirms the update.
    pub duplicates: u32,
    /// The next n tries fail without being sent, as a refused connection; then the update is
    /// tried again.
    pub refuse: u32,
}

impl WebhookFaults {
    /// Adds `more` to the faults armed.
    pub fn add(&mut self, more: WebhookFaults) {
        self.lose_answers = self.lose_answers.saturating_add(more.lose_answers);
        self.duplicates = self.duplicates.saturating_add(more.duplicates);
        self.refuse = self.refuse.saturating_add(more.refuse);
    }
}

/// The default `BotCommandScope`, `{"type": "default"}`, for [`Emulator::commands`](super::Emulator::commands).
pub fn default_scope() -> Value {
    json!({"type": "default"})
}
