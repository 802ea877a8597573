//! The standalone emulator as a bot's tests in other processes use it: `takwin emulator`
//! started as a process of its own, the people played and the chats read only through its
//! control API over HTTP (`/control/`, documented in `crates/bot-api-emulator/src/lib.rs`).
//! Each method is one control route.
//!
//! `takwin emulator` rather than the emulator crate's `bot-api-emulator` binary: the two run
//! the same code with the same flags, and a package's integration tests can start only that
//! package's binaries.

use std::io::BufRead as _;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

/// How long the process may take to say it serves, and to stop on SIGTERM.
const START_AND_STOP: Duration = Duration::from_secs(30);

/// One `takwin emulator` process, killed when dropped.
pub struct StandaloneEmulator {
    child: Child,
    /// Kept open: its start line is all it writes there, but a closed pipe would make a later
    /// write fail.
    _stdout: std::io::BufReader<ChildStdout>,
    log: std::path::PathBuf,
    api_url: url::Url,
    control_url: url::Url,
    token: String,
    http: reqwest::Client,
}

/// A message the bot sent, as the control API gives it (the fields the tests read).
#[derive(Debug, Clone, Deserialize)]
pub struct Message {
    pub message_id: i32,
    /// The chat, given by `GET messages` (every chat's), not by one chat's messages.
    pub chat: Option<i64>,
    pub text: String,
    /// When the emulator accepted it, in milliseconds since it started.
    pub received_ms: u64,
    reply_markup: Option<Markup>,
}

#[derive(Debug, Clone, Deserialize)]
struct Markup {
    rows: Option<Vec<Vec<Button>>>,
}

/// A button under a message.
#[derive(Debug, Clone, Deserialize)]
pub struct Button {
    pub callback_data: Option<String>,
}

impl Message {
    /// Its buttons, row after row.
    pub fn buttons(&self) -> impl Iterator<Item = &Button> {
        self.reply_markup
            .iter()
            .flat_map(|m| m.rows.iter().flatten().flatten())
    }
}

/// The emulator's counters (`GET stats`) as it gave them.
#[derive(Debug)]
pub struct Stats(Value);

impl Stats {
    /// A counter by its JSON pointer, `/sent` or `/webhook/duplicated`.
    pub fn count(&self, pointer: &str) -> u64 {
        self.0
            .pointer(pointer)
            .and_then(Value::as_u64)
            .unwrap_or_else(|| panic!("no counter {pointer} in {}", self.0))
    }

