//! The emulated world: users, chats with their histories, the update queue,
//! and everything the bot has configured. Also renders Bot API JSON objects.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use serde_json::{Value, json};

use super::limits::{Faults, RateLimiter};
use super::types::{
    AnsweredPress, CallbackAnswer, ChatMessage, Contact, EmulatorConfig, Entity, FileData, Markup,
    NewUser, Shown, ShownKind, Stats, WebhookFaults,
};

/// Current Unix time in seconds.
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A user known to the emulator.
#[derive(Debug, Clone)]
pub struct User {
    pub info: NewUser,
    pub blocked: bool,
}

/// Kind of a chat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChatKind {
    Private,
    Group { title: String },
}

/// A stored message: the public view plus what is needed to render it.
#[derive(Debug, Clone)]
pub struct Stored {
    pub msg: ChatMessage,
    /// The inline keyboard as JSON, echoed in `Message.reply_markup` (Telegram
    /// echoes only inline keyboards) and compared for "message is not modified".
    pub inline_markup: Option<Value>,
    pub edit_date: Option<i64>,
}

/// A chat and its history.
#[derive(Debug, Clone)]
pub struct Chat {
    pub id: i64,
    pub kind: ChatKind,
    pub next_message_id: i32,
    pub history: Vec<Stored>,
}

impl Chat {
    pub fn find(&self, message_id: i64) -> Option<&Stored> {
        self.history
            .iter()
            .find(|m| i64::from(m.msg.message_id) == message_id)
    }

    pub fn find_mut(&mut self, message_id: i64) -> Option<&mut Stored> {
        self.history
            .iter_mut()
            .find(|m| i64::from(m.msg.message_id) == message_id)
    }
}

/// A callback query created by a button press.
#[derive(Debug, Clone)]
pub struct Query {
    pub answer: Option<CallbackAnswer>,
    /// Who pressed: the alert is shown to them.
    pub user: i64,
    /// The update the press made, and when it was queued: reported with the answer.
    pub update_id: i64,
    pub pressed_at: std::time::Instant,
}

/// A webhook the bot configured.
#[derive(Debug, Clone)]
pub struct Webhook {
    pub url: url::Url,
    /// Sent in `X-Telegram-Bot-Api-Secret-Token` with every delivery.
    pub secret_token: Option<String>,
    /// The most updates in delivery at once.
    pub max_connections: usize,
    pub allowed_updates: Option<Value>,
    /// Unix time and description of the latest failed delivery, for getWebhookInfo.
    pub last_error: Option<(i64, String)>,
}

/// Everything behind the emulator's lock.
#[derive(Debug)]
pub struct State {
    pub bot_id: i64,
    pub bot_username: String,
    pub bot_first_name: String,
    pub users: HashMap<i64, User>,
    pub chats: BTreeMap<i64, Chat>,
    /// Unconfirmed updates, oldest first.
    pub updates: VecDeque<(i64, Value)>,
    pub next_update_id: i64,
    /// Update types the bot asked for; `None` means Telegram's default set.
    pub allowed_updates: Option<Vec<String>>,
    pub webhook: Option<Webhook>,
    /// Whether setWebhook accepts `http://` URLs ([`EmulatorConfig::insecure_webhooks`]).
    pub insecure_webhooks: bool,
    /// Updates being delivered to the webhook now (retries included), by id.
    pub in_delivery: HashSet<i64>,
    /// Faults armed for the next webhook deliveries.
    pub webhook_faults: WebhookFaults,
    /// Counts the deliveries sent to backends, for the round robin.
    pub next_backend: usize,
    /// Commands per (scope key, language code).
    pub commands: HashMap<(String, String), Vec<(String, String)>>,
    /// Menu buttons per chat (`None` = default for all chats).
    pub menu_buttons: HashMap<Option<i64>, Value>,
    pub queries: HashMap<String, Query>,
    pub query_of_update: HashMap<i64, String>,
    next_query: u64,
    pub files: HashMap<String, FileData>,
    next_file: u64,
    pub rate_limits_on: bool,
    pub limiter: RateLimiter,
    pub faults: Faults,
    pub stats: Stats,
    /// Everything shown to people, in order (see [`Shown`]).
    pub shown: Vec<Shown>,
    /// Bumped by each getUpdates so that an older long poll learns it was superseded.
    pub poll_generation: u64,
    pub shutting_down: bool,
    /// Requests waiting under [`Fault::Hold`](super::types::Fault::Hold).
    pub held: usize,
    /// Bumped by each release of the held requests.
    pub releases: u64,
    /// The time flood limits and arrivals are measured in.
    pub time: TimeSource,
    /// Where each answered press is reported ([`crate::Emulator::answered_presses`]).
    pub answer_watchers: Vec<tokio::sync::mpsc::UnboundedSender<AnsweredPress>>,
}

