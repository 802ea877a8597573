//! Webhook mode (`takwin run --webhook-url --webhook-secret`): Telegram posts each update to
//! the bot, which stores it before answering 200 and handles it once, whatever Telegram sends
//! twice; what is not an update, too large, or without the secret is refused and kept
//! nowhere; a replica that drains refuses with 503; an update whose replica died after
//! storing it is taken over; going back to long polling deletes the webhook.

use std::time::Duration;

use serde_json::json;
use takwin::app::WebhookMode;
use takwin::emulator::{EmulatorConfig, WebhookFaults};
use takwin::ops::{self, Ops};
use takwin::store::inbox;
use takwin::telegram::webhook::{HANDLING_CLAIM, MAX_UPDATE_BYTES, WebhookSecret};

use crate::new_workshop::{ORGANISER, organiser_app_with};
use crate::support::Backend;

const SECRET: &str = "journey_secret-42";

/// An update as Telegram would post it: the organiser sends `text`.
fn organiser_says(update_id: i64, text: &str) -> serde_json::Value {
    json!({
        "update_id": update_id,
        "message": {
            "message_id": 90_000 + update_id,
            "date": 1_768_035_600,
            "chat": {"id": ORGANISER, "type": "private", "first_name": "Karim"},
            "from": {"id": ORGANISER, "is_bot": false, "first_name": "Karim", "language_code": "fr"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": text.len()}]
        }
    })
}

/// How many updates the inbox holds, handled or not.
async fn stored(app: &crate::support::TestApp) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM inbox")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

pub async fn updates_come_by_webhook_checked_stored_and_handled_once(backend: Backend) {
    // The webhook's address is known before the emulator starts: it accepts plain http there.
    let listener = ops::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = EmulatorConfig {
        insecure_webhooks: true,
        webhook_retry: Duration::from_millis(50),
        ..EmulatorConfig::default()
    };
    let mut app = organiser_app_with(backend, config).await;
    let mode = WebhookMode {
        url: format!("http://{addr}/telegram").parse().unwrap(),
        secret: WebhookSecret::parse(SECRET).unwrap(),
    };
    let ops = Ops::new(app.state.clone());
    let route = app.start_webhook(&mode, ops.draining()).await.unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = {
        let ops = ops.clone();
        tokio::spawn(async move {
            ops.serve(listener, route, async {
                let _ = stopped.await;
            })
            .await
        })
    };
    assert_eq!(
        app.emulator.webhook_url().as_deref(),
        Some(mode.url.as_str())
    );

    // Telegram delivers to the webhook, with the secret; the organiser is answered.
    let before = app.received(ORGANISER).len();
    app.says(ORGANISER, "/workshops").await;
    assert_eq!(app.received(ORGANISER).len(), before + 1);

    // An answer lost on the way: Telegram sends the update again, and it is handled once.
    app.emulator.inject_webhook_faults(WebhookFaults {
        lose_answers: 1,
        ..WebhookFaults::default()
    });
    let before = app.received(ORGANISER).len();
    app.says(ORGANISER, "/me").await;
    app.emulator
        .wait_no_pending_updates(Duration::from_secs(10))
        .await
        .unwrap();
    let webhook = app.emulator.stats().webhook;
    assert_eq!(webhook.lost_answers, 1, "{webhook:?}");
    assert_eq!(webhook.status(200), webhook.requests, "{webhook:?}");
    assert_eq!(
        app.received(ORGANISER).len(),
        before + 1,
        "the update sent twice was handled once"
    );
    let metrics = takwin::metrics::global().encode();
    assert!(
        metrics.contains("takwin_webhook_requests_total{outcome=\"duplicate\"}"),
        "{metrics}"
    );

    // What is refused is kept nowhere: no secret or a wrong one (401), a body that is not an
    // update (400), one too large (413).
    let http = reqwest::Client::new();
    let post = |body: Vec<u8>, secret: Option<&str>| {
        let mut request = http
            .post(mode.url.as_str())
            .header("content-type", "application/json")
            .body(body);
        if let Some(secret) = secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        async move { request.send().await.unwrap().status().as_u16() }
    };
    let kept = stored(&app).await;
    let update = organiser_says(990_001, "/help").to_string().into_bytes();
    assert_eq!(post(update.clone(), None).await, 401);
    assert_eq!(post(update.clone(), Some("journey_secret-43")).await, 401);
    assert_eq!(post(b"not json".to_vec(), Some(SECRET)).await, 400);
    assert_eq!(post(b"{\"hello\": 1}".to_vec(), Some(SECRET)).await, 400);
    let huge = vec![b' '; MAX_UPDATE_BYTES + 1];
    assert_eq!(post(huge, Some(SECRET)).await, 413);
    assert_eq!(stored(&app).await, kept, "nothing refused was stored");

    // A replica stored an update and died before handling it: once its claim has run out,
    // the sweep of a replica alive takes it over, and the organiser is answered.
    let abandoned = organiser_says(990_002, "/help");
    let claim = inbox::claim(
        &app.state.db,
        990_002,
        &abandoned.to_string(),
        app.now(),
        HANDLING_CLAIM,
    )
    .await
    .unwrap();
    assert_eq!(claim, inbox::Claim::Handle);
    assert_eq!(
        app.take_over_abandoned().await.unwrap(),
        0,
        "its claim still runs"
    );
    app.clock
        .advance(HANDLING_CLAIM + chrono::Duration::seconds(1));
    let before = app.received(ORGANISER).len();
    assert_eq!(app.take_over_abandoned().await.unwrap(), 1);
    app.handled(990_002).await.unwrap();
    assert_eq!(app.received(ORGANISER).len(), before + 1);
    // Telegram sends it again: it was handled, so not again.
    let again = abandoned.to_string().into_bytes();
    assert_eq!(post(again, Some(SECRET)).await, 200);
    assert!(inbox::unhandled(&app.state.db).await.unwrap().is_empty());
    assert_eq!(app.take_over_abandoned().await.unwrap(), 0);

    // Updates arriving together are claimed in one statement: a retry beside its first
    // delivery is handled once, at its first place; claimed again while the claims run,
    // neither is taken.
    let (first, second) = (
        organiser_says(990_010, "/help").to_string(),
        organiser_says(990_011, "/help").to_string(),
    );
    let together = [
        (990_010, first.clone()),
        (990_010, first),
        (990_011, second),
    ];
    let claims = inbox::claim_all(&app.state.db, &together, app.now(), HANDLING_CLAIM)
        .await
        .unwrap();
    use inbox::Claim::{Duplicate, Handle};
    assert_eq!(claims, [Handle, Duplicate, Handle]);
    let again = inbox::claim_all(&app.state.db, &together[1..], app.now(), HANDLING_CLAIM)
        .await
        .unwrap();
    assert_eq!(again, [Duplicate, Duplicate]);
    for id in [990_010, 990_011] {
        inbox::handled(&app.state.db, id, app.now()).await.unwrap();
    }

    // Draining: an update is refused with 503 (Telegram tries again, elsewhere), not stored.
    ops.drain();
    let kept = stored(&app).await;
    let late = organiser_says(990_003, "/help").to_string().into_bytes();
    assert_eq!(post(late, Some(SECRET)).await, 503);
    assert_eq!(stored(&app).await, kept);

    let _ = stop.send(());
    server.await.unwrap().unwrap();

    // Back to long polling: the webhook is deleted, and updates come by getUpdates again.
    app.stop_bot().await;
    app.start_bot().await.unwrap();
    assert_eq!(app.emulator.webhook_url(), None);
    let before = app.received(ORGANISER).len();
    app.says(ORGANISER, "/help").await;
    assert_eq!(app.received(ORGANISER).len(), before + 1);
    app.finish().await;
}
