//! Webhook deliveries: the test plays the bot's webhook endpoint (one or several replicas
//! behind the emulator's load balancer), records every request it receives and answers with
//! the status the test chooses. Nothing sleeps: the test waits on the requests its endpoint
//! receives, or on the emulator's state.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State as AxState;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use tokio::sync::mpsc;

use super::*;

/// One request the endpoint received.
#[derive(Debug, Clone)]
struct Hit {
    /// Which replica received it.
    backend: usize,
    update_id: i64,
    chat: Option<i64>,
    secret: Option<String>,
    host: Option<String>,
    content_type: Option<String>,
    /// Path and query.
    uri: String,
}

/// Chooses the status of each answer, from the request and every request received before.
type Answering = Box<dyn FnMut(&Hit, &[Hit]) -> u16 + Send>;

struct Endpoint {
    answering: Mutex<Answering>,
    received: Mutex<Vec<Hit>>,
    hits: mpsc::UnboundedSender<Hit>,
}

/// The bot's webhook endpoint, as `replicas` servers sharing one log.
struct Receiver {
    addrs: Vec<SocketAddr>,
    endpoint: Arc<Endpoint>,
    hits: mpsc::UnboundedReceiver<Hit>,
}

impl Receiver {
    async fn start(replicas: usize) -> Receiver {
        let (tx, rx) = mpsc::unbounded_channel();
        let endpoint = Arc::new(Endpoint {
            answering: Mutex::new(Box::new(|_, _| 200)),
            received: Mutex::new(Vec::new()),
            hits: tx,
        });
        let mut addrs = Vec::new();
        for backend in 0..replicas {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            addrs.push(listener.local_addr().unwrap());
            let app = axum::Router::new()
                .fallback(receive)
                .with_state((Arc::clone(&endpoint), backend));
            tokio::spawn(async move { axum::serve(listener, app).await });
        }
        Receiver {
            addrs,
            endpoint,
            hits: rx,
        }
    }

    /// A URL of the first replica, for a webhook without backends.
    fn url(&self) -> String {
        format!("http://{}/hook", self.addrs[0])
    }

    fn answer(&self, answering: impl FnMut(&Hit, &[Hit]) -> u16 + Send + 'static) {
        *self.endpoint.answering.lock().unwrap() = Box::new(answering);
    }

    async fn next(&mut self) -> Hit {
        tokio::time::timeout(WAIT, self.hits.recv())
            .await
            .expect("a webhook request in time")
            .expect("the endpoint runs")
    }

    /// Every request received so far (all of them, once the updates are confirmed: a request
    /// is recorded before it is answered).
    fn received(&self) -> Vec<Hit> {
        self.endpoint.received.lock().unwrap().clone()
    }
}