/// Where the emulator reads the time: the machine's monotonic clock, or a function a test
/// gives, so that its flood limits measure exactly the time the test moves by hand.
#[derive(Clone, Default)]
pub struct TimeSource(Option<std::sync::Arc<dyn Fn() -> std::time::Instant + Send + Sync>>);

impl TimeSource {
    /// Reads the time from `now`.
    pub fn from_fn(now: impl Fn() -> std::time::Instant + Send + Sync + 'static) -> Self {
        Self(Some(std::sync::Arc::new(now)))
    }

    /// The current instant.
    pub fn now(&self) -> std::time::Instant {
        match &self.0 {
            Some(now) => now(),
            None => std::time::Instant::now(),
        }
    }
}

impl std::fmt::Debug for TimeSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Some(_) => "TimeSource(given)",
            None => "TimeSource(machine)",
        })
    }
}

impl State {
    pub fn new(config: &EmulatorConfig) -> Self {
        Self {
            bot_id: config.bot_id,
            bot_username: config.bot_username.clone(),
            bot_first_name: config.bot_first_name.clone(),
            users: HashMap::new(),
            chats: BTreeMap::new(),
            updates: VecDeque::new(),
            next_update_id: 1,
            allowed_updates: None,
            webhook: None,
            insecure_webhooks: config.insecure_webhooks,
            in_delivery: HashSet::new(),
            webhook_faults: WebhookFaults::default(),
            next_backend: 0,
            commands: HashMap::new(),
            menu_buttons: HashMap::new(),
            queries: HashMap::new(),
            query_of_update: HashMap::new(),
            next_query: 1,
            files: HashMap::new(),
            next_file: 1,
            rate_limits_on: config.rate_limits,
            limiter: RateLimiter::new(config.limits),
            faults: Faults::default(),
            stats: Stats::default(),
            shown: Vec::new(),
            poll_generation: 0,
            shutting_down: false,
            held: 0,
            releases: 0,
            time: TimeSource::default(),
            answer_watchers: Vec::new(),
        }
    }

    // ----- JSON rendering -------------------------------------------------

    pub fn bot_json(&self) -> Value {
        json!({
            "id": self.bot_id,
            "is_bot": true,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        })
    }

    pub fn user_json(&self, id: i64) -> Value {
        match self.users.get(&id) {
            Some(u) => {
                let mut v = json!({"id": id, "is_bot": false, "first_name": u.info.first_name});
                if let Some(x) = &u.info.last_name {
                    v["last_name"] = json!(x);
                }
                if let Some(x) = &u.info.username {
                    v["username"] = json!(x);
                }
                if let Some(x) = &u.info.language_code {
                    v["language_code"] = json!(x);
                }
                v
            }
            None => json!({"id": id, "is_bot": false, "first_name": format!("User {id}")}),
        }
    }

    pub fn chat_json(&self, chat: &Chat) -> Value {
        match &chat.kind {
            ChatKind::Group { title } => json!({"id": chat.id, "type": "group", "title": title}),
            ChatKind::Private => {
                let mut v = self.user_json(chat.id);
                let obj = v.as_object_mut().expect("user_json is an object");
                obj.remove("is_bot");
                obj.remove("language_code");
                v["type"] = json!("private");
                v
            }
        }
    }

    pub fn entities_json(&self, entities: &[Entity]) -> Value {
        Value::Array(
            entities
                .iter()
                .map(|e| {
                    let mut v = json!({"type": e.kind, "offset": e.offset, "length": e.length});
                    if let Some(u) = &e.url {
                        v["url"] = json!(u);
                    }
                    if let Some(l) = &e.language {
                        v["language"] = json!(l);
                    }
                    if let Some(c) = &e.custom_emoji_id {
                        v["custom_emoji_id"] = json!(c);
                    }
                    if let Some(id) = e.user_id {
                        v["user"] = self.user_json(id);
                    }
                    v
                })
                .collect(),
        )
    }

