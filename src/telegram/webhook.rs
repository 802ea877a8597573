//! Webhook mode: Telegram POSTs each update to `--webhook-url`, and every replica behind the
//! load balancer receives some. An update is stored in the inbox before Telegram is answered
//! 200, so one answered is never lost; the replica that stores it first claims its handling
//! (`store::inbox::claim_all`, those arriving together in one statement), so one that
//! Telegram retries (on this replica or, through the balancer, on another) is handled once. A replica that dies between the two leaves its
//! claim to run out; any replica's sweep then takes the update over.
//!
//! Written here rather than with teloxide's own webhook listener, which answers 200 before
//! anything is kept (an update in flight is lost with the process), answers 200 to a body it
//! cannot read, and has no limit on a body's size.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use futures::StreamExt;
use teloxide::stop::{StopToken, mk_stop_token};
use teloxide::types::Update;
use teloxide::update_listeners::{StatefulListener, UpdateListener};
use tokio::sync::mpsc;

use crate::state::AppState;
use crate::store::inbox::{self, Claim, ClaimDesk};

/// The largest body read. Telegram's updates are a few kilobytes (a message is at most 4,096
/// characters with its entities); anything far larger is not one, and is answered 413 before
/// it is read whole.
pub const MAX_UPDATE_BYTES: usize = 256 * 1024;

/// How long a replica has to handle an update it stored before another may take it over.
/// Handlers take milliseconds, a report some seconds: five minutes leaves a wide margin, so
/// a slow handler is never run twice, and an update whose replica died is handled within it.
pub const HANDLING_CLAIM: chrono::Duration = chrono::Duration::minutes(5);

/// How often each replica looks for updates whose replica died before handling them.
pub const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// The header in which Telegram sends the secret given to `setWebhook`.
const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// The secret Telegram sends with every webhook request, as `setWebhook` requires it: 1 to 256
/// of `A-Z a-z 0-9 _ -`. It never shows: neither `Debug` nor a refusal prints it.
#[derive(Clone)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// Reads a secret, saying what is wrong without printing it.
    pub fn parse(input: &str) -> Result<WebhookSecret, String> {
        let secret = input.trim();
        let allowed = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-');
        if secret.is_empty() || secret.len() > 256 || !secret.bytes().all(allowed) {
            return Err(format!(
                "the webhook secret ({} characters, not shown) must be 1 to 256 letters \
                 A-Z a-z, digits, _ or - (Telegram's rule): e.g. `openssl rand -hex 32`",
                secret.chars().count()
            ));
        }
        Ok(WebhookSecret(secret.to_owned()))
    }

    /// The secret, to give to `setWebhook`.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// Whether a request's header carries it. Compared in time that does not depend on where
    /// the first difference is, so that timing the answers does not reveal it byte by byte
    /// (a few lines by hand rather than a crate for one comparison).
    fn matches(&self, given: &[u8]) -> bool {
        let expected = self.0.as_bytes();
        expected.len() == given.len()
            && expected
                .iter()
                .zip(given)
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0
    }
}

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret(…)")
    }
}

/// What the webhook's route holds: where to store updates, and where to hand them on.
#[derive(Clone)]
struct Receiver {
    secret: WebhookSecret,
    updates: mpsc::UnboundedSender<Update>,
    draining: Arc<AtomicBool>,
    /// Stores and claims the updates, those arriving together in one statement.
    claims: ClaimDesk,
}

/// The webhook's route on `path`, and the listener through which the updates it accepts go to
/// the dispatcher. While `draining` is set, updates are refused with 503, which Telegram
/// retries (and the balancer, seeing `/readyz` fail, sends elsewhere).
pub fn receive_on(
    path: &str,
    state: AppState,
    secret: WebhookSecret,
    draining: Arc<AtomicBool>,
) -> (Router, Listener) {
    let (updates, received) = mpsc::unbounded_channel();
    let claims = ClaimDesk::start(state.db.clone(), state.clock.clone(), HANDLING_CLAIM);
    let receiver = Receiver {
        claims,
        secret,
        updates: updates.clone(),
        draining,
    };
    let router = Router::new()
        .route(path, post(receive))
        .layer(DefaultBodyLimit::max(MAX_UPDATE_BYTES))
        .with_state(receiver);
    (router, Listener { received, updates })
}