    /// One part of them, to print.
    pub fn part(&self, pointer: &str) -> &Value {
        self.0.pointer(pointer).unwrap_or(&Value::Null)
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl StandaloneEmulator {
    /// Starts `takwin emulator --listen 127.0.0.1:0` with `flags`, its standard error written
    /// to `log`, and reads the URLs and token from its start line.
    pub async fn start(flags: &[&str], log: &Path) -> StandaloneEmulator {
        let mut child = Command::new(env!("CARGO_BIN_EXE_takwin"))
            .args(["emulator", "--listen", "127.0.0.1:0"])
            .args(flags)
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(log).expect("a log file"))
            .spawn()
            .expect("takwin emulator starts");
        let stdout = child.stdout.take().expect("piped");
        // The start line is read on a thread of its own so that a process that never writes it
        // fails the test at the deadline instead of blocking it.
        let read = tokio::task::spawn_blocking(move || {
            let mut stdout = std::io::BufReader::new(stdout);
            let mut line = String::new();
            stdout.read_line(&mut line).map(|_| (stdout, line))
        });
        let started = match tokio::time::timeout(START_AND_STOP, read).await {
            Ok(Ok(Ok((stdout, line)))) => serde_json::from_str::<Value>(&line)
                .ok()
                .map(|start| (stdout, start)),
            _ => None,
        };
        let Some((stdout, start)) = started else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "takwin emulator gave no start line:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        };
        let url = |key: &str| {
            url::Url::parse(start[key].as_str().expect("a URL in the start line")).expect("a URL")
        };
        StandaloneEmulator {
            api_url: url("api_url"),
            control_url: url("control_url"),
            token: start["token"].as_str().expect("a token").to_owned(),
            child,
            _stdout: stdout,
            log: log.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    /// The Bot API's URL, for `takwin run --api-url`.
    pub fn api_url(&self) -> &url::Url {
        &self.api_url
    }

    /// The bot token it accepts.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// What it wrote on standard error.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    async fn answer(&self, request: reqwest::RequestBuilder) -> (StatusCode, Value) {
        let answer = request.send().await.expect("the control API answers");
        let status = answer.status();
        (status, answer.json().await.expect("a JSON answer"))
    }

    /// A control route read with GET, which must answer 200.
    async fn get(&self, path: &str) -> Value {
        let (status, answer) = self.try_get(path).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {answer}");
        answer
    }

    /// A control route read with GET, whatever it answers.
    async fn try_get(&self, path: &str) -> (StatusCode, Value) {
        let url = self.control_url.join(path).expect("a control path");
        self.answer(self.http.get(url)).await
    }

    /// A control route asked with POST, which must answer 200.
    async fn post(&self, path: &str, body: Value) -> Value {
        let url = self.control_url.join(path).expect("a control path");
        let (status, answer) = self.answer(self.http.post(url).json(&body)).await;
        assert_eq!(status, StatusCode::OK, "POST {path} {body}: {answer}");
        answer
    }

    /// `POST users`: a user and their private chat.
    pub async fn add_user(&self, id: i64, first_name: &str, language: &str) {
        self.post(
            "users",
            json!({"id": id, "first_name": first_name, "language_code": language}),
        )
        .await;
    }

    /// `POST users/bulk`: `count` users with ids from `first_id` on.
    pub async fn add_users(&self, first_id: i64, count: usize, first_name: &str, language: &str) {
        let added = self
            .post(
                "users/bulk",
                json!({"first_id": first_id, "count": count, "first_name": first_name,
                       "language_code": language}),
            )
            .await;
        assert_eq!(added["count"], json!(count), "{added}");
    }

    /// `POST users/{user}/text`: the user writes in their private chat; the update's id.
    pub async fn send_text(&self, user: i64, text: &str) -> i64 {
        let sent = self
            .post(&format!("users/{user}/text"), json!({"text": text}))
            .await;
        sent["update_id"].as_i64().expect("an update id")
    }

    /// `POST users/{user}/contact`: the user shares a contact; the update's id.
    pub async fn send_contact(
        &self,
        user: i64,
        phone_number: &str,
        user_id: Option<i64>,
        first_name: &str,
    ) -> i64 {
        let sent = self
            .post(
                &format!("users/{user}/contact"),
                json!({"phone_number": phone_number, "user_id": user_id,
                       "first_name": first_name}),
            )
            .await;
        sent["update_id"].as_i64().expect("an update id")
    }

    /// `POST users/{user}/press`: the user presses a button the bot showed; the update's id.
    pub async fn press_button(&self, user: i64, message_id: i32, callback_data: &str) -> i64 {
        let pressed = self
            .post(
                &format!("users/{user}/press"),
                json!({"message_id": message_id, "callback_data": callback_data}),
            )
            .await;
        pressed["update_id"].as_i64().expect("an update id")
    }

    /// `GET chats/{chat}/messages`: the bot's messages in a chat, oldest first, now.
    pub async fn bot_messages(&self, chat: i64) -> Vec<Message> {
        messages(self.get(&format!("chats/{chat}/messages")).await)
    }

    /// `GET chats/{chat}/messages?at_least=…&wait_ms=…`: the bot's messages in a chat once
    /// there are at least `at_least`, or the emulator's refusal when `timeout` ran out first.
    pub async fn wait_bot_messages(
        &self,
        chat: i64,
        at_least: usize,
        timeout: Duration,
    ) -> Result<Vec<Message>, String> {
        let path = format!(
            "chats/{chat}/messages?at_least={at_least}&wait_ms={}",
            timeout.as_millis()
        );
        match self.try_get(&path).await {
            (StatusCode::OK, answer) => Ok(messages(answer)),
            (status, answer) => Err(format!("{status}: {answer}")),
        }
    }

    /// `GET messages`: the bot's messages in every chat, in the order the emulator accepted
    /// them, each with its chat.
    pub async fn all_bot_messages(&self) -> Vec<Message> {
        messages(self.get("messages").await)
    }

    /// `GET updates/pending`: how many updates the bot has not confirmed yet.
    pub async fn pending_updates(&self) -> u64 {
        let answer = self.get("updates/pending").await;
        answer["pending_updates"].as_u64().expect("a count")
    }

    /// `GET stats`: the counters since start.
    pub async fn stats(&self) -> Stats {
        Stats(self.get("stats").await)
    }

    /// `POST webhook/faults`: arms faults for the next webhook deliveries, on top of those
    /// armed already.
    pub async fn inject_webhook_faults(&self, lose_answers: u32, duplicates: u32, refuse: u32) {
        self.post(
            "webhook/faults",
            json!({"lose_answers": lose_answers, "duplicates": duplicates, "refuse": refuse}),
        )
        .await;
    }

    /// The webhook URL the bot set, as Telegram's getWebhookInfo tells it (the Bot API's own
    /// answer to the question; the control API has no second one); empty when none is set.
    pub async fn webhook_url(&self) -> String {
        // Formatted, not joined: `bot<id>:` would read as a URL's scheme.
        let url = format!("{}bot{}/getWebhookInfo", self.api_url, self.token);
        let (status, answer) = self.answer(self.http.get(url)).await;
        assert_eq!(status, StatusCode::OK, "getWebhookInfo: {answer}");
        answer["result"]["url"]
            .as_str()
            .expect("a URL, empty when none")
            .to_owned()
    }

    /// SIGTERM, and the process must exit 0 in time.
    pub async fn stop(mut self) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -TERM {pid}");
        let deadline = tokio::time::Instant::now() + START_AND_STOP;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("its status") {
                break status;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "takwin emulator did not stop on SIGTERM"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        assert!(status.success(), "exit {status:?}:\n{}", self.log_text());
    }
}

impl Drop for StandaloneEmulator {
    fn drop(&mut self) {
        // Stopped already or not, nothing of it outlives the test.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `messages` of a control API answer.
fn messages(answer: Value) -> Vec<Message> {
    serde_json::from_value(answer["messages"].clone()).expect("a list of messages")
}