async fn receive(
    AxState((endpoint, backend)): AxState<(Arc<Endpoint>, usize)>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> StatusCode {
    let update: Value = serde_json::from_slice(&body).expect("an update as JSON");
    let header = |name: &str| {
        headers
            .get(name)
            .map(|v| v.to_str().expect("an ASCII header").to_owned())
    };
    let hit = Hit {
        backend,
        update_id: update["update_id"].as_i64().expect("an update_id"),
        chat: update.pointer("/message/chat/id").and_then(Value::as_i64),
        secret: header("x-telegram-bot-api-secret-token"),
        host: header(header::HOST.as_str()),
        content_type: header(header::CONTENT_TYPE.as_str()),
        uri: uri.to_string(),
    };
    let status = {
        let mut received = endpoint.received.lock().unwrap();
        let status = (endpoint.answering.lock().unwrap())(&hit, &received);
        received.push(hit.clone());
        status
    };
    let _ = endpoint.hits.send(hit);
    StatusCode::from_u16(status).unwrap()
}

/// An emulator delivering to `backends` (none: to the webhook URL), retrying quickly.
async fn webhook_emulator(backends: &[SocketAddr]) -> (Emulator, Bot) {
    setup(EmulatorConfig {
        insecure_webhooks: true,
        webhook_backends: backends.to_vec(),
        webhook_retry: Duration::from_millis(20),
        ..EmulatorConfig::default()
    })
    .await
}

async fn set_webhook(emu: &Emulator, params: Value) {
    let (status, body) = raw(emu, "setWebhook", params).await;
    assert_eq!(status, 200, "{body}");
}

async fn webhook_info(emu: &Emulator) -> Value {
    let (status, body) = raw(emu, "getWebhookInfo", json!({})).await;
    assert_eq!(status, 200, "{body}");
    body["result"].clone()
}

#[tokio::test]
async fn deliveries_carry_the_secret_and_take_the_backends_in_turn() {
    let mut receiver = Receiver::start(2).await;
    let (emu, _bot) = webhook_emulator(&receiver.addrs).await;
    set_webhook(
        &emu,
        json!({"url": "https://bot.example.org:8443/tg/hook?replica=any", "secret_token": "s3cr3t_-X"}),
    )
    .await;
    let sent = [
        emu.send_text(ALICE, "one"),
        emu.send_text(BOB, "two"),
        emu.send_text(ALICE, "three"),
        emu.send_text(BOB, "four"),
    ];
    let mut hits = Vec::new();
    for _ in 0..4 {
        hits.push(receiver.next().await);
    }
    emu.wait_no_pending_updates(WAIT).await.unwrap();
    for hit in &hits {
        assert_eq!(hit.secret.as_deref(), Some("s3cr3t_-X"));
        assert_eq!(hit.host.as_deref(), Some("bot.example.org:8443"));
        assert_eq!(hit.uri, "/tg/hook?replica=any");
        assert_eq!(hit.content_type.as_deref(), Some("application/json"));
    }
    let mut ids: Vec<i64> = hits.iter().map(|h| h.update_id).collect();
    ids.sort_unstable();
    assert_eq!(ids, sent);
    let on_first = hits.iter().filter(|h| h.backend == 0).count();
    assert_eq!(on_first, 2, "{hits:?}");
    let stats = emu.stats().webhook;
    assert_eq!((stats.requests, stats.confirmed), (4, 4));
    assert_eq!(stats.answered_ok(), 4);
    assert_eq!(webhook_info(&emu).await["pending_update_count"], 0);
    emu.shutdown().await;
}

#[tokio::test]
async fn a_failed_delivery_is_recorded_and_tried_again() {
    let mut receiver = Receiver::start(1).await;
    receiver.answer(|_, _| 500);
    let (emu, _bot) = webhook_emulator(&[]).await;
    set_webhook(&emu, json!({"url": receiver.url()})).await;
    let update = emu.send_text(ALICE, "hello");
    assert_eq!(receiver.next().await.update_id, update);
    emu.wait_for(WAIT, |e| (e.stats().webhook.failures > 0).then_some(()))
        .await
        .unwrap();
    let info = webhook_info(&emu).await;
    assert_eq!(info["url"], receiver.url());
    assert_eq!(info["pending_update_count"], 1);
    assert_eq!(info["max_connections"], 40);
    assert_eq!(info["has_custom_certificate"], false);
    assert_eq!(
        info["last_error_message"],
        "Wrong response from the webhook: 500 Internal Server Error"
    );
    assert!(info["last_error_date"].as_i64().unwrap() > 0, "{info}");

    receiver.answer(|_, _| 200);
    emu.wait_no_pending_updates(WAIT).await.unwrap();
    let hits = receiver.received();
    assert!(hits.len() >= 2, "{hits:?}");
    assert!(hits.iter().all(|h| h.update_id == update), "{hits:?}");
    let stats = emu.stats().webhook;
    assert_eq!(stats.status(500), hits.len() as u64 - 1);
    assert_eq!(stats.status(200), 1);
    assert_eq!(stats.retries, hits.len() as u64 - 1);
    assert_eq!(stats.confirmed, 1);
    emu.shutdown().await;
}

#[tokio::test]
async fn a_bot_refusing_the_secret_shows_its_401_in_the_stats() {
    let mut receiver = Receiver::start(1).await;
    receiver.answer(|hit, _| {
        if hit.secret.as_deref() == Some("expected") {
            200
        } else {
            401
        }
    });
    let (emu, _bot) = webhook_emulator(&[]).await;
    set_webhook(
        &emu,
        json!({"url": receiver.url(), "secret_token": "forged"}),
    )
    .await;
    emu.send_text(ALICE, "hello");
    assert_eq!(receiver.next().await.secret.as_deref(), Some("forged"));
    emu.wait_for(WAIT, |e| (e.stats().webhook.status(401) > 0).then_some(()))
        .await
        .unwrap();
    assert_eq!(
        webhook_info(&emu).await["last_error_message"],
        "Wrong response from the webhook: 401 Unauthorized"
    );
    // The right secret: the retry is accepted.
    set_webhook(
        &emu,
        json!({"url": receiver.url(), "secret_token": "expected"}),
    )
    .await;
    emu.wait_no_pending_updates(WAIT).await.unwrap();
    assert_eq!(emu.stats().webhook.status(200), 1);
    emu.shutdown().await;
}

/// A webhook that never answers times out; one where nothing listens refuses the connection.
/// Both are the webhook's last error, and the update waits for the next try.
#[tokio::test]
async fn a_silent_or_absent_webhook_is_an_error() {
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_addr = silent.local_addr().unwrap();
    // Accepts, reads nothing, answers nothing, keeps the connections open.
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = silent.accept().await {
            held.push(stream);
        }
    });
    let absent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let absent_addr = absent.local_addr().unwrap();
    drop(absent);
    let (emu, _bot) = setup(EmulatorConfig {
        insecure_webhooks: true,
        webhook_retry: Duration::from_millis(20),
        webhook_timeout: Duration::from_millis(100),
        ..EmulatorConfig::default()
    })
    .await;
    set_webhook(&emu, json!({"url": format!("http://{silent_addr}/hook")})).await;
    emu.send_text(ALICE, "hello");
    emu.wait_for(WAIT, |e| {
        (e.stats().webhook.network_errors > 0).then_some(())
    })
    .await
    .unwrap();
    assert_eq!(
        webhook_info(&emu).await["last_error_message"],
        "Read timeout expired"
    );
    set_webhook(&emu, json!({"url": format!("http://{absent_addr}/hook")})).await;
    emu.wait_for(WAIT, |e| {
        (e.stats().webhook.network_errors > 1).then_some(())
    })
    .await
    .unwrap();
    // The error of the try under way when the URL changed may come last.
    emu.wait_for(WAIT, |e| {
        let info = e.shared().lock().webhook.as_ref()?.last_error.clone()?;
        (info.1 == "Connection refused").then_some(())
    })
    .await
    .unwrap();
    assert_eq!(emu.pending_updates(), 1);
    emu.shutdown().await;
}