    fn file_json(f: &FileData) -> Value {
        let mut v = json!({
            "file_id": f.file_id,
            "file_unique_id": unique_id(&f.file_id),
            "file_size": f.bytes.len(),
        });
        if let Some(n) = &f.file_name {
            v["file_name"] = json!(n);
        }
        if let Some(m) = &f.mime_type {
            v["mime_type"] = json!(m);
        }
        v
    }

    pub fn message_json(&self, chat: &Chat, m: &Stored) -> Value {
        let msg = &m.msg;
        let from = match msg.from_user {
            Some(u) if !msg.from_bot => self.user_json(u),
            _ => self.bot_json(),
        };
        let mut v = json!({
            "message_id": msg.message_id,
            "from": from,
            "chat": self.chat_json(chat),
            "date": msg.date,
        });
        if let Some(d) = m.edit_date {
            v["edit_date"] = json!(d);
        }
        let media = msg.document.is_some() || msg.photo.is_some();
        if let Some(doc) = &msg.document {
            v["document"] = Self::file_json(doc);
        }
        if let Some(photo) = &msg.photo {
            let (w, h) = image_size(&photo.bytes);
            let mut size = Self::file_json(photo);
            size.as_object_mut().expect("object").remove("file_name");
            size.as_object_mut().expect("object").remove("mime_type");
            size["width"] = json!(w);
            size["height"] = json!(h);
            v["photo"] = json!([size]);
        }
        if let Some(c) = &msg.contact {
            let mut cv = json!({"phone_number": c.phone_number, "first_name": c.first_name});
            if let Some(id) = c.user_id {
                cv["user_id"] = json!(id);
            }
            v["contact"] = cv;
        }
        if media {
            if !msg.text.is_empty() {
                v["caption"] = json!(msg.text);
                if !msg.entities.is_empty() {
                    v["caption_entities"] = self.entities_json(&msg.entities);
                }
            }
        } else if msg.contact.is_none() {
            v["text"] = json!(msg.text);
            if !msg.entities.is_empty() {
                v["entities"] = self.entities_json(&msg.entities);
            }
        }
        if let Some(markup) = &m.inline_markup {
            v["reply_markup"] = json!({"inline_keyboard": markup});
        }
        v
    }

    // ----- chats, users, messages ----------------------------------------

    pub fn add_user(&mut self, info: NewUser) -> i64 {
        let id = info.id;
        let blocked = self.users.get(&id).is_some_and(|u| u.blocked);
        self.users.insert(id, User { info, blocked });
        self.chats.entry(id).or_insert_with(|| Chat {
            id,
            kind: ChatKind::Private,
            next_message_id: 1,
            history: Vec::new(),
        });
        id
    }

    /// Registers `count` users like `first`, with ids from `first.id` on, each with a private
    /// chat; returns their ids.
    pub fn add_users(&mut self, first: &NewUser, count: usize) -> std::ops::Range<i64> {
        let end = first
            .id
            .saturating_add(i64::try_from(count).unwrap_or(i64::MAX));
        for id in first.id..end {
            self.add_user(NewUser {
                id,
                ..first.clone()
            });
        }
        first.id..end
    }

    pub fn add_group(&mut self, id: i64, title: &str) {
        let chat = self.chats.entry(id).or_insert_with(|| Chat {
            id,
            kind: ChatKind::Group {
                title: title.to_owned(),
            },
            next_message_id: 1,
            history: Vec::new(),
        });
        chat.kind = ChatKind::Group {
            title: title.to_owned(),
        };
    }

    /// Whether the chat is a private chat whose user blocked the bot.
    pub fn is_blocked(&self, chat: i64) -> bool {
        self.users.get(&chat).is_some_and(|u| u.blocked)
            && self
                .chats
                .get(&chat)
                .is_some_and(|c| c.kind == ChatKind::Private)
    }

    /// Records what a bot message shows: its text and its buttons.
    pub fn record_shown(&mut self, chat: i64, msg: &ChatMessage) {
        if !msg.text.is_empty() {
            self.shown.push(Shown {
                chat,
                kind: ShownKind::Message,
                text: msg.text.clone(),
            });
        }
        for button in msg.buttons() {
            self.shown.push(Shown {
                chat,
                kind: ShownKind::Button,
                text: button.text,
            });
        }
    }

