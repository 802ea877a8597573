//! Wire-level tests: a real teloxide `Bot` (or raw HTTP) against the emulator.

use std::time::Duration;

use serde_json::{Value, json};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, ButtonRequest, ChatFullInfoKind, InlineKeyboardButton,
    InlineKeyboardMarkup, InputFile, KeyboardButton, KeyboardMarkup, MenuButton, MessageId,
    ParseMode, Recipient, UpdateKind,
};
use teloxide::{ApiError, RequestError};

use super::*;

mod webhook;

const ALICE: i64 = 1001;
const BOB: i64 = 1002;
const WAIT: Duration = Duration::from_secs(5);

async fn setup(config: EmulatorConfig) -> (Emulator, Bot) {
    let emu = Emulator::start(config).await.expect("emulator starts");
    emu.add_user(
        NewUser::new(ALICE, "Alice")
            .language("fr")
            .username("alice"),
    );
    emu.add_user(NewUser::new(BOB, "Bob").last_name("Martin"));
    let bot = Bot::new(emu.token()).set_api_url(emu.api_url());
    (emu, bot)
}

async fn start() -> (Emulator, Bot) {
    setup(EmulatorConfig::default()).await
}

fn api_err<T: std::fmt::Debug>(r: Result<T, RequestError>) -> ApiError {
    match r {
        Err(RequestError::Api(e)) => e,
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// Raw call, for what teloxide cannot express or would hide.
async fn raw(emu: &Emulator, method: &str, body: Value) -> (u16, Value) {
    let url = format!("{}bot{}/{method}", emu.api_url(), emu.token());
    let resp = reqwest::Client::new()
        .post(url)
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = resp.status().as_u16();
    (status, resp.json().await.expect("json body"))
}

#[tokio::test]
async fn get_me_and_wrong_token() {
    let (emu, bot) = start().await;
    let me = bot.get_me().await.unwrap();
    assert_eq!(me.username(), "takwin_test_bot");
    assert!(me.user.is_bot);

    let wrong = Bot::new("1:wrong").set_api_url(emu.api_url());
    assert_eq!(api_err(wrong.get_me().await), ApiError::InvalidToken);
    let url = format!("{}bot1:wrong/getMe", emu.api_url());
    let resp = reqwest::get(url).await.unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 401, "description": "Unauthorized"})
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn unknown_method_and_case_insensitive_names() {
    let (emu, _bot) = start().await;
    let (status, body) = raw(&emu, "sendSticker", json!({"chat_id": ALICE})).await;
    assert_eq!(status, 404);
    assert_eq!(body["description"], "Not Found: method not found");
    // GET with a query string and a lower-case method name.
    let url = format!(
        "{}bot{}/sendmessage?chat_id={ALICE}&text=hello",
        emu.api_url(),
        emu.token()
    );
    let body: Value = reqwest::get(url).await.unwrap().json().await.unwrap();
    assert_eq!(body["ok"], true);
    assert_eq!(body["result"]["text"], "hello");
    // A url-encoded form with a JSON-encoded nested value.
    let url = format!("{}bot{}/sendMessage", emu.api_url(), emu.token());
    let markup = r#"{"inline_keyboard":[[{"text":"Go","callback_data":"go"}]]}"#;
    let body: Value = reqwest::Client::new()
        .post(url)
        .form(&[
            ("chat_id", "1001"),
            ("text", "<i>x</i>"),
            ("parse_mode", "HTML"),
            ("reply_markup", markup),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["result"]["entities"][0]["type"], "italic");
    assert_eq!(
        body["result"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
        "go"
    );
    assert_eq!(emu.stats().requests.get("sendMessage"), Some(&2));
    emu.shutdown().await;
}

#[tokio::test]
async fn send_message_html_is_parsed_and_stored() {
    let (emu, bot) = start().await;
    let msg = bot
        .send_message(
            ChatId(ALICE),
            "<b>hi</b> &amp; <a href=\"https://example.org\">link</a>",
        )
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    assert_eq!(msg.text(), Some("hi & link"));
    assert_eq!(msg.chat.id, ChatId(ALICE));
    assert_eq!(msg.from.as_ref().map(|u| u.is_bot), Some(true));
    let entities = msg.entities().unwrap();
    assert_eq!(entities.len(), 2);

    let stored = emu.bot_messages(ALICE);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].message_id, msg.id.0);
    assert_eq!(stored[0].text, "hi & link");
    assert_eq!(stored[0].entity_texts("bold"), ["hi"]);
    assert_eq!(
        stored[0].entities[1].url.as_deref(),
        Some("https://example.org/")
    );
    assert!(stored[0].html.as_deref().unwrap().starts_with("<b>hi</b>"));
    assert_eq!(emu.stats().sent, 1);
    emu.shutdown().await;
}

#[tokio::test]
async fn validation_errors_map_to_teloxide_errors() {
    let (emu, bot) = start().await;
    let e = api_err(bot.send_message(ChatId(999), "x").await);
    assert_eq!(e, ApiError::ChatNotFound);
    assert_eq!(
        api_err(bot.send_message(ChatId(ALICE), "").await),
        ApiError::MessageTextIsEmpty
    );
    assert_eq!(
        api_err(bot.send_message(ChatId(ALICE), " \n ").await),
        ApiError::MessageTextIsEmpty
    );
    let long = "é".repeat(4097);
    assert_eq!(
        api_err(bot.send_message(ChatId(ALICE), long).await),
        ApiError::MessageIsTooLong
    );
    // 4096 after parsing is fine even though the markup makes the input longer.
    let ok = format!("<b>{}</b>", "a".repeat(4096));
    bot.send_message(ChatId(ALICE), ok)
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    // Emoji count as two UTF-16 units.
    let emoji = "😀".repeat(2049);
    assert_eq!(
        api_err(bot.send_message(ChatId(ALICE), emoji).await),
        ApiError::MessageIsTooLong
    );

    let e = api_err(
        bot.send_message(ChatId(ALICE), "<b>x</i>")
            .parse_mode(ParseMode::Html)
            .await,
    );
    assert_eq!(
        e,
        ApiError::CantParseEntities(
            "Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\""
                .to_owned()
        )
    );
    let e = api_err(
        bot.send_message(ChatId(ALICE), "a < b")
            .parse_mode(ParseMode::Html)
            .await,
    );
    assert!(
        matches!(e, ApiError::CantParseEntities(ref s) if s.contains("Unsupported start tag")),
        "{e:?}"
    );

    let data = "d".repeat(65);
    let kb = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("x", data)]]);
    let e = api_err(bot.send_message(ChatId(ALICE), "x").reply_markup(kb).await);
    assert_eq!(e, ApiError::ButtonDataInvalid);
    let kb = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        "x",
        "d".repeat(64),
    )]]);
    bot.send_message(ChatId(ALICE), "x")
        .reply_markup(kb)
        .await
        .unwrap();
    assert_eq!(emu.bot_messages(ALICE).len(), 2);
    assert!(emu.stats().bad_requests >= 7);
    emu.shutdown().await;
}