#[tokio::test]
async fn refused_deliveries_are_tried_again_without_reaching_the_bot() {
    let receiver = Receiver::start(1).await;
    let (emu, _bot) = webhook_emulator(&[]).await;
    emu.inject_webhook_faults(WebhookFaults {
        refuse: 2,
        ..WebhookFaults::default()
    });
    set_webhook(&emu, json!({"url": receiver.url()})).await;
    let update = emu.send_text(ALICE, "hello");
    emu.wait_no_pending_updates(WAIT).await.unwrap();
    let hits = receiver.received();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].update_id, update);
    let stats = emu.stats().webhook;
    assert_eq!((stats.attempts, stats.refused, stats.failures), (3, 2, 2));
    assert_eq!((stats.retries, stats.requests, stats.confirmed), (2, 1, 1));
    assert_eq!(emu.webhook_faults(), WebhookFaults::default());
    assert_eq!(
        webhook_info(&emu).await["last_error_message"],
        "Connection refused"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn a_lost_answer_makes_the_bot_receive_the_update_twice() {
    let receiver = Receiver::start(2).await;
    let (emu, _bot) = webhook_emulator(&receiver.addrs).await;
    emu.inject_webhook_faults(WebhookFaults {
        lose_answers: 1,
        ..WebhookFaults::default()
    });
    set_webhook(&emu, json!({"url": "https://bot.example.org/hook"})).await;
    let update = emu.send_text(ALICE, "hello");
    emu.wait_no_pending_updates(WAIT).await.unwrap();
    let hits = receiver.received();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits.iter().all(|h| h.update_id == update), "{hits:?}");
    // The retry went to the next replica.
    assert_ne!(hits[0].backend, hits[1].backend);
    let stats = emu.stats().webhook;
    assert_eq!(
        (stats.lost_answers, stats.status(200), stats.confirmed),
        (1, 2, 1)
    );
    assert_eq!(
        webhook_info(&emu).await["last_error_message"],
        "Read timeout expired"
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn a_duplicated_delivery_reaches_two_backends_once_each() {
    let receiver = Receiver::start(2).await;
    let (emu, _bot) = webhook_emulator(&receiver.addrs).await;
    emu.inject_webhook_faults(WebhookFaults {
        duplicates: 1,
        ..WebhookFaults::default()
    });
    set_webhook(&emu, json!({"url": "https://bot.example.org/hook"})).await;
    let update = emu.send_text(ALICE, "hello");
    emu.wait_no_pending_updates(WAIT).await.unwrap();
    let hits = receiver.received();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits.iter().all(|h| h.update_id == update), "{hits:?}");
    let mut backends: Vec<usize> = hits.iter().map(|h| h.backend).collect();
    backends.sort_unstable();
    assert_eq!(backends, [0, 1]);
    let stats = emu.stats().webhook;
    assert_eq!(
        (stats.duplicated, stats.requests, stats.attempts),
        (1, 2, 1)
    );
    assert_eq!(stats.confirmed, 1);
    emu.shutdown().await;
}

/// Alice's first update is refused (500) until all of Bob's have arrived: Bob's go on while
/// Alice's wait, and hers still arrive in order, each once confirmed.
#[tokio::test]
async fn one_chats_updates_arrive_in_order_while_other_chats_go_on() {
    let receiver = Receiver::start(1).await;
    receiver.answer(|hit, before| {
        let bobs = before.iter().filter(|h| h.chat == Some(BOB)).count();
        if hit.chat == Some(ALICE) && bobs < 3 {
            500
        } else {
            200
        }
    });
    let (emu, _bot) = webhook_emulator(&[]).await;
    let alice: Vec<i64> = (0..3)
        .map(|i| emu.send_text(ALICE, &format!("a{i}")))
        .collect();
    let bob: Vec<i64> = (0..3)
        .map(|i| emu.send_text(BOB, &format!("b{i}")))
        .collect();
    set_webhook(&emu, json!({"url": receiver.url()})).await;
    emu.wait_no_pending_updates(WAIT).await.unwrap();
    let hits = receiver.received();
    let of = |chat: i64| -> Vec<i64> {
        hits.iter()
            .filter(|h| h.chat == Some(chat))
            .map(|h| h.update_id)
            .collect()
    };
    assert_eq!(of(BOB), bob);
    let mut seen = of(ALICE);
    assert!(
        seen.len() > 3,
        "Alice's first update was never refused: {seen:?}"
    );
    // The first one, refused then accepted, and only then the others.
    assert!(
        seen[..seen.len() - 2].iter().all(|u| *u == alice[0]),
        "{seen:?}"
    );
    seen.dedup();
    assert_eq!(seen, alice);
    emu.shutdown().await;
}

/// With `max_connections` 1, Bob's update waits while Alice's is refused and tried again.
#[tokio::test]
async fn max_connections_bounds_the_updates_in_delivery() {
    let receiver = Receiver::start(1).await;
    receiver.answer(|hit, before| {
        let tries = before.iter().filter(|h| h.chat == Some(ALICE)).count();
        if hit.chat == Some(ALICE) && tries < 3 {
            500
        } else {
            200
        }
    });
    let (emu, _bot) = webhook_emulator(&[]).await;
    let alice = emu.send_text(ALICE, "first");
    let bob = emu.send_text(BOB, "second");
    set_webhook(&emu, json!({"url": receiver.url(), "max_connections": 1})).await;
    emu.wait_no_pending_updates(WAIT).await.unwrap();
    let ids: Vec<i64> = receiver.received().iter().map(|h| h.update_id).collect();
    assert_eq!(ids, [alice, alice, alice, alice, bob]);
    emu.shutdown().await;
}

#[tokio::test]
async fn get_updates_is_refused_while_a_webhook_is_set() {
    let mut receiver = Receiver::start(1).await;
    receiver.answer(|_, _| 500);
    let (emu, bot) = webhook_emulator(&[]).await;
    set_webhook(&emu, json!({"url": receiver.url()})).await;
    let update = emu.send_text(ALICE, "hello");
    receiver.next().await;
    let e = api_err(bot.get_updates().await);
    assert!(
        matches!(e, ApiError::Unknown(ref s) if s.starts_with("Conflict: can't use getUpdates")),
        "{e:?}"
    );
    bot.delete_webhook().await.unwrap();
    let updates = bot.get_updates().await.unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(i64::from(updates[0].id.0), update);
    emu.shutdown().await;
}

#[tokio::test]
async fn set_webhook_checks_its_parameters_as_telegram_does() {
    let (emu, _bot) = start().await;
    let refused = |params: Value| {
        let emu = emu.clone();
        async move {
            let (status, body) = raw(&emu, "setWebhook", params).await;
            assert_eq!(status, 400, "{body}");
            body["description"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(
        refused(json!({"url": "http://127.0.0.1:1/hook"})).await,
        "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
    );
    assert_eq!(
        refused(json!({"url": "https://bot.example.org/", "secret_token": "with space"})).await,
        "Bad Request: secret token contains unallowed characters"
    );
    assert_eq!(
        refused(json!({"url": "https://bot.example.org/", "secret_token": "x".repeat(257)})).await,
        "Bad Request: secret token is too long"
    );
    assert_eq!(emu.webhook_url(), None);
    set_webhook(
        &emu,
        json!({"url": "https://bot.example.org/", "secret_token": "x".repeat(256),
               "max_connections": 500, "allowed_updates": ["message"]}),
    )
    .await;
    let info = webhook_info(&emu).await;
    assert_eq!(info["max_connections"], 100);
    assert_eq!(info["allowed_updates"], json!(["message"]));
    assert_eq!(info["pending_update_count"], 0);
    emu.shutdown().await;
}

#[tokio::test]
async fn users_in_bulk_write_and_are_written_to() {
    let receiver = Receiver::start(1).await;
    let (emu, bot) = webhook_emulator(&[]).await;
    let ids = emu.add_users(NewUser::new(50_000, "Reader").language("ar"), 2_000);
    assert_eq!(ids, 50_000..52_000);
    set_webhook(&emu, json!({"url": receiver.url()})).await;
    for id in ids.clone().step_by(100) {
        emu.send_text(id, "/start");
    }
    emu.wait_no_pending_updates(WAIT).await.unwrap();
    let hits = receiver.received();
    assert_eq!(hits.len(), 20);
    assert!(hits.iter().all(|h| ids.contains(&h.chat.unwrap())));
    let sent = bot
        .send_message(ChatId(51_999), "مرحبا")
        .await
        .expect("a bulk user's chat exists");
    assert_eq!(sent.chat.id.0, 51_999);
    assert_eq!(emu.bot_messages(51_999).len(), 1);
    emu.shutdown().await;
}