/// One webhook request: checked, stored and claimed, answered, then handed on.
async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let metrics = crate::metrics::global();
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes());
    if !given.is_some_and(|given| receiver.secret.matches(given)) {
        // The header's value is not logged: a wrong one may be a near miss of the right one.
        tracing::warn!(
            secret_header = given.is_some(),
            "a webhook request without the right secret was refused (401)"
        );
        metrics.webhook_request("unauthorized");
        return StatusCode::UNAUTHORIZED;
    }
    if receiver.draining.load(Ordering::SeqCst) {
        metrics.webhook_request("draining");
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let update = match serde_json::from_slice::<Update>(&body) {
        Ok(update) => update,
        Err(err) => {
            tracing::warn!(bytes = body.len(), error = %err, "a webhook body is not an update (400)");
            metrics.webhook_request("bad_request");
            return StatusCode::BAD_REQUEST;
        }
    };
    let id = i64::from(update.id.0);
    // Stored as received, so that a replay reads exactly what Telegram sent.
    let payload = String::from_utf8_lossy(&body).into_owned();
    match receiver.claims.claim(id, payload).await {
        Ok(Claim::Handle) => {
            metrics.webhook_request("accepted");
            // Stored: if the dispatcher has stopped, another replica's sweep handles it.
            let _ = receiver.updates.send(update);
            StatusCode::OK
        }
        Ok(Claim::Duplicate) => {
            metrics.webhook_request("duplicate");
            StatusCode::OK
        }
        Err(err) => {
            // Not stored: Telegram is told to try again.
            tracing::warn!(update = id, error = %err, "cannot store a webhook update (500)");
            metrics.webhook_request("error");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// The updates accepted on the webhook, for the dispatcher.
pub struct Listener {
    received: mpsc::UnboundedReceiver<Update>,
    updates: mpsc::UnboundedSender<Update>,
}

impl Listener {
    /// Where the sweep hands the updates it takes over.
    pub fn sender(&self) -> mpsc::UnboundedSender<Update> {
        self.updates.clone()
    }

    /// The listener for `Dispatcher::dispatch_with_listener`: the accepted updates, until the
    /// dispatcher asks it to stop.
    pub fn into_update_listener(self) -> impl UpdateListener<Err = Infallible> + Send {
        let (token, flag) = mk_stop_token();
        let stream = futures::stream::unfold(self.received, |mut received| async move {
            received.recv().await.map(|update| (Ok(update), received))
        })
        .take_until(flag)
        .boxed();
        StatefulListener::new((stream, token), first, |(_, token): &mut (_, StopToken)| {
            token.clone()
        })
    }
}

/// The stream half of the listener's state (a named function: a closure cannot say that the
/// borrow it returns lives as long as the one it was given).
fn first<A, B>(pair: &mut (A, B)) -> &mut A {
    &mut pair.0
}

/// Takes over the updates whose replica died before handling them ([`take_over_abandoned`])
/// every [`SWEEP_EVERY`], until the task is aborted (at any point: an update claimed and not
/// yet handed on is taken over again once the claim runs out).
pub async fn sweep(state: AppState, updates: mpsc::UnboundedSender<Update>) {
    loop {
        if let Err(err) = take_over_abandoned(&state, &updates).await {
            tracing::warn!(error = %err, "cannot look for abandoned updates");
        }
        tokio::time::sleep(SWEEP_EVERY).await;
    }
}

/// Claims the updates a replica stored and did not handle before its claim ran out (it died
/// or stalled), and hands them to this replica's dispatcher. Returns how many.
pub async fn take_over_abandoned(
    state: &AppState,
    updates: &mpsc::UnboundedSender<Update>,
) -> anyhow::Result<usize> {
    let taken = inbox::retake_abandoned(&state.db, state.clock.now(), HANDLING_CLAIM, 100).await?;
    if !taken.is_empty() {
        tracing::warn!(
            count = taken.len(),
            "updates stored by a replica that did not handle them; handling them here"
        );
    }
    let count = taken.len();
    for (id, payload) in taken {
        match serde_json::from_str::<Update>(&payload) {
            Ok(update) => {
                let _ = updates.send(update);
            }
            Err(err) => {
                // Written by an older release in a shape this one cannot read: logged, and
                // marked so that it is not taken over again and again.
                tracing::error!(update = id, error = %err, "an abandoned update no longer reads");
                inbox::handled(&state.db, id, state.clock.now()).await?;
            }
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::WebhookSecret;

    #[test]
    fn a_secret_is_checked_compared_and_never_shown() {
        let secret = WebhookSecret::parse("s3cret_-X").unwrap();
        assert!(secret.matches(b"s3cret_-X"));
        assert!(!secret.matches(b"s3cret_-Y"));
        assert!(!secret.matches(b"s3cret"));
        assert!(!secret.matches(b""));
        assert!(!format!("{secret:?}").contains("s3cret"));
        for bad in ["", "with space", "é", &"a".repeat(257), "semi;colon"] {
            let refusal = WebhookSecret::parse(bad).unwrap_err();
            assert!(refusal.contains("webhook secret"), "{refusal}");
            if bad.len() > 3 {
                assert!(!refusal.contains(bad), "{refusal}");
            }
        }
        assert!(WebhookSecret::parse(&"a".repeat(256)).is_ok());
    }
}