#[tokio::test]
async fn updates_long_poll_and_offset() {
    let (emu, bot) = start().await;
    assert!(bot.get_updates().await.unwrap().is_empty());

    // A long poll returns as soon as the user writes.
    let poller = {
        let bot = bot.clone();
        tokio::spawn(async move { bot.get_updates().timeout(30).await })
    };
    // Wait until the poll is in flight, event-driven.
    emu.wait_for(WAIT, |e| {
        e.stats()
            .requests
            .get("getUpdates")
            .filter(|n| **n >= 2)
            .map(|_| ())
    })
    .await
    .unwrap();
    let uid = emu.send_text(ALICE, "/start abc");
    let updates = tokio::time::timeout(WAIT, poller)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].id.0 as i64, uid);
    let UpdateKind::Message(m) = &updates[0].kind else {
        panic!("{:?}", updates[0].kind)
    };
    assert_eq!(m.text(), Some("/start abc"));
    assert_eq!(
        m.from.as_ref().unwrap().language_code.as_deref(),
        Some("fr")
    );
    let cmd = &m.entities().unwrap()[0];
    assert_eq!((cmd.offset, cmd.length), (0, 6));

    // Not confirmed yet: returned again; confirmed by a higher offset.
    assert_eq!(bot.get_updates().await.unwrap().len(), 1);
    let second = emu.send_text(BOB, "bonjour");
    let updates = bot.get_updates().offset((uid + 1) as i32).await.unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].id.0 as i64, second);
    assert_eq!(emu.pending_updates(), 1);
    // The user's message is in the chat history too.
    assert_eq!(emu.messages(ALICE)[0].text, "/start abc");
    assert!(!emu.messages(ALICE)[0].from_bot);
    emu.shutdown().await;
}

