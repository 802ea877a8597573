//! The emulator as another process sees it: a bot talks the Bot API over HTTP while a test
//! plays the people and reads the chats through the control API (`/control/`), in-process
//! on an ephemeral port and as the real `bot-api-emulator` binary.
//!
//! Nothing here sleeps: the bot long-polls, and the control API's reads wait (`wait_ms`) for
//! what they ask for.

use std::time::Duration;

use bot_api_emulator::{Emulator, EmulatorConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};
use teloxide::prelude::*;
use teloxide::types::{BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update, UpdateKind};

const AMINA: i64 = 42;
const WAIT: Duration = Duration::from_secs(10);
const WAIT_MS: u64 = 10_000;

/// The control API at `control_url`, over HTTP.
struct Control {
    http: reqwest::Client,
    base: url::Url,
}

impl Control {
    fn new(control_url: &str) -> Self {
        Self {
            http: reqwest::Client::new(),
            base: url::Url::parse(control_url).expect("a control URL"),
        }
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let resp = self
            .http
            .post(self.base.join(path).expect("a path"))
            .json(&body)
            .send()
            .await
            .expect("the control API answers");
        (resp.status(), resp.json().await.expect("a JSON answer"))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        let resp = self
            .http
            .get(self.base.join(path).expect("a path"))
            .send()
            .await
            .expect("the control API answers");
        (resp.status(), resp.json().await.expect("a JSON answer"))
    }

    /// Posts and expects 200.
    async fn ok(&self, path: &str, body: Value) -> Value {
        let (status, answer) = self.post(path, body).await;
        assert_eq!(status, StatusCode::OK, "{path}: {answer}");
        answer
    }