    /// Appends a message to a chat and returns its id.
    pub fn push_message(
        &mut self,
        chat_id: i64,
        mut msg: ChatMessage,
        inline: Option<Value>,
    ) -> i32 {
        let chat = self.chats.get_mut(&chat_id).expect("chat exists");
        msg.message_id = chat.next_message_id;
        chat.next_message_id += 1;
        let id = msg.message_id;
        chat.history.push(Stored {
            msg,
            inline_markup: inline,
            edit_date: None,
        });
        id
    }

    pub fn new_file(
        &mut self,
        prefix: &str,
        file_name: Option<String>,
        mime: Option<String>,
        bytes: Vec<u8>,
    ) -> FileData {
        let file_id = format!("{prefix}ACAgEmu{:010}", self.next_file);
        self.next_file += 1;
        let mime_type =
            mime.or_else(|| file_name.as_deref().and_then(guess_mime).map(str::to_owned));
        let f = FileData {
            file_id: file_id.clone(),
            file_name,
            mime_type,
            bytes,
        };
        self.files.insert(file_id, f.clone());
        f
    }

    // ----- updates -------------------------------------------------------

    /// Queues an update unless the bot's `allowed_updates` excludes its type
    /// (Telegram never creates such updates). Returns the update id either way.
    pub fn push_update(&mut self, kind: &str, payload: Value) -> i64 {
        let id = self.next_update_id;
        self.next_update_id += 1;
        let allowed = match &self.allowed_updates {
            Some(list) if !list.is_empty() => list.iter().any(|k| k == kind),
            _ => !matches!(
                kind,
                "chat_member" | "message_reaction" | "message_reaction_count"
            ),
        };
        if allowed {
            let mut v = json!({"update_id": id});
            v[kind] = payload;
            self.updates.push_back((id, v));
        }
        id
    }