#[tokio::test]
async fn a_second_poll_terminates_the_first() {
    let (emu, bot) = start().await;
    let first = {
        let bot = bot.clone();
        tokio::spawn(async move { bot.get_updates().timeout(30).await })
    };
    emu.wait_for(WAIT, |e| e.stats().requests.get("getUpdates").map(|_| ()))
        .await
        .unwrap();
    assert!(bot.get_updates().await.unwrap().is_empty());
    let e = api_err(tokio::time::timeout(WAIT, first).await.unwrap().unwrap());
    assert_eq!(e, ApiError::TerminatedByOtherGetUpdates);
    emu.shutdown().await;
}

#[tokio::test]
async fn documents_and_photos_are_uploaded() {
    let (emu, bot) = start().await;
    let ics = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_vec();
    let msg = bot
        .send_document(
            ChatId(ALICE),
            InputFile::memory(ics.clone()).file_name("session.ics"),
        )
        .caption("<b>Votre</b> agenda")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    let doc = msg.document().unwrap();
    assert_eq!(doc.file_name.as_deref(), Some("session.ics"));
    assert_eq!(msg.caption(), Some("Votre agenda"));

    let stored = emu.last_bot_message(ALICE).unwrap();
    let file = stored.document.clone().unwrap();
    assert_eq!(file.bytes, ics);
    assert_eq!(file.file_name.as_deref(), Some("session.ics"));
    assert_eq!(file.mime_type.as_deref(), Some("text/calendar"));
    assert_eq!(stored.text, "Votre agenda");
    assert_eq!(stored.entity_texts("bold"), ["Votre"]);

    // Re-sending by file_id reuses the stored file.
    let again = bot
        .send_document(ChatId(BOB), InputFile::file_id(doc.file.id.clone()))
        .await
        .unwrap();
    assert_eq!(again.document().unwrap().file.id, doc.file.id);
    assert_eq!(
        emu.last_bot_message(BOB).unwrap().document.unwrap().bytes,
        ics
    );

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&[0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0, 0, 0]);
    let msg = bot
        .send_photo(
            ChatId(ALICE),
            InputFile::memory(png.clone()).file_name("p.png"),
        )
        .await
        .unwrap();
    let sizes = msg.photo().unwrap();
    assert_eq!((sizes[0].width, sizes[0].height), (4, 3));
    assert_eq!(
        emu.last_bot_message(ALICE).unwrap().photo.unwrap().bytes,
        png
    );

    let e = api_err(
        bot.send_document(
            ChatId(ALICE),
            InputFile::memory(Vec::<u8>::new()).file_name("e"),
        )
        .await,
    );
    assert_eq!(
        e,
        ApiError::Unknown("Bad Request: file must be non-empty".to_owned())
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn an_answered_press_is_reported_with_its_instants() {
    let (emu, bot) = start().await;
    let kb = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("Oui", "yes")]]);
    let msg = bot
        .send_message(ChatId(ALICE), "Venez-vous ?")
        .reply_markup(kb)
        .await
        .unwrap();
    let mut answered = emu.answered_presses();
    let before = std::time::Instant::now();
    let first = emu.press_button(ALICE, msg.id.0, "yes").unwrap();
    let second = emu.press_button(ALICE, msg.id.0, "yes").unwrap();
    let updates = bot.get_updates().await.unwrap();
    // Answered in the other order: each report names its own press.
    for update in updates.iter().rev() {
        let UpdateKind::CallbackQuery(q) = &update.kind else {
            panic!("{:?}", update.kind)
        };
        bot.answer_callback_query(q.id.clone()).await.unwrap();
    }
    let reported = [
        answered.recv().await.unwrap(),
        answered.recv().await.unwrap(),
    ];
    assert_eq!(reported.map(|r| r.update_id), [second, first]);
    for report in reported {
        assert!(before <= report.pressed_at && report.pressed_at <= report.answered_at);
        assert_eq!(report.delay(), report.answered_at - report.pressed_at);
        let id = emu.callback_query_id(report.update_id).unwrap();
        let answer = emu.callback_answer(&id).unwrap();
        assert_eq!(answer.answered_at, report.answered_at);
    }
    // A refused second answer reports nothing.
    let UpdateKind::CallbackQuery(q) = &updates[0].kind else {
        unreachable!()
    };
    assert!(bot.answer_callback_query(q.id.clone()).await.is_err());
    assert!(answered.try_recv().is_err());
    emu.shutdown().await;
}