    /// The bot's messages in a chat, once there are at least `at_least`.
    async fn bot_messages(&self, chat: i64, at_least: usize) -> Vec<Value> {
        let (status, answer) = self
            .get(&format!(
                "chats/{chat}/messages?at_least={at_least}&wait_ms={WAIT_MS}"
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        answer["messages"].as_array().expect("a list").clone()
    }
}

/// The next updates, long-polling: the bot under test as teloxide runs it.
async fn next_updates(bot: &Bot, offset: &mut i32) -> Vec<Update> {
    let updates = bot
        .get_updates()
        .offset(*offset)
        .timeout(WAIT.as_secs() as u32)
        .await
        .expect("getUpdates");
    assert!(!updates.is_empty(), "no update within {WAIT:?}");
    if let Some(last) = updates.last() {
        *offset = last.id.0 as i32 + 1;
    }
    updates
}

async fn in_process() -> (Emulator, Control, Bot) {
    // Bound by the caller, as the binary binds its --listen address.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let emu = Emulator::start_on(listener, EmulatorConfig::default())
        .await
        .expect("emulator starts");
    let control = Control::new(emu.api_url().join("control/").unwrap().as_str());
    let bot = Bot::new(emu.token()).set_api_url(emu.api_url());
    (emu, control, bot)
}

/// Amina writes /start; the bot gets it through getUpdates and answers with a button; the
/// control API shows the answer; her press reaches the bot, whose toast and edit the control
/// API shows in turn.
async fn text_answer_and_press_round_trip(control: &Control, bot: &Bot) {
    control
        .ok(
            "users",
            json!({"id": AMINA, "first_name": "Amina", "language_code": "fr"}),
        )
        .await;
    let sent = control
        .ok(&format!("users/{AMINA}/text"), json!({"text": "/start"}))
        .await;
    let mut offset = 0;
    let updates = next_updates(bot, &mut offset).await;
    assert_eq!(updates[0].id.0 as i64, sent["update_id"].as_i64().unwrap());
    let UpdateKind::Message(m) = &updates[0].kind else {
        panic!("expected a message, got {:?}", updates[0].kind);
    };
    assert_eq!(m.text(), Some("/start"));
    assert_eq!(
        m.from.as_ref().unwrap().language_code.as_deref(),
        Some("fr")
    );

    let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("Oui", "yes")]]);
    let answer = bot
        .send_message(m.chat.id, "Bienvenue, <b>Amina</b>.")
        .parse_mode(teloxide::types::ParseMode::Html)
        .reply_markup(keyboard)
        .await
        .expect("sendMessage");

    let seen = control.bot_messages(AMINA, 1).await;
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0]["text"], "Bienvenue, Amina.");
    assert_eq!(seen[0]["as_sent"], "Bienvenue, <b>Amina</b>.");
    assert_eq!(seen[0]["message_id"], answer.id.0);
    assert_eq!(seen[0]["reply_markup"]["kind"], "inline");
    assert_eq!(seen[0]["reply_markup"]["rows"][0][0]["text"], "Oui");
    assert_eq!(seen[0]["edits"], 0);

    let press = control
        .ok(
            &format!("users/{AMINA}/press"),
            json!({"message_id": answer.id.0, "callback_data": "yes"}),
        )
        .await;
    let updates = next_updates(bot, &mut offset).await;
    let UpdateKind::CallbackQuery(q) = &updates[0].kind else {
        panic!("expected a button press, got {:?}", updates[0].kind);
    };
    assert_eq!(q.data.as_deref(), Some("yes"));
    assert_eq!(q.id.0, press["callback_query_id"].as_str().unwrap());
    bot.answer_callback_query(q.id.clone())
        .text("Merci")
        .await
        .expect("answerCallbackQuery");
    bot.edit_message_text(m.chat.id, answer.id, "C'est noté.")
        .await
        .expect("editMessageText");

    let (status, toast) = control
        .get(&format!(
            "updates/{}/answer?wait_ms={WAIT_MS}",
            press["update_id"]
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{toast}");
    assert_eq!(toast["text"], "Merci");
    assert_eq!(toast["show_alert"], false);
    let seen = control.bot_messages(AMINA, 1).await;
    assert_eq!(seen[0]["text"], "C'est noté.");
    assert_eq!(seen[0]["edits"], 1);
    assert_eq!(
        seen[0]["reply_markup"],
        Value::Null,
        "the edit dropped the keyboard"
    );
}

#[tokio::test]
async fn a_bot_answers_a_user_played_through_the_control_api() {
    let (emu, control, bot) = in_process().await;
    text_answer_and_press_round_trip(&control, &bot).await;
    // The control API drives the same world as the in-process driver.
    assert_eq!(emu.bot_messages(AMINA)[0].text, "C'est noté.");
    emu.shutdown().await;
}

#[tokio::test]
async fn contact_photo_and_blocking_reach_the_bot_as_telegram_sends_them() {
    let (emu, control, bot) = in_process().await;
    control
        .ok("users", json!({"id": AMINA, "first_name": "Amina"}))
        .await;
    let mut offset = 0;

    control
        .ok(
            &format!("users/{AMINA}/contact"),
            json!({"phone_number": "+212600000001", "first_name": "Amina", "user_id": AMINA}),
        )
        .await;
    let updates = next_updates(&bot, &mut offset).await;
    let UpdateKind::Message(m) = &updates[0].kind else {
        panic!("expected a message, got {:?}", updates[0].kind);
    };
    let contact = m.contact().expect("a contact");
    assert_eq!(contact.phone_number, "+212600000001");
    assert_eq!(contact.user_id.map(|u| u.0 as i64), Some(AMINA));

    // "hello", base64: any bytes go; the emulator keeps them as the photo's file.
    control
        .ok(
            &format!("users/{AMINA}/photo"),
            json!({"base64": "aGVsbG8=", "caption": "reçu"}),
        )
        .await;
    // No bytes: a small generated PNG.
    control.ok(&format!("users/{AMINA}/photo"), json!({})).await;
    let mut photos = Vec::new();
    while photos.len() < 2 {
        for u in next_updates(&bot, &mut offset).await {
            let UpdateKind::Message(m) = u.kind else {
                panic!("expected a message, got {:?}", u.kind);
            };
            photos.push(m);
        }
    }
    assert_eq!(photos[0].caption(), Some("reçu"));
    assert_eq!(photos[0].photo().unwrap()[0].file.size, 5);
    let png = &photos[1].photo().unwrap()[0];
    assert_eq!((png.width, png.height), (1, 1));
    assert_eq!(photos[1].caption(), None);

    let blocked = control.ok(&format!("users/{AMINA}/block"), json!({})).await;
    assert!(blocked["update_id"].is_i64());
    let updates = next_updates(&bot, &mut offset).await;
    let UpdateKind::MyChatMember(member) = &updates[0].kind else {
        panic!("expected my_chat_member, got {:?}", updates[0].kind);
    };
    assert!(member.new_chat_member.is_banned());
    let refused = bot.send_message(ChatId(AMINA), "?").await;
    assert!(refused.is_err(), "a blocked user gets nothing");
    // Blocking twice changes nothing: no update.
    let again = control.ok(&format!("users/{AMINA}/block"), json!({})).await;
    assert_eq!(again["update_id"], Value::Null);
    control
        .ok(&format!("users/{AMINA}/unblock"), json!({}))
        .await;
    let updates = next_updates(&bot, &mut offset).await;
    assert!(matches!(updates[0].kind, UpdateKind::MyChatMember(_)));
    bot.send_message(ChatId(AMINA), "Bon retour")
        .await
        .expect("unblocked");
    emu.shutdown().await;
}

#[tokio::test]
async fn a_document_and_a_message_in_a_group() {
    let (emu, control, bot) = in_process().await;
    control
        .ok("users", json!({"id": AMINA, "first_name": "Amina"}))
        .await;
    control
        .ok(
            &format!("users/{AMINA}/document"),
            json!({"base64": "aWQ7bm9tCg==", "file_name": "liste.csv", "caption": "la liste"}),
        )
        .await;
    let mut offset = 0;
    let updates = next_updates(&bot, &mut offset).await;
    let UpdateKind::Message(m) = &updates[0].kind else {
        panic!("expected a message, got {:?}", updates[0].kind);
    };
    let document = m.document().expect("a document");
    assert_eq!(document.file_name.as_deref(), Some("liste.csv"));
    assert_eq!(document.file.size, 7);
    assert_eq!(m.caption(), Some("la liste"));

    const GROUP: i64 = -1001;
    let added = control
        .ok("groups", json!({"id": GROUP, "title": "Élus d'El Hajeb"}))
        .await;
    assert_eq!(added["chat"], GROUP);
    control
        .ok(
            &format!("users/{AMINA}/text"),
            json!({"chat": GROUP, "text": "Bonjour à tous"}),
        )
        .await;
    let updates = next_updates(&bot, &mut offset).await;
    let UpdateKind::Message(m) = &updates[0].kind else {
        panic!("expected a message, got {:?}", updates[0].kind);
    };
    assert_eq!(m.chat.id, ChatId(GROUP));
    assert_eq!(m.chat.title(), Some("Élus d'El Hajeb"));
    assert_eq!(m.from.as_ref().unwrap().id.0 as i64, AMINA);
    bot.send_message(ChatId(GROUP), "Bienvenue").await.unwrap();
    assert_eq!(control.bot_messages(GROUP, 1).await[0]["text"], "Bienvenue");
    bot.send_message(ChatId(AMINA), "Reçu").await.unwrap();

    // Every chat at once, in the order the emulator accepted them.
    let (status, all) = control
        .get(&format!("messages?at_least=2&wait_ms={WAIT_MS}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let all = all["messages"].as_array().unwrap();
    let seen: Vec<(i64, &str)> = all
        .iter()
        .map(|m| (m["chat"].as_i64().unwrap(), m["text"].as_str().unwrap()))
        .collect();
    assert_eq!(seen, [(GROUP, "Bienvenue"), (AMINA, "Reçu")]);
    assert!(all[0]["received_ms"].as_u64() <= all[1]["received_ms"].as_u64());
    emu.shutdown().await;
}

#[tokio::test]
async fn the_commands_menu_a_chat_sees() {
    let (emu, control, bot) = in_process().await;
    control
        .ok(
            "users",
            json!({"id": AMINA, "first_name": "Amina", "language_code": "fr"}),
        )
        .await;
    control
        .ok("users", json!({"id": 7, "first_name": "Omar"}))
        .await;
    bot.set_my_commands([BotCommand::new("start", "Start")])
        .await
        .unwrap();
    bot.set_my_commands([BotCommand::new("start", "Commencer")])
        .language_code("fr")
        .await
        .unwrap();
    let (_, menu) = control.get(&format!("chats/{AMINA}/commands")).await;
    assert_eq!(
        menu["commands"],
        json!([{"command": "start", "description": "Commencer"}])
    );
    let (_, menu) = control.get("chats/7/commands").await;
    assert_eq!(
        menu["commands"],
        json!([{"command": "start", "description": "Start"}])
    );
    // A chat's own scope wins over the default, whatever its language.
    bot.set_my_commands([BotCommand::new("help", "Aide")])
        .scope(teloxide::types::BotCommandScope::Chat {
            chat_id: teloxide::types::Recipient::Id(ChatId(AMINA)),
        })
        .await
        .unwrap();
    let (_, menu) = control.get(&format!("chats/{AMINA}/commands")).await;
    assert_eq!(
        menu["commands"],
        json!([{"command": "help", "description": "Aide"}])
    );
    assert_eq!(emu.menu_commands(7), vec![("start".into(), "Start".into())]);
    emu.shutdown().await;
}

#[tokio::test]
async fn mistakes_get_json_errors() {
    let (emu, control, bot) = in_process().await;
    let (status, e) = control.post("users/5/text", json!({"text": "hi"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        e["error"].as_str().unwrap().contains("unknown user 5"),
        "{e}"
    );
    let (status, e) = control.post("users", json!({"id": "x"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
    control
        .ok("users", json!({"id": AMINA, "first_name": "Amina"}))
        .await;
    let sent = bot.send_message(ChatId(AMINA), "no buttons").await.unwrap();
    let (status, e) = control
        .post(
            &format!("users/{AMINA}/press"),
            json!({"message_id": sent.id.0, "callback_data": "forged"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(e["error"].as_str().unwrap().contains("no button"), "{e}");
    let (status, e) = control.get("nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{e}");
    let (status, _) = control.get("updates/1/answer").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a message is not a press");
    // A wait that cannot be met ends, as asked, with 408 and what there is.
    let (status, e) = control
        .get(&format!("chats/{AMINA}/messages?at_least=2&wait_ms=50"))
        .await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT);
    assert!(e["error"].as_str().unwrap().contains("got 1"), "{e}");
    emu.shutdown().await;
}

/// Starts the real binary with `args`; returns it and its start line.
#[cfg(unix)]
async fn spawn_binary(args: &[&str]) -> (tokio::process::Child, Value) {
    use tokio::io::{AsyncBufReadExt, BufReader};

    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_bot-api-emulator"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(WAIT, lines.next_line())
        .await
        .expect("a start line in time")
        .expect("stdout readable")
        .expect("a start line");
    let start = serde_json::from_str(&line).expect("the start line is JSON");
    (child, start)
}

/// Stops the binary with SIGTERM and expects status 0.
#[cfg(unix)]
async fn terminate(mut child: tokio::process::Child) {
    let pid = child.id().expect("running").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = tokio::time::timeout(WAIT, child.wait())
        .await
        .expect("it stops in time")
        .expect("its status");
    assert!(status.success(), "exit status {status:?}");
}

/// The real binary: its start line names the URLs, a bot and the control API play the
/// round trip over HTTP, its --strict-limits refuses a second message within the second,
/// and SIGTERM stops it with status 0.
#[cfg(unix)]
#[tokio::test]
async fn the_binary_serves_until_sigterm() {
    let (child, start) = spawn_binary(&[
        "--listen",
        "127.0.0.1:0",
        "--token",
        "777:standalone",
        "--strict-limits",
    ])
    .await;
    assert_eq!(start["token"], "777:standalone");
    let api_url = url::Url::parse(start["api_url"].as_str().unwrap()).unwrap();
    let control = Control::new(start["control_url"].as_str().unwrap());
    let bot = Bot::new("777:standalone").set_api_url(api_url);

    text_answer_and_press_round_trip(&control, &bot).await;
    // Strict limits: a second message to a chat within the second is refused. Sends in a
    // row are that, unless the machine stalled a second between two; then the later one gets
    // through, rightly, and the next one is tried.
    const OMAR: i64 = 7;
    control
        .ok("users", json!({"id": OMAR, "first_name": "Omar"}))
        .await;
    let mut refused = false;
    for attempt in 1..=5 {
        match bot.send_message(ChatId(OMAR), format!("{attempt}")).await {
            Err(teloxide::RequestError::RetryAfter(_)) => {
                refused = true;
                break;
            }
            Err(e) => panic!("{e:?}"),
            Ok(_) => {
                let sent = control.bot_messages(OMAR, attempt).await;
                if let [.., a, b] = sent.as_slice() {
                    let gap =
                        b["received_ms"].as_u64().unwrap() - a["received_ms"].as_u64().unwrap();
                    assert!(gap >= 1000, "two messages {gap} ms apart went through");
                }
            }
        }
    }
    assert!(refused, "no message was refused in five sends in a row");
    let (_, stats) = control.get("stats").await;
    assert_eq!(stats["too_many_requests"], 1, "{stats}");

    terminate(child).await;
}

/// One webhook request a replica received: (replica, update_id, secret, sender's language).
type Delivery = (usize, i64, Option<String>, Option<String>);

/// Two replicas of the bot's webhook endpoint, answering 200 and telling the test of each
/// request.
async fn webhook_replicas() -> (
    Vec<std::net::SocketAddr>,
    tokio::sync::mpsc::UnboundedReceiver<Delivery>,
) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let mut addrs = Vec::new();
    for replica in 0..2 {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        addrs.push(listener.local_addr().unwrap());
        let tx = tx.clone();
        let app = axum::Router::new().fallback(
            move |headers: axum::http::HeaderMap, axum::Json(update): axum::Json<Value>| {
                let secret = headers
                    .get("x-telegram-bot-api-secret-token")
                    .map(|v| v.to_str().unwrap().to_owned());
                let language = update
                    .pointer("/message/from/language_code")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                let id = update["update_id"].as_i64().unwrap();
                let _ = tx.send((replica, id, secret, language));
                async { StatusCode::OK }
            },
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
    }
    (addrs, rx)
}

/// The binary as the load balancer in front of two replicas: thousands of users registered
/// at once, one of them writes, and an armed duplicate reaches both replicas, with the secret.
#[cfg(unix)]
#[tokio::test]
async fn the_binary_delivers_to_webhook_replicas_in_turn() {
    let (replicas, mut deliveries) = webhook_replicas().await;
    let (first, second) = (replicas[0].to_string(), replicas[1].to_string());
    let (child, start) = spawn_binary(&[
        "--listen=127.0.0.1:0",
        "--insecure-webhooks",
        "--webhook-backend",
        &first,
        "--webhook-backend",
        &second,
        "--webhook-retry-ms=20",
    ])
    .await;
    let control = Control::new(start["control_url"].as_str().unwrap());
    let token = start["token"].as_str().unwrap();
    let set_webhook = format!(
        "{}bot{token}/setWebhook",
        start["api_url"].as_str().unwrap()
    );
    let answer: Value = reqwest::Client::new()
        .post(set_webhook)
        .json(&json!({"url": "https://bot.example.org/hook", "secret_token": "t0k3n"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["ok"], true, "{answer}");

    let bulk = control
        .ok(
            "users/bulk",
            json!({"count": 3000, "first_id": 100_000, "language_code": "ar"}),
        )
        .await;
    assert_eq!(
        bulk,
        json!({"first_id": 100_000, "last_id": 102_999, "count": 3000})
    );
    let armed = control.ok("webhook/faults", json!({"duplicates": 1})).await;
    assert_eq!(
        armed,
        json!({"lose_answers": 0, "duplicates": 1, "refuse": 0})
    );
    let update = control
        .ok("users/102999/text", json!({"text": "/start"}))
        .await["update_id"]
        .as_i64()
        .unwrap();
    let (status, pending) = control
        .get(&format!("updates/pending?at_most=0&wait_ms={WAIT_MS}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{pending}");
    let mut seen = Vec::new();
    for _ in 0..2 {
        seen.push(deliveries.try_recv().expect("both replicas got it"));
    }
    seen.sort();
    let expected = |replica| {
        (
            replica,
            update,
            Some("t0k3n".to_owned()),
            Some("ar".to_owned()),
        )
    };
    assert_eq!(seen, [expected(0), expected(1)]);
    let (_, stats) = control.get("stats").await;
    let webhook = &stats["webhook"];
    assert_eq!(webhook["duplicated"], 1, "{stats}");
    assert_eq!(webhook["statuses"], json!({"200": 2}), "{stats}");
    assert_eq!(webhook["confirmed"], 1, "{stats}");
    assert_eq!(stats["pending_updates"], 0, "{stats}");
    let (status, e) = control.post("webhook/faults", json!({"refuse": -1})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{e}");
    terminate(child).await;
}