    /// Applies getUpdates' `offset` (confirming or forgetting updates) and returns
    /// up to `limit` pending updates.
    pub fn take_updates(&mut self, offset: Option<i64>, limit: usize) -> Vec<Value> {
        match offset {
            Some(o) if o > 0 => {
                while self.updates.front().is_some_and(|(id, _)| *id < o) {
                    self.updates.pop_front();
                }
            }
            Some(o) if o < 0 => {
                let keep = usize::try_from(o.unsigned_abs()).unwrap_or(usize::MAX);
                while self.updates.len() > keep {
                    self.updates.pop_front();
                }
            }
            _ => {}
        }
        self.updates
            .iter()
            .take(limit)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn my_chat_member(&mut self, user: i64, old: &str, new: &str) -> i64 {
        let chat = &self.chats[&user];
        let mut new_member = json!({"user": self.bot_json(), "status": new});
        if new == "kicked" {
            new_member["until_date"] = json!(0);
        }
        // A "kicked" member carries `until_date` whichever side it is on, as Telegram sends
        // it (clients cannot parse one without it).
        let mut old_member = json!({"user": self.bot_json(), "status": old});
        if old == "kicked" {
            old_member["until_date"] = json!(0);
        }
        let payload = json!({
            "chat": self.chat_json(chat),
            "from": self.user_json(user),
            "date": now_unix(),
            "old_chat_member": old_member,
            "new_chat_member": new_member,
        });
        self.push_update("my_chat_member", payload)
    }

    /// Blocks or unblocks the bot for a user, with the `my_chat_member` update
    /// Telegram sends when the status changes; returns that update's id, if it changed.
    pub fn set_blocked(&mut self, user: i64, blocked: bool) -> Option<i64> {
        let u = self.users.get_mut(&user)?;
        if u.blocked == blocked {
            return None;
        }
        u.blocked = blocked;
        Some(if blocked {
            self.my_chat_member(user, "member", "kicked")
        } else {
            self.my_chat_member(user, "kicked", "member")
        })
    }

    /// Stores a user's message in `chat` and queues the `message` update.
    pub fn user_message(
        &mut self,
        chat: i64,
        user: i64,
        text: &str,
        contact: Option<Contact>,
    ) -> anyhow::Result<i64> {
        self.user_sends(chat, user, text, contact, None, None)
    }

    /// The user sends a photo (its bytes), with a caption (possibly empty), in their private
    /// chat. Returns the update id.
    pub fn user_photo(&mut self, user: i64, bytes: Vec<u8>, caption: &str) -> anyhow::Result<i64> {
        let photo = self.new_file("AgAC", None, Some("image/jpeg".into()), bytes);
        self.user_sends(user, user, caption, None, Some(photo), None)
    }

    /// The user sends a file as a document (its bytes and name), with a caption (possibly
    /// empty), in their private chat. Returns the update id.
    pub fn user_document(
        &mut self,
        user: i64,
        bytes: Vec<u8>,
        file_name: &str,
        caption: &str,
    ) -> anyhow::Result<i64> {
        let document = self.new_file("BQAC", Some(file_name.to_owned()), None, bytes);
        self.user_sends(user, user, caption, None, None, Some(document))
    }

    fn user_sends(
        &mut self,
        chat: i64,
        user: i64,
        text: &str,
        contact: Option<Contact>,
        photo: Option<FileData>,
        document: Option<FileData>,
    ) -> anyhow::Result<i64> {
        anyhow::ensure!(
            self.users.contains_key(&user),
            "unknown user {user}; call add_user first"
        );
        anyhow::ensure!(self.chats.contains_key(&chat), "unknown chat {chat}");
        // A blocked user writing again is Telegram's "Restart": the bot is unblocked first.
        if chat == user {
            self.set_blocked(user, false);
        }
        let msg = ChatMessage {
            message_id: 0,
            from_bot: false,
            from_user: Some(user),
            text: text.to_owned(),
            html: None,
            parse_mode: None,
            entities: if contact.is_some() {
                Vec::new()
            } else {
                command_entities(text)
            },
            reply_markup: None,
            document,
            photo,
            contact,
            edits: 0,
            date: now_unix(),
            received_at: self.time.now(),
        };
        let id = self.push_message(chat, msg, None);
        let c = &self.chats[&chat];
        let payload = self.message_json(c, c.find(i64::from(id)).expect("just pushed"));
        Ok(self.push_update("message", payload))
    }

    /// The user presses the inline button with callback `data` on bot message `message_id`
    /// of their private chat; fails if no such button is shown there. Returns the update id.
    pub fn press_button(&mut self, user: i64, message_id: i32, data: &str) -> anyhow::Result<i64> {
        let chat = self
            .chats
            .get(&user)
            .with_context(|| format!("no chat with user {user}"))?;
        let m = chat
            .find(i64::from(message_id))
            .with_context(|| format!("no message {message_id} in chat {user}"))?;
        anyhow::ensure!(
            m.msg.from_bot,
            "message {message_id} was not sent by the bot"
        );
        let shown = matches!(&m.msg.reply_markup, Some(Markup::Inline(_)))
            && m.msg
                .buttons()
                .iter()
                .any(|b| b.callback_data.as_deref() == Some(data));
        anyhow::ensure!(
            shown,
            "message {message_id} has no button with callback data {data:?}"
        );
        Ok(self.callback_query(user, user, message_id, data))
    }

    /// Creates a callback query for a press on `message_id` in `chat`.
    pub fn callback_query(&mut self, user: i64, chat: i64, message_id: i32, data: &str) -> i64 {
        let qid = format!(
            "{}{:012}",
            4_380_000 + user.rem_euclid(1000),
            self.next_query
        );
        self.next_query += 1;
        let message = match self.chats.get(&chat) {
            Some(c) => match c.find(i64::from(message_id)) {
                Some(m) => self.message_json(c, m),
                None => json!({"chat": self.chat_json(c), "message_id": message_id, "date": 0}),
            },
            None => {
                json!({"chat": {"id": chat, "type": "private", "first_name": "?"}, "message_id": message_id, "date": 0})
            }
        };
        let payload = json!({
            "id": qid,
            "from": self.user_json(user),
            "message": message,
            "chat_instance": format!("{}", chat.unsigned_abs().wrapping_mul(7919) ^ 0x5eed),
            "data": data,
        });
        let update = self.push_update("callback_query", payload);
        let query = Query {
            answer: None,
            user,
            update_id: update,
            pressed_at: self.time.now(),
        };
        self.queries.insert(qid.clone(), query);
        self.query_of_update.insert(update, qid);
        update
    }

    /// The commands menu the chat's user sees, resolved as Telegram documents it ("Determining
    /// list of commands"): the narrowest scope set, each first in the user's language, then
    /// in none. A group is seen as an ordinary member sees it, in no language (a group has
    /// many). Empty when nothing applies.
    pub fn menu_commands(&self, chat: i64) -> Vec<(String, String)> {
        let Some(c) = self.chats.get(&chat) else {
            return Vec::new();
        };
        let scopes = match c.kind {
            ChatKind::Private => [format!("chat:{chat}"), "all_private_chats".to_owned()],
            ChatKind::Group { .. } => [format!("chat:{chat}"), "all_group_chats".to_owned()],
        };
        // Commands are set per two-letter code; a client's `fr-MA` reads the `fr` ones.
        let language = self
            .users
            .get(&chat)
            .and_then(|u| u.info.language_code.as_deref())
            .map(|l| l.split('-').next().unwrap_or(l).to_owned())
            .unwrap_or_default();
        scopes
            .into_iter()
            .chain(["default".to_owned()])
            .flat_map(|scope| [(scope.clone(), language.clone()), (scope, String::new())])
            .find_map(|key| self.commands.get(&key))
            .cloned()
            .unwrap_or_default()
    }

    /// Messages the bot sent to every chat with the chat's id, in the order the emulator
    /// accepted them (edits applied).
    pub fn all_bot_messages(&self) -> Vec<(i64, ChatMessage)> {
        let mut all: Vec<(i64, ChatMessage)> = self
            .chats
            .values()
            .flat_map(|c| {
                c.history
                    .iter()
                    .filter(|m| m.msg.from_bot)
                    .map(|m| (c.id, m.msg.clone()))
            })
            .collect();
        all.sort_by_key(|(_, m)| m.received_at);
        all
    }

    /// Messages the bot sent to a chat, oldest first.
    pub fn bot_messages(&self, chat: i64) -> Vec<ChatMessage> {
        self.chats
            .get(&chat)
            .map(|c| {
                c.history
                    .iter()
                    .filter(|m| m.msg.from_bot)
                    .map(|m| m.msg.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Telegram's file_unique_id is stable per file; derive one from the file id.
fn unique_id(file_id: &str) -> String {
    let h = file_id.bytes().fold(1469598103934665603u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(1099511628211)
    });
    format!("AgAD{h:x}")
}

/// Width and height of PNG or JPEG bytes; 1×1 when unknown.
fn image_size(b: &[u8]) -> (u32, u32) {
    if b.len() >= 24 && b.starts_with(b"\x89PNG") {
        let w = u32::from_be_bytes([b[16], b[17], b[18], b[19]]);
        let h = u32::from_be_bytes([b[20], b[21], b[22], b[23]]);
        return (w, h);
    }
    if b.starts_with(&[0xff, 0xd8]) {
        let mut i = 2;
        while i + 9 < b.len() && b[i] == 0xff {
            let marker = b[i + 1];
            let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
            if (0xc0..=0xc3).contains(&marker) {
                let h = u32::from(u16::from_be_bytes([b[i + 5], b[i + 6]]));
                let w = u32::from(u16::from_be_bytes([b[i + 7], b[i + 8]]));
                return (w, h);
            }
            i += 2 + len;
        }
    }
    (1, 1)
}

/// MIME type for common extensions, as Telegram infers it.
fn guess_mime(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "ics" => "text/calendar",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "pdf" => "application/pdf",
        "json" => "application/json",
        "zip" => "application/zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "html" | "htm" => "text/html",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        _ => return None,
    })
}

/// `bot_command` entities for commands at the start of a word, as clients send them.
pub fn command_entities(text: &str) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut utf16 = 0usize;
    let mut prev: Option<char> = None;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && prev.is_none_or(char::is_whitespace) {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            if j > i + 1 {
                if j < chars.len() && chars[j] == '@' {
                    let mut k = j + 1;
                    while k < chars.len() && (chars[k].is_ascii_alphanumeric() || chars[k] == '_') {
                        k += 1;
                    }
                    if k > j + 1 {
                        j = k;
                    }
                }
                let len = j - i; // ASCII only, so chars == UTF-16 units
                out.push(Entity::new("bot_command", utf16, len));
                utf16 += len;
                prev = Some(chars[j - 1]);
                i = j;
                continue;
            }
        }
        utf16 += c.len_utf16();
        prev = Some(c);
        i += 1;
    }
    out
}

/// Parses a `reply_markup` value into the public view and, for inline
/// keyboards, the JSON echoed back in messages.
pub fn parse_markup(
    v: &Value,
    inline_only: bool,
) -> Result<(Markup, Option<Value>), super::params::ApiError> {
    use super::params::ApiError;
    use super::types::Button;
    let text_of = |b: &Value| b.get("text").and_then(Value::as_str).map(str::to_owned);
    if let Some(kb) = v.get("inline_keyboard") {
        let rows = kb.as_array().ok_or_else(|| {
            ApiError::bad("can't parse inline keyboard markup: Field \"inline_keyboard\" must be of type Array")
        })?;
        let mut out = Vec::new();
        for row in rows {
            let row = row.as_array().ok_or_else(|| {
                ApiError::bad("can't parse inline keyboard markup: Field \"inline_keyboard\" must be of type Array")
            })?;
            let mut buttons = Vec::new();
            for b in row {
                let text = text_of(b).ok_or_else(|| {
                    ApiError::bad(
                        "can't parse inline keyboard button: Field \"text\" must be of type String",
                    )
                })?;
                let callback_data = b
                    .get("callback_data")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                let url = b.get("url").and_then(Value::as_str).map(str::to_owned);
                if let Some(d) = &callback_data {
                    if d.is_empty() || d.len() > 64 {
                        return Err(ApiError::bad("BUTTON_DATA_INVALID"));
                    }
                }
                if let Some(u) = &url {
                    if super::html::check_link(u).is_none() {
                        return Err(ApiError::bad("BUTTON_URL_INVALID"));
                    }
                }
                const ACTIONS: &[&str] = &[
                    "callback_data",
                    "url",
                    "web_app",
                    "login_url",
                    "switch_inline_query",
                    "switch_inline_query_current_chat",
                    "switch_inline_query_chosen_chat",
                    "copy_text",
                    "callback_game",
                    "pay",
                ];
                if !ACTIONS
                    .iter()
                    .any(|k| b.get(*k).is_some_and(|x| !x.is_null()))
                {
                    return Err(ApiError::bad(
                        "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
                    ));
                }
                buttons.push(Button {
                    text,
                    callback_data,
                    url,
                    request_contact: false,
                });
            }
            out.push(buttons);
        }
        let json = (!out.is_empty()).then(|| kb.clone());
        return Ok((Markup::Inline(out), json));
    }
    if inline_only {
        return Err(ApiError::bad("inline keyboard expected"));
    }
    if let Some(kb) = v.get("keyboard") {
        let err = || {
            ApiError::bad(
                "can't parse reply keyboard markup: Field \"keyboard\" must be of type Array",
            )
        };
        let mut rows = Vec::new();
        for row in kb.as_array().ok_or_else(err)? {
            let mut buttons = Vec::new();
            for b in row.as_array().ok_or_else(err)? {
                let (text, request_contact) = match b {
                    Value::String(s) => (s.clone(), false),
                    _ => (
                        text_of(b).ok_or_else(|| {
                            ApiError::bad("can't parse keyboard button: Field \"text\" must be of type String")
                        })?,
                        b.get("request_contact").and_then(Value::as_bool).unwrap_or(false),
                    ),
                };
                buttons.push(Button {
                    text,
                    callback_data: None,
                    url: None,
                    request_contact,
                });
            }
            rows.push(buttons);
        }
        let flag = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
        return Ok((
            Markup::Keyboard {
                rows,
                one_time: flag("one_time_keyboard"),
                resize: flag("resize_keyboard"),
            },
            None,
        ));
    }
    if v.get("remove_keyboard").is_some() {
        return Ok((Markup::Remove, None));
    }
    if v.get("force_reply").is_some() {
        return Ok((Markup::ForceReply, None));
    }
    Err(ApiError::bad(
        "can't parse reply keyboard markup JSON object",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_detected() {
        let e = command_entities("/start abc");
        assert_eq!(e, vec![Entity::new("bot_command", 0, 6)]);
        let e = command_entities("é /help@takwin_test_bot x/no");
        assert_eq!(e, vec![Entity::new("bot_command", 2, 21)]);
    }

    #[test]
    fn png_size() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&[0, 0, 0, 3, 0, 0, 0, 2]);
        assert_eq!(image_size(&png), (3, 2));
        assert_eq!(image_size(b"nope"), (1, 1));
    }
}