#[tokio::test]
async fn buttons_callbacks_and_edits() {
    let (emu, bot) = start().await;
    let kb = InlineKeyboardMarkup::new(vec![
        vec![
            InlineKeyboardButton::callback("Oui", "yes"),
            InlineKeyboardButton::callback("Non", "no"),
        ],
        vec![InlineKeyboardButton::url(
            "Site",
            "https://example.org".parse().unwrap(),
        )],
    ]);
    let msg = bot
        .send_message(ChatId(ALICE), "Venez-vous ?")
        .reply_markup(kb.clone())
        .await
        .unwrap();
    let stored = emu.last_bot_message(ALICE).unwrap();
    assert_eq!(stored.buttons().len(), 3);
    assert_eq!(
        stored.button("Oui").unwrap().callback_data.as_deref(),
        Some("yes")
    );
    assert_eq!(
        stored.button("Site").unwrap().url.as_deref(),
        Some("https://example.org/")
    );

    assert!(emu.press_button(ALICE, msg.id.0, "maybe").is_err());
    assert!(emu.press_button(BOB, msg.id.0, "yes").is_err());
    let uid = emu.press_button(ALICE, msg.id.0, "yes").unwrap();
    let updates = bot.get_updates().await.unwrap();
    let UpdateKind::CallbackQuery(q) = &updates[0].kind else {
        panic!("{:?}", updates[0].kind)
    };
    assert_eq!(q.data.as_deref(), Some("yes"));
    assert_eq!(q.from.id.0, ALICE as u64);
    assert_eq!(q.regular_message().unwrap().id, msg.id);
    assert_eq!(emu.callback_query_id(uid).as_deref(), Some(q.id.0.as_str()));

    bot.answer_callback_query(q.id.clone())
        .text("Merci")
        .await
        .unwrap();
    let answer = emu.wait_callback_answer(uid, WAIT).await.unwrap();
    assert_eq!(answer.text.as_deref(), Some("Merci"));
    // A query is answered once.
    let e = api_err(bot.answer_callback_query(q.id.clone()).await);
    assert_eq!(e, ApiError::InvalidQueryId);

    // Edits: same content is refused, a change is applied and counted.
    let e = api_err(
        bot.edit_message_text(ChatId(ALICE), msg.id, "Venez-vous ?")
            .reply_markup(kb.clone())
            .await,
    );
    assert_eq!(e, ApiError::MessageNotModified);
    let edited = bot
        .edit_message_text(ChatId(ALICE), msg.id, "<i>Réponse :</i> oui")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    assert_eq!(edited.text(), Some("Réponse : oui"));
    assert!(edited.reply_markup().is_none());
    let stored = emu.last_bot_message(ALICE).unwrap();
    assert_eq!((stored.edits, stored.text.as_str()), (1, "Réponse : oui"));
    assert!(stored.reply_markup.is_none());
    assert_eq!(emu.messages(ALICE).len(), 1);

    let e = api_err(bot.edit_message_reply_markup(ChatId(ALICE), msg.id).await);
    assert_eq!(e, ApiError::MessageNotModified);
    bot.edit_message_reply_markup(ChatId(ALICE), msg.id)
        .reply_markup(kb)
        .await
        .unwrap();
    assert_eq!(emu.last_bot_message(ALICE).unwrap().edits, 2);

    let e = api_err(
        bot.edit_message_text(ChatId(ALICE), MessageId(77), "x")
            .await,
    );
    assert_eq!(e, ApiError::MessageToEditNotFound);

    // Forged presses are delivered as such, even on a message that does not exist.
    let forged = emu.press_forged(BOB, ALICE, 77, "admin:delete");
    let updates = bot.get_updates().offset((uid + 1) as i32).await.unwrap();
    assert_eq!(updates[0].id.0 as i64, forged);
    let UpdateKind::CallbackQuery(q) = &updates[0].kind else {
        panic!()
    };
    assert!(q.regular_message().is_none());

    bot.delete_message(ChatId(ALICE), msg.id).await.unwrap();
    assert!(emu.bot_messages(ALICE).is_empty());
    let e = api_err(bot.delete_message(ChatId(ALICE), msg.id).await);
    assert_eq!(e, ApiError::MessageToDeleteNotFound);
    emu.shutdown().await;
}

#[tokio::test]
async fn reply_keyboard_and_contact() {
    let (emu, bot) = start().await;
    let kb = KeyboardMarkup::new(vec![vec![
        KeyboardButton::new("Partager").request(ButtonRequest::Contact),
    ]])
    .resize_keyboard()
    .one_time_keyboard();
    let msg = bot
        .send_message(ChatId(ALICE), "Votre numéro ?")
        .reply_markup(kb)
        .await
        .unwrap();
    // Telegram echoes only inline keyboards.
    assert!(msg.reply_markup().is_none());
    let stored = emu.last_bot_message(ALICE).unwrap();
    assert!(matches!(
        stored.reply_markup,
        Some(Markup::Keyboard {
            one_time: true,
            resize: true,
            ..
        })
    ));
    assert!(stored.button("Partager").unwrap().request_contact);

    emu.send_contact(ALICE, "+33612345678", Some(ALICE), "Alice");
    let updates = bot.get_updates().await.unwrap();
    let UpdateKind::Message(m) = &updates[0].kind else {
        panic!()
    };
    let contact = m.contact().unwrap();
    assert_eq!(contact.phone_number, "+33612345678");
    assert_eq!(contact.user_id.map(|u| u.0), Some(ALICE as u64));
    assert_eq!(
        emu.messages(ALICE)[1]
            .contact
            .as_ref()
            .unwrap()
            .phone_number,
        "+33612345678"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn blocked_user_gets_403_and_my_chat_member() {
    let (emu, bot) = start().await;
    emu.block_user(ALICE, true);
    assert!(emu.is_blocked(ALICE));
    assert_eq!(
        api_err(bot.send_message(ChatId(ALICE), "x").await),
        ApiError::BotBlocked
    );
    let updates = bot.get_updates().await.unwrap();
    assert!(
        matches!(updates[0].kind, UpdateKind::MyChatMember(_)),
        "{:?}",
        updates[0].kind
    );
    // Writing again unblocks, as Telegram's "Restart" does.
    emu.send_text(ALICE, "/start");
    assert!(!emu.is_blocked(ALICE));
    bot.send_message(ChatId(ALICE), "re").await.unwrap();
    assert_eq!(emu.stats().forbidden, 1);
    emu.shutdown().await;
}

#[tokio::test]
async fn rate_limits_answer_429() {
    // A one-minute private interval keeps the test independent of machine speed.
    let limits = RateLimits {
        private_interval: Duration::from_secs(60),
        ..RateLimits::default()
    };
    let (emu, bot) = setup(EmulatorConfig {
        rate_limits: true,
        limits,
        ..EmulatorConfig::default()
    })
    .await;
    bot.send_message(ChatId(ALICE), "1").await.unwrap();
    match bot.send_message(ChatId(ALICE), "2").await {
        Err(RequestError::RetryAfter(s)) => assert!((1..=60).contains(&s.seconds()), "{s:?}"),
        other => panic!("expected RetryAfter, got {other:?}"),
    }
    // Another private chat is not affected.
    bot.send_message(ChatId(BOB), "1").await.unwrap();
    let (status, body) = raw(&emu, "sendMessage", json!({"chat_id": ALICE, "text": "3"})).await;
    assert_eq!(status, 429);
    let retry = body["parameters"]["retry_after"].as_u64().unwrap();
    assert!((1..=60).contains(&retry), "{body}");
    assert_eq!(
        body["description"],
        format!("Too Many Requests: retry after {retry}")
    );
    assert_eq!(emu.stats().too_many_requests, 2);
    assert_eq!(emu.bot_messages(ALICE).len(), 1);

    // Groups: 20 per minute, here with a smaller budget set at run time.
    emu.add_group(-100, "Conseil");
    emu.set_rate_limit_values(RateLimits {
        group_per_minute: 2,
        ..RateLimits::default()
    });
    bot.send_message(ChatId(-100), "a").await.unwrap();
    bot.send_message(ChatId(-100), "b").await.unwrap();
    assert!(matches!(
        bot.send_message(ChatId(-100), "c").await,
        Err(RequestError::RetryAfter(_))
    ));

    emu.set_rate_limits(false);
    bot.send_message(ChatId(-100), "d").await.unwrap();
    bot.send_message(ChatId(ALICE), "e").await.unwrap();
    emu.shutdown().await;
}

#[tokio::test]
async fn injected_faults() {
    let (emu, bot) = start().await;
    // 5xx: checked over raw HTTP because teloxide sleeps 10 s after a server error.
    emu.inject_fault(FaultTarget::Chat(ALICE), Fault::ServerError(502), 1);
    let (status, body) = raw(&emu, "sendMessage", json!({"chat_id": BOB, "text": "b"})).await;
    assert_eq!((status, body["ok"].clone()), (200, json!(true)));
    let (status, body) = raw(&emu, "sendMessage", json!({"chat_id": ALICE, "text": "a"})).await;
    assert_eq!(status, 502);
    assert_eq!(body["description"], "Bad Gateway");
    assert!(emu.bot_messages(ALICE).is_empty());

    emu.inject_fault(
        FaultTarget::Any,
        Fault::TooManyRequests { retry_after: 7 },
        2,
    );
    for _ in 0..2 {
        match bot.send_message(ChatId(ALICE), "x").await {
            Err(RequestError::RetryAfter(s)) => assert_eq!(s.seconds(), 7),
            other => panic!("expected RetryAfter, got {other:?}"),
        }
    }
    bot.send_message(ChatId(ALICE), "ok").await.unwrap();

    // A delay beyond the client's timeout: the client gives up, the message still lands.
    emu.inject_fault(
        FaultTarget::Any,
        Fault::Delay(Duration::from_millis(300)),
        1,
    );
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(50))
        .build()
        .unwrap();
    let impatient = Bot::with_client(emu.token(), client).set_api_url(emu.api_url());
    match impatient.send_message(ChatId(ALICE), "late").await {
        Err(RequestError::Network(e)) => assert!(e.is_timeout(), "{e:?}"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    let msgs = emu.wait_bot_messages(ALICE, 2, WAIT).await.unwrap();
    assert_eq!(msgs[1].text, "late");
    let stats = emu.stats();
    assert_eq!((stats.server_errors, stats.too_many_requests), (1, 2));
    emu.shutdown().await;
}

#[tokio::test]
async fn a_server_error_in_the_body_alone_is_the_same_error_without_teloxides_pause() {
    let (emu, bot) = start().await;
    emu.inject_fault(FaultTarget::Chat(ALICE), Fault::ServerError(502), 1);
    emu.inject_fault(FaultTarget::Chat(BOB), Fault::ServerErrorBody(502), 1);
    let (status, as_telegram) =
        raw(&emu, "sendMessage", json!({"chat_id": ALICE, "text": "a"})).await;
    let (ok, body_only) = raw(&emu, "sendMessage", json!({"chat_id": BOB, "text": "b"})).await;
    assert_eq!((status, ok), (502, 200));
    assert_eq!(as_telegram, body_only, "the same body");
    assert_eq!(body_only["error_code"], 502);
    // teloxide reads the body: the very error a 5xx status gives after its 10 s pause.
    emu.inject_fault(FaultTarget::Chat(BOB), Fault::ServerErrorBody(500), 1);
    assert_eq!(
        api_err(bot.send_message(ChatId(BOB), "b").await),
        ApiError::Unknown("Internal Server Error".into())
    );
    assert!(emu.bot_messages(BOB).is_empty());
    assert_eq!(emu.stats().server_errors, 3);
    emu.shutdown().await;
}

#[tokio::test]
async fn a_held_request_waits_for_its_release_even_when_its_client_gave_up() {
    let (emu, bot) = start().await;
    emu.inject_fault(FaultTarget::Chat(ALICE), Fault::Hold, 2);
    let waiting = tokio::spawn({
        let bot = bot.clone();
        async move { bot.send_message(ChatId(ALICE), "held").await }
    });
    let given_up = tokio::spawn({
        let bot = bot.clone();
        async move { bot.send_message(ChatId(ALICE), "abandoned").await }
    });
    emu.wait_for(WAIT, |e| (e.held() == 2).then_some(()))
        .await
        .unwrap();
    // Others are answered meanwhile.
    bot.send_message(ChatId(BOB), "b").await.unwrap();
    given_up.abort();
    assert!(given_up.await.unwrap_err().is_cancelled());
    assert!(
        emu.bot_messages(ALICE).is_empty(),
        "nothing before the release"
    );

    emu.release_held();
    let sent = waiting.await.unwrap().unwrap();
    assert_eq!(sent.text(), Some("held"));
    let landed = emu.wait_bot_messages(ALICE, 2, WAIT).await.unwrap();
    let mut texts: Vec<&str> = landed.iter().map(|m| m.text.as_str()).collect();
    texts.sort_unstable();
    assert_eq!(
        texts,
        ["abandoned", "held"],
        "processed though its client left"
    );
    assert_eq!(emu.held(), 0);

    // Held at shutdown: dropped, never processed.
    emu.inject_fault(FaultTarget::Chat(BOB), Fault::Hold, 1);
    let never = tokio::spawn({
        let bot = bot.clone();
        async move { bot.send_message(ChatId(BOB), "never").await }
    });
    emu.wait_for(WAIT, |e| (e.held() == 1).then_some(()))
        .await
        .unwrap();
    // Its client gone (a 5xx answer would cost it teloxide's 10 s pause).
    never.abort();
    let shared = emu.clone();
    emu.shutdown().await;
    shared
        .wait_for(WAIT, |e| (e.held() == 0).then_some(()))
        .await
        .expect("the hold ends with the emulator");
    assert_eq!(
        shared.bot_messages(BOB).len(),
        1,
        "only the message sent before"
    );
}

#[tokio::test]
async fn a_given_time_source_measures_limits_and_arrivals() {
    let (emu, bot) = setup(EmulatorConfig {
        rate_limits: true,
        limits: RateLimits {
            grace: Duration::ZERO,
            ..RateLimits::default()
        },
        ..EmulatorConfig::default()
    })
    .await;
    let start = std::time::Instant::now();
    let offset = std::sync::Arc::new(std::sync::Mutex::new(Duration::ZERO));
    emu.set_time_source({
        let offset = std::sync::Arc::clone(&offset);
        move || start + *offset.lock().unwrap()
    });
    bot.send_message(ChatId(ALICE), "1").await.unwrap();
    // However long the machine takes, the given time has not moved: a second is not over.
    *offset.lock().unwrap() = Duration::from_millis(999);
    assert!(matches!(
        bot.send_message(ChatId(ALICE), "2").await,
        Err(RequestError::RetryAfter(_))
    ));
    *offset.lock().unwrap() = Duration::from_secs(1);
    bot.send_message(ChatId(ALICE), "2").await.unwrap();
    let arrivals: Vec<Duration> = emu
        .bot_messages(ALICE)
        .iter()
        .map(|m| m.received_at - start)
        .collect();
    assert_eq!(arrivals, [Duration::ZERO, Duration::from_secs(1)]);
    emu.shutdown().await;
}

#[tokio::test]
async fn commands_menu_chat_and_webhook() {
    let (emu, bot) = start().await;
    bot.set_my_commands(vec![
        BotCommand::new("start", "Démarrer"),
        BotCommand::new("aide", "Aide"),
    ])
    .await
    .unwrap();
    bot.set_my_commands(vec![BotCommand::new("help", "Help")])
        .scope(BotCommandScope::Chat {
            chat_id: Recipient::Id(ChatId(BOB)),
        })
        .language_code("en")
        .await
        .unwrap();
    assert_eq!(emu.commands(&default_scope(), None).unwrap().len(), 2);
    let scope = json!({"type": "chat", "chat_id": BOB});
    assert_eq!(
        emu.commands(&scope, Some("en")),
        Some(vec![("help".to_owned(), "Help".to_owned())])
    );
    assert_eq!(emu.commands(&scope, None), None);
    assert_eq!(bot.get_my_commands().await.unwrap()[0].command, "start");
    bot.delete_my_commands().await.unwrap();
    assert_eq!(emu.commands(&default_scope(), None), None);
    let e = api_err(
        bot.set_my_commands(vec![BotCommand::new("Bad-Name", "x")])
            .await,
    );
    assert_eq!(
        e,
        ApiError::Unknown("Bad Request: BOT_COMMAND_INVALID".to_owned())
    );

    bot.set_chat_menu_button()
        .chat_id(ChatId(ALICE))
        .menu_button(MenuButton::Commands)
        .await
        .unwrap();
    assert_eq!(
        emu.menu_button(Some(ALICE)),
        Some(json!({"type": "commands"}))
    );

    let chat = bot.get_chat(ChatId(BOB)).await.unwrap();
    match chat.kind {
        ChatFullInfoKind::Private(p) => assert_eq!(p.last_name.as_deref(), Some("Martin")),
        other => panic!("{other:?}"),
    }

    bot.set_webhook("https://bot.example.org/hook".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(
        emu.webhook_url().as_deref(),
        Some("https://bot.example.org/hook")
    );
    let info = bot.get_webhook_info().await.unwrap();
    assert_eq!(info.url.unwrap().as_str(), "https://bot.example.org/hook");
    // teloxide matches a shorter text than the one Telegram sends, hence `Unknown`.
    let e = api_err(bot.get_updates().await);
    assert!(
        matches!(e, ApiError::Unknown(ref s) if s.starts_with("Conflict: can't use getUpdates")),
        "{e:?}"
    );
    bot.delete_webhook().await.unwrap();
    assert!(bot.get_webhook_info().await.unwrap().url.is_none());
    emu.shutdown().await;
}

#[tokio::test]
async fn recording_has_params_but_no_token() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rec.jsonl");
    let config = EmulatorConfig {
        record_to: Some(path.clone()),
        ..EmulatorConfig::default()
    };
    let (emu, bot) = setup(config).await;
    bot.send_message(ChatId(ALICE), "<b>x</b>")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    bot.send_document(
        ChatId(ALICE),
        InputFile::memory(b"abc".to_vec()).file_name("a.txt"),
    )
    .await
    .unwrap();
    let token = emu.token().to_owned();
    emu.shutdown().await;

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(&token));
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["method"], "sendMessage");
    assert_eq!(lines[0]["params"]["text"], "<b>x</b>");
    assert_eq!(lines[0]["params"]["chat_id"], ALICE);
    assert_eq!(lines[1]["method"], "sendDocument");
    assert_eq!(
        lines[1]["params"]["document"],
        json!({"file_name": "a.txt", "size": 3})
    );
    assert_eq!(lines[1]["params"]["chat_id"], ALICE.to_string());
}
